/// A value of a host type (a Tensor, a layer, a model, `sys.stdout`, ...) seen from FoveaLang.
///
/// Only `typeName` is required; every other requirement has a default that behaves like a plain
/// Python object without that feature: no attributes, not callable, not subscriptable, no `len`,
/// not iterable, identity equality, no operators. `context.span` points at the code the request
/// is about (the attribute name, the subscript, the operator), so a thrown `Diagnostic` without a
/// span is placed there.
public protocol FoveaObject: AnyObject {
    /// The class name shown in messages and by `type()`: `Tensor`, `Conv2D`, ...
    var typeName: String { get }
    /// The documentation shown by `help(obj)` and `obj?`.
    var doc: String { get }
    /// `repr(obj)`, and how a cell's last value is shown unless `richValue()` says otherwise.
    func repr() -> String
    /// `str(obj)` and `print(obj)`; defaults to `repr()`.
    func str() -> String
    /// `repr(obj)` where an error can be raised and must reach the learner (the built-ins,
    /// `print`, formatting, a cell's result); defaults to `repr()`.
    func checkedRepr() throws -> String
    /// `str(obj)` where an error can be raised; defaults to `str()`.
    func checkedStr() throws -> String
    /// `format(obj, spec)` and `f"{obj:spec}"` when the object formats itself (`__format__`);
    /// nil (the default) formats it as Python's object does: `str` for an empty spec.
    func formatted(_ spec: String) throws -> String?
    /// The declared class of the object: its properties and methods (`obj.name`, `obj.name =
    /// value`), the names that completion and did-you-mean offer, and `isinstance`. nil for an
    /// object without attributes.
    var hostClass: AnyHostClass? { get }
    /// Whether `call` is implemented (`callable(obj)`).
    var isCallable: Bool { get }
    /// `obj(...)`. Use `BoundArguments.bind` to check the arguments against a parameter list.
    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value
    /// `obj[index]`; nil when the object is not subscriptable.
    func getItem(_ index: Value, context: CallContext) throws -> Value?
    /// `obj[index] = value`; false when item assignment is not supported.
    func setItem(_ index: Value, _ value: Value, context: CallContext) throws -> Bool
    /// `del obj[index]`; false when item deletion is not supported.
    func deleteItem(_ index: Value, context: CallContext) throws -> Bool
    /// `len(obj)`; nil when the object has no length.
    func length() -> Int?
    /// `for x in obj`; nil when the object is not iterable.
    func makeIterator(context: CallContext) throws -> IteratorBox?
    /// `item in obj`; nil when the object has no test of its own (`in` then iterates it).
    func contains(_ item: Value, context: CallContext) throws -> Bool?
    /// `obj op other` (or `other op obj` when `reflected`); nil when unsupported.
    func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value?
    /// `obj < other`, `obj == other`, ... (or reflected); nil falls back to the default rules
    /// (identity for `==`, TypeError for ordering). Tensors return element-wise results here.
    func comparison(_ op: CompareOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value?
    /// `-obj`, `+obj`, `~obj`; nil when unsupported.
    func unaryOperation(_ op: UnaryOp, context: CallContext) throws -> Value?
    /// `obj == other`; nil falls back to identity.
    func isEqual(to other: Value) -> Bool?
    var isTruthy: Bool { get }
    /// Whether the object can be a dict key (by identity).
    var isHashable: Bool { get }
    /// The object's dict key: by identity (when `isHashable`) unless the object is a value that
    /// equals others like it (bytes, a path, a named tuple), which returns the key they share;
    /// nil when it cannot be a key. `depth`: the tuples it is inside, for `Value.checkedHashKey`.
    func hashKey(at span: Span?, depth: Int) throws -> HashKey?
    /// A rich value (a figure, a summary) for `display(obj)` and a cell's last value; nil: repr.
    func richValue() -> (any RichValue)?
    /// `with obj as x:` enters: the value bound to `x`; nil when the object is not a context
    /// manager (the `with` statement then raises TypeError).
    func enter(context: CallContext) throws -> Value?
    /// Leaving the `with` block, with the error that ended it (nil when it ended normally);
    /// true suppresses that error, as `__exit__` returning True does.
    func exit(error: Diagnostic?, context: CallContext) throws -> Bool
    /// The single number a one-element object holds (an array of size 1), for `int()` and
    /// `float()`; nil otherwise.
    func scalarValue() -> Value?
    /// The int this object stands for where Python needs an index (`__index__`: list indices,
    /// range bounds), or nil.
    func indexValue() -> Int?
}

extension FoveaObject {
    public var doc: String { "A \(typeName) object." }
    public func repr() -> String { "<\(typeName) object>" }
    public func str() -> String { repr() }
    public func checkedRepr() throws -> String { repr() }
    public func checkedStr() throws -> String { str() }
    public func formatted(_ spec: String) throws -> String? { nil }
    public var hostClass: AnyHostClass? { nil }
    public var isCallable: Bool { false }
    public func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        throw Diagnostic(.typeError, "'\(typeName)' object is not callable", at: context.span)
    }
    public func getItem(_ index: Value, context: CallContext) throws -> Value? { nil }
    public func setItem(_ index: Value, _ value: Value, context: CallContext) throws -> Bool { false }
    public func deleteItem(_ index: Value, context: CallContext) throws -> Bool { false }
    public func length() -> Int? { nil }
    public func makeIterator(context: CallContext) throws -> IteratorBox? { nil }
    public func contains(_ item: Value, context: CallContext) throws -> Bool? { nil }
    public func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? { nil }
    public func unaryOperation(_ op: UnaryOp, context: CallContext) throws -> Value? { nil }
    public func comparison(_ op: CompareOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? { nil }
    public func isEqual(to other: Value) -> Bool? { nil }
    public var isTruthy: Bool { length().map { $0 != 0 } ?? true }
    public var isHashable: Bool { true }
    public func hashKey(at span: Span?, depth: Int) throws -> HashKey? { isHashable ? .identity(ObjectIdentifier(self)) : nil }
    public func richValue() -> (any RichValue)? { nil }
    public func scalarValue() -> Value? { nil }
    public func indexValue() -> Int? { nil }
    public func enter(context: CallContext) throws -> Value? { nil }
    public func exit(error: Diagnostic?, context: CallContext) throws -> Bool { false }
}
