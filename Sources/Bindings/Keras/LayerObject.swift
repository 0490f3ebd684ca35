import FoveaLang
import ModelFiles
import NeuralNet
import Tensor

/// A layer seen from the language: `layer.name`, `layer.count_params()`, `layer.get_weights()`...
final class LayerObject: FoveaObject {
    let layer: any Layer
    /// The model this layer stands for, when it is a model used as a layer (`model.layers` then
    /// gives back the model object).
    weak var modelObject: ModelObject?
    init(_ layer: any Layer) { self.layer = layer }

    var typeName: String { layer.className }
    var doc: String { LayerClasses.doc(of: layer.className) ?? "A \(layer.className) layer." }

    /// Keras 3's repr: `<Conv2D name=conv2d, built=True>`.
    func repr() -> String { "<\(layer.className) name=\(layer.name), built=\(layer.isBuilt ? "True" : "False")>" }

    var hostClass: AnyHostClass? { LayerObject.binding }

    static let binding = HostClass<LayerObject>("Layer", module: "keras.layers", doc: "A Keras layer.")
        .property("name", doc: "The layer's name, unique in the session: conv2d, conv2d_1, ...") { l, _ in .str(l.layer.name) }
        .property("trainable", doc: "Whether fit changes the layer's weights; set it to False to freeze them.",
                  get: { l, _ in .bool(l.layer.trainable) }, set: { l, v, _ in l.layer.trainable = v.isTruthy })
        .property("built", doc: "Whether the layer has its weights (its input shape is known).") { l, _ in .bool(l.layer.isBuilt) }
        .property("input_shape", doc: "The shape of the layer's input, batch first as None.") { l, ctx in
            guard let s = l.layer.inputShape else { throw l.unbuilt("input_shape", ctx) }
            return shapeValue(s)
        }
        .property("output_shape", doc: "The shape of the layer's output, batch first as None.") { l, ctx in
            guard let s = l.layer.outputShape else { throw l.unbuilt("output_shape", ctx) }
            return shapeValue(s)
        }
        .property("input", doc: "The KerasTensor the layer was first called on (a list for a merge layer).") { l, ctx in
            guard let inputs = l.layer.symbolicInputs else { throw l.neverCalled("input", ctx) }
            return inputs.count == 1 && !(l.layer is MergeLayer) ? .object(KerasTensorObject(inputs[0]))
                : .list(ListBox(inputs.map { .object(KerasTensorObject($0)) }))
        }
        .property("output", doc: "The KerasTensor the layer's first call made: keras.Model(inputs, layer.output) ends a model there.") { l, ctx in
            guard let output = l.layer.symbolicOutput else { throw l.neverCalled("output", ctx) }
            return .object(KerasTensorObject(output))
        }
        .method("get_config", doc: "The layer's configuration as a dict (Keras's keys: name, trainable, dtype, then the layer's own arguments).") { l, _, ctx in
            ModelSaving.value(.object(try ModelSaving.files(ctx.span) { try LayerConfig.config(of: l.layer) }))
        }
        .property("weights", doc: "The layer's weights as arrays: for Conv2D the kernel, then the bias.") { l, _ in weightList(l.layer.weights) }
        .property("trainable_weights", doc: "The weights fit changes.") { l, _ in weightList(l.layer.trainableWeights) }
        .property("non_trainable_weights", doc: "The weights fit does not change (BatchNormalization's moving statistics).") { l, _ in
            weightList(l.layer.nonTrainableWeights)
        }
        .property("kernel_regularizer", doc: "The regularizer of the kernel (kernel_regularizer=), or None.") { l, _ in
            RegularizerObject.value((l.layer as? RegularizedLayer)?.kernelRegularizer)
        }
        .property("bias_regularizer", doc: "The regularizer of the bias (bias_regularizer=), or None.") { l, _ in
            RegularizerObject.value((l.layer as? RegularizedLayer)?.biasRegularizer)
        }
        .method("count_params", doc: "The number of weights (parameters) of the layer, once it is built.") { l, _, ctx in
            .int(try keras(ctx.span) { try l.layer.countParams() })
        }
        .method("get_weights", doc: "The layer's weights as a list of arrays: for Conv2D the kernel (kh, kw, in, out), then the bias.") { l, _, _ in
            .list(ListBox(l.layer.getWeights().map { .object(TensorObject($0)) }))
        }
        .method("set_weights", [.required("weights")],
                doc: "Replace the layer's weights with a list of arrays of the same shapes as get_weights() returns.") { l, args, _ in
            let (tensors, span) = try KerasArguments.weightList(args)
            try keras(span) { try l.layer.setWeights(tensors) }
            return .none
        }

        .method("adapt", [.required("data")],
                doc: "Normalization only: compute the mean and variance of `data` (an array, a batched tf.data dataset, or a list of batches) "
                    + "over every axis but `axis`, and keep them as the layer's weights.") { l, args, ctx in
            guard let layer = l.layer as? Normalization else {
                throw Diagnostic(.attributeError, "'\(l.layer.className)' object has no attribute 'adapt'", at: ctx.span,
                                 notes: ["help: adapt() computes statistics for keras.layers.Normalization"])
            }
            let data = args["data"] ?? .none, span = args.span(of: "data")
            var batches: () throws -> Tensor?
            if case .list(let list) = data, !list.items.isEmpty, list.items.allSatisfy({ if case .object(let o) = $0 { return o is TensorObject } else { return false } }) {
                var rest = list.items[...]
                batches = { try rest.popFirst().map { try TensorObject.tensor(from: $0, argument: "data", at: span) } }
            } else if let source = try TrainingData.source(data, ctx, argument: "data") {
                try source.startPass(epoch: 1)
                batches = { try source.nextBatch()?.x }
            } else {
                var whole: Tensor? = try TensorObject.tensor(from: data, argument: "data", at: span)
                batches = { defer { whole = nil }; return whole }
            }
            try keras(span) { try layer.adapt(batches) }
            return .none
        }

    var isCallable: Bool { true }

    /// `layer(x)`: runs the layer on a batch, building it from the batch's shape if needed; a
    /// float32 tf tensor, as Keras 3 on the TensorFlow backend returns.
    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        if KerasTensorObject.isSymbolicCall(arguments) {
            return try KerasTensorObject.call(layer, owner: self, arguments, context: context)
        }
        if let merge = layer as? MergeLayer, let first = arguments.first?.value, let items = KerasArguments.sequence(first) {
            let xs = try items.map { try TensorObject.tensor(from: $0, argument: "inputs", at: context.span) }
            return TF.wrap(try keras(context.span) { try merge(xs) })
        }
        let (x, training) = try KerasArguments.forwardCall(arguments, name: layer.className, context: context)
        // Keras 3's augmentation layers augment unless told training=False; the rest infer.
        return TF.wrap(try keras(context.span) { try layer(x, training: training ?? (layer is AugmentationLayer)) })
    }

    /// Keras's error for `layer.output` before the layer was wired into a graph.
    func neverCalled(_ what: String, _ context: CallContext) -> Diagnostic {
        Diagnostic(.attributeError, "The layer \(layer.name) has never been called and thus has no defined \(what).", at: context.span,
                   notes: ["help: call the layer on a KerasTensor first (x = keras.Input(shape=...); y = layer(x)), or add it to a Sequential model whose input shape is known"])
    }

    func unbuilt(_ what: String, _ context: CallContext) -> Diagnostic {
        Diagnostic(.attributeError, "The layer \(layer.name) has never been called and thus has no defined \(what).", at: context.span,
                   notes: ["help: give the first layer input_shape=(28, 28, 1), or add the layer to a model whose input shape is known"])
    }
}

/// `(None, 26, 26, 32)` as a Python tuple.
func shapeValue(_ shape: [Int?]) -> Value {
    .tuple(shape.map { $0.map(Value.int) ?? .none })
}

/// Keras lists weights as variables; Fovea shows each as its array.
func weightList(_ weights: [Weight]) -> Value {
    .list(ListBox(weights.map { .object(TensorObject($0.value)) }))
}
