import Tensor

/// An optimizer's variables as Keras saves them (`optimizer/vars/0`, `1`, ... in a weights file):
/// `iteration` (int64), `learning_rate` (float32), then for each trainable weight in order its
/// slots (Adam: `momentum`, `velocity`).
extension Optimizer {
    private var slotStore: OptimizerSlots? {
        if let a = self as? Adam { return a.slots }
        if let s = self as? SGD { return s.slots }
        if let r = self as? RMSprop { return r.slots }
        return nil
    }

    /// Keras's slot names, in the order each weight's slots are saved.
    public var slotNames: [String] { slotStore?.names ?? [] }

    /// Whether the slots exist yet (Keras builds them on the first training step).
    public func hasSlots(for weights: [Weight]) -> Bool {
        guard let store = slotStore, let first = weights.first else { return false }
        return store.has(first)
    }

    /// The slot values of each weight (copies), making zeros for weights without slots.
    public func slotValues(for weights: [Weight]) throws -> [[Tensor]] {
        guard let store = slotStore else { return weights.map { _ in [] } }
        return try store.slots(for: weights, optimizer: name).map { $0.map { $0.copy() } }
    }

    /// Restores the step count and each weight's slots (`values[i]` for `weights[i]`, each of the
    /// weight's shape); checks every shape before changing anything.
    public func restoreState(iterations: Int, slots values: [[Tensor]], for weights: [Weight]) throws {
        guard let store = slotStore else { return }
        guard values.count == weights.count else {
            throw LayerError.value("The file holds optimizer slots for \(values.count) weights; the model has \(weights.count) trainable weights.")
        }
        for (w, slots) in zip(weights, values) {
            guard slots.count == store.names.count else {
                throw LayerError.value("The file holds \(slots.count) optimizer slots for \(w.path); \(className) keeps \(store.names.count).")
            }
            for s in slots where s.shape.dims != w.shape {
                throw LayerError.value("An optimizer slot for \(w.path) has shape \(formatShape(s.shape.dims)) in the file; the weight has shape \(formatShape(w.shape)).")
            }
        }
        let current = try store.slots(for: weights, optimizer: name)
        for (now, saved) in zip(current, values) {
            for (t, s) in zip(now, saved) {
                let source = s.converted(to: .float32)
                _ = t.floats.update(fromContentsOf: source.floats)
            }
        }
        if let a = self as? Adam { a.iterations = iterations }
        if let s = self as? SGD { s.iterations = iterations }
        if let r = self as? RMSprop { r.iterations = iterations }
    }
}

extension OptimizerSlots {
    func has(_ weight: Weight) -> Bool { hasEntry(ObjectIdentifier(weight)) }
}
