/// The `class` statement: a class written in the language is a `TypeValue` with bases, a method
/// resolution order and its body's names as attributes; its instances are `Instance`s.
///
/// A class may derive from other such classes (several, with C3 order as in Python), from an
/// exception class (its instances can be raised and caught), and from a host class that allows it
/// (`keras.callbacks.Callback`): each instance then carries a host part that the library sees.
extension TypeValue {
    /// Whether the class was written in the language (a `class` statement).
    var isUserClass: Bool { !mro.isEmpty }

    /// The attribute `name` as the class or the first class in its MRO defines it.
    func lookup(_ name: String) -> Value? {
        if mro.isEmpty { return attributes[name] }
        for c in mro { if let v = c.attributes[name] { return v } }
        return nil
    }

    /// The attribute `name` from the classes after `start` in this class's MRO (`super()`).
    func lookup(_ name: String, after start: TypeValue) -> Value? {
        guard let i = mro.firstIndex(where: { $0 === start }) else { return nil }
        for c in mro[(i + 1)...] { if let v = c.attributes[name] { return v } }
        return nil
    }

    /// `issubclass(self, other)` for any two classes: written ones by MRO, exception classes by
    /// their hierarchy, host classes by their declared bases.
    func isSubclass(of other: TypeValue) -> Bool {
        if self === other || (other.name == "object" && other.module == nil) { return true }
        if mro.contains(where: { $0 === other }) { return true }
        if let a = exceptionClass, let b = other.exceptionClass { return a.isSubclass(of: b) }
        if let a = hostClass ?? hostBase?.hostClass, let b = other.hostClass { return a.isSubclass(of: b) }
        if module == nil, other.module == nil { return self.name == other.name || (self.name == "bool" && other.name == "int") }
        return false
    }
}

extension Interpreter {
    /// Runs a `class` statement: checks the bases, runs the body in a scope of its own and
    /// binds the new class to `name`.
    func defineClass(_ name: String, bases baseArgs: [Argument], body: [Stmt], scope: Scope, span: Span) throws {
        var bases: [TypeValue] = []
        for arg in baseArgs {
            switch arg.kind {
            case .positional:
                let v = try eval(arg.value, scope)
                bases.append(try checkedBase(v, at: arg.value.span))
            case .keyword(let k):
                throw Diagnostic(.notImplementedError, "Fovea does not support the class keyword '\(k)='", at: arg.span,
                                 notes: ["help: remove '\(k)=...'; a class here takes its base classes only"])
            case .star, .doubleStar:
                throw Diagnostic(.notImplementedError, "Fovea does not support unpacking in a class's bases", at: arg.span,
                                 notes: ["help: name the base classes one by one"])
            }
        }
        bases.removeAll { $0.name == "object" && $0.module == nil }
        let cls = TypeValue(name, module: "__main__", doc: "", constructor: nil) { _ in false }
        cls.test = { [weak cls] v in
            guard let cls, case .object(let o as Instance) = v else { return false }
            return o.cls.isSubclass(of: cls)
        }
        cls.bases = bases
        cls.mro = [cls] + (try mergeMRO(bases, at: span))
        let exceptionBases = bases.compactMap(\.exceptionClass)
        cls.exceptionClass = exceptionBases.first.map { ExceptionClass(name, base: $0, otherBases: Array(exceptionBases.dropFirst())) }
        cls.hostBase = bases.lazy.compactMap { $0.hostClass != nil ? $0 : $0.hostBase }.first
        if cls.exceptionClass != nil, cls.hostBase != nil {
            throw Diagnostic(.typeError, "a class cannot derive from both an exception class and \(cls.hostBase!.qualifiedName)", at: span)
        }

        let classScope = Scope(parent: scope, isClassBody: true)
        _ = try exec(body, classScope)
        for (k, v) in classScope.vars {
            cls.attributes[k] = v
            Self.methodFunction(v)?.definingClass = cls
        }
        if case .expression(let e)? = body.first?.kind, case .string(let doc) = e.kind { cls.doc = doc }
        else { cls.doc = "A class defined in the notebook" + (bases.isEmpty ? "." : ", derived from \(bases.map(\.name).joined(separator: ", ")).") }
        scope.target(for: name).vars[name] = .type(cls)
    }

    /// The function behind a method, static method, class method or property getter.
    static func methodFunction(_ v: Value) -> FunctionValue? {
        switch v {
        case .function(let f): return f
        case .object(let d as MethodWrapper): return methodFunction(d.function)
        case .object(let p as PropertyObject): return methodFunction(p.getter)
        default: return nil
        }
    }

    /// A base class a `class` statement may name; NotImplementedError for classes Fovea cannot
    /// extend, saying what to do instead.
    private func checkedBase(_ v: Value, at span: Span) throws -> TypeValue {
        guard case .type(let t) = v else {
            throw Diagnostic(.typeError, "a class's bases must be classes, not '\(v.typeName)'", at: span,
                             notes: ["help: name a class, e.g. class MyError(Exception):"])
        }
        if t.isUserClass || t.exceptionClass != nil || (t.name == "object" && t.module == nil) { return t }
        if let host = t.hostClass, host.isSubclassable { return t }
        if t.module?.hasPrefix("keras") == true {
            throw Diagnostic(.notImplementedError, "Fovea cannot subclass \(t.qualifiedName): its layers and models are written in Swift", at: span,
                             notes: ["help: build the model from Fovea's layers, listed in keras.Sequential([...])",
                                     "note: keras.callbacks.Callback can be subclassed, to run code during fit"])
        }
        if t.module != nil {
            throw Diagnostic(.notImplementedError, "Fovea cannot subclass \(t.qualifiedName), a class written in Swift", at: span,
                             notes: ["help: keep a \(t.name) in an attribute of your class instead (self.inner = \(t.name)(...))"])
        }
        throw Diagnostic(.notImplementedError, "Fovea does not support subclassing the built-in type '\(t.name)' yet", at: span,
                         notes: ["help: keep a \(t.name) in an attribute instead (self.items = \(t.name)()) and write the methods you need"])
    }

    /// C3 linearization of the bases' orders, as Python computes `__mro__`.
    private func mergeMRO(_ bases: [TypeValue], at span: Span) throws -> [TypeValue] {
        var sequences = bases.map { $0.isUserClass ? $0.mro : [$0] } + [bases]
        var result: [TypeValue] = []
        while true {
            sequences = sequences.filter { !$0.isEmpty }
            if sequences.isEmpty { return result }
            let head = sequences.lazy.map { $0[0] }.first { h in !sequences.contains { $0.dropFirst().contains { $0 === h } } }
            guard let head else {
                throw Diagnostic(.typeError, "Cannot create a consistent method resolution order (MRO) for bases \(bases.map(\.name).joined(separator: ", "))", at: span)
            }
            result.append(head)
            sequences = sequences.map { $0[0] === head ? Array($0.dropFirst()) : $0 }
        }
    }

    /// `Cls(...)`: a new instance, its host part made first, then `__init__` run on it.
    func instantiate(_ cls: TypeValue, _ args: [CallArgument], span: Span) throws -> Value {
        let obj = Instance(cls, interpreter: self)
        if let hostType = cls.hostBase {
            if cls.lookup("__init__") == nil {
                // No __init__ of its own: the host class's takes the arguments, as in Python.
                guard case .object(let host) = try call(.type(hostType), args, span: span) else {
                    throw Diagnostic(.typeError, "\(hostType.qualifiedName)() did not make an object", at: span)
                }
                obj.hostPart = host
                return .object(obj)
            }
            // Made with its defaults now; `super().__init__(...)` makes it again with arguments.
            // A host class that needs arguments (LearningRateScheduler(schedule)) waits for that call.
            if let made = try? call(.type(hostType), [], span: span), case .object(let host) = made { obj.hostPart = host }
        }
        if cls.exceptionClass != nil { obj.exceptionArgs = args.filter { $0.keyword == nil }.map(\.value) }
        if let initializer = cls.lookup("__init__") {
            let r = try callMethod(initializer, on: .object(obj), args, span: span)
            if !r.isNone {
                throw Diagnostic(.typeError, "__init__() should return None, not '\(r.typeName)'", at: span)
            }
        } else if !args.isEmpty, cls.exceptionClass == nil, cls.hostBase == nil {
            throw Diagnostic(.typeError, "\(cls.name)() takes no arguments", at: span,
                             notes: ["help: define __init__(self, ...) in class \(cls.name) to take arguments"])
        }
        return .object(obj)
    }

    /// Calls a class attribute as a method of `receiver`: a function gets `receiver` first, a
    /// static method does not, a class method gets the class.
    func callMethod(_ attribute: Value, on receiver: Value, _ args: [CallArgument], span: Span) throws -> Value {
        try call(bind(attribute, to: receiver), args, span: span)
    }

    /// A class attribute as read from an instance (`receiver`) or from the class itself
    /// (`receiver` a class): functions bind, wrappers unwrap, properties run their getter.
    func bind(_ attribute: Value, to receiver: Value, owner: TypeValue? = nil) throws -> Value {
        switch attribute {
        case .function(let f):
            if case .type = receiver { return attribute }
            return .object(BoundMethod(receiver: receiver, function: .function(f), name: f.name))
        case .object(let w as MethodWrapper):
            switch w.kind {
            case .staticMethod: return w.function
            case .method:
                if case .type = receiver { return w.function }
                return .object(BoundMethod(receiver: receiver, function: w.function, name: w.name))
            case .classMethod:
                let cls: Value
                if case .object(let o as Instance) = receiver { cls = .type(o.cls) } else { cls = receiver }
                return .object(BoundMethod(receiver: cls, function: w.function, name: w.name))
            }
        case .object(let p as PropertyObject):
            if case .type = receiver { return attribute }
            return try call(p.getter, [CallArgument(value: receiver, span: currentSpan)], span: currentSpan)
        default:
            return attribute
        }
    }
}
