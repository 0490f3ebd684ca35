import Glibc
import JSON
import NeuralNet

/// Saving and loading whole models and their weights by path, in the format the name says:
/// `.keras` (Keras 3's zip), `.weights.h5` (Keras 3's weights), `.h5`/`.hdf5` (the legacy HDF5
/// layout). Every save is atomic (`FileChecks.atomically`); every load checks the file first.
public enum ModelFile {
    public enum Format { case keras, weights, legacy }

    static func hasSuffix(_ path: String, _ suffixes: [String]) -> Bool {
        suffixes.contains { path.lowercased().hasSuffix($0) }
    }

    // MARK: - Whole models

    /// `model.save(path)`: `.keras` or, for older tutorials, `.h5`/`.hdf5`.
    public static func save(_ model: Sequential, to path: String) throws {
        if hasSuffix(path, [".keras"]) {
            try FileChecks.atomically(path) { try writeKeras(model, to: $0) }
        } else if hasSuffix(path, [".h5", ".hdf5"]) {
            try FileChecks.atomically(path) { temporary in
                let file = try HDF5File.create(temporary)
                try LegacyH5.writeModel(model, to: file.root())
                try file.flush()
            }
        } else {
            throw LayerError.value(
                "Invalid filepath extension for saving. Please add either a `.keras` extension for the native Keras format "
                    + "(recommended) or a `.h5` extension. Received: filepath=\(path).",
                argument: "filepath", hint: "model.save('my_model.keras')")
        }
    }

    static func writeKeras(_ model: Sequential, to path: String) throws {
        let config = pythonJSON(try ModelConfig.serialize(model))
        let metadata = pythonJSON(.object(JSONObject([("keras_version", .string(LegacyH5.kerasVersion)), ("date_saved", .string(dateSaved()))])))
        let weights = try HDF5File.createInMemory(name: "model.weights.h5")
        try KerasWeights.write(model, to: weights.root())
        let bytes = try weights.image()
        let zip = try ZipBuilder(path: path)
        try zip.add("metadata.json", Array(metadata.utf8), time: 315_532_800)
        try zip.add("config.json", Array(config.utf8), time: 315_532_800)
        try zip.add("model.weights.h5", bytes)
        try zip.close()
    }

    /// `2026-12-04@14:02:11`, as Keras's metadata.json has it.
    static func dateSaved() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        strftime(&buffer, 32, "%Y-%m-%d@%H:%M:%S", &parts)
        return String(cString: buffer)
    }

    /// `keras.models.load_model(path, compile=True)`.
    public static func load(_ path: String, session: Session, compile: Bool = true) throws -> Sequential {
        // Every weight is read from the file: no random values first.
        session.initializesWeights = false
        defer { session.initializesWeights = true }
        if hasSuffix(path, [".keras"]) {
            let (config, weights) = try readKeras(path)
            let model = try ModelConfig.model(from: config, session: session, compile: compile)
            try KerasWeights.read(into: model, from: weights.root())
            return model
        }
        if hasSuffix(path, [".h5", ".hdf5"]) {
            try FileChecks.require(path, is: .hdf5, what: "a Keras HDF5 model file (.h5)")
            let file = try openHDF5(path)
            return try LegacyH5.readModel(from: file.root(), session: session, compile: compile)
        }
        throw LayerError.value(
            "File format not supported: filepath=\(path). Keras 3 only supports V3 `.keras` files and legacy H5 format files "
                + "(`.h5` extension).",
            argument: "filepath", hint: "Load a file written by model.save('name.keras') or model.save('name.h5').")
    }

    /// The parsed config.json and the opened model.weights.h5 of a `.keras` file.
    static func readKeras(_ path: String) throws -> (JSON, HDF5File) {
        try FileChecks.require(path, is: .zip, what: "a Keras 3 model file (.keras, a zip archive)",
                               missingMessage: "File not found: filepath=\(path). Please ensure the file is an accessible `.keras` zip file.")
        let zip: ZipReader
        do { zip = try ZipReader(path: path) } catch let e as ZipError {
            throw LayerError.value("\(path) is damaged or truncated: \(e.message)",
                                   hint: "The save that wrote it did not finish, or the file was cut short when copied. Save the model again.")
        }
        for member in ["config.json", "model.weights.h5"] where !zip.names.contains(member) {
            throw LayerError.value("\(path) is a zip archive but not a Keras model file: it has no \(member) "
                                   + "(it holds \(zip.names.prefix(5).joined(separator: ", "))).",
                                   hint: "Give the path of a file written by model.save('name.keras').")
        }
        let config: JSON
        do { config = try JSON.parse(try zip.read("config.json")) } catch let e as JSONError {
            throw LayerError.value("The config.json in \(path) is not valid JSON: \(e.message).")
        }
        let weights = try zip.read("model.weights.h5")
        do {
            return (config, try HDF5File.open(image: weights, name: path + "/model.weights.h5"))
        } catch let e as HDF5Error {
            throw LayerError.value(e.message, hint: "Save the model again.")
        }
    }

    static func openHDF5(_ path: String) throws -> HDF5File {
        do { return try HDF5File.open(path) } catch let e as HDF5Error {
            throw LayerError.value(e.message, hint: "The save that wrote it did not finish, or the file was cut short when copied. Save it again.")
        }
    }

    // MARK: - Weights

    /// `model.save_weights(path)`: `.weights.h5` in Keras 3's layout; `.h5`/`.hdf5` in the legacy
    /// layout that tf.keras 2 tutorials load.
    public static func saveWeights(_ model: Sequential, to path: String) throws {
        try requireBuilt(model, "save")
        if hasSuffix(path, [".weights.h5"]) {
            try FileChecks.atomically(path) { temporary in
                let file = try HDF5File.create(temporary)
                try KerasWeights.write(model, to: file.root())
                try file.flush()
            }
        } else if hasSuffix(path, [".h5", ".hdf5"]) {
            try FileChecks.atomically(path) { temporary in
                let file = try HDF5File.create(temporary)
                try LegacyH5.writeWeights(model, to: file.root())
                try file.flush()
            }
        } else {
            throw LayerError.value("The filename must end in `.weights.h5`. Received: filepath=\(path)", argument: "filepath",
                                   hint: "model.save_weights('my_model.weights.h5')")
        }
    }

    /// `model.load_weights(path, skip_mismatch=False)`; returns the warnings of skipped layers.
    @discardableResult
    public static func loadWeights(into model: Sequential, from path: String, skipMismatch: Bool = false) throws -> [String] {
        try requireBuilt(model, "load")
        if hasSuffix(path, [".keras"]) {
            let (_, weights) = try readKeras(path)
            return try KerasWeights.read(into: model, from: weights.root(), skipMismatch: skipMismatch)
        }
        guard hasSuffix(path, [".h5", ".hdf5"]) else {
            throw LayerError.value("File format not supported: filepath=\(path). Keras 3 only supports V3 `.keras` and "
                                   + "`.weights.h5` files, or legacy H5 format files (`.h5` extension).", argument: "filepath")
        }
        try FileChecks.require(path, is: .hdf5, what: "a Keras weights file (HDF5)")
        let file = try openHDF5(path)
        let root = try file.root()
        if root.isGroup("layers") {
            return try KerasWeights.read(into: model, from: root, skipMismatch: skipMismatch)
        }
        return try LegacyH5.readWeights(into: model, from: root, skipMismatch: skipMismatch)
    }

    static func requireBuilt(_ model: Sequential, _ verb: String) throws {
        guard model.isBuilt else {
            throw LayerError.value("Unable to \(verb) weights: the model \"\(model.name)\" is not built yet, so it has no weights.",
                                   hint: "Give the first layer input_shape=(28, 28, 1), or call model.build((None, 28, 28, 1)) first.")
        }
    }
}
