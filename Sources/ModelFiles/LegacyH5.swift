import JSON
import NeuralNet
import Tensor

/// The legacy HDF5 formats of tf.keras 2 and Keras 3's legacy writer (`model.save('x.h5')`,
/// `save_weights('x.h5')`):
///
///     /  attrs backend, keras_version, model_config (JSON), training_config (JSON)
///     /model_weights  attrs backend, keras_version, layer_names
///         /<layer>  attr weight_names ['sequential/conv2d/kernel', ...]
///             /sequential/conv2d/kernel, bias
///         /top_level_model_weights  attr weight_names []
///     /optimizer_weights  attr weight_names ['adam/iteration', ...]
///
/// A weights-only file has the `model_weights` contents at its root. Weights are matched to the
/// model's layers that have weights, in order, as Keras's legacy loader does.
public enum LegacyH5 {
    /// The Keras version Fovea's files declare: the format they follow.
    public static let kerasVersion = "3.15.1"

    public static func writeModel(_ model: Sequential, to root: HDF5Group) throws {
        try root.setAttribute("backend", string: "tensorflow")
        try root.setAttribute("keras_version", string: kerasVersion)
        try root.setAttribute("model_config", string: pythonJSON(ModelConfig.serialize(model, withModule: false)))
        if let setup = model.compiled {
            try root.setAttribute("training_config", string: pythonJSON(.object(CompileConfig.legacyTrainingConfig(of: setup))))
        }
        try writeWeights(model, to: root.createGroup("model_weights"), topLevel: true)
        if let setup = model.compiled, setup.optimizer.hasSlots(for: model.trainableWeights) {
            try writeOptimizer(setup.optimizer, model: model, to: root.createGroup("optimizer_weights"))
        }
    }

    /// The layer groups with `layer_names` (the root of a weights-only file, or `model_weights`).
    public static func writeWeights(_ model: Sequential, to group: HDF5Group, topLevel: Bool = false) throws {
        try group.setAttribute("backend", string: "tensorflow")
        try group.setAttribute("keras_version", string: kerasVersion)
        try group.setAttribute("layer_names", strings: model.layers.map(\.name))
        for layer in model.layers {
            let g = try group.createGroup(layer.name)
            let weights = layer.weights
            try g.setAttribute("weight_names", strings: weights.map(\.path))
            for w in weights {
                let (parent, name) = try g.parent(of: w.path, create: true)
                try KerasWeights.writeTensor(w.value, name, into: parent)
            }
        }
        if topLevel {
            try group.createGroup("top_level_model_weights").setAttribute("weight_names", strings: [])
        }
    }

    static func writeOptimizer(_ optimizer: Optimizer, model: Sequential, to group: HDF5Group) throws {
        let prefix = optimizer.name
        let weights = model.trainableWeights
        var names = ["\(prefix)/iteration", "\(prefix)/learning_rate"]
        let g = try group.createGroup(prefix)
        try g.writeInt64("iteration", Int64(optimizer.iterations))
        try g.writeFloats("learning_rate", shape: [], values: [Float(optimizer.learningRate)])
        for (w, slots) in zip(weights, try optimizer.slotValues(for: weights)) {
            for (slotName, value) in zip(optimizer.slotNames, slots) {
                let name = w.path.replacingSlashes() + "_" + slotName
                names.append("\(prefix)/\(name)")
                try KerasWeights.writeTensor(value, name, into: g)
            }
        }
        try group.setAttribute("weight_names", strings: names)
    }

    // MARK: - Reading

    /// The model a legacy file describes, with its weights (compiled from `training_config` when
    /// `compile`).
    public static func readModel(from root: HDF5Group, session: Session, compile: Bool) throws -> Sequential {
        guard let text = try root.stringAttribute("model_config") else {
            throw LayerError.value("No model config found in the file at \(root.file.path).",
                                   hint: "This .h5 file holds weights only: build the model in code, then call model.load_weights(...).")
        }
        let config: JSON
        do { config = try JSON.parse(text) } catch {
            throw LayerError.value("The model_config of \(root.file.path) is not valid JSON (\(error)).")
        }
        let model = try ModelConfig.model(from: config, session: session, compile: false)
        if compile, let training = try root.stringAttribute("training_config"), let object = try? JSON.parse(training).objectValue {
            try CompileConfig.compile(model, from: object)
        }
        try readWeights(into: model, from: root.group("model_weights"))
        if let setup = model.compiled, root.isGroup("optimizer_weights") {
            try? readOptimizer(setup.optimizer, model: model, from: root.group("optimizer_weights"))
        }
        return model
    }

    /// Keras's legacy `load_weights_from_hdf5_group`: the file's layers that have weights, in
    /// order, into the model's layers that have weights.
    @discardableResult
    public static func readWeights(into model: Sequential, from file: HDF5Group, skipMismatch: Bool = false) throws -> [String] {
        let group = !file.hasAttribute("layer_names") && file.isGroup("model_weights") ? try file.group("model_weights") : file
        guard let layerNames = try group.stringsAttribute("layer_names") else {
            throw LayerError.value("\(file.file.path) has no `layer_names` attribute: it is not a Keras HDF5 weights file.",
                                   hint: "A Keras 3 weights file ends in .weights.h5; a .keras file loads with keras.models.load_model.")
        }
        var saved: [(name: String, values: [Tensor])] = []
        for name in layerNames {
            let g = try group.group(name)
            let weightNames = try g.stringsAttribute("weight_names") ?? []
            guard !weightNames.isEmpty else { continue }
            let values = try weightNames.map { path -> Tensor in
                let (parent, last) = try g.parent(of: path)
                return try parent.readTensor(last)
            }
            saved.append((name, values))
        }
        let layers = model.layers.filter { !$0.weights.isEmpty }
        guard layers.count == saved.count else {
            throw LayerError.value("Layer count mismatch when loading weights from file. Model expected \(layers.count) layers, "
                                   + "found \(saved.count) saved layers.", hint: KerasWeights.mismatchHint)
        }
        var plan: [(Weight, Tensor)] = []
        var warnings: [String] = []
        for (k, (layer, entry)) in zip(layers, saved).enumerated() {
            guard layer.weights.count == entry.values.count else {
                let message = "Weight count mismatch for layer #\(k) (named \(layer.name) in the current model, \(entry.name) in the "
                    + "save file). Layer expects \(layer.weights.count) weight(s). Received \(entry.values.count) saved weight(s)"
                if skipMismatch { warnings.append(message); continue }
                throw LayerError.value(message, hint: KerasWeights.mismatchHint)
            }
            if let (w, t) = zip(layer.weights, entry.values).first(where: { $0.0.shape != $0.1.shape.dims }) {
                let message = "Shape mismatch in layer #\(k) (named \(layer.name)) for weight \(w.path). Weight expects shape "
                    + "\(formatShape(w.shape)). Received saved weight with shape \(formatShape(t.shape.dims))"
                if skipMismatch { warnings.append(message); continue }
                throw LayerError.value(message, hint: KerasWeights.mismatchHint)
            }
            plan += zip(layer.weights, entry.values).map { ($0, $1) }
        }
        for (w, t) in plan { try w.assign(t, copying: false) }  // fresh tensors read from the file
        return warnings
    }

    static func readOptimizer(_ optimizer: Optimizer, model: Sequential, from group: HDF5Group) throws {
        guard let names = try group.stringsAttribute("weight_names"), names.count >= 2 else { return }
        let weights = model.trainableWeights
        let slotCount = optimizer.slotNames.count
        guard names.count == 2 + slotCount * weights.count else { return }
        let iterations = try group.parent(of: names[0])
        let count = Int(try iterations.group.readInt64(iterations.name))
        var index = 2
        var slots: [[Tensor]] = []
        for _ in weights {
            var mine: [Tensor] = []
            for _ in 0..<slotCount {
                let (parent, last) = try group.parent(of: names[index])
                let a = try parent.readFloats(last)
                mine.append(try Tensor(shape: Shape(a.shape), floats: a.values))
                index += 1
            }
            slots.append(mine)
        }
        try optimizer.restoreState(iterations: count, slots: slots, for: weights)
    }
}

extension String {
    func replacingSlashes() -> String { String(map { $0 == "/" ? "_" : $0 }) }
}
