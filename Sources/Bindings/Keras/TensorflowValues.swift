import FoveaLang
import Tensor

/// Python values to tf tensors as TensorFlow 2's eager mode converts them, and TensorFlow's
/// errors. TF infers int32 for Python ints (int64 when one does not fit), float32 for Python
/// floats and bool for bools; numpy arrays and tf tensors keep their dtype. A requested dtype
/// converts only what TF's `IsCompatible` allows: integers to any integer or float type, floats
/// to floats, bool to bool; anything else is TF's TypeError. TF never promotes between tensor
/// dtypes: an operation on two dtypes is an InvalidArgumentError naming the op.
enum TF {
    // tf.errors: OpError and the subclasses Fovea raises.
    static let opError = ExceptionClass("OpError", base: .exception)
    static let invalidArgumentError = ExceptionClass("InvalidArgumentError", base: opError)
    static let notFoundError = ExceptionClass("NotFoundError", base: opError)

    /// A tf tensor value.
    static func wrap(_ t: Tensor) -> Value { .object(EagerTensorObject(t)) }

    /// TensorFlow's own name for a dtype in kernel messages (`DataTypeString`): float, double, int32, ...
    static func kernelName(_ d: DType) -> String {
        switch d {
        case .float32: return "float"
        case .float64: return "double"
        default: return d.rawValue
        }
    }

    /// `tf.float32` as TF writes a dtype in Python messages.
    static func dtypeRepr(_ d: DType) -> String { "tf." + d.rawValue }

    /// What an eager op error says after its message: `[Op:AddV2] name: ` (the name is empty for
    /// operators and `tf.add`, the op's default name for `tf.concat` and the like).
    static func opSuffix(_ op: String, _ name: String) -> String { " [Op:\(op)] name: \(name)" }

    /// An error a kernel raises while running (shapes, indices, division by zero): TF 2.21 prefixes
    /// it with the function it wrapped the op in.
    static func kernelError(_ op: String, _ message: String, name: String = "", wrapped: String? = nil, at span: Span) -> Diagnostic {
        let prefix = "{{function_node __wrapped__\(wrapped ?? op)_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
        return Diagnostic(invalidArgumentError, prefix + message + opSuffix(op, name), at: span)
    }

    /// Two inputs of one type attribute with different dtypes (checked before the op runs).
    static func dtypeMismatch(_ op: String, index: Int, expected: DType, got: DType, name: String = "", at span: Span) -> Diagnostic {
        Diagnostic(invalidArgumentError, "cannot compute \(op) as input #\(index)(zero-based) was expected to be a \(kernelName(expected)) tensor but is a \(kernelName(got)) tensor" + opSuffix(op, name), at: span)
    }

    /// `Incompatible shapes: [2] vs. [3]` unless the shapes broadcast.
    static func broadcastShape(_ op: String, _ a: Tensor, _ b: Tensor, name: String = "", at span: Span) throws -> Shape {
        do { return try Tensor.broadcastShape(a.shape, b.shape) } catch {
            throw kernelError(op, "Incompatible shapes: \(dims(a.shape)) vs. \(dims(b.shape))", name: name, at: span)
        }
    }

    /// A shape as TF's C++ writes it: `[2,3]`.
    static func dims(_ s: Shape) -> String { "[" + s.dims.map(String.init).joined(separator: ",") + "]" }

    /// TensorFlow's `IsCompatible(desired, actual)`: which dtype conversions a requested dtype allows.
    static func compatible(_ desired: DType, _ actual: DType) -> Bool {
        if desired == actual { return true }
        if desired.isFloat { return actual != .bool }
        if desired != .bool { return actual != .bool && !actual.isFloat }
        return false
    }

    /// The tensor inside a tf tensor, a tf.Variable (its current value, copied) or a numpy array.
    static func tensorValue(_ v: Value) -> Tensor? {
        guard case .object(let o) = v, let t = o as? TensorObject else { return nil }
        return t.read()
    }

    static func isTFTensor(_ v: Value) -> Bool {
        if case .object(let o) = v, o is EagerTensorObject { return true }
        return false
    }

    /// `tf.convert_to_tensor(value, dtype)`: a tf tensor stays itself (another requested dtype is
    /// TF's ValueError); numpy arrays are copied; Python numbers and nested lists are inferred.
    /// With `hint` (dtype_hint), the hinted type is tried first, then the inferred one.
    static func convert(_ v: Value, dtype: DType? = nil, hint: DType? = nil, at span: Span) throws -> Tensor {
        if case .object(let o) = v, let t = o as? EagerTensorObject {
            let value = t.read()
            if let dtype, dtype != value.dtype {
                throw Diagnostic(.valueError, "Tensor conversion requested dtype \(dtype.rawValue) for Tensor with dtype \(value.dtype.rawValue): \(t.repr())", at: span)
            }
            return value
        }
        if let hint, dtype == nil, let t = try? constant(v, dtype: hint, at: span) { return t }
        return try constant(v, dtype: dtype, at: span)
    }

    /// `tf.constant(value, dtype)`'s conversion (without its `shape=`).
    static func constant(_ v: Value, dtype: DType?, at span: Span) throws -> Tensor {
        if case .object(let o) = v, let t = o as? TensorObject {
            let value = TF.tensorValue(v)!
            if let dtype, dtype != value.dtype {
                if t is EagerTensorObject {
                    throw Diagnostic(.typeError, "Expected tensor \(t.str()) with dtype \(dtypeRepr(dtype)), but got dtype \(dtypeRepr(value.dtype)).", at: span)
                }
                guard compatible(dtype, value.dtype) else { throw cannotConvert(v, dtype, at: span) }
                return value.converted(to: dtype)
            }
            return t is EagerTensorObject ? value : value.copy()
        }
        let inferred = try infer(v, at: span)
        let target = dtype ?? inferred
        if target != inferred && ((inferred.isFloat && !target.isFloat) || target == .bool) { throw cannotConvert(v, target, at: span) }
        let values: Tensor
        do {
            values = try ArrayValues.array(v, dtype: target.isFloat ? .float64 : target == .bool ? .bool : .int64, argument: "value", at: span)
        } catch let d as Diagnostic where d.kind === ExceptionClass.valueError {
            throw Diagnostic(.valueError, "Can't convert non-rectangular Python sequence to Tensor.", at: span)
        }
        if let range = target.integerRange, target != .bool,
           (0..<values.count).contains(where: { !range.contains(values.integer(at: $0)) }) {
            throw cannotConvert(v, target, at: span)
        }
        return values.converted(to: target)
    }

    static func cannotConvert(_ v: Value, _ dtype: DType, at span: Span) -> Diagnostic {
        Diagnostic(.typeError, "Cannot convert \(Repr.repr(v)) to EagerTensor of dtype \(dtype.rawValue)", at: span)
    }

    /// TF's dtype for Python data: any float → float32, else ints → int32 (int64 past int32's
    /// range), else bools → bool; arrays and tensors inside the lists bring their dtype.
    static func infer(_ v: Value, at span: Span) throws -> DType {
        var hasFloat = false, hasInt = false, hasBool = false, wide = false
        var inner: DType? = nil
        func walk(_ v: Value, _ depth: Int) throws {
            switch v {
            case .bool: hasBool = true
            case .int(let i): hasInt = true; if Int32(exactly: i) == nil { wide = true }
            case .float: hasFloat = true
            case .list, .tuple:
                guard depth < 32 else { return }
                for item in KerasArguments.sequence(v)! { try walk(item, depth + 1) }
            case .object(let o) where o is TensorObject:
                let d = TF.tensorValue(v)!.dtype
                inner = inner.map { DType.promoted($0, d) } ?? d
            default:
                throw Diagnostic(.valueError, "Attempt to convert a value (\(Repr.repr(v))) with an unsupported type (<class '\(v.typeName)'>) to a Tensor.",
                                 at: span, notes: ["help: tf tensors are made from numbers, nested lists of numbers, numpy arrays and tf tensors"])
            }
        }
        try walk(v, 0)
        if let inner { return hasFloat && !inner.isFloat ? .float32 : inner }
        if hasFloat { return .float32 }
        if hasInt { return wide ? .int64 : .int32 }
        return hasBool ? .bool : .float32
    }

    /// The inputs of an op whose inputs share one dtype (`args_to_matching_eager`): the first tf
    /// tensor fixes the dtype and the other values are converted to it (TF's TypeError when they
    /// cannot be); without a tensor, the first value's inferred dtype does. A tensor of another
    /// dtype is the op's InvalidArgumentError.
    static func matching(_ values: [Value], op: String, name: String = "", at spans: [Span]) throws -> [Tensor] {
        let first = values.firstIndex(where: isTFTensor)
        var dtype: DType? = first.map { tensorValue(values[$0])!.dtype }
        var out: [Tensor] = []
        for (i, v) in values.enumerated() {
            let t: Tensor
            if isTFTensor(v) {
                t = tensorValue(v)!
                if let d = dtype, t.dtype != d { throw dtypeMismatch(op, index: i, expected: d, got: t.dtype, name: name, at: spans[i]) }
            } else {
                t = try constant(v, dtype: dtype, at: spans[i])
            }
            dtype = dtype ?? t.dtype
            out.append(t)
        }
        return out
    }

    /// A shape argument: an int, a list or tuple of ints, a TensorShape or a 1-D integer tensor.
    static func shape(_ v: Value, argument: String, at span: Span) throws -> [Int] {
        if case .object(let o) = v, let t = o as? TensorObject, !(o is TensorShapeObject) {
            let value = tensorValue(v)!
            if value.shape.rank <= 1 && value.dtype.isInteger && value.dtype != .bool {
                return (0..<value.count).map { Int(value.integer(at: $0)) }
            }
            throw Diagnostic(.typeError, "\(argument) must be a list or tuple of ints, a TensorShape or a 1-D int32 tensor. Received: \(t.repr())", at: span)
        }
        if let items = KerasArguments.sequence(v), let ints = KerasArguments.ints(items) { return ints }
        if case .int(let i) = v { return [i] }
        throw Diagnostic(.typeError, "\(argument) must be a list or tuple of ints, such as [2, 3], a TensorShape or a 1-D int32 tensor. Received: \(Repr.repr(v))", at: span)
    }

    /// An optional `dtype=` argument: tf.float32, np.float32, 'float32', ...
    static func dtype(_ args: BoundArguments, _ name: String = "dtype") throws -> DType? {
        guard let v = args[name], !v.isNone else { return nil }
        return try ArrayValues.dtype(v, argument: name, at: args.span(of: name))
    }

    /// `axis=`: None, an int, or (for reductions) a list or tuple of ints.
    static func axes(_ args: BoundArguments, _ name: String = "axis", many: Bool) throws -> [Int]? {
        guard let v = args[name], !v.isNone else { return nil }
        if case .int(let i) = v { return [i] }
        if many, let items = KerasArguments.sequence(v), let ints = KerasArguments.ints(items) { return ints }
        if case .object = v, let t = tensorValue(v), t.dtype.isInteger, t.dtype != .bool, t.shape.rank <= (many ? 1 : 0) {
            return (0..<t.count).map { Int(t.integer(at: $0)) }
        }
        throw Diagnostic(.typeError, "\(args.functionName)() argument '\(name)' must be an int\(many ? " or a list of ints" : ""), or None. Received: \(name)=\(Repr.repr(v))",
                         at: args.span(of: name))
    }
}
