/// Attributes of instances and classes written in the language: reading (`obj.x`, `Cls.x`),
/// assigning and deleting them, and the names `dir()` and completion offer.
extension Interpreter {
    /// `obj.name` for an instance: a property of its class, then its own attributes, then its
    /// class's (methods bind), then its host part's; `__getattr__` last, as in Python.
    func instanceAttribute(_ obj: Instance, _ name: String, span: Span) throws -> Value? {
        let classValue = obj.cls.lookup(name)
        if case .object(let p as PropertyObject)? = classValue {
            return try located(span) { try call(p.getter, [CallArgument(value: .object(obj), span: span)], span: span) }
        }
        if let v = obj[attribute: name] { return v }
        if let classValue { return try bind(classValue, to: .object(obj)) }
        switch name {
        case "__class__": return .type(obj.cls)
        case "__dict__": return .dict(obj.attributes)
        case "__doc__": return .str(obj.cls.doc)
        case "args" where obj.cls.exceptionClass != nil: return .tuple(obj.exceptionArgs)
        default: break
        }
        if let host = obj.hostPart, let c = host.hostClass,
           let v = try located(span, { try c.attribute(of: host, name, context: context(span)) }) {
            return v
        }
        if let getattr = obj.cls.lookup("__getattr__") {
            return try callMethod(getattr, on: .object(obj), [CallArgument(value: .str(name), span: span)], span: span)
        }
        return nil
    }

    /// `Cls.name` for a class written in the language.
    func classAttribute(_ cls: TypeValue, _ name: String) throws -> Value? {
        if let v = cls.lookup(name) { return try bind(v, to: .type(cls)) }
        switch name {
        case "__name__", "__qualname__": return .str(cls.name)
        case "__module__": return .str(cls.module ?? "builtins")
        case "__doc__": return .str(cls.doc)
        case "__bases__": return .tuple(cls.bases.map { .type($0) })
        case "__mro__": return .tuple(cls.mro.map { .type($0) } + (builtins["object"].map { [$0] } ?? []))
        default: return nil
        }
    }

    /// `obj.name = value`: a property's setter, a host part's settable property, or the
    /// instance's own attribute.
    func setInstanceAttribute(_ obj: Instance, _ name: String, _ value: Value, span: Span) throws {
        if case .object(let p as PropertyObject)? = obj.cls.lookup(name) {
            guard let setter = p.setter else {
                throw Diagnostic(.attributeError, "property '\(name)' of '\(obj.cls.name)' object has no setter", at: span,
                                 notes: ["help: add a setter: @\(name).setter above def \(name)(self, value) in class \(obj.cls.name)"])
            }
            _ = try call(setter, [CallArgument(value: .object(obj), span: span), CallArgument(value: value, span: span)], span: span)
            return
        }
        if obj[attribute: name] == nil, let host = obj.hostPart, let c = host.hostClass,
           try located(span, { try c.setAttribute(of: host, name, value, context: context(span)) }) {
            return
        }
        obj[attribute: name] = value
    }

    /// `del obj.name`.
    func deleteInstanceAttribute(_ obj: Instance, _ name: String, span: Span) throws {
        guard obj[attribute: name] != nil else {
            throw Diagnostic(.attributeError, "'\(obj.cls.name)' object has no attribute '\(name)'", at: span)
        }
        obj[attribute: name] = nil
    }

    /// The names of an instance: its own, its classes', its host part's.
    func instanceAttributeNames(_ obj: Instance) -> [String] {
        var names = Set(obj.attributes.keys.compactMap { v -> String? in if case .str(let s) = v { return s }; return nil })
        for c in obj.cls.mro { names.formUnion(c.attributes.keys) }
        names.formUnion(obj.hostPart?.hostClass?.memberNames ?? [])
        return names.sorted()
    }
}
