import FoveaLang
import NeuralNet
import Tensor

/// Python values to the network library's argument types, with TypeErrors that point at the
/// argument and say what was expected.
enum KerasArguments {
    static func intOrTuple(_ args: BoundArguments, _ name: String) throws -> IntOrTuple? {
        guard let v = args[name], !v.isNone else { return nil }
        if let i = v.asInt, !isBool(v) { return IntOrTuple(i) }
        if let items = sequence(v), let ints = ints(items) { return IntOrTuple(ints) }
        throw Diagnostic(.typeError, "\(args.functionName)() argument '\(name)' must be an int or a tuple of ints, such as 3 or (3, 3). Received: \(name)=\(Repr.repr(v))",
                         at: args.span(of: name))
    }

    /// A shape such as `(28, 28, 1)`; `None` stands for a size not known yet.
    static func shape(_ args: BoundArguments, _ name: String) throws -> [Int?]? {
        guard let v = args[name], !v.isNone else { return nil }
        if let i = v.asInt, !isBool(v) { return [i] }
        if let items = sequence(v) {
            var dims: [Int?] = []
            for item in items {
                if item.isNone { dims.append(nil); continue }
                guard let i = item.asInt, !isBool(item) else { dims = []; break }
                dims.append(i)
            }
            if dims.count == items.count { return dims }
        }
        throw Diagnostic(.typeError, "\(args.functionName)() argument '\(name)' must be a tuple of ints such as (28, 28, 1). Received: \(name)=\(Repr.repr(v))",
                         at: args.span(of: name))
    }

    /// An activation name, or None; Keras also accepts its activation functions, which Fovea
    /// names by string.
    static func activation(_ args: BoundArguments, _ name: String = "activation") throws -> String? {
        guard let v = args[name], !v.isNone else { return nil }
        if case .str(let s) = v { return s }
        if case .native(let f) = v, NeuralNet.activationNames.contains(f.name) { return f.name }
        throw Diagnostic(.typeError, "\(args.functionName)() argument '\(name)' must be the name of an activation such as 'relu', or None. Received: \(name)=\(Repr.repr(v))",
                         at: args.span(of: name))
    }

    static func string(_ args: BoundArguments, _ name: String) throws -> String {
        guard let v = args[name], case .str(let s) = v else {
            throw Diagnostic(.typeError, "\(args.functionName)() argument '\(name)' must be a string. Received: \(name)=\(Repr.repr(args[name] ?? .none))",
                             at: args.span(of: name))
        }
        return s
    }

    static func int(_ args: BoundArguments, _ name: String) throws -> Int {
        guard let v = args[name], let i = v.asInt, !isBool(v) else {
            throw Diagnostic(.typeError, "\(args.functionName)() argument '\(name)' must be an int. Received: \(name)=\(Repr.repr(args[name] ?? .none))",
                             at: args.span(of: name))
        }
        return i
    }

    static func optionalDouble(_ args: BoundArguments, _ name: String) throws -> Double? {
        guard let v = args[name], !v.isNone else { return nil }
        return try args.double(name)
    }

    /// An augmentation layer's factor: a number, or a tuple/list of numbers (which the layer
    /// checks, with Keras's ValueError); anything else goes to the layer as an empty factor, so
    /// that the message is Keras's too.
    static func factor(_ args: BoundArguments, _ name: String) -> AugmentationFactor {
        let v = args[name] ?? .none
        let text = Repr.repr(v)
        if !isBool(v), let d = v.asDouble { return AugmentationFactor(values: [d], isSequence: false, text: text) }
        if let items = sequence(v) {
            let numbers = items.compactMap { isBool($0) ? nil : $0.asDouble }
            if numbers.count == items.count { return AugmentationFactor(values: numbers, isSequence: true, text: text) }
        }
        return AugmentationFactor(values: [], isSequence: false, text: text)
    }

    /// An optional factor (RandomZoom's width_factor): nil for None.
    static func optionalFactor(_ args: BoundArguments, _ name: String) -> AugmentationFactor? {
        guard let v = args[name], !v.isNone else { return nil }
        return factor(args, name)
    }

    /// `value_range=(low, high)`.
    static func range(_ args: BoundArguments, _ name: String) throws -> (Double, Double) {
        if let v = args[name], let items = sequence(v), items.count == 2,
           let lo = items[0].asDouble, let hi = items[1].asDouble {
            return (lo, hi)
        }
        throw Diagnostic(.typeError, "\(args.functionName)() argument '\(name)' must be a tuple of two numbers such as (0, 255). Received: \(name)=\(Repr.repr(args[name] ?? .none))",
                         at: args.span(of: name))
    }

    /// set_weights' `weights`: a list of arrays, as tensors, with the argument's span.
    static func weightList(_ args: BoundArguments) throws -> ([Tensor], Span) {
        let span = args.span(of: "weights")
        guard let items = sequence(args["weights"]!) else {
            throw Diagnostic(.typeError, "set_weights() expects a list of arrays. Received a value of type '\(args["weights"]!.typeName)'", at: span)
        }
        return (try items.map { try TensorObject.tensor(from: $0, argument: "weights", at: span) }, span)
    }

    /// The arguments of calling a layer or a model on a batch: `(inputs, training=None)`; nil
    /// when not given, for each layer's own default.
    static func forwardCall(_ arguments: [CallArgument], name: String, context: CallContext) throws -> (Tensor, training: Bool?) {
        let args = try BoundArguments.bind(functionName: name, parameters: [.required("inputs"), .optional("training", default: Value.none)],
                                           arguments: arguments, callSpan: context.span)
        let x = try TensorObject.tensor(from: args["inputs"]!, argument: "inputs", at: args.span(of: "inputs"))
        return (x, args["training"].flatMap { $0.isNone ? nil : $0.isTruthy })
    }

    /// A tuple (or list) of ints such as `(7, 7, 64)`, for Reshape's target_shape and Permute's dims.
    static func intTuple(_ args: BoundArguments, _ name: String, example: String) throws -> [Int] {
        if let v = args[name], let items = sequence(v), let values = ints(items) { return values }
        throw Diagnostic(.typeError, "\(args.functionName)() argument '\(name)' must be a tuple of ints, such as \(example). Received: \(name)=\(Repr.repr(args[name] ?? .none))",
                         at: args.span(of: name))
    }

    /// ZeroPadding2D's padding and Cropping2D's cropping: an int, or a tuple of two ints or of
    /// two pairs; anything else goes to the layer as its repr, for Keras's ValueError.
    static func pairs(_ args: BoundArguments, _ name: String) -> PairsArgument {
        let v = args[name] ?? .none
        if let i = v.asInt, !isBool(v) { return .int(i) }
        if let items = sequence(v) {
            var out: [IntOrTuple] = []
            for item in items {
                if let i = item.asInt, !isBool(item) { out.append(IntOrTuple(i)); continue }
                guard let inner = sequence(item), let values = ints(inner) else { return .other(Repr.repr(v)) }
                out.append(IntOrTuple(values))
            }
            return .items(out)
        }
        return .other(Repr.repr(v))
    }

    static func isBool(_ v: Value) -> Bool { if case .bool = v { return true } else { return false } }

    /// The items of a list or tuple (or of a tf TensorShape, which TF lets stand for a tuple of ints).
    static func sequence(_ v: Value) -> [Value]? {
        switch v {
        case .tuple(let items): return items
        case .list(let box): return box.items
        case .object(let s as TensorShapeObject): return s.dims.map(Value.int)
        default: return nil
        }
    }

    static func ints(_ items: [Value]) -> [Int]? {
        var out: [Int] = []
        for item in items {
            guard let i = item.asInt, !isBool(item) else { return nil }
            out.append(i)
        }
        return out
    }
}

extension LayerError {
    /// The Python exception for this error, pointing at the argument it is about when the
    /// caller wrote it, else at the whole call.
    func diagnostic(_ args: BoundArguments) -> Diagnostic {
        let span = argument.flatMap { args.isGiven($0) ? args.span(of: $0) : nil } ?? args.callSpan
        return diagnostic(at: span)
    }

    func diagnostic(at span: Span) -> Diagnostic {
        Diagnostic(ExceptionClass.named(kind.pythonName), message, at: span, notes: hint.map { ["help: \($0)"] } ?? [])
    }
}

/// Runs a network-library call, turning its errors into located Python exceptions.
func keras<T>(_ span: Span, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as LayerError {
        throw e.diagnostic(at: span)
    } catch let e as MemoryError {
        throw Diagnostic(.memoryError, e.description, at: span,
                         notes: ["help: use fewer filters or units, or pool before Flatten so that Dense layers get fewer inputs"])
    } catch let e as TensorError {
        throw Diagnostic(.valueError, e.message, at: span)
    }
}
