import Tensor

/// A Sequential or functional model used as a layer of another, as tutorials wrap a trained
/// model: `Sequential([model, Softmax()])`, or `model(inputs)` in a functional graph. It runs the inner model's layers and owns their weights, the
/// same `Weight` objects, so training either model trains both, as in Keras. The summary shows it
/// as one row, `sequential (Sequential)`, with all its parameters. When the inner model's
/// `trainable` is false its weights are frozen (transfer learning).
public final class NestedModel: Layer {
    public let core: LayerCore
    public let model: Sequential

    public init(_ model: Sequential, session: Session) throws {
        self.model = model
        core = try LayerCore(className: model.className, name: model.name,
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
        if let graph = model.graph {
            try model.requireSingle(graph, "a nested model")
            return try graph.forward([x], training: training)[0]
        }
        var y = x
        for layer in model.layers { y = try layer.forward(y, training: training) }
        return y
    }

    /// Back through the inner layers in reverse; the gradients of frozen layers (or of a frozen
    /// model) are nil, so the optimizer leaves those weights alone.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let layers = model.layers
        if let graph = model.graph {
            let dx = try graph.backward([gradOutput], inputGradients: needInputGradient)
            core.gradients = layers.flatMap { layer -> [Tensor?] in
                let fresh = layer.core.gradients.count == layer.weights.count
                return trainable && layer.trainable && fresh ? layer.core.gradients : layer.weights.map { _ in nil }
            }
            return needInputGradient ? dx[0] : nil
        }
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
