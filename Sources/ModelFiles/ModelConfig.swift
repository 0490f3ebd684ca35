import JSON
import NeuralNet

/// A model config to a model and back: Keras's `model.get_config()`, `Sequential.from_config`,
/// `to_json`/`model_from_json`, and the `config.json` of a `.keras` file. Layers go through
/// `LayerConfig`; a functional graph will add its own case here.
public enum ModelConfig {
    /// `model.get_config()` of a Sequential model: name, trainable, dtype, the layers (the
    /// InputLayer first once built) and `build_input_shape`.
    public static func config(of model: Sequential, withModule: Bool = true) throws -> JSONObject {
        if let graph = model.graph { return try FunctionalConfig.config(of: model, graph: graph, withModule: withModule) }
        var layers: [JSON] = []
        if let input = model.inputLayer {
            layers.append(try LayerConfig.serialize(input, withModule: withModule))
        }
        for layer in model.layers {
            if let nested = layer as? NestedModel {
                layers.append(try serialize(nested.model, withModule: withModule, compile: false))
            } else {
                layers.append(try LayerConfig.serialize(layer, withModule: withModule))
            }
        }
        var config = JSONObject([("name", .string(model.name)), ("trainable", .bool(model.trainable)),
                                 ("dtype", KerasObjects.float32Policy), ("layers", .array(layers))])
        if let shape = model.inputShape { config["build_input_shape"] = KerasObjects.shape(shape) }
        return config
    }

    /// The serialised model: `{"module": "keras", "class_name": "Sequential", "config": ...,
    /// "registered_name": null, "build_config": ..., "compile_config": ...}` (the legacy form has
    /// only `class_name` and `config`).
    public static func serialize(_ model: Sequential, withModule: Bool = true, compile: Bool = true) throws -> JSON {
        if let graph = model.graph {
            return try FunctionalConfig.serialize(model, graph: graph, withModule: withModule, compile: compile)
        }
        let config = try self.config(of: model, withModule: withModule)
        guard withModule else {
            return .object(JSONObject([("class_name", "Sequential"), ("config", .object(config))]))
        }
        var entry = JSONObject([("module", "keras"), ("class_name", "Sequential"), ("config", .object(config)),
                                ("registered_name", .null)])
        if let shape = model.inputShape {
            entry["build_config"] = .object(JSONObject([("input_shape", KerasObjects.shape(shape))]))
        }
        if compile, let setup = model.compiled {
            entry["compile_config"] = .object(CompileConfig.config(of: setup))
        }
        return .object(entry)
    }

    /// A model from a serialised model (`{"class_name": "Sequential", "config": {...}}`) or from
    /// the bare config (`{"name": ..., "layers": [...]}`), compiled from `compile_config` when
    /// `compile` and there is one.
    public static func model(from json: JSON, session: Session, compile: Bool = true) throws -> Sequential {
        let config: JSONObject
        if let className = json["class_name"]?.stringValue {
            if ["Functional", "Model"].contains(className), let inner = json["config"]?.objectValue {
                let model = try FunctionalConfig.model(from: inner, session: session)
                if compile, let compileConfig = json["compile_config"]?.objectValue {
                    try CompileConfig.compile(model, from: compileConfig)
                }
                return model
            }
            guard className == "Sequential" else {
                throw LayerError(.notImplementedError,
                                 "This file holds a \(className) model; Fovea can load Sequential and functional models only.",
                                 hint: "Build the model in Fovea and load only its weights with model.load_weights(...).")
            }
            guard let inner = json["config"]?.objectValue else {
                throw LayerError.value("The model config has no `config` object.", hint: "The file was not written by Keras or Fovea, or it was changed.")
            }
            config = inner
        } else if let object = json.objectValue, object["layers"] != nil {
            if object["input_layers"] != nil { return try FunctionalConfig.model(from: object, session: session) }
            config = object
        } else {
            throw LayerError.value("Expected a model config: an object with `class_name` and `config`, or with `layers`. Received: "
                                   + String(json.serializedString().prefix(120)),
                                   hint: "Pass what model.get_config() or model.to_json() returned.")
        }
        guard let items = config["layers"]?.arrayValue else {
            throw LayerError.value("The Sequential config has no `layers` list.", hint: "The file was not written by Keras or Fovea, or it was changed.")
        }
        var layers: [any Layer] = []
        for item in items {
            if item["class_name"]?.stringValue == "Sequential" {
                let inner = try model(from: item, session: session, compile: false)
                layers.append(try NestedModel(inner, session: session))
            } else {
                layers.append(try LayerConfig.deserialize(item, session: session))
            }
        }
        let model = try Sequential(layers: layers, name: config["name"]?.stringValue, session: session)
        model.trainable = config["trainable"]?.boolValue ?? true
        if !model.isBuilt {
            let reader = ConfigReader(className: "Sequential", config: config)
            if reader.has("build_input_shape") {
                try model.build(inputShape: try reader.shape("build_input_shape"))
            } else if let shape = json["build_config"]?["input_shape"], !shape.isNull {
                try model.build(inputShape: try ConfigReader(className: "Sequential", config: ["input_shape": shape]).shape("input_shape"))
            }
        }
        if compile, let compileConfig = json["compile_config"]?.objectValue {
            try CompileConfig.compile(model, from: compileConfig)
        }
        return model
    }
}

/// JSON text as Python's `json.dumps` writes it (`", "` and `": "`), as `to_json()` returns it.
public func pythonJSON(_ value: JSON) -> String {
    switch value {
    case .array(let items): return "[" + items.map(pythonJSON).joined(separator: ", ") + "]"
    case .object(let object):
        return "{" + object.map { JSON.string($0.key).serializedString() + ": " + pythonJSON($0.value) }.joined(separator: ", ") + "}"
    default: return value.serializedString()
    }
}
