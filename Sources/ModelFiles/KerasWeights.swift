import NeuralNet
import Tensor

/// Keras 3's weights layout (`model.weights.h5` in a `.keras` zip, and `.weights.h5` files):
///
///     /layers/<key>/vars/0, 1, ...     (attribute name = the layer's name)
///     /optimizer/vars/0 (iteration, int64), 1 (learning_rate), 2, ... the slots
///     /vars                            (attribute name = the model's name)
///
/// A layer's key is its class name in snake case, numbered per model (`conv2d`, `conv2d_1`,
/// `max_pooling2d`, ...), not its name, so weights load into a fresh model of the same
/// architecture whatever the session named its layers.
public enum KerasWeights {
    /// Keras's `naming.to_snake_case`: `MaxPooling2D` -> `max_pooling2d`, `ReLU` -> `re_lu`.
    public static func snakeCase(_ name: String) -> String {
        func split(_ s: [Character], _ rule: (Character, Character, Character?) -> Bool) -> [Character] {
            var out: [Character] = []
            for (i, c) in s.enumerated() {
                if i > 0, rule(s[i - 1], c, i + 1 < s.count ? s[i + 1] : nil) { out.append("_") }
                out.append(c)
            }
            return out
        }
        let letters = Array(name.filter { $0.isLetter || $0.isNumber || $0 == "_" })
        // (.)([A-Z][a-z]+) -> \1_\2, then ([a-z])([A-Z]) -> \1_\2
        let first = split(letters) { _, c, next in c.isUppercase && (next?.isLowercase ?? false) }
        let second = split(first) { prev, c, _ in prev.isLowercase && c.isUppercase }
        return String(second).lowercased()
    }

    /// The keys of `layers`, in order.
    public static func keys(_ layers: [any Layer]) -> [String] {
        var used: [String: Int] = [:]
        return layers.map { layer in
            let base = snakeCase(layer.className)
            if let n = used[base] {
                used[base] = n + 1
                return "\(base)_\(n + 1)"
            }
            used[base] = 0
            return base
        }
    }

    // MARK: - Writing

    public static func write(_ model: Sequential, to root: HDF5Group, optimizer: Bool = true) throws {
        try writeLayers(model.layers, into: root.createGroup("layers"))
        if optimizer, let setup = model.compiled {
            let vars = try root.createGroup("optimizer").createGroup("vars")
            try vars.setAttribute("name", string: setup.optimizer.name)
            try writeOptimizer(setup.optimizer, weights: model.trainableWeights, into: vars)
        }
        try root.createGroup("vars").setAttribute("name", string: model.name)
    }

    static func writeLayers(_ layers: [any Layer], into group: HDF5Group) throws {
        for (layer, key) in zip(layers, keys(layers)) {
            let g = try group.createGroup(key)
            if let nested = layer as? NestedModel {
                try writeLayers(nested.model.layers, into: g.createGroup("layers"))
                try g.createGroup("vars").setAttribute("name", string: layer.name)
                continue
            }
            let vars = try g.createGroup("vars")
            try vars.setAttribute("name", string: layer.name)
            for (i, w) in layer.weights.enumerated() {
                try writeTensor(w.value, "\(i)", into: vars)
            }
        }
    }

    static func writeTensor(_ t: Tensor, _ name: String, into group: HDF5Group) throws {
        let values = t.dtype == .float32 ? t : t.converted(to: .float32)
        try group.writeFloats(name, shape: values.shape.dims, values: UnsafeBufferPointer(values.floats))
    }

    /// `iteration`, `learning_rate`, then each trainable weight's slots once the optimizer has
    /// them (Keras builds them on the first step).
    static func writeOptimizer(_ optimizer: Optimizer, weights: [Weight], into vars: HDF5Group) throws {
        try vars.writeInt64("0", Int64(optimizer.iterations))
        try vars.writeFloats("1", shape: [], values: [Float(optimizer.learningRate)])
        guard optimizer.hasSlots(for: weights) else { return }
        var index = 2
        for slots in try optimizer.slotValues(for: weights) {
            for s in slots {
                try writeTensor(s, "\(index)", into: vars)
                index += 1
            }
        }
    }

    // MARK: - Reading

    /// Loads every layer's weights (and the optimizer's state when the model is compiled and
    /// the file has it). Checks everything before assigning anything; with `skipMismatch`, a
    /// layer whose weights differ in number or shape is left alone and named in the returned
    /// warnings.
    @discardableResult
    public static func read(into model: Sequential, from root: HDF5Group, skipMismatch: Bool = false) throws -> [String] {
        guard root.isGroup("layers") else {
            throw LayerError.value("\(root.file.path) has no `layers` group: it is not a Keras 3 weights file.",
                                   hint: "A legacy .h5 file (with `model_weights`) loads from a path ending in .h5; re-save the weights with model.save_weights('name.weights.h5').")
        }
        var plan: [(Weight, Tensor)] = []
        var warnings: [String] = []
        try planLayers(model.layers, from: root.group("layers"), skipMismatch: skipMismatch, plan: &plan, warnings: &warnings)
        for (w, t) in plan { try w.assign(t, copying: false) }  // fresh tensors read from the file
        if let setup = model.compiled, root.isGroup("optimizer") {
            let vars = try root.group("optimizer").group("vars")
            do {
                try readOptimizer(setup.optimizer, weights: model.trainableWeights, from: vars)
            } catch let e as LayerError where skipMismatch {
                warnings.append("Skipping loading the optimizer's state: \(e.message)")
            }
        }
        return warnings
    }

    static func planLayers(_ layers: [any Layer], from group: HDF5Group, skipMismatch: Bool,
                           plan: inout [(Weight, Tensor)], warnings: inout [String]) throws {
        let keys = self.keys(layers)
        for (layer, key) in zip(layers, keys) {
            if let nested = layer as? NestedModel {
                guard group.isGroup(key), try group.group(key).isGroup("layers") else {
                    throw missing(layer, key, group)
                }
                try planLayers(nested.model.layers, from: group.group(key).group("layers"), skipMismatch: skipMismatch,
                               plan: &plan, warnings: &warnings)
                continue
            }
            guard group.isGroup(key), try group.group(key).isGroup("vars") else {
                if layer.weights.isEmpty { continue }
                if skipMismatch { warnings.append("Skipping loading weights for layer '\(layer.name)': the file has no weights for it."); continue }
                throw missing(layer, key, group)
            }
            let vars = try group.group(key).group("vars")
            let stored = vars.memberNames().filter { Int($0) != nil }.sorted { Int($0)! < Int($1)! }
            if stored.count != layer.weights.count {
                let message = "Layer '\(layer.name)' expected \(layer.weights.count) variables, but received \(stored.count) variables "
                    + "during loading. Expected: [\(layer.weights.map { "'\($0.name)'" }.joined(separator: ", "))]"
                if skipMismatch { warnings.append("Skipping loading weights for layer '\(layer.name)': \(message)"); continue }
                throw LayerError.value(message, hint: mismatchHint)
            }
            var mine: [(Weight, Tensor)] = []
            var skipped = false
            for (w, name) in zip(layer.weights, stored) {
                let shape = try vars.datasetShape(name)
                guard shape == w.shape else {
                    let message = "Layer '\(layer.name)' weight '\(w.name)' has shape \(formatShape(w.shape)), but the file holds "
                        + "shape \(formatShape(shape)) for it (\(vars.path)/\(name))."
                    if skipMismatch { warnings.append("Skipping loading weights for layer '\(layer.name)': \(message)"); skipped = true; break }
                    throw LayerError.value(message, hint: mismatchHint)
                }
                mine.append((w, try vars.readTensor(name)))
            }
            if !skipped { plan += mine }
        }
    }

    static let mismatchHint = "The file was saved from a model with another architecture. Build the same layers "
        + "(same order, same sizes) before loading, or pass skip_mismatch=True to load only the layers that match."

    static func missing(_ layer: any Layer, _ key: String, _ group: HDF5Group) -> LayerError {
        let found = group.memberNames()
        return LayerError.value(
            "Layer '\(layer.name)' (\(layer.className)) has weights, but the file has no entry \(group.path)/\(key) for it. "
                + "The file has: \(found.isEmpty ? "nothing" : found.joined(separator: ", ")).",
            hint: mismatchHint)
    }

    static func readOptimizer(_ optimizer: Optimizer, weights: [Weight], from vars: HDF5Group) throws {
        let names = vars.memberNames().filter { Int($0) != nil }
        guard names.count >= 2 else { return }
        let iterations = Int(try vars.readInt64("0"))
        if let rate = try vars.readFloats("1").values.first, optimizer.schedule == nil {
            optimizer.learningRate = Double(rate)
        }
        let slotCount = optimizer.slotNames.count
        guard names.count > 2 else {
            try optimizer.restoreState(iterations: iterations, slots: [], for: [])
            return
        }
        guard names.count == 2 + slotCount * weights.count else {
            throw LayerError.value("The file holds \(names.count - 2) optimizer variables besides iteration and learning_rate; "
                                   + "\(optimizer.className) needs \(slotCount * weights.count) for this model.")
        }
        var index = 2
        var slots: [[Tensor]] = []
        for _ in weights {
            var mine: [Tensor] = []
            for _ in 0..<slotCount {
                let a = try vars.readFloats("\(index)")
                mine.append(try Tensor(shape: Shape(a.shape), floats: a.values))
                index += 1
            }
            slots.append(mine)
        }
        try optimizer.restoreState(iterations: iterations, slots: slots, for: weights)
    }
}
