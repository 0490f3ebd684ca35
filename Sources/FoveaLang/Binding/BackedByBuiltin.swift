/// A host object that is a built-in value underneath: Counter and OrderedDict keep a dict, a
/// named tuple a tuple. `dict(obj)`, `{**obj}` and `json.dumps(obj)` use that value, as Python's
/// subclasses of dict and tuple let them.
public protocol BackedByBuiltin: FoveaObject {
    /// The dict or tuple the object keeps.
    var builtinValue: Value { get }
}

extension Value {
    /// The dict or tuple a `BackedByBuiltin` object keeps; the value itself otherwise.
    public var unwrappedBuiltin: Value {
        if case .object(let o as BackedByBuiltin) = self { return o.builtinValue }
        return self
    }
}
