import Synchronization

/// A module: named members (functions, constants, classes, submodules) in definition order.
public final class ModuleValue {
    /// The dotted name: `math`, `tensorflow.keras.layers`.
    public let name: String
    public var doc: String
    public private(set) var memberNames: [String] = []
    private var members: [String: Value] = [:]

    public init(_ name: String, doc: String) { self.name = name; self.doc = doc }

    public subscript(_ member: String) -> Value? { members[member] }

    /// Adds or replaces a member.
    public func add(_ member: String, _ value: Value) {
        if members.updateValue(value, forKey: member) == nil { memberNames.append(member) }
    }
    /// Adds a native function under its own name.
    public func add(_ function: NativeFunction) { add(function.name, .native(function)) }
    /// Adds a class under its own name.
    public func add(_ type: TypeValue) { add(type.name, .type(type)) }
}

/// A class seen from FoveaLang: a built-in type (`int`, `list`) or a host class (`Conv2D`).
/// Calling it calls `constructor`; `isinstance(x, cls)` asks `test`.
public final class TypeValue {
    public let name: String
    /// The defining module, for repr: `<class 'keras.layers.Conv2D'>`; nil for built-ins.
    public let module: String?
    public var doc: String
    public var constructor: NativeFunction?
    public var test: (Value) -> Bool
    /// Class-level attributes (constants, static functions).
    public var attributes: [String: Value] = [:]

    public init(_ name: String, module: String? = nil, doc: String, constructor: NativeFunction?,
                test: @escaping (Value) -> Bool) {
        self.name = name; self.module = module; self.doc = doc; self.constructor = constructor; self.test = test
    }

    /// A class whose instances are host objects with `typeName == name`.
    public convenience init(objectClass name: String, module: String?, doc: String, constructor: NativeFunction?) {
        self.init(name, module: module, doc: doc, constructor: constructor) { v in
            if case .object(let o) = v { return o.typeName == name }
            return false
        }
    }

    public var qualifiedName: String { module.map { "\($0).\(name)" } ?? name }
}

/// The modules `import` can find. Later issues register `tensorflow`, `keras`, `numpy`, ...;
/// each session builds its own instance of a module the first time it is imported (so module
/// state such as a random generator is per session). Register dotted names for submodules
/// (`tensorflow.keras.layers`); importing `a.b.c` loads `a`, `a.b` and `a.b.c` and attaches each
/// to its parent.
public enum ModuleRegistry {
    public typealias Factory = @Sendable () -> ModuleValue
    /// A factory that shares state with the session's other modules through its `SessionStore`
    /// (`keras.layers` and `tensorflow.keras.layers` count layer names together).
    public typealias SessionFactory = @Sendable (SessionStore) -> ModuleValue

    private static let factories = Mutex<[String: SessionFactory]>(ModuleRegistry.standard)
    private static let hints = Mutex<[String: String]>(KerasModules.importHints)

    /// Makes `import name` work. Replaces an earlier registration of the same name.
    public static func register(_ name: String, _ factory: @escaping Factory) {
        factories.withLock { $0[name] = { _ in factory() } }
    }

    /// Makes `import name` work with a factory that sees the session's store.
    public static func register(_ name: String, withStore factory: @escaping SessionFactory) {
        factories.withLock { $0[name] = factory }
    }

    /// The import line that brings `name` in, e.g. `from tensorflow.keras.layers import Conv2D`:
    /// a NameError for `name` suggests it.
    public static func registerImportHint(_ name: String, _ importLine: String) {
        hints.withLock { $0[name] = importLine }
    }

    public static func importHint(for name: String) -> String? { hints.withLock { $0[name] } }

    public static func has(_ name: String) -> Bool { factories.withLock { $0[name] != nil } }

    /// Every registered dotted name, sorted.
    public static var names: [String] { factories.withLock { Array($0.keys) }.sorted() }

    /// Top-level module names, for `import ` completion and error notes.
    public static var topLevelNames: [String] { names.filter { !$0.contains(".") } }

    static func make(_ name: String, store: SessionStore) -> ModuleValue? {
        guard let f = factories.withLock({ $0[name] }) else { return nil }
        return f(store)
    }

    private static var standard: [String: SessionFactory] {
        let plain: [String: Factory] = ["sys": StandardModules.sys, "math": StandardModules.math,
                                        "time": StandardModules.time, "random": StandardModules.random]
        return plain.mapValues { f in { _ in f() } }.merging(KerasModules.factories) { a, _ in a }
    }
}

/// Per-session objects that several modules share (a name counter, a random generator). Each
/// session has one store; `%reset -f` keeps it, as Python keeps imported modules' state.
public final class SessionStore {
    private var objects: [String: AnyObject] = [:]
    public init() {}

    /// The object stored under `key`, made by `make` the first time.
    public func shared<T: AnyObject>(_ key: String, _ make: () -> T) -> T {
        if let existing = objects[key] as? T { return existing }
        let made = make()
        objects[key] = made
        return made
    }
}

extension Interpreter {
    /// Loads `a.b.c` (and its parents) into this session.
    func importModule(_ dotted: String, span: Span) throws -> ModuleValue {
        if let m = modules[dotted] { return m }
        let parts = dotted.split(separator: ".").map(String.init)
        var parent: ModuleValue?
        var prefix = ""
        for part in parts {
            prefix = prefix.isEmpty ? part : prefix + "." + part
            let module: ModuleValue
            if let m = modules[prefix] {
                module = m
            } else if let m = ModuleRegistry.make(prefix, store: store) {
                modules[prefix] = m
                module = m
            } else {
                var notes: [String] = []
                if let parent {
                    let subs = ModuleRegistry.names.filter { $0.hasPrefix(parent.name + ".") }.map { String($0.dropFirst(parent.name.count + 1)) }
                    if let m = Suggest.closest(to: part, in: subs) { notes.append("help: did you mean '\(parent.name).\(m)'?") }
                } else if let m = Suggest.closest(to: part, in: ModuleRegistry.topLevelNames) {
                    notes.append("help: did you mean '\(m)'?")
                }
                notes.append("note: Fovea has these modules: " + ModuleRegistry.topLevelNames.joined(separator: ", "))
                throw Diagnostic("ImportError", "No module named '\(prefix)'", at: span, notes: notes)
            }
            if let parent, parent[part] == nil { parent.add(part, .module(module)) }
            parent = module
        }
        return modules[dotted]!
    }
}
