/// A FoveaLang value. Immutable values (numbers, strings, tuples, ranges) are carried inline;
/// mutable ones (list, dict) live in final-class boxes so that, as in Python, two names can
/// refer to the same list. Host types (tensors, layers, models) are `.object`.
public enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case tuple([Value])
    case list(ListBox)
    case dict(DictBox)
    case range(RangeValue)
    /// A user-defined `def` or `lambda`.
    case function(FunctionValue)
    /// A built-in function, or a method bound to its receiver.
    case native(NativeFunction)
    case module(ModuleValue)
    /// A class: `int`, `str`, ... or a host class such as `Conv2D`.
    case type(TypeValue)
    /// A lazy iterator (`map`, `zip`, `enumerate`, generator expressions, ...).
    case iterator(IteratorBox)
    case object(any FoveaObject)

    public static func list(_ items: [Value]) -> Value { .list(ListBox(items)) }

    /// A list, dict, non-empty tuple or dict view: a value that can hold others.
    var isContainer: Bool {
        switch self {
        case .list, .dict: return true
        case .tuple(let t): return !t.isEmpty
        case .object(let o): return o is DictView
        default: return false
        }
    }

    /// Frees what a dying list or dict held. Swift frees nested values by recursing once per
    /// level, and `a = [a]` run a million times nests deeper than any stack; so the lists, dicts
    /// and tuples that die with this one are taken apart here, one after another (CPython's
    /// "trashcan" does the same). Those still referred to elsewhere are left whole.
    static func dismantle(_ items: inout [Value]) {
        guard items.contains(where: \.isContainer) else { return }
        var pending: [Value] = []
        swap(&pending, &items)
        while var v = pending.popLast() {
            // A box is taken out of `v` so that this is the one reference when no other is left.
            if var box = moveList(&v) {
                if isKnownUniquelyReferenced(&box) {
                    pending += box.items.filter(\.isContainer)
                    box.items = []
                }
            } else if var box = moveDict(&v) {
                if isKnownUniquelyReferenced(&box) {
                    pending += box.keys.filter(\.isContainer) + box.entries.map(\.value).filter(\.isContainer)
                    box.removeAll()
                }
            } else if var view = moveView(&v) {
                // Its dict outlives it (`pending` holds it), to be taken apart in turn.
                if isKnownUniquelyReferenced(&view) { pending.append(.dict(view.dict)) }
            } else if case .tuple(let t) = v {
                // Its elements outlive the array (`pending` holds them), whoever else holds it.
                pending += t.filter(\.isContainer)
            }
        }
    }

    private static func moveView(_ v: inout Value) -> DictView? {
        guard case .object(let o) = v, let view = o as? DictView else { return nil }
        v = .none
        return view
    }

    private static func moveList(_ v: inout Value) -> ListBox? {
        guard case .list(let box) = v else { return nil }
        v = .none
        return box
    }

    private static func moveDict(_ v: inout Value) -> DictBox? {
        guard case .dict(let box) = v else { return nil }
        v = .none
        return box
    }
}

/// The storage of a list; shared by every name that refers to the list.
public final class ListBox {
    public var items: [Value]
    public init(_ items: [Value] = []) { self.items = items }
    deinit { Value.dismantle(&items) }
}

/// What may be a dict key: None, bool, int, float, str, bytes, tuples of those, and objects by
/// identity.
/// `True`, `1` and `1.0` are the same key, as in Python.
public enum HashKey: Hashable {
    case none
    case int(Int)
    case float(Double)
    case str(String)
    case tuple([HashKey])
    case bytes([UInt8])
    case identity(ObjectIdentifier)
    /// An object whose class defines `__hash__` (and `__eq__`): keys with equal hashes are then
    /// compared with its `__eq__`, as Python's dict does.
    case custom(CustomHashKey)
}

/// The key of an object with its own `__hash__`: its hash, and how to ask whether it equals
/// another such key.
public final class CustomHashKey: Hashable {
    public let hash: Int
    let value: Value
    let equal: (Value, Value) -> Bool
    init(hash: Int, value: Value, equal: @escaping (Value, Value) -> Bool) {
        self.hash = hash; self.value = value; self.equal = equal
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    public static func == (a: CustomHashKey, b: CustomHashKey) -> Bool {
        a === b || (a.hash == b.hash && a.equal(a.value, b.value))
    }
}

/// An insertion-ordered dictionary of values.
public final class DictBox {
    public private(set) var keys: [Value] = []
    private var hashes: [HashKey] = []
    private var storage: [HashKey: (key: Value, value: Value)] = [:]

    public init() {}

    deinit {
        var held = keys.filter(\.isContainer) + storage.values.map(\.value).filter(\.isContainer)
        removeAll()
        Value.dismantle(&held)
    }

    public var count: Int { storage.count }

    public func get(_ key: HashKey) -> Value? { storage[key]?.value }

    public func set(_ key: Value, _ hash: HashKey, _ value: Value) {
        if let existing = storage[hash] {
            storage[hash] = (existing.key, value)
        } else {
            storage[hash] = (key, value)
            keys.append(key)
            hashes.append(hash)
        }
    }

    @discardableResult
    public func remove(_ hash: HashKey) -> Value? {
        guard let entry = storage.removeValue(forKey: hash) else { return nil }
        if let i = hashes.firstIndex(of: hash) {
            hashes.remove(at: i)
            keys.remove(at: i)
        }
        return entry.value
    }

    public func removeAll() { keys = []; hashes = []; storage = [:] }

    public var entries: [(key: Value, value: Value)] {
        hashes.compactMap { storage[$0] }
    }

    public func copy() -> DictBox {
        let d = DictBox()
        d.keys = keys; d.hashes = hashes; d.storage = storage
        return d
    }
}

/// `range(start, stop, step)`: lazy, so `range(10**12)` costs nothing until iterated.
public struct RangeValue: Sendable, Equatable {
    public var start: Int, stop: Int, step: Int
    public init(start: Int, stop: Int, step: Int) { self.start = start; self.stop = stop; self.step = step }
    public var count: Int {
        if step > 0 {
            guard start < stop else { return 0 }
            let (d, o) = stop.subtractingReportingOverflow(start)
            if o { return Int.max }
            return (d - 1) / step + 1
        } else {
            guard start > stop else { return 0 }
            let (d, o) = start.subtractingReportingOverflow(stop)
            if o { return Int.max }
            return (d - 1) / (-step) + 1
        }
    }
    /// The i-th element, 0 <= i < count.
    public func element(_ i: Int) -> Int { start &+ i &* step }
}

/// A lazy iterator: `next()` returns nil when exhausted.
public final class IteratorBox {
    public let typeName: String
    private var nextClosure: () throws -> Value?
    private var done = false
    public init(_ typeName: String, _ next: @escaping () throws -> Value?) {
        self.typeName = typeName
        self.nextClosure = next
    }
    public func next() throws -> Value? {
        if done { return nil }
        if let v = try nextClosure() { return v }
        done = true
        nextClosure = { nil }
        return nil
    }
}

/// A function written by the learner (`def` or `lambda`).
public final class FunctionValue {
    public let name: String
    let params: [Parameter]
    let defaults: [Value?]
    let body: [Stmt]
    let lambdaBody: Expr?
    /// The scope the function was defined in (for closures); nil at the top level.
    let closure: Scope?
    let source: SourceFile
    let span: Span
    /// A generator function: calling it makes a generator that runs the body on `next()`.
    let isGenerator: Bool
    /// For a method, the class whose body defined it: what `super()` in it starts after.
    weak var definingClass: TypeValue?

    init(name: String, params: [Parameter], defaults: [Value?], body: [Stmt], lambdaBody: Expr?,
         closure: Scope?, source: SourceFile, span: Span, isGenerator: Bool = false) {
        self.name = name; self.params = params; self.defaults = defaults; self.body = body
        self.lambdaBody = lambdaBody; self.closure = closure; self.source = source; self.span = span
        self.isGenerator = isGenerator
    }

    /// Whether every parameter is a plain positional-or-keyword one (`def f(a, b=1)`): then a call
    /// with exactly that many positional arguments binds them in order, without the general rules.
    lazy var hasPlainParameters: Bool = params.allSatisfy { $0.kind == .positionalOrKeyword }

    /// `Point.__init__` for a method, as Python's messages name it; the name otherwise.
    public var qualifiedName: String { definingClass.map { "\($0.name).\(name)" } ?? name }

    /// The docstring: a string literal as the first statement of the body.
    public var doc: String? {
        if case .expression(let e)? = body.first?.kind, case .string(let s) = e.kind { return s }
        return nil
    }

    /// `f(a, b=1)` as a learner would write it.
    public var signature: String { signature(named: name) }

    /// The signature under another name, without the first `skipping` parameters: a class's
    /// `Config(epochs=2)` from `__init__(self, epochs=2)`, a method's `steps(n)` without `self`.
    func signature(named shown: String, skipping: Int = 0) -> String {
        var ps: [String] = []
        for p in params.dropFirst(skipping) {
            switch p.kind {
            case .varPositional: ps.append("*" + p.name)
            case .varKeyword: ps.append("**" + p.name)
            default:
                if p.kind == .keywordOnly, !params.contains(where: { $0.kind == .varPositional }), !ps.contains("*") { ps.append("*") }
                ps.append(p.defaultValue.map { "\(p.name)=\(Interpreter.sourceText(of: $0, in: source))" } ?? p.name)
            }
        }
        return "\(shown)(\(ps.joined(separator: ", ")))"
    }
}

/// A variable scope: a function's locals, a comprehension's loop variables, or the globals.
final class Scope {
    var vars: [String: Value] = [:]
    let parent: Scope?
    /// Names declared `global` or `nonlocal` here, and the scope their assignments go to.
    var redirected: [String: Scope] = [:]
    /// A class body: functions defined in it do not see its names (methods reach them through
    /// `self` or the class), as in Python.
    let isClassBody: Bool
    init(parent: Scope?, isClassBody: Bool = false) { self.parent = parent; self.isClassBody = isClassBody }

    /// The scope a function defined here closes over: a class body's enclosing scope.
    var closureHome: Scope { isClassBody ? (parent ?? self) : self }

    /// The scope an assignment to `name` made in this scope writes to.
    func target(for name: String) -> Scope { redirected[name] ?? self }

    func lookup(_ name: String) -> Value? {
        var s: Scope? = self
        while let cur = s {
            if let v = cur.vars[name] { return v }
            s = cur.parent
        }
        return nil
    }
}

extension Value {
    /// The Python type name shown in messages: `int`, `NoneType`, `list`, ...
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .str: return "str"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .range: return "range"
        case .function: return "function"
        case .native: return "builtin_function_or_method"
        case .module: return "module"
        case .type: return "type"
        case .iterator(let it): return it.typeName
        case .object(let o): return o.typeName
        }
    }

    /// Python truthiness.
    public var isTruthy: Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .dict(let d): return d.count > 0
        case .range(let r): return r.count > 0
        case .object(let o): return o.isTruthy
        default: return true
        }
    }

    /// How deeply repr, `==`, ordering and hashing follow lists, tuples and dicts inside one
    /// another before they raise RecursionError (CPython: its recursion limit, 1000). Values can
    /// nest without limit (`a = [a]` in a loop); walking them must not take the stack with it.
    static let maxNesting = 1000

    /// CPython's RecursionError for a value nested too deeply: "maximum recursion depth exceeded
    /// `context`" ("in comparison", "while getting the repr of an object").
    static func recursionError(_ context: String, at span: Span? = nil) -> Diagnostic {
        Diagnostic(.recursionError, "maximum recursion depth exceeded \(context)", at: span,
                   notes: ["note: the value holds lists, tuples or dicts nested more than \(maxNesting) levels deep"])
    }

    /// The dict key of a hashable value; nil for lists, dicts and other unhashable values, and
    /// for tuples nested more than `Value.maxNesting` deep (`checkedHashKey` tells those apart).
    public var hashKey: HashKey? { try? checkedHashKey(at: nil) }

    /// The dict key of a hashable value; nil for lists, dicts and other unhashable values;
    /// RecursionError for tuples nested more than `Value.maxNesting` deep.
    public func checkedHashKey(at span: Span?, depth: Int = 0) throws -> HashKey? {
        switch self {
        case .none: return HashKey.none
        case .bool(let b): return .int(b ? 1 : 0)
        case .int(let i): return .int(i)
        case .float(let d):
            if d.rounded() == d, abs(d) < 9.2e18 { return .int(Int(d)) }
            return .float(d)
        case .str(let s): return .str(s)
        case .tuple(let items):
            if depth >= Value.maxNesting { throw Value.recursionError("while hashing a tuple", at: span) }
            var ks: [HashKey] = []
            for item in items {
                guard let k = try item.checkedHashKey(at: span, depth: depth + 1) else { return nil }
                ks.append(k)
            }
            return .tuple(ks)
        case .list, .dict: return nil
        case .range(let r): return .tuple([.str("range"), .int(r.start), .int(r.stop), .int(r.step)])
        case .function(let f): return .identity(ObjectIdentifier(f))
        case .native(let f): return .str("<native \(f.name)>")
        case .module(let m): return .identity(ObjectIdentifier(m))
        case .type(let t): return .identity(ObjectIdentifier(t))
        case .iterator(let it): return .identity(ObjectIdentifier(it))
        case .object(let o): return try o.hashKey(at: span, depth: depth)
        }
    }

    /// A number as a Double (bool and int promote), nil otherwise.
    public var asDouble: Double? {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .object(let o): return o.scalarValue()?.asDouble
        default: return nil
        }
    }

    /// An int or bool as Int, nil otherwise.
    public var asInt: Int? {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .object(let o): return o.indexValue()
        default: return nil
        }
    }
}
