import FoveaLang
import NeuralNet
import Tensor

/// A layer seen from the language: `layer.name`, `layer.count_params()`, `layer.get_weights()`...
final class LayerObject: FoveaObject {
    let layer: any Layer
    init(_ layer: any Layer) { self.layer = layer }

    var typeName: String { layer.className }
    var doc: String { LayerClasses.doc(of: layer.className) ?? "A \(layer.className) layer." }

    /// Keras 3's repr: `<Conv2D name=conv2d, built=True>`.
    func repr() -> String { "<\(layer.className) name=\(layer.name), built=\(layer.isBuilt ? "True" : "False")>" }

    var attributeNames: [String] {
        ["built", "count_params", "get_weights", "input_shape", "name", "non_trainable_weights", "output_shape",
         "set_weights", "trainable", "trainable_weights", "weights"]
    }

    func attribute(_ name: String, context: CallContext) throws -> Value? {
        switch name {
        case "name": return .str(layer.name)
        case "trainable": return .bool(layer.trainable)
        case "built": return .bool(layer.isBuilt)
        case "input_shape":
            guard let s = layer.inputShape else { throw unbuilt("input_shape", context) }
            return shapeValue(s)
        case "output_shape":
            guard let s = layer.outputShape else { throw unbuilt("output_shape", context) }
            return shapeValue(s)
        case "weights": return weightList(layer.weights)
        case "trainable_weights": return weightList(layer.trainableWeights)
        case "non_trainable_weights": return weightList(layer.nonTrainableWeights)
        case "count_params":
            return method("count_params", "The number of weights (parameters) of the layer, once it is built.") { [layer] _, ctx in
                .int(try keras(ctx.span) { try layer.countParams() })
            }
        case "get_weights":
            return method("get_weights", "The layer's weights as a list of arrays: for Conv2D the kernel (kh, kw, in, out), then the bias.") { [layer] _, _ in
                .list(ListBox(layer.getWeights().map { .object(TensorObject($0)) }))
            }
        case "set_weights":
            return method("set_weights", "Replace the layer's weights with a list of arrays of the same shapes as get_weights() returns.",
                          parameters: [.required("weights")]) { [layer] args, _ in
                let span = args.span(of: "weights")
                guard let items = KerasArguments.sequence(args["weights"]!) else {
                    throw Diagnostic(.typeError, "set_weights() expects a list of arrays. Received a value of type '\(args["weights"]!.typeName)'", at: span)
                }
                let tensors = try items.map { try TensorObject.tensor(from: $0, argument: "weights", at: span) }
                try keras(span) { try layer.setWeights(tensors) }
                return .none
            }
        default: return nil
        }
    }

    func setAttribute(_ name: String, _ value: Value, context: CallContext) throws -> Bool {
        guard name == "trainable" else { return false }
        layer.trainable = value.isTruthy
        return true
    }

    var isCallable: Bool { true }

    /// `layer(x)`: runs the layer on a batch, building it from the batch's shape if needed.
    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        let (x, training) = try KerasArguments.forwardCall(arguments, name: layer.className, context: context)
        return .object(TensorObject(try keras(context.span) { try layer(x, training: training) }))
    }

    private func unbuilt(_ what: String, _ context: CallContext) -> Diagnostic {
        Diagnostic(.attributeError, "The layer \(layer.name) has never been called and thus has no defined \(what).", at: context.span,
                   notes: ["help: give the first layer input_shape=(28, 28, 1), or add the layer to a model whose input shape is known"])
    }

    private func method(_ name: String, _ doc: String, parameters: [NativeParameter] = [],
                        _ body: @escaping (inout BoundArguments, CallContext) throws -> Value) -> Value {
        .native(NativeFunction(name, doc: doc, parameters: parameters, receiverType: typeName, body: body))
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
