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
    /// The declared host class, for a class made by `HostClass.typeValue`: a class written in
    /// the language may subclass it when `hostClass.isSubclassable`.
    public internal(set) var hostClass: AnyHostClass?
    /// For an exception class (`ValueError`): which one, for `except` and `raise`.
    public internal(set) var exceptionClass: ExceptionClass?
    /// For a class written in the language: its bases as written, and its method resolution
    /// order (itself first, then what it inherits from, C3 as in Python). Empty for other classes.
    public internal(set) var bases: [TypeValue] = []
    var mro: [TypeValue] = []
    /// For a class written in the language that derives from a host class (a Keras Callback):
    /// the host class, whose constructor makes the host part of each instance.
    var hostBase: TypeValue?

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

/// The modules `import` can find in one session, and the import lines that bring names in.
///
/// A library registers its modules into each session it is installed in (no process-wide
/// state): `session.modules.register("math") { _ in ... }`. The factory runs the first time the
/// module is imported in that session, so module state such as a random generator is per
/// session. Register dotted names for submodules (`tensorflow.keras.layers`); importing `a.b.c`
/// loads `a`, `a.b` and `a.b.c` and attaches each to its parent.
public final class ModuleTable {
    /// A factory that may share state with the session's other modules through its
    /// `SessionStore` (`keras.layers` and `tensorflow.keras.layers` count layer names together).
    public typealias Factory = (SessionStore) -> ModuleValue

    private var factories: [String: Factory] = [:]
    private var hints: [String: String] = [:]
    let store: SessionStore

    init(store: SessionStore) { self.store = store }

    /// Makes `import name` work. Replaces an earlier registration of the same name.
    public func register(_ name: String, _ factory: @escaping Factory) { factories[name] = factory }

    /// The import line that brings `name` in, e.g. `from tensorflow.keras.layers import Conv2D`:
    /// a NameError for `name` suggests it.
    public func registerImportHint(_ name: String, _ importLine: String) { hints[name] = importLine }

    public func importHint(for name: String) -> String? { hints[name] }

    public func has(_ name: String) -> Bool { factories[name] != nil }

    /// Every registered dotted name, sorted.
    public var names: [String] { factories.keys.sorted() }

    /// Top-level module names, for `import ` completion and error notes.
    public var topLevelNames: [String] { names.filter { !$0.contains(".") } }

    /// A fresh instance of a registered module (the interpreter keeps the one it imported).
    public func make(_ name: String) -> ModuleValue? { factories[name].map { $0(store) } }
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
            } else if let m = moduleTable.make(prefix) {
                modules[prefix] = m
                module = m
            } else {
                var notes: [String] = []
                if let parent {
                    let subs = moduleTable.names.filter { $0.hasPrefix(parent.name + ".") }.map { String($0.dropFirst(parent.name.count + 1)) }
                    if let m = Suggest.closest(to: part, in: subs) { notes.append("help: did you mean '\(parent.name).\(m)'?") }
                } else if let m = Suggest.closest(to: part, in: moduleTable.topLevelNames) {
                    notes.append("help: did you mean '\(m)'?")
                }
                notes.append("note: Fovea has these modules: " + moduleTable.topLevelNames.joined(separator: ", "))
                throw Diagnostic(.importError, "No module named '\(prefix)'", at: span, notes: notes)
            }
            if let parent, parent[part] == nil { parent.add(part, .module(module)) }
            parent = module
        }
        return modules[dotted]!
    }
}
