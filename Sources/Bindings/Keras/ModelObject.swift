import FoveaLang
import NeuralNet
import Tensor

/// A Sequential model seen from the language. It keeps one LayerObject per layer, so
/// `model.layers[0] is layer` holds as in Keras.
final class ModelObject: FoveaObject {
    let model: Sequential
    private var wrappers: [ObjectIdentifier: LayerObject] = [:]
    /// The optimizer object `compile` was given (or made from a name), for `model.optimizer`.
    var optimizerObject: OptimizerObject?

    init(_ model: Sequential, layers: [LayerObject]) {
        self.model = model
        for l in layers { wrappers[ObjectIdentifier(l.layer)] = l }
    }

    var typeName: String { "Sequential" }
    var doc: String { ModelObject.classDoc }
    func repr() -> String { "<Sequential name=\(model.name), built=\(model.isBuilt ? "True" : "False")>" }

    static let signature = "Sequential(layers=None, name=None)"
    static let classDoc = """
        Sequential(layers=None, name=None)

        A model that is a plain stack of layers, each feeding the next. Build it from a list, or start \
        empty and call model.add(layer). Give the first layer input_shape=(28, 28, 1) (or add an \
        InputLayer) so every layer knows its input; model.summary() then shows each layer's output shape \
        and parameter count.
        """

    var attributeNames: [String] {
        ["add", "build", "built", "count_params", "get_layer", "input_shape", "layers", "name", "non_trainable_weights",
         "output_shape", "pop", "summary", "trainable", "trainable_weights", "weights"]
            + ModelObject.trainingAttributeNames
    }

    func wrapper(_ layer: any Layer) -> LayerObject {
        if let w = wrappers[ObjectIdentifier(layer)] { return w }
        let w = LayerObject(layer)
        wrappers[ObjectIdentifier(layer)] = w
        return w
    }

    func attribute(_ name: String, context: CallContext) throws -> Value? {
        switch name {
        case "name": return .str(model.name)
        case "built": return .bool(model.isBuilt)
        case "trainable": return .bool(model.trainable)
        case "layers": return .list(ListBox(model.layers.map { .object(wrapper($0)) }))
        case "weights": return weightList(model.weights)
        case "trainable_weights": return weightList(model.trainableWeights)
        case "non_trainable_weights": return weightList(model.nonTrainableWeights)
        case "input_shape":
            guard let s = model.inputShape else { throw unbuilt("input_shape", context) }
            return shapeValue(s)
        case "output_shape":
            guard let s = model.outputShape else { throw unbuilt("output_shape", context) }
            return shapeValue(s)
        case "add":
            return method("add", "add(layer)\n\nAppend a layer to the model. If the layer cannot take the current output (a Conv2D after a Dense, a kernel larger than the image), the model stays exactly as it was.",
                          [.required("layer")]) { [self] args, _ in
                let span = args.span(of: "layer")
                let layer = try layerArgument(args["layer"]!, span: span)
                try keras(span) { try model.add(layer.layer) }
                wrappers[ObjectIdentifier(layer.layer)] = layer
                return .none
            }
        case "pop":
            return method("pop", "pop()\n\nRemove the last layer of the model and return it.") { [self] _, ctx in
                .object(wrapper(try keras(ctx.span) { try model.pop() }))
            }
        case "build":
            return method("build", "build(input_shape)\n\nCreate the weights for inputs of this shape, e.g. (None, 28, 28, 1).",
                          [.optional("input_shape", default: .none)]) { [self] args, ctx in
                guard let shape = try KerasArguments.shape(args, "input_shape") else {
                    throw Diagnostic(.valueError, "build() needs the input shape, such as (None, 28, 28, 1).", at: ctx.span)
                }
                try keras(args.span(of: "input_shape")) { try model.build(inputShape: shape) }
                return .none
            }
        case "count_params":
            return method("count_params", "count_params()\n\nThe number of weights (parameters) of the model.") { [model] _, ctx in
                .int(try keras(ctx.span) { try model.countParams() })
            }
        case "get_layer":
            return method("get_layer", "get_layer(name=None, index=None)\n\nThe layer with this name, or at this position in model.layers.",
                          [.optional("name", default: .none), .optional("index", default: .none)]) { [self] args, ctx in
                if let index = try args.optionalInt("index") {
                    return .object(wrapper(try keras(args.span(of: "index")) { try model.getLayer(index: index) }))
                }
                guard let name = try args.optionalString("name") else {
                    throw Diagnostic(.valueError, "Provide either a layer name or layer index at `get_layer`.", at: ctx.span)
                }
                return .object(wrapper(try keras(args.span(of: "name")) { try model.getLayer(name: name) }))
            }
        case "summary":
            return method("summary", "summary()\n\nShow each layer's name, output shape and number of parameters, then the totals.",
                          [.optional("line_length", default: .none), .optional("positions", default: .none),
                           .optional("print_fn", default: .none), .optional("expand_nested", default: .bool(false)),
                           .optional("show_trainable", default: .bool(false))]) { [model] _, ctx in
                ctx.display(model.summary())
                return .none
            }
        default: return try trainingAttribute(name, context: context)
        }
    }

    func setAttribute(_ name: String, _ value: Value, context: CallContext) throws -> Bool {
        guard name == "trainable" else { return false }
        model.trainable = value.isTruthy
        return true
    }

    var isCallable: Bool { true }

    /// `model(x)`: the forward pass, like predict in one batch.
    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        let (x, training) = try KerasArguments.forwardCall(arguments, name: "Sequential", context: context)
        return .object(TensorObject(try keras(context.span) { try model(x, training: training) }))
    }

    private func layerArgument(_ value: Value, span: Span) throws -> LayerObject {
        guard case .object(let o) = value, let layer = o as? LayerObject else {
            var notes: [String] = []
            if case .type(let t) = value, LayerClasses.entries.contains(where: { $0.name == t.name }) {
                notes.append("help: call the class to make a layer: model.add(\(t.name)(...))")
            }
            throw Diagnostic(.typeError, "The added layer must be an instance of class Layer. Received: layer=\(Repr.repr(value)) (of type \(value.typeName))",
                             at: span, notes: notes)
        }
        return layer
    }

    private func unbuilt(_ what: String, _ context: CallContext) -> Diagnostic {
        Diagnostic(.attributeError, "The model \(model.name) has no \(what) yet: it is not built.", at: context.span,
                   notes: ["help: give the first layer input_shape=(28, 28, 1), or call model.build((None, 28, 28, 1))"])
    }

    private func method(_ name: String, _ doc: String, _ parameters: [NativeParameter] = [],
                        _ body: @escaping (inout BoundArguments, CallContext) throws -> Value) -> Value {
        .native(NativeFunction(name, doc: doc, parameters: parameters, receiverType: typeName, body: body))
    }
}
