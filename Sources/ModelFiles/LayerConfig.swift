import JSON
import NeuralNet
import Tensor

/// The one place a layer becomes its Keras config and back (Keras's `get_config()` and
/// `from_config()`): `{"module": "keras.layers", "class_name": ..., "config": {...},
/// "registered_name": null, "build_config": ...}` with the keys, order and defaults of Keras 3.15.
/// Sequential and functional model configs both call `serialize` and `deserialize` per layer.
public enum LayerConfig {
    /// One layer class: the keys after `name`, `trainable`, `dtype`, and the constructor.
    struct Codec {
        let encode: (any Layer) -> [(String, JSON)]?
        let decode: (ConfigReader, Session) throws -> any Layer
    }

    /// Keras's `layer.get_config()`: name, trainable, dtype, then the class's own keys.
    public static func config(of layer: any Layer) throws -> JSONObject {
        if let input = layer as? InputLayer {
            return JSONObject([("batch_shape", KerasObjects.shape([nil] + input.shape)), ("dtype", "float32"),
                               ("sparse", false), ("ragged", false), ("name", .string(input.name)), ("optional", false)])
        }
        guard let codec = codecs[layer.className], let own = codec.encode(layer) else {
            throw LayerError(.notImplementedError, "Fovea cannot write the config of a \(layer.className) layer yet.")
        }
        return JSONObject([("name", .string(layer.name)), ("trainable", .bool(layer.trainable)),
                           ("dtype", KerasObjects.float32Policy)] + own)
    }

    /// The serialised layer as it appears in a model's `layers` list. `withModule: false` gives
    /// the legacy HDF5 form (`{"class_name", "config"}` only).
    public static func serialize(_ layer: any Layer, withModule: Bool = true) throws -> JSON {
        let config = try self.config(of: layer)
        guard withModule else {
            return .object(JSONObject([("class_name", .string(layer.className)), ("config", .object(config))]))
        }
        var entry = JSONObject([("module", "keras.layers"), ("class_name", .string(layer.className)),
                                ("config", .object(config)), ("registered_name", .null)])
        if let input = layer.inputShape, recordsBuildShape(layer) {
            entry["build_config"] = .object(JSONObject([("input_shape", KerasObjects.shape(input))]))
        }
        return .object(entry)
    }

    /// Keras records the build shape of layers with their own `build`: those with weights, and
    /// Flatten and Reshape.
    static func recordsBuildShape(_ layer: any Layer) -> Bool {
        !layer.weights.isEmpty || ["Flatten", "Reshape", "BatchNormalization", "LayerNormalization", "Dense", "Conv2D"].contains(layer.className)
    }

    /// A layer from its serialised form (`{"class_name", "config", ...}`), named as the config says.
    public static func deserialize(_ json: JSON, session: Session) throws -> any Layer {
        guard let className = json["class_name"]?.stringValue, let config = json["config"]?.objectValue else {
            throw LayerError.value("A layer in the model config has no `class_name` and `config`: \(json.serializedString().prefix(200))",
                                   hint: "The file was not written by Keras or Fovea, or it was changed.")
        }
        return try layer(className: className, config: config, session: session)
    }

    /// Keras's `cls.from_config(config)`.
    public static func layer(className: String, config: JSONObject, session: Session) throws -> any Layer {
        let reader = ConfigReader(className: className, config: config)
        if className == "InputLayer" {
            let shape = reader.has("batch_shape") ? try reader.shape("batch_shape")
                : reader.has("batch_input_shape") ? try reader.shape("batch_input_shape") : nil
            guard let shape, shape.count >= 1 else { throw reader.fail("batch_shape", "a shape such as [null, 28, 28, 1]") }
            return try InputLayer(shape: Array(shape.dropFirst()), name: reader.name, session: session)
        }
        guard let codec = codecs[className] else {
            throw LayerError(.notImplementedError, "Fovea has no layer class \(className), so it cannot load this model.",
                             hint: "Fovea's layers: \(codecs.keys.sorted().joined(separator: ", ")).")
        }
        try reader.requireUnset(["kernel_constraint", "bias_constraint", "activity_regularizer", "beta_constraint",
                                 "gamma_constraint", "beta_regularizer", "gamma_regularizer", "noise_shape", "renorm",
                                 "synchronized", "rms_scaling", "pad_to_aspect_ratio", "antialias"])
        if let format = config["data_format"]?.stringValue, format != "channels_last" {
            throw LayerError(.notImplementedError, "The \(className) layer \"\(reader.name ?? "?")\" uses data_format='\(format)'; Fovea has channels_last only.")
        }
        let layer = try codec.decode(reader, session)
        layer.trainable = reader.trainable
        return layer
    }

    /// The config of a layer's `input_shape=` argument (legacy configs carry `batch_input_shape`).
    static func declaredShape(_ r: ConfigReader) throws -> [Int?]? {
        guard r.has("batch_input_shape") else { return nil }
        return Array(try r.shape("batch_input_shape").dropFirst())
    }

    static func pooling(_ w: PoolingWindow) -> [(String, JSON)] {
        [("pool_size", KerasObjects.pair(w.poolSize)), ("padding", .string(w.padding.rawValue)),
         ("strides", KerasObjects.pair(w.strides)), ("data_format", "channels_last")]
    }

    static func range(_ lo: Double, _ hi: Double) -> JSON { .array([.double(lo), .double(hi)]) }

    /// A factor as written: a number or `[lower, upper]`.
    static func factor(_ r: ConfigReader, _ key: String) throws -> AugmentationFactor {
        if let d = r.config[key]?.doubleValue { return AugmentationFactor(d) }
        guard let items = r.config[key]?.arrayValue, items.count == 2, let lo = items[0].doubleValue, let hi = items[1].doubleValue else {
            throw r.fail(key, "a number or a list of two numbers")
        }
        return AugmentationFactor(lo, hi)
    }

    static func valueRange(_ r: ConfigReader) throws -> (Double, Double) {
        guard r.has("value_range") else { return (0, 255) }
        guard let items = r.config["value_range"]?.arrayValue, items.count == 2,
              let lo = items[0].doubleValue, let hi = items[1].doubleValue else { throw r.fail("value_range", "two numbers") }
        return (lo, hi)
    }

    static func warp(_ fill: FillMode, _ interpolation: ImageWarp.Interpolation, _ value: Double, _ seed: Int?) -> [(String, JSON)] {
        [("fill_mode", .string(fill.rawValue)), ("fill_value", .double(value)),
         ("interpolation", .string(interpolation.rawValue)), ("seed", KerasObjects.optionalInt(seed))]
    }

    static let codecs: [String: Codec] = LayerCodecs.all.merging(FunctionalConfig.mergeCodecs) { a, _ in a }
        .merging(ConvolutionCodecs.all) { a, _ in a }
}

/// Sugar for the table: encode a layer of type `L`.
func codec<L: Layer>(_ type: L.Type, encode: @escaping (L) -> [(String, JSON)],
                     decode: @escaping (ConfigReader, Session) throws -> any Layer) -> LayerConfig.Codec {
    LayerConfig.Codec(encode: { ($0 as? L).map(encode) }, decode: decode)
}
