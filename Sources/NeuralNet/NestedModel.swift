import Tensor

/// A Sequential model used as a layer of another, as tutorials wrap a trained model:
/// `Sequential([model, Softmax()])`. It runs the inner model's layers and owns their weights, the
/// same `Weight` objects, so training either model trains both, as in Keras. The summary shows it
/// as one row, `sequential (Sequential)`, with all its parameters. When the inner model's
/// `trainable` is false its weights are frozen (transfer learning).
public final class NestedModel: Layer {
    public let core: LayerCore
    public let model: Sequential

    public init(_ model: Sequential, session: Session) throws {
        self.model = model
        core = try LayerCore(className: "Sequential", name: model.name,
                             inputShape: model.inputShape.map { Array($0.dropFirst()) }, session: session)
        core.alsoTrainable = { [unowned model] in model.trainable }
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        try model.build(inputShape: inputShape)
        guard let output = model.outputShape else {
            throw LayerError.value("The model \"\(model.name)\" has no layers to run.")
        }
        return output
    }

    public func adoptedWeights() -> [Weight] { model.layers.flatMap(\.weights) }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        var y = x
        for layer in model.layers { y = try layer.forward(y, training: training) }
        return y
    }

    /// Back through the inner layers in reverse; the gradients of frozen layers (or of a frozen
    /// model) are nil, so the optimizer leaves those weights alone.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let layers = model.layers
        var g: Tensor? = gradOutput
        for (i, layer) in layers.enumerated().reversed() {
            guard let current = g else { break }
            g = try layer.backward(current, needInputGradient: i > 0 || needInputGradient)
        }
        core.gradients = layers.flatMap { layer -> [Tensor?] in
            trainable && layer.trainable ? layer.core.gradients : layer.weights.map { _ in nil }
        }
        return needInputGradient ? g : nil
    }
}
