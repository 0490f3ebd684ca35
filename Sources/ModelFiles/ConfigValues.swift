import JSON
import NeuralNet
import Tensor

/// The pieces of Keras's serialisation that every layer config shares: the dtype policy, the
/// `{"module", "class_name", "config", "registered_name"}` wrapper of initializers and
/// regularizers, and a reader that takes a config apart with errors naming the key.
enum KerasObjects {
    /// `{"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, ...}`.
    static let float32Policy: JSON = serialized(module: "keras", className: "DTypePolicy", config: ["name": "float32"])

    static func serialized(module: String, className: String, config: JSONObject) -> JSON {
        .object(JSONObject([("module", .string(module)), ("class_name", .string(className)),
                            ("config", .object(config)), ("registered_name", .null)]))
    }

    /// Keras's class names of the initializers Fovea has.
    static let initializerClasses: [Initializer: String] = [
        .glorotUniform: "GlorotUniform", .glorotNormal: "GlorotNormal", .heUniform: "HeUniform", .heNormal: "HeNormal",
        .lecunUniform: "LecunUniform", .lecunNormal: "LecunNormal", .zeros: "Zeros", .ones: "Ones",
    ]

    static func initializer(_ i: Initializer) -> JSON {
        let className = initializerClasses[i] ?? i.rawValue
        let config: JSONObject
        switch i {
        case .zeros, .ones: config = JSONObject()
        case .glorotUniform, .glorotNormal:
            config = JSONObject([("seed", .null), ("input_axes", .null), ("output_axes", .null)])
        default: config = JSONObject([("seed", .null)])
        }
        return serialized(module: "keras.initializers", className: className, config: config)
    }

    static func regularizer(_ r: Regularizer?) -> JSON {
        guard let r else { return .null }
        return serialized(module: "keras.regularizers", className: r.className,
                          config: JSONObject(r.config.map { ($0.name, JSON.double($0.value)) }))
    }

    static func ints(_ values: [Int]) -> JSON { .array(values.map { .int($0) }) }
    static func shape(_ values: [Int?]) -> JSON { .array(values.map { $0.map(JSON.int) ?? .null }) }
    static func pair(_ p: (Int, Int)) -> JSON { .array([.int(p.0), .int(p.1)]) }
    static func optionalInt(_ v: Int?) -> JSON { v.map(JSON.int) ?? .null }

    /// An array as numpy's `tolist()` writes it: a number for a scalar, nested lists otherwise.
    static func values(_ t: Tensor) -> JSON {
        let v = t.converted(to: .float32).floatArray.map { JSON.double(Double($0)) }
        func nest(_ dims: ArraySlice<Int>, _ items: ArraySlice<JSON>) -> JSON {
            guard let first = dims.first else { return items.first ?? .null }
            let size = first == 0 ? 0 : items.count / first
            return .array((0..<first).map { i in nest(dims.dropFirst(), items[(items.startIndex + i * size)..<(items.startIndex + (i + 1) * size)]) })
        }
        return nest(t.shape.dims[...], v[...])
    }
}

/// Reads one config object, with errors that say which class and key were wrong.
struct ConfigReader {
    let className: String
    let config: JSONObject

    init(className: String, config: JSONObject) {
        self.className = className
        self.config = config
    }

    func fail(_ key: String, _ expected: String) -> LayerError {
        let found = config[key].map { $0.serializedString() } ?? "nothing"
        return LayerError.value("The config of a \(className) layer needs `\(key)` to be \(expected); found \(found).",
                                hint: "The file was not written by Keras or Fovea, or it was changed.")
    }

    var name: String? { config["name"]?.stringValue }
    var trainable: Bool { config["trainable"]?.boolValue ?? true }

    func has(_ key: String) -> Bool { config[key].map { !$0.isNull } ?? false }

    func int(_ key: String) throws -> Int {
        guard let v = config[key]?.intValue else { throw fail(key, "an integer") }
        return v
    }

    func optionalInt(_ key: String) throws -> Int? {
        guard has(key) else { return nil }
        return try int(key)
    }

    func double(_ key: String, default value: Double? = nil) throws -> Double {
        guard has(key) else {
            if let value { return value }
            throw fail(key, "a number")
        }
        guard let v = config[key]?.doubleValue else { throw fail(key, "a number") }
        return v
    }

    func optionalDouble(_ key: String) throws -> Double? {
        guard has(key) else { return nil }
        return try double(key)
    }

    func bool(_ key: String, default value: Bool) throws -> Bool {
        guard has(key) else { return value }
        guard let v = config[key]?.boolValue else { throw fail(key, "true or false") }
        return v
    }

    func string(_ key: String, default value: String? = nil) throws -> String {
        guard has(key) else {
            if let value { return value }
            throw fail(key, "a string")
        }
        guard let v = config[key]?.stringValue else { throw fail(key, "a string") }
        return v
    }

    func optionalString(_ key: String) throws -> String? {
        guard has(key) else { return nil }
        return try string(key)
    }

    func ints(_ key: String) throws -> [Int] {
        if let i = config[key]?.intValue { return [i] }
        guard let items = config[key]?.arrayValue else { throw fail(key, "a list of integers") }
        return try items.map { guard let i = $0.intValue else { throw fail(key, "a list of integers") }; return i }
    }

    /// A number or a list of numbers (Rescaling's `scale`).
    func doubles(_ key: String) throws -> [Double] {
        if let v = config[key]?.doubleValue { return [v] }
        guard let items = config[key]?.arrayValue, !items.isEmpty else { throw fail(key, "a number or a list of numbers") }
        return try items.map { guard let v = $0.doubleValue else { throw fail(key, "a number or a list of numbers") }; return v }
    }

    /// A number or (nested) lists of numbers of one shape as a float32 array.
    func tensor(_ key: String) throws -> Tensor {
        var dims: [Int] = [], values: [Float] = []
        func walk(_ v: JSON, _ depth: Int) throws {
            if let d = v.doubleValue {
                guard depth == dims.count else { throw fail(key, "a number or lists of numbers of one shape") }
                values.append(Float(d)); return
            }
            guard let items = v.arrayValue else { throw fail(key, "a number or lists of numbers") }
            if depth == dims.count, values.isEmpty { dims.append(items.count) }
            guard depth < dims.count, dims[depth] == items.count else { throw fail(key, "lists of numbers of one shape") }
            for item in items { try walk(item, depth + 1) }
        }
        guard let v = config[key] else { throw fail(key, "a number or a list of numbers") }
        try walk(v, 0)
        return try Tensor(shape: Shape(dims), floats: values)
    }

    func intOrTuple(_ key: String) throws -> IntOrTuple {
        if let i = config[key]?.intValue { return IntOrTuple(i) }
        return IntOrTuple(try ints(key))
    }

    func shape(_ key: String) throws -> [Int?] {
        guard let items = config[key]?.arrayValue else { throw fail(key, "a shape such as [null, 28, 28, 1]") }
        return try items.map {
            if $0.isNull { return nil }
            guard let i = $0.intValue else { throw fail(key, "a shape such as [null, 28, 28, 1]") }
            return i
        }
    }

    func pairs(_ key: String) throws -> PairsArgument {
        if let i = config[key]?.intValue { return .int(i) }
        guard let items = config[key]?.arrayValue else { throw fail(key, "a list of pairs") }
        return .items(try items.map { item in
            if let i = item.intValue { return IntOrTuple(i) }
            guard let inner = item.arrayValue else { throw fail(key, "a list of pairs") }
            return IntOrTuple(try inner.map { guard let i = $0.intValue else { throw fail(key, "a list of pairs") }; return i })
        })
    }

    /// `activation`: a name, or Keras's serialised function `{"class_name": "function", "config": "relu"}`.
    func activation(_ key: String = "activation") throws -> String? {
        guard has(key) else { return nil }
        if let s = config[key]?.stringValue { return s }
        if let inner = config[key]?["config"]?.stringValue { return inner }
        throw fail(key, "an activation name such as \"relu\"")
    }

    /// An initializer: a name, or `{"class_name": "GlorotUniform", "config": {...}}`.
    func initializer(_ key: String, default value: String) throws -> String {
        guard has(key) else { return value }
        if let s = config[key]?.stringValue { return s }
        guard let className = config[key]?["class_name"]?.stringValue else { throw fail(key, "an initializer") }
        if let found = KerasObjects.initializerClasses.first(where: { $0.value == className }) {
            if let seed = config[key]?["config"]?["seed"], !seed.isNull {
                throw LayerError(.notImplementedError, "Fovea cannot load a seeded \(className) initializer in `\(key)` of a \(className) layer.")
            }
            return found.key.rawValue
        }
        throw LayerError(.notImplementedError,
                         "The \(self.className) layer's `\(key)` is a \(className) initializer, which Fovea does not have.",
                         hint: "Fovea's initializers: \(Initializer.allCases.map(\.rawValue).joined(separator: ", ")).")
    }

    func regularizer(_ key: String) throws -> Regularizer? {
        guard has(key) else { return nil }
        if let s = config[key]?.stringValue { return try Regularizer.named(s, argument: key) }
        guard let className = config[key]?["class_name"]?.stringValue, let inner = config[key]?["config"]?.objectValue else {
            throw fail(key, "a regularizer")
        }
        let l1 = inner["l1"]?.doubleValue ?? 0, l2 = inner["l2"]?.doubleValue ?? 0
        switch className {
        case "L1": return try Regularizer(.l1, l1: l1)
        case "L2": return try Regularizer(.l2, l2: l2)
        case "L1L2": return try Regularizer(.l1l2, l1: l1, l2: l2)
        default:
            throw LayerError(.notImplementedError, "The \(self.className) layer's `\(key)` is a \(className), which Fovea does not have.")
        }
    }

    /// Keys Fovea cannot honour when they are set (constraints, ...): an error rather than a
    /// model that silently behaves differently.
    func requireUnset(_ keys: [String]) throws {
        for key in keys where has(key) {
            if let b = config[key]?.boolValue, b == false { continue }
            throw LayerError(.notImplementedError,
                             "The \(className) layer \"\(name ?? "?")\" has `\(key)` set, which Fovea cannot load yet.",
                             hint: "Save the model again without \(key).")
        }
    }
}
