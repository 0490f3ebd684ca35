import Tensor

/// What every layer's backward pass shares: the kept state of the training forward pass, its
/// release, and a fused activation's forward and backward.
extension Layer {
    /// Drops what the last training forward pass kept (inputs, im2col columns, masks); the
    /// gradients stay. The fit loop calls it when training ends. A later `backward` throws.
    public func releaseTrainingState() { core.trainingState = nil }

    /// Whether a training forward pass is kept for `backward`.
    public var hasTrainingState: Bool { core.trainingState != nil }

    /// The state a training forward pass kept, or the error that says none was.
    func keptState<State>(_ type: State.Type) throws -> State {
        guard let state = core.trainingState as? State else {
            throw LayerError.value(
                "Layer \"\(name)\" (\(className)) has no training forward pass to differentiate: backward "
                    + "needs the layer called with training=True first (and not released since).",
                hint: "Run forward(x, training: true), or model(x, training=True), before backward.")
        }
        return state
    }
}

/// A training forward pass of a layer without state of its own (Flatten keeps a shape only).
struct StatelessPass {}

/// A fused or standalone activation's kept operand: the output for most activations, the input
/// for swish, silu and gelu (`Activation.backwardNeedsInput`), nothing for linear.
struct ActivationMemo {
    let activation: Activation
    let operand: Tensor?

    /// Applies `activation` to `z`, overwriting it when `inPlace` (a fresh tensor the caller owns),
    /// and returns y and what its backward pass needs.
    static func forward(_ activation: Activation, _ z: Tensor, inPlace: Bool) throws -> (Tensor, ActivationMemo) {
        if activation == .linear { return (z, ActivationMemo(activation: activation, operand: nil)) }
        if activation.backwardNeedsInput {
            let y = try Kernels.activation(activation, z)
            return (y, ActivationMemo(activation: activation, operand: z))
        }
        let y = inPlace ? z : z.copy()
        try Kernels.activationInPlace(activation, y)
        return (y, ActivationMemo(activation: activation, operand: y))
    }

    /// dL/dz from dL/dy.
    func backward(_ gradOutput: Tensor) throws -> Tensor {
        if activation == .linear { return gradOutput }
        let needsInput = activation.backwardNeedsInput
        return try Kernels.activationBackward(activation, input: needsInput ? operand : nil,
                                              output: needsInput ? nil : operand, gradOutput: gradOutput)
    }
}

extension Sequential {
    /// The backward pass of the last `model(x, training: true)`, given dL/dy of the model's
    /// output: runs the layers in reverse, leaving dL/dw in each layer's `core.gradients`. A layer
    /// computes its input gradient only when a layer before it has trainable weights
    /// (`needsInputGradient`); the first layer never does, and the pass stops there.
    public func backward(_ gradOutput: Tensor) throws {
        if let graph { _ = try graph.backward([gradOutput]); return }
        var gradient = gradOutput
        let needs = needsInputGradient
        for (i, layer) in layers.enumerated().reversed() {
            guard let next = try layer.backward(gradient, needInputGradient: needs[i]) else { break }
            gradient = next
        }
    }

    /// For each layer, whether its backward pass must compute dL/dx: only when some layer before
    /// it has trainable weights. Layers without weights at the front of a model (augmentation,
    /// Rescaling) are then never asked for a gradient nobody uses.
    public var needsInputGradient: [Bool] {
        var out: [Bool] = []
        var trainableBefore = false
        for layer in layers {
            out.append(trainableBefore)
            if !layer.trainableWeights.isEmpty { trainableBefore = true }
        }
        return out
    }

    /// Drops every layer's kept training state (`Layer.releaseTrainingState`).
    public func releaseTrainingState() {
        graph?.releaseTrainingState()
        for layer in layers { layer.releaseTrainingState() }
    }

    /// The weights training updates, each with its gradient from the last `backward`, layer by
    /// layer (Keras's `trainable_weights` order). A weight without a gradient yet is left out.
    public var trainableGradients: [(weight: Weight, gradient: Tensor)] {
        guard trainable else { return [] }
        var out: [(weight: Weight, gradient: Tensor)] = []
        for layer in layers where layer.trainable {
            for (i, w) in layer.weights.enumerated() where w.isTrainableVariable {
                if i < layer.core.gradients.count, let g = layer.core.gradients[i] { out.append((w, g)) }
            }
        }
        return out
    }
}
