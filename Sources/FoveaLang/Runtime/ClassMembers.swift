/// What a class body's names become when read: bound methods, `@staticmethod`, `@classmethod`
/// and `@property` wrappers, `super()`, and the built-ins that make them.

/// A function read from an instance (`obj.method`): calling it passes `receiver` first.
final class BoundMethod: FoveaObject {
    let receiver: Value
    let function: Value
    let name: String
    init(receiver: Value, function: Value, name: String) { self.receiver = receiver; self.function = function; self.name = name }

    var typeName: String { "method" }
    var doc: String {
        if case .function(let f) = function { return f.doc ?? "A method of \(receiver.typeName)." }
        return "A method of \(receiver.typeName)."
    }
    func repr() -> String {
        let owner: String
        if case .type(let t) = receiver { owner = t.name } else { owner = receiver.typeName }
        return "<bound method \(owner).\(name) of \(Repr.repr(receiver))>"
    }
    var isCallable: Bool { true }
    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        try context.interpreter.call(function, [CallArgument(value: receiver, span: context.span)] + arguments, span: context.span)
    }
    func isEqual(to other: Value) -> Bool? {
        guard case .object(let o as BoundMethod) = other else { return false }
        return Interpreter.identical(function, o.function) && Interpreter.identical(receiver, o.receiver)
    }
}

/// `@staticmethod` and `@classmethod`: a function stored in a class that binds differently.
final class MethodWrapper: FoveaObject {
    /// `method` is a native function a library put in a class (dataclass's `__init__`): it binds
    /// to the instance as a `def` would.
    enum Kind { case staticMethod, classMethod, method }
    let kind: Kind
    let function: Value
    init(_ kind: Kind, _ function: Value) { self.kind = kind; self.function = function }

    var name: String {
        if case .function(let f) = function { return f.name }
        return Repr.repr(function)
    }
    var typeName: String {
        switch kind {
        case .staticMethod: return "staticmethod"
        case .classMethod: return "classmethod"
        case .method: return "function"
        }
    }
    func repr() -> String { "<\(typeName)(\(Repr.repr(function)))>" }
    var isCallable: Bool { kind == .staticMethod }
    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        try context.interpreter.call(function, arguments, span: context.span)
    }
}

/// `@property`: reading the attribute runs the getter; `@name.setter` adds what assigning runs.
final class PropertyObject: FoveaObject {
    let getter: Value
    let setter: Value?
    let docText: String?
    init(getter: Value, setter: Value?, doc: String?) { self.getter = getter; self.setter = setter; self.docText = doc }

    var typeName: String { "property" }
    var doc: String {
        if let docText { return docText }
        if case .function(let f) = getter, let d = f.doc { return d }
        return "A property: reading it runs a method of the class."
    }
    func repr() -> String { "<property object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>" }
    var hostClass: AnyHostClass? { PropertyObject.binding }

    static let binding = HostClass<PropertyObject>("property", doc: "A property of a class.")
        .method("setter", [.required("fset", positionalOnly: true)], doc: "The same property, with fset run when the attribute is assigned.") { p, a, _ in
            .object(PropertyObject(getter: p.getter, setter: a["fset"]!, doc: p.docText))
        }
        .method("getter", [.required("fget", positionalOnly: true)], doc: "The same property, with another getter.") { p, a, _ in
            .object(PropertyObject(getter: a["fget"]!, setter: p.setter, doc: p.docText))
        }
        .property("fget", doc: "The function that reads the property.") { p, _ in p.getter }
        .property("fset", doc: "The function that assigns the property, or None.") { p, _ in p.setter ?? .none }
}

/// `super()`: the attributes of `instance` as the classes after `start` in its MRO define them.
final class SuperProxy: FoveaObject {
    let start: TypeValue
    let receiver: Value
    init(start: TypeValue, receiver: Value) { self.start = start; self.receiver = receiver }
    var typeName: String { "super" }
    func repr() -> String { "<super: <class '\(start.name)'>, <\(receiver.typeName) object>>" }
}

/// `NotImplemented`: what an operator method returns to let the other operand try.
final class NotImplementedObject: FoveaObject {
    static let shared = NotImplementedObject()
    var typeName: String { "NotImplementedType" }
    func repr() -> String { "NotImplemented" }
    static func isNotImplemented(_ v: Value) -> Bool {
        if case .object(let o) = v { return o === shared }
        return false
    }
}

/// `object()`: a value with nothing but its identity (a sentinel).
final class PlainObject: FoveaObject {
    var typeName: String { "object" }
    func repr() -> String { "<object object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>" }
}

extension Interpreter {
    /// `super().name`: the first class after `proxy.start` in the receiver's MRO that defines
    /// `name`, bound to the receiver. Past the classes written in the language, `__init__` of
    /// `object`, an exception class (which sets `args`) or a host class is found too.
    func superAttribute(_ proxy: SuperProxy, _ name: String, span: Span) throws -> Value? {
        let cls: TypeValue
        switch proxy.receiver {
        case .object(let o as Instance): cls = o.cls
        case .type(let t): cls = t
        default: return nil
        }
        if let v = cls.lookup(name, after: proxy.start) { return try bind(v, to: proxy.receiver) }
        guard case .object(let instance as Instance) = proxy.receiver else { return nil }
        if name == "__init__", let hostType = cls.hostBase {
            // super().__init__(monitor='val_loss', patience=3): the host part, made with these arguments.
            return .native(NativeFunction("__init__", doc: "Make the \(hostType.name) part of the object with these arguments.",
                                          parameters: [.varPositional("args"), .varKeyword("kwargs")]) { [unowned self] a, ctx in
                let args = a.varPositional.map { CallArgument(value: $0.value, span: $0.span) }
                    + a.varKeyword.map { CallArgument(keyword: $0.name, value: $0.value, span: $0.span) }
                guard case .object(let host) = try self.call(.type(hostType), args, span: ctx.span) else {
                    throw Diagnostic(.typeError, "\(hostType.qualifiedName)() did not make an object", at: ctx.span)
                }
                instance.hostPart = host
                return .none
            })
        }
        if let host = instance.hostPart, let c = host.hostClass,
           let v = try located(span, { try c.attribute(of: host, name, context: context(span)) }) {
            return v
        }
        guard name == "__init__" else { return nil }
        let isException = cls.exceptionClass != nil
        return .native(NativeFunction("__init__", doc: "Initialise the base part of the object.",
                                      parameters: [.varPositional("args"), .varKeyword("kwargs")]) { a, _ in
            if isException { instance.exceptionArgs = a.varPositional.map(\.value) }
            return .none
        })
    }

    /// `super()` with no arguments, in a method: the method's class and its first argument.
    func currentSuper(span: Span) throws -> Value {
        guard let frame = frames.last, let cls = frame.function.definingClass,
              let first = frame.function.params.first, let receiver = frame.scope.vars[first.name] else {
            throw Diagnostic(.runtimeError, "super(): no arguments", at: span,
                             notes: ["note: super() without arguments works inside a method of a class"])
        }
        return .object(SuperProxy(start: cls, receiver: receiver))
    }

    /// The exception value `except ... as e` binds for a raised error.
    func exceptionValue(_ d: Diagnostic) throws -> Value {
        d.raised ?? .object(ExceptionObject(d))
    }

    /// The class of a raised error, as `__exit__` receives it.
    func exceptionType(_ d: Diagnostic) -> Value {
        if case .object(let o as Instance)? = d.raised { return .type(o.cls) }
        return builtins[d.kind.name] ?? .type(d.kind.typeValue())
    }
}

extension Builtins {
    /// `property`, `staticmethod`, `classmethod`, `super`, `object`, `issubclass`, `vars` and
    /// `NotImplemented`.
    static var classBuiltins: [String: Value] {
        var b: [String: Value] = [:]
        b["property"] = .native(NativeFunction("property", doc: "Make a method read like an attribute: @property above def name(self).",
                                               parameters: [.optional("fget", default: Value.none), .optional("fset", default: Value.none),
                                                            .optional("fdel", default: Value.none), .optional("doc", default: Value.none)]) { a, _ in
            let fset = a["fset"]!
            return .object(PropertyObject(getter: a["fget"]!, setter: fset.isNone ? nil : fset, doc: try a.optionalString("doc")))
        })
        b["staticmethod"] = .native(NativeFunction("staticmethod", doc: "A method that takes neither the instance nor the class: @staticmethod above def.",
                                                   parameters: [.required("function", positionalOnly: true)]) { a, _ in
            .object(MethodWrapper(.staticMethod, a["function"]!))
        })
        b["classmethod"] = .native(NativeFunction("classmethod", doc: "A method that takes the class as its first argument (cls): @classmethod above def.",
                                                  parameters: [.required("function", positionalOnly: true)]) { a, _ in
            .object(MethodWrapper(.classMethod, a["function"]!))
        })
        b["super"] = .native(NativeFunction("super", doc: "In a method, the classes this class derives from: super().__init__(...) runs the base class's __init__.",
                                            parameters: [.optional("type", positionalOnly: true), .optional("object_or_type", positionalOnly: true)]) { a, ctx in
            guard let t = a["type"] else { return try ctx.interpreter.currentSuper(span: ctx.span) }
            guard case .type(let start) = t, let receiver = a["object_or_type"] else {
                throw Diagnostic(.typeError, "super() argument 1 must be a type, not \(t.typeName)", at: a.span(of: "type"))
            }
            return .object(SuperProxy(start: start, receiver: receiver))
        })
        b["issubclass"] = .native(NativeFunction("issubclass", doc: "Return True if the class derives from the other class (or one of a tuple of classes).",
                                                 parameters: [.required("cls", positionalOnly: true), .required("class_or_tuple", positionalOnly: true)]) { a, _ in
            guard case .type(let cls) = a["cls"]! else {
                throw Diagnostic(.typeError, "issubclass() arg 1 must be a class", at: a.span(of: "cls"))
            }
            func matches(_ v: Value) throws -> Bool {
                switch v {
                case .type(let t): return cls.isSubclass(of: t)
                case .tuple(let ts): return try ts.contains { try matches($0) }
                default: throw Diagnostic(.typeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union", at: a.span(of: "class_or_tuple"))
                }
            }
            return .bool(try matches(a["class_or_tuple"]!))
        })
        b["vars"] = .native(NativeFunction("vars", doc: "The attributes of an object as a dict: vars(obj) is obj.__dict__.",
                                           parameters: [.required("object", positionalOnly: true)]) { a, ctx in
            try ctx.getAttribute(a["object"]!, "__dict__")
        })
        b["NotImplemented"] = .object(NotImplementedObject.shared)
        b["object"] = .type(TypeValue("object", doc: "The base of every class; object() makes a value with nothing but its identity (a sentinel).",
                                      constructor: NativeFunction("object", doc: "A new object with nothing but its identity.") { _, _ in .object(PlainObject()) },
                                      test: { _ in true }))
        return b
    }
}
