import Tensor

/// Running a functional graph: the forward pass node by node, and the backward pass in reverse,
/// summing the gradients of a tensor that feeds several layers and of a layer used several times.
extension LayerGraph {
    /// The outputs for one batch of each input. `training` nil: each layer in its own default
    /// mode (augmentation layers augment), as a plain `model(x)` in Keras 3. In training, each
    /// node's kept state is stored per node, so a layer used twice can go back through both calls.
    public func forward(_ values: [Tensor], training: Bool?) throws -> [Tensor] {
        guard values.count == inputs.count else {
            throw LayerError.value(
                "The model expects \(inputs.count) input\(inputs.count == 1 ? "" : "s"), but it received \(values.count) "
                    + "input tensor\(values.count == 1 ? "" : "s").",
                argument: "x", hint: inputs.count > 1 ? "Pass a list with one array per keras.Input, in the order of model.inputs." : nil)
        }
        var slots: [ObjectIdentifier: Tensor] = [:]
        for (t, v) in zip(inputs, values) { slots[ObjectIdentifier(t)] = v }
        // In inference a tensor is dropped after its last use; training keeps them for backward.
        keptStates = Array(repeating: nil, count: steps.count)
        for (i, (node, output)) in steps.enumerated() where !node.isInput {
            let xs = try node.inputs.map { t -> Tensor in
                guard let v = slots[ObjectIdentifier(t)] else {
                    throw LayerError.value("Graph disconnected: no value for tensor \(t.name) at layer \"\(node.layer.name)\".")
                }
                return v
            }
            let layer = node.layer
            let train = training ?? (layer is AugmentationLayer)
            let y: Tensor
            if let merge = layer as? MergeLayer {
                y = try merge.forward(xs, training: train)
            } else if training == nil, let nested = layer as? NestedModel {
                y = try nested.model(xs[0], training: nil)
            } else {
                y = try layer.forward(xs[0], training: train)
            }
            if train { keptStates[i] = layer.core.trainingState }
            slots[ObjectIdentifier(output)] = y
            if training != true {
                for t in node.inputs where lastUse[ObjectIdentifier(t)] == i { slots[ObjectIdentifier(t)] = nil }
            }
        }
        return try outputs.map { t in
            guard let v = slots[ObjectIdentifier(t)] else {
                throw LayerError.value("Graph disconnected: no value for output \(t.name).")
            }
            return v
        }
    }

    /// For each node, whether its backward pass must compute dL/dx: only when a layer before it
    /// has trainable weights.
    func needsInputGradient(forInputs: Bool) -> [Bool] {
        var trainableBefore: [ObjectIdentifier: Bool] = [:]
        if forInputs { for t in inputs { trainableBefore[ObjectIdentifier(t)] = true } }
        return steps.map { node, output in
            if node.isInput { return false }
            let need = node.inputs.contains { trainableBefore[ObjectIdentifier($0)] == true }
            trainableBefore[ObjectIdentifier(output)] = need || !node.layer.trainableWeights.isEmpty
            return need
        }
    }

    /// The backward pass of the last training forward pass, given dL/dy for each output (nil for
    /// an output the loss does not use): leaves dL/dw in each layer's `core.gradients`, summed
    /// over the layer's calls. With `inputGradients`, returns dL/dx for each input (nil where
    /// none flows); otherwise the pass stops where nothing before has weights to train.
    @discardableResult
    public func backward(_ gradOutputs: [Tensor?], inputGradients: Bool = false) throws -> [Tensor?] {
        var grads: [ObjectIdentifier: Tensor] = [:]
        for (t, g) in zip(outputs, gradOutputs) { if let g { try accumulate(&grads, t, g) } }
        let needs = needsInputGradient(forInputs: inputGradients)
        var layerGradients: [ObjectIdentifier: [Tensor?]] = [:]
        let uses = Dictionary(steps.map { (ObjectIdentifier($0.node.layer), 1) }, uniquingKeysWith: +)
        for (i, (node, output)) in steps.enumerated().reversed() where !node.isInput {
            guard let g = grads.removeValue(forKey: ObjectIdentifier(output)) else { continue }
            let layer = node.layer
            if keptStates.indices.contains(i), let state = keptStates[i] { layer.core.trainingState = state }
            let dxs: [Tensor]
            if let merge = layer as? MergeLayer {
                dxs = needs[i] ? try merge.backwardMerged(g) : []
                layer.core.gradients = []
            } else {
                dxs = try layer.backward(g, needInputGradient: needs[i]).map { [$0] } ?? []
            }
            let id = ObjectIdentifier(layer)
            if uses[id, default: 1] > 1 {
                let mine = layer.core.gradients.map { $0?.copy() }
                if let earlier = layerGradients[id] {
                    layerGradients[id] = try zip(earlier, mine).map { a, b in try sum(a, b) }
                } else {
                    layerGradients[id] = mine
                }
            }
            for (t, dx) in zip(node.inputs, dxs) { try accumulate(&grads, t, dx) }
        }
        for layer in layers {
            if let summed = layerGradients[ObjectIdentifier(layer)] { layer.core.gradients = summed }
        }
        return inputs.map { grads[ObjectIdentifier($0)] }
    }

    /// Drops every layer's kept training state and the per-node copies.
    public func releaseTrainingState() {
        keptStates = []
        for layer in layers { layer.releaseTrainingState() }
    }

    private func accumulate(_ grads: inout [ObjectIdentifier: Tensor], _ t: SymbolicTensor, _ g: Tensor) throws {
        let id = ObjectIdentifier(t)
        grads[id] = try grads[id].map { try sum($0, g)! } ?? g
    }

    /// a + b as a new tensor (neither is changed: either may be a layer's buffer).
    private func sum(_ a: Tensor?, _ b: Tensor?) throws -> Tensor? {
        guard let a else { return b }
        guard let b else { return a }
        let out = a.copy()
        let o = out.floats, v = b.floats
        for i in 0..<o.count { o[i] += v[i] }
        return out
    }
}
