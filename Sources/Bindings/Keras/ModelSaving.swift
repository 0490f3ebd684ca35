import FoveaLang
import PythonLibrary
import JSON
import ModelFiles
import NeuralNet

/// `model.save`, `model.save_weights`, `model.load_weights`, `model.to_json`, `get_config`,
/// `keras.models.load_model`, `model_from_json` and `Sequential.from_config`: thin bindings over
/// ModelFiles, which knows the formats.
enum ModelSaving {
    /// Runs a ModelFiles call, turning its errors into located Python exceptions.
    static func files<T>(_ span: Span, _ body: () throws -> T) throws -> T {
        do {
            return try keras(span, body)
        } catch let e as HDF5Error {
            throw Diagnostic(.valueError, e.message, at: span, notes: ["help: the file may be damaged or cut short; save it again"])
        } catch let e as ZipError {
            throw Diagnostic(.valueError, e.message, at: span, notes: ["help: the file may be damaged or cut short; save it again"])
        } catch let e as JSONError {
            throw Diagnostic(.valueError, "The model config is not valid JSON: \(e.message)", at: span)
        }
    }

    /// The model's methods.
    static func declare(_ c: HostClass<ModelObject>) {
        c.method("save", [.required("filepath"), .optional("overwrite", default: .bool(true)), .keywordOnly("zipped", default: Value.none)],
                 doc: "Save the whole model (layers, weights, compile settings) to a file: 'name.keras' (Keras 3's format) or 'name.h5' (the older HDF5 format). Load it back with keras.models.load_model(path).") { m, a, _ in
            let path = try a.path("filepath")
            try checkOverwrite(path, a)
            try files(a.span(of: "filepath")) { try ModelFile.save(m.model, to: path) }
            return .none
        }
        c.method("save_weights", [.required("filepath"), .optional("overwrite", default: .bool(true)), .keywordOnly("max_shard_size", default: Value.none)],
                 doc: "Save only the weights: 'name.weights.h5' (Keras 3), or 'name.h5' (the older layout). Load them into a model of the same layers with model.load_weights(path).") { m, a, _ in
            let path = try a.path("filepath")
            try checkOverwrite(path, a)
            try files(a.span(of: "filepath")) { try ModelFile.saveWeights(m.model, to: path) }
            return .none
        }
        c.method("load_weights", [.required("filepath"), .optional("skip_mismatch", default: .bool(false)), .keywordOnly("by_name", default: Value.none)],
                 doc: "Load weights saved by save_weights (or a whole-model .keras/.h5 file) into this model, layer by layer. skip_mismatch=True leaves layers whose weights do not fit as they are.") { m, a, ctx in
            let path = try a.path("filepath")
            let warnings = try files(a.span(of: "filepath")) {
                try ModelFile.loadWeights(into: m.model, from: path, skipMismatch: a.bool("skip_mismatch"))
            }
            for w in warnings { KerasCallbacks.warn(w, ctx) }
            return .none
        }
        c.method("get_config", doc: "The model's configuration as a dict (its name and each layer's config); Sequential.from_config(config) builds the same model again.") { m, _, ctx in
            value(.object(try files(ctx.span) { try ModelConfig.config(of: m.model) }))
        }
        c.method("to_json", [.varKeyword("kwargs")], doc: "The model's architecture (no weights) as a JSON string; keras.models.model_from_json(s) builds it again.") { m, _, ctx in
            .str(pythonJSON(try files(ctx.span) { try ModelConfig.serialize(m.model) }))
        }
    }

    static func checkOverwrite(_ path: String, _ a: BoundArguments) throws {
        if !a.bool("overwrite"), FileChecks.kind(of: path) != .missing {
            throw Diagnostic(.fileExistsError, "\(path) already exists and overwrite=False.", at: a.span(of: "filepath"),
                             notes: ["help: pass overwrite=True, or choose another name"])
        }
    }

    /// A loaded model as the language sees it, with its optimizer object when compiled.
    static func wrap(_ model: Sequential) -> Value {
        let object = ModelObject(model, layers: [])
        object.optimizerObject = model.compiled.map { OptimizerObject($0.optimizer) }
        return .object(object)
    }

    /// `keras.models.load_model`, `model_from_json`, and `Sequential.from_config` (`from_config` is
    /// added to the type by `KerasModules`).
    static func functions(_ st: KerasState) -> [NativeFunction] {
        [
            NativeFunction("load_model", doc: "Load a model saved with model.save(path): a .keras file (Keras 3) or an .h5 file (older Keras). The model comes back compiled when it was saved compiled.",
                           parameters: [.required("filepath"), .optional("custom_objects", default: Value.none), .optional("compile", default: .bool(true)),
                                        .optional("safe_mode", default: .bool(true))]) { a, _ in
                let path = try a.path("filepath")
                return wrap(try files(a.span(of: "filepath")) { try ModelFile.load(path, session: st.nn, compile: a.bool("compile")) })
            },
            NativeFunction("model_from_json", doc: "Build a model (new weights) from the JSON string model.to_json() returned.",
                           parameters: [.required("json_string"), .optional("custom_objects", default: Value.none)]) { a, _ in
                let text = try a.string("json_string")
                return wrap(try files(a.span(of: "json_string")) { try ModelConfig.model(from: try JSON.parse(text), session: st.nn, compile: false) })
            },
            NativeFunction("clone_model", doc: "A new model with the same layers (names, arguments) as `model` and fresh random weights, as Keras's clone_model; not compiled.",
                           parameters: [.required("model"), .optional("input_tensors", default: Value.none), .optional("clone_function", default: Value.none),
                                        .keywordOnly("call_function", default: Value.none), .keywordOnly("recursive", default: .bool(false))]) { a, _ in
                guard case .object(let o as ModelObject) = a["model"] ?? .none else {
                    throw Diagnostic(.typeError, "Expected `model` argument to be a `Model` instance. Received: model=\(Repr.repr(a["model"] ?? .none))",
                                     at: a.span(of: "model"))
                }
                for name in ["input_tensors", "clone_function", "call_function"] where !(a[name] ?? .none).isNone {
                    throw Diagnostic(.notImplementedError, "Fovea's clone_model copies the layers as they are: `\(name)` is not supported.",
                                     at: a.span(of: name), notes: ["help: clone first, then change the clone"])
                }
                return wrap(try files(a.span(of: "model")) {
                    try ModelConfig.model(from: try ModelConfig.serialize(o.model, compile: false), session: st.nn, compile: false)
                })
            },
        ]
    }

    static func fromConfig(_ st: KerasState) -> NativeFunction {
        NativeFunction("from_config", doc: "Build a Sequential model (new weights) from the dict model.get_config() returned.",
                       parameters: [.required("config"), .optional("custom_objects", default: Value.none)]) { a, _ in
            let config = try json(a["config"]!, at: a.span(of: "config"))
            return wrap(try files(a.span(of: "config")) { try ModelConfig.model(from: config, session: st.nn, compile: false) })
        }
    }

    // MARK: - JSON and the language's values

    static func value(_ j: JSON) -> Value { JSONModule.value(j) }

    static func json(_ v: Value, at span: Span) throws -> JSON {
        switch v {
        case .none: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .double(d)
        case .str(let s): return .string(s)
        case .tuple(let items): return .array(try items.map { try json($0, at: span) })
        case .list(let box): return .array(try box.items.map { try json($0, at: span) })
        case .dict(let d):
            var o = JSONObject()
            for (k, item) in d.entries {
                guard case .str(let key) = k else {
                    throw Diagnostic(.typeError, "A config's keys must be strings. Received: \(Repr.repr(k))", at: span)
                }
                o[key] = try json(item, at: span)
            }
            return .object(o)
        default:
            throw Diagnostic(.typeError, "A config holds dicts, lists, strings, numbers, booleans and None. Received: \(Repr.repr(v)) (of type \(v.typeName))", at: span)
        }
    }
}
