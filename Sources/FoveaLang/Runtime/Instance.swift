/// An instance of a class written in the language: its attributes (`self.x = 1`), its class, and
/// for a class derived from a host class, the host part the library works with.
///
/// What Python spells with double-underscore methods is answered here by running them:
/// `__repr__`, `__str__`, `__len__`, `__getitem__`, `__iter__`/`__next__`, `__call__`, `__eq__`
/// and the other comparisons, the arithmetic operators, `__bool__`, `__enter__`/`__exit__`.
/// A class without one behaves as Python's `object` does.
extension Value {
    /// The host object a library works with: the object itself, or for an instance of a class
    /// written in the language that derives from a host class, its host part. nil otherwise.
    public var hostObject: (any FoveaObject)? {
        guard case .object(let o) = self else { return nil }
        if let i = o as? Instance { return i.hostPart }
        return o
    }
}

final class Instance: FoveaObject {
    let cls: TypeValue
    /// `obj.__dict__`: the attributes assigned to this instance, in order.
    let attributes = DictBox()
    /// For a class derived from a host class: the host object the library sees.
    var hostPart: (any FoveaObject)?
    /// For an exception class: what `e.args` holds.
    var exceptionArgs: [Value] = []
    weak var interpreter: Interpreter?

    init(_ cls: TypeValue, interpreter: Interpreter) { self.cls = cls; self.interpreter = interpreter }

    var typeName: String { cls.name }
    var doc: String { cls.doc }

    subscript(attribute name: String) -> Value? {
        get { attributes.get(.str(name)) }
        set {
            if let newValue { attributes.set(.str(name), .str(name), newValue) } else { attributes.remove(.str(name)) }
        }
    }

    /// Runs the special method `name` with `args`; nil when the class does not define it.
    func special(_ name: String, _ args: [Value] = [], span: Span? = nil) throws -> Value? {
        guard let interpreter, let method = cls.lookup(name) else { return nil }
        let at = span ?? interpreter.currentSpan
        return try interpreter.callMethod(method, on: .object(self), args.map { CallArgument(value: $0, span: at) }, span: at)
    }

    func defines(_ name: String) -> Bool { cls.lookup(name) != nil }

    // MARK: text

    /// Python's default: `<__main__.Point object at 0x7f...>`.
    var defaultRepr: String {
        "<\(cls.qualifiedName) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>"
    }

    func checkedRepr() throws -> String {
        if let v = try special("__repr__") { return try text(v, from: "__repr__") }
        if cls.exceptionClass != nil {
            return exceptionArgs.count == 1 ? "\(cls.name)(\(try Repr.checkedRepr(exceptionArgs[0])))"
                : "\(cls.name)\(try Repr.checkedRepr(.tuple(exceptionArgs)))"
        }
        return defaultRepr
    }

    func checkedStr() throws -> String {
        if let v = try special("__str__") { return try text(v, from: "__str__") }
        if cls.exceptionClass != nil {
            switch exceptionArgs.count {
            case 0: return ""
            case 1: return try Repr.checkedStr(exceptionArgs[0])
            default: return try Repr.checkedRepr(.tuple(exceptionArgs))
            }
        }
        return try checkedRepr()
    }

    private func text(_ v: Value, from method: String) throws -> String {
        guard case .str(let s) = v else {
            throw Diagnostic(.typeError, "\(method) returned non-string (type \(v.typeName))", at: interpreter?.currentSpan)
        }
        return s
    }

    func repr() -> String { (try? checkedRepr()) ?? defaultRepr }
    func str() -> String { (try? checkedStr()) ?? repr() }

    // MARK: containers and calls

    func length() -> Int? {
        guard let v = try? special("__len__") else { return nil }
        return v.asInt
    }

    var isTruthy: Bool {
        if let v = try? special("__bool__") { return v.isTruthy }
        if let n = length() { return n != 0 }
        return true
    }

    var isHashable: Bool { !defines("__eq__") || defines("__hash__") }

    /// As a dict key or set member: by identity, or by the class's `__hash__` and `__eq__`.
    func hashKey(at span: Span?, depth: Int) throws -> HashKey? {
        guard isHashable else { return nil }
        guard let interpreter, let h = try special("__hash__", span: span) else { return .identity(ObjectIdentifier(self)) }
        guard case .int(let n) = h else {
            throw Diagnostic(.typeError, "__hash__ method should return an integer", at: span ?? interpreter.currentSpan)
        }
        let at = span ?? interpreter.currentSpan
        return .custom(CustomHashKey(hash: n, value: .object(self)) { [weak interpreter] a, b in
            guard let interpreter, let equal = try? interpreter.compare(.eq, a, b, span: at) else { return false }
            return equal.isTruthy
        })
    }

    func contains(_ item: Value, context: CallContext) throws -> Bool? {
        try special("__contains__", [item], span: context.span)?.isTruthy
    }

    func getItem(_ index: Value, context: CallContext) throws -> Value? {
        try special("__getitem__", [index], span: context.span)
    }

    func setItem(_ index: Value, _ value: Value, context: CallContext) throws -> Bool {
        try special("__setitem__", [index, value], span: context.span) != nil
    }

    func makeIterator(context: CallContext) throws -> IteratorBox? {
        if let it = try special("__iter__", span: context.span) {
            if case .object(let o as Instance) = it, o.defines("__next__") {
                return IteratorBox(typeName) {
                    do {
                        return try o.special("__next__", span: context.span)
                    } catch let d as Diagnostic where d.kind == .stopIteration {
                        return nil
                    }
                }
            }
            return try context.iterator(it)
        }
        guard defines("__getitem__") else { return nil }
        var i = 0
        return IteratorBox(typeName) { [self] in
            do {
                defer { i += 1 }
                return try special("__getitem__", [.int(i)], span: context.span)
            } catch let d as Diagnostic where d.kind == .indexError || d.kind == .stopIteration {
                return nil
            }
        }
    }

    var isCallable: Bool { defines("__call__") }

    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        guard let interpreter, let method = cls.lookup("__call__") else {
            throw Diagnostic(.typeError, "'\(typeName)' object is not callable", at: context.span)
        }
        return try interpreter.callMethod(method, on: .object(self), arguments, span: context.span)
    }

    func enter(context: CallContext) throws -> Value? {
        guard defines("__exit__") else { return nil }
        return try special("__enter__", span: context.span)
    }

    func exit(error: Diagnostic?, context: CallContext) throws -> Bool {
        guard let interpreter else { return false }
        var args: [Value] = [.none, .none, .none]
        if let error {
            args[0] = interpreter.exceptionType(error)
            args[1] = try interpreter.exceptionValue(error)
        }
        return try special("__exit__", args, span: context.span)?.isTruthy ?? false
    }

    // MARK: operators

    private static let comparisonMethods: [CompareOp: (String, String)] = [
        .eq: ("__eq__", "__eq__"), .ne: ("__ne__", "__ne__"), .lt: ("__lt__", "__gt__"),
        .le: ("__le__", "__ge__"), .gt: ("__gt__", "__lt__"), .ge: ("__ge__", "__le__"),
    ]

    func comparison(_ op: CompareOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        guard let (name, mirrored) = Self.comparisonMethods[op] else { return nil }
        if let v = try special(reflected ? mirrored : name, [other], span: context.span), !NotImplementedObject.isNotImplemented(v) {
            return v
        }
        if op == .ne, let v = try special("__eq__", [other], span: context.span), !NotImplementedObject.isNotImplemented(v) {
            return .bool(!v.isTruthy)
        }
        return nil
    }

    func isEqual(to other: Value) -> Bool? {
        guard let v = try? special("__eq__", [other]), !NotImplementedObject.isNotImplemented(v) else { return nil }
        return v.isTruthy
    }

    private static let operatorMethods: [BinaryOp: String] = [
        .add: "add", .subtract: "sub", .multiply: "mul", .divide: "truediv", .floorDivide: "floordiv",
        .modulo: "mod", .power: "pow", .matmul: "matmul", .bitAnd: "and", .bitOr: "or", .bitXor: "xor",
        .leftShift: "lshift", .rightShift: "rshift",
    ]

    func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        guard let base = Self.operatorMethods[op] else { return nil }
        let v = try special(reflected ? "__r\(base)__" : "__\(base)__", [other], span: context.span)
        if let v, NotImplementedObject.isNotImplemented(v) { return nil }
        return v
    }

    func unaryOperation(_ op: UnaryOp, context: CallContext) throws -> Value? {
        switch op {
        case .negate: return try special("__neg__", span: context.span)
        case .plus: return try special("__pos__", span: context.span)
        case .invert: return try special("__invert__", span: context.span)
        case .absolute: return try special("__abs__", span: context.span)
        case .not: return nil
        }
    }

    /// `_repr_html_` and `_repr_markdown_`, as IPython shows them.
    func richValue() -> (any RichValue)? {
        var text: [String: String] = [:]
        for (method, mime) in [("_repr_html_", "text/html"), ("_repr_markdown_", "text/markdown")] {
            if case .str(let s)? = try? special(method) { text[mime] = s }
        }
        guard !text.isEmpty else { return nil }
        text["text/plain"] = repr()
        return MimeBundle(text: text)
    }
}
