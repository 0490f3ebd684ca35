import FoveaLang
import NeuralNet
import Tensor

/// A Sequential model seen from the language. It keeps one LayerObject per layer, so
/// `model.layers[0] is layer` holds as in Keras.
final class ModelObject: FoveaObject {
    let model: Sequential
    var wrappers: [ObjectIdentifier: LayerObject] = [:]
    /// The optimizer object `compile` was given (or made from a name), for `model.optimizer`.
    var optimizerObject: OptimizerObject?
    /// `model.stop_training`: a callback sets it to end `fit` after the current epoch.
    var stopTraining = false
    /// The layer this model is when used inside another model.
    private var nested: LayerObject?
    /// How a functional model's outputs were given (one tensor, a list, a dict), which is how
    /// `model(x)` and `predict` give them back.
    var outputStructure = OutputStructure.single

    init(_ model: Sequential, layers: [LayerObject]) {
        self.model = model
        for l in layers { wrappers[ObjectIdentifier(l.layer)] = l }
    }

    var typeName: String { model.className }
    var doc: String { model.graph == nil ? ModelObject.classDoc : FunctionalModels.modelDoc }
    func repr() -> String { "<\(model.className) name=\(model.name), built=\(model.isBuilt ? "True" : "False")>" }

    static let classDoc = """
        A model that is a plain stack of layers, each feeding the next. Build it from a list, or start \
        empty and call model.add(layer). Give the first layer input_shape=(28, 28, 1) (or add an \
        InputLayer) so every layer knows its input; model.summary() then shows each layer's output shape \
        and parameter count.
        """

    var hostClass: AnyHostClass? { ModelObject.binding }

    func wrapper(_ layer: any Layer) -> LayerObject {
        if let w = wrappers[ObjectIdentifier(layer)] { return w }
        let w = LayerObject(layer)
        wrappers[ObjectIdentifier(layer)] = w
        return w
    }

    static let binding: HostClass<ModelObject> = {
        let c = HostClass<ModelObject>("Sequential", module: "keras.models", doc: ModelObject.classDoc)
        c.property("name", doc: "The model's name, unique in the session: sequential, sequential_1, ...") { m, _ in .str(m.model.name) }
        c.property("stop_training", doc: "Set it to True in a callback to end fit after the current epoch.",
                   get: { m, _ in .bool(m.stopTraining) }, set: { m, v, _ in m.stopTraining = v.isTruthy })
        c.property("built", doc: "Whether the model has its weights (its input shape is known).") { m, _ in .bool(m.model.isBuilt) }
        c.property("trainable", doc: "Whether fit changes the model's weights; set it to False to freeze them all.",
                   get: { m, _ in .bool(m.model.trainable) }, set: { m, v, _ in m.model.trainable = v.isTruthy })
        c.property("layers", doc: "The model's layers, in order.") { m, _ in .list(ListBox(m.model.layers.map { m.layerValue($0) })) }
        FunctionalModels.declareGraphProperties(c)
        c.property("weights", doc: "Every weight of the model, layer by layer.") { m, _ in weightList(m.model.weights) }
        c.property("trainable_weights", doc: "The weights fit changes.") { m, _ in weightList(m.model.trainableWeights) }
        c.property("non_trainable_weights", doc: "The weights fit does not change.") { m, _ in weightList(m.model.nonTrainableWeights) }
        c.property("losses", doc: "The regularization penalty of each regularized weight, which fit adds to the loss.") { m, _ in
            .list(ListBox(try m.model.regularizationLosses.map { TF.wrap(try Tensor(shape: Shape([]), floats: [Float($0)])) }))
        }
        c.property("input_shape", doc: "The shape of the model's input, batch first as None.") { m, ctx in
            guard let s = m.model.inputShape else { throw m.unbuilt("input_shape", ctx) }
            return shapeValue(s)
        }
        c.property("output_shape", doc: "The shape of the model's output, batch first as None.") { m, ctx in
            guard let s = m.model.outputShape else { throw m.unbuilt("output_shape", ctx) }
            return shapeValue(s)
        }
        c.method("add", [.required("layer")], doc: "Append a layer to the model. If the layer cannot take the current output (a Conv2D after a Dense, a kernel larger than the image), the model stays exactly as it was.") { m, args, _ in
            let span = args.span(of: "layer")
            let layer = try m.layerArgument(args["layer"]!, span: span)
            try keras(span) { try m.model.add(layer.layer) }
            m.wrappers[ObjectIdentifier(layer.layer)] = layer
            return .none
        }
        c.method("get_weights", doc: "Every layer's weights as a list of arrays, layer by layer (for Conv2D the kernel (kh, kw, in, out), then the bias).") { m, _, _ in
            .list(ListBox(m.model.getWeights().map { .object(TensorObject($0)) }))
        }
        c.method("set_weights", [.required("weights")],
                 doc: "Replace every weight of the model with a list of arrays of the shapes get_weights() returns.") { m, args, _ in
            let (tensors, span) = try KerasArguments.weightList(args)
            try keras(span) { try m.model.setWeights(tensors) }
            return .none
        }
        c.method("pop", doc: "Remove the last layer of the model and return it.") { m, _, ctx in
            .object(m.wrapper(try keras(ctx.span) { try m.model.pop() }))
        }
        c.method("build", [.optional("input_shape", default: .none)], doc: "Create the weights for inputs of this shape, e.g. (None, 28, 28, 1).") { m, args, ctx in
            guard let shape = try KerasArguments.shape(args, "input_shape") else {
                throw Diagnostic(.valueError, "build() needs the input shape, such as (None, 28, 28, 1).", at: ctx.span)
            }
            try keras(args.span(of: "input_shape")) { try m.model.build(inputShape: shape) }
            return .none
        }
        c.method("count_params", doc: "The number of weights (parameters) of the model.") { m, _, ctx in
            .int(try keras(ctx.span) { try m.model.countParams() })
        }
        c.method("get_layer", [.optional("name", default: .none), .optional("index", default: .none)],
                 doc: "The layer with this name, or at this position in model.layers.") { m, args, ctx in
            if let index = try args.optionalInt("index") {
                return m.layerValue(try keras(args.span(of: "index")) { try m.model.getLayer(index: index) })
            }
            guard let name = try args.optionalString("name") else {
                throw Diagnostic(.valueError, "Provide either a layer name or layer index at `get_layer`.", at: ctx.span)
            }
            return m.layerValue(try keras(args.span(of: "name")) { try m.model.getLayer(name: name) })
        }
        c.method("summary", [.unsupported("line_length"), .unsupported("positions"), .unsupported("print_fn"),
                             .optional("expand_nested", default: .bool(false)), .unsupported("show_trainable", default: .bool(false))],
                 doc: "Show each layer's name, output shape and number of parameters, then the totals; expand_nested=True also lists the layers of models used as layers.") { m, args, ctx in
            ctx.display(m.model.summary(expandNested: args.bool("expand_nested")))
            return .none
        }
        ModelObject.declareTraining(c)
        ModelSaving.declare(c)
        return c
    }()

    var isCallable: Bool { true }

    /// `model(x)`: the forward pass, like predict in one batch; a float32 tf tensor, as Keras 3
    /// on the TensorFlow backend returns (predict gives a numpy array).
    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        if KerasTensorObject.isSymbolicCall(arguments) {
            let layer = try asLayer(context.span)
            return try KerasTensorObject.call(layer.layer, owner: layer, arguments, context: context)
        }
        if let graph = model.graph, graph.inputs.count > 1 || graph.outputs.count > 1 {
            return try FunctionalModels.callMany(self, arguments, context: context)
        }
        let (x, training) = try KerasArguments.forwardCall(arguments, name: model.className, context: context)
        return TF.wrap(try keras(context.span) { try model(x, training: training) })
    }

    func layerArgument(_ value: Value, span: Span) throws -> LayerObject {
        if case .object(let inner as ModelObject) = value { return try inner.asLayer(span) }
        if case .object(let t as KerasTensorObject) = value, t.tensor.layer is InputLayer, t.tensor.node.isInput {
            return LayerObject(t.tensor.layer)
        }
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

    /// This model as a layer of another (`Sequential([model, Softmax()])`): one wrapper per
    /// model, so adding it twice is the same layer twice.
    func asLayer(_ span: Span) throws -> LayerObject {
        if let nested { return nested }
        let layer = try keras(span) { try NestedModel(model, session: model.session) }
        nested = LayerObject(layer)
        nested!.modelObject = self
        return nested!
    }

    /// A layer of the model as the language sees it: its object, or the model object for a
    /// model used as a layer.
    func layerValue(_ layer: any Layer) -> Value {
        let w = wrapper(layer)
        if let m = w.modelObject { return .object(m) }
        return .object(w)
    }

    func unbuilt(_ what: String, _ context: CallContext) -> Diagnostic {
        Diagnostic(.attributeError, "The model \(model.name) has no \(what) yet: it is not built.", at: context.span,
                   notes: ["help: give the first layer input_shape=(28, 28, 1), or call model.build((None, 28, 28, 1))"])
    }
}
