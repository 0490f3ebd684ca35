import FoveaLang
import NeuralNet
import Tensor

/// How a functional model's outputs were given: `model(x)` and `predict` return them the same way.
enum OutputStructure {
    case single
    case list
    case dict([String])
}

/// `keras.Model(inputs, outputs, name=None)`, a model's `inputs`/`outputs`, and running a
/// model with several inputs or outputs.
enum FunctionalModels {
    static let modelDoc = """
        A functional model: the layers between keras.Input tensors and the outputs computed from them. \
        x = keras.Input(shape=(28, 28, 1)); y = Dense(10)(Flatten()(x)); model = keras.Model(x, y). \
        It compiles, fits, evaluates and predicts like a Sequential model; with several outputs, predict \
        gives one array per output.
        """

    /// `keras.Model(...)`: a functional model; isinstance(m, keras.Model) holds for every model.
    static func modelType(_ st: KerasState) -> TypeValue {
        let constructor = NativeFunction("Model", doc: modelDoc,
                                         parameters: [.optional("inputs", default: Value.none), .optional("outputs", default: Value.none),
                                                      .optional("name", default: Value.none), .keywordOnly("trainable", default: .bool(true))]) { args, ctx in
            guard !(args["inputs"] ?? .none).isNone, !(args["outputs"] ?? .none).isNone else {
                throw Diagnostic(.notImplementedError, "Fovea makes functional models: keras.Model(inputs=..., outputs=...). "
                                 + "Subclassing keras.Model (a call method of your own) is not supported yet.", at: ctx.span,
                                 notes: ["help: x = keras.Input(shape=(28, 28, 1)); y = keras.layers.Dense(10)(keras.layers.Flatten()(x)); model = keras.Model(x, y)"])
            }
            let (inputs, _) = try tensors(args["inputs"]!, "inputs", args.span(of: "inputs"))
            let (outputs, structure) = try tensors(args["outputs"]!, "outputs", args.span(of: "outputs"))
            let model = try keras(args.span(of: "outputs")) {
                try Sequential(graph: LayerGraph(inputs: inputs, outputs: outputs), name: args.optionalString("name"), session: st.nn)
            }
            model.trainable = args.bool("trainable")
            let owners = model.graph!.nodes.compactMap { $0.owner as? LayerObject }
            let object = ModelObject(model, layers: owners)
            object.outputStructure = structure
            return .object(object)
        }
        return TypeValue("Model", module: "keras.models", doc: modelDoc, constructor: constructor) { $0.hostObject is ModelObject }
    }

    /// The KerasTensors of `inputs=`/`outputs=`: one, a list or tuple, or a dict (by its values).
    static func tensors(_ value: Value, _ argument: String, _ span: Span) throws -> ([SymbolicTensor], OutputStructure) {
        if let (tensors, asList) = KerasTensorObject.placeholders(value) {
            // Keras keeps a one-item list of outputs as that one output.
            return (tensors, asList && tensors.count > 1 ? .list : .single)
        }
        if case .dict(let d) = value {
            var out: [SymbolicTensor] = [], keys: [String] = []
            for (k, v) in d.entries {
                guard case .object(let t as KerasTensorObject) = v else { throw notATensor(v, argument, span) }
                out.append(t.tensor); keys.append(Repr.str(k))
            }
            return (out, .dict(keys))
        }
        throw notATensor(value, argument, span)
    }

    private static func notATensor(_ v: Value, _ argument: String, _ span: Span) -> Diagnostic {
        Diagnostic(.valueError, "All `\(argument)` values must be KerasTensors. Received: \(argument)=\(Repr.repr(v)) (of type \(v.typeName))",
                   at: span, notes: ["help: \(argument) come from keras.Input(shape=...) and from calling layers on it: y = Dense(10)(x)"])
    }

    /// model.inputs, model.outputs, model.input, model.output.
    static func declareGraphProperties(_ c: HostClass<ModelObject>) {
        func list(_ ts: [SymbolicTensor]) -> Value { .list(ListBox(ts.map { .object(KerasTensorObject($0)) })) }
        c.property("inputs", doc: "The model's input KerasTensors, as a list.") { m, ctx in
            let ts = m.model.symbolicInputs
            guard !ts.isEmpty else { throw m.unbuilt("inputs", ctx) }
            return list(ts)
        }
        c.property("outputs", doc: "The model's output KerasTensors, as a list.") { m, ctx in
            let ts = m.model.symbolicOutputs
            guard !ts.isEmpty else { throw m.unbuilt("outputs", ctx) }
            return list(ts)
        }
        c.property("input", doc: "The model's input KerasTensor (a list when it has several).") { m, ctx in
            let ts = m.model.symbolicInputs
            guard !ts.isEmpty else { throw m.unbuilt("input", ctx) }
            return ts.count == 1 ? .object(KerasTensorObject(ts[0])) : list(ts)
        }
        c.property("output", doc: "The model's output KerasTensor (a list when it has several).") { m, ctx in
            let ts = m.model.symbolicOutputs
            guard !ts.isEmpty else { throw m.unbuilt("output", ctx) }
            return ts.count == 1 ? .object(KerasTensorObject(ts[0])) : list(ts)
        }
    }

    /// The arrays given for a model's inputs: one per keras.Input, as a list, tuple or dict by name.
    static func inputArrays(_ m: ModelObject, _ value: Value, _ span: Span) throws -> [Tensor] {
        let inputs = m.model.symbolicInputs
        if case .dict(let d) = value {
            return try inputs.map { t in
                guard let v = d.get(.str(t.layer.name)) ?? d.get(.str(t.name)) else {
                    throw Diagnostic(.valueError, "Missing data for input \"\(t.layer.name)\". You passed a data dictionary with keys "
                                     + "\(d.keys.map { Repr.repr($0) }). Expected the following keys: \(inputs.map { "'\($0.layer.name)'" })",
                                     at: span)
                }
                return try TensorObject.tensor(from: v, argument: "x", at: span)
            }
        }
        if inputs.count > 1 {
            guard let items = KerasArguments.sequence(value), items.count == inputs.count else {
                throw Diagnostic(.valueError, "The model \"\(m.model.name)\" has \(inputs.count) inputs; pass a list of \(inputs.count) arrays, "
                                 + "one per keras.Input, in the order of model.inputs. Received: \(Repr.repr(value))", at: span)
            }
            return try items.map { try TensorObject.tensor(from: $0, argument: "x", at: span) }
        }
        return [try TensorObject.tensor(from: value, argument: "x", at: span)]
    }

    /// The model's outputs in the structure its outputs were given in.
    static func structured(_ m: ModelObject, _ ys: [Tensor], wrap: (Tensor) -> Value) -> Value {
        switch m.outputStructure {
        case .single where ys.count == 1: return wrap(ys[0])
        case .dict(let keys):
            let d = DictBox()
            for (k, y) in zip(keys, ys) { d.set(.str(k), .str(k), wrap(y)) }
            return .dict(d)
        default: return .list(ListBox(ys.map(wrap)))
        }
    }

    /// `model([a, b])` for a model with several inputs or outputs.
    static func callMany(_ m: ModelObject, _ arguments: [CallArgument], context: CallContext) throws -> Value {
        let args = try BoundArguments.bind(functionName: m.model.className, parameters: [.required("inputs"), .optional("training", default: Value.none)],
                                           arguments: arguments, callSpan: context.span)
        let xs = try inputArrays(m, args["inputs"]!, args.span(of: "inputs"))
        let training = args["training"].flatMap { $0.isNone ? nil : $0.isTruthy }
        let ys = try keras(context.span) { try m.model.callAll(xs, training: training) }
        return structured(m, ys, wrap: TF.wrap)
    }
}
