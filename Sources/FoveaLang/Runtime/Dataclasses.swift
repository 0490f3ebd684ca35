/// `dataclasses`: `@dataclass` writes `__init__`, `__repr__` and `__eq__` for a class from its
/// annotated fields, in order, with their defaults (`field(default_factory=list)` too), and then
/// calls `__post_init__` if the class has one; `fields`, `asdict` and `is_dataclass` read them.
public enum Dataclasses {
    public static func module() -> ModuleValue {
        let m = ModuleValue("dataclasses", doc: "Classes that write their own __init__, __repr__ and __eq__ from annotated fields: @dataclass.")
        m.add(NativeFunction("dataclass", doc: "@dataclass or @dataclass(repr=False, ...): add __init__(self, field, ...), __repr__ and __eq__ to the class from its annotated fields.",
                             parameters: [.optional("cls", default: Value.none), .keywordOnly("init", default: .bool(true)),
                                          .keywordOnly("repr", default: .bool(true)), .keywordOnly("eq", default: .bool(true)),
                                          .keywordOnly("order", default: .bool(false)), .keywordOnly("frozen", default: .bool(false))]) { a, ctx in
            for option in ["order", "frozen"] where a[option]?.isTruthy == true {
                throw Diagnostic(.notImplementedError, "Fovea does not support @dataclass(\(option)=True) yet", at: a.span(of: option),
                                 notes: ["help: remove \(option)=True; the class still gets __init__, __repr__ and __eq__"])
            }
            let options = (makeInit: a["init"]!.isTruthy, repr: a["repr"]!.isTruthy, eq: a["eq"]!.isTruthy)
            let cls = a["cls"] ?? .none
            if cls.isNone {
                return .native(NativeFunction("dataclass", doc: "Make the class it is given a dataclass.", parameters: [.required("cls")]) { b, c in
                    try make(b["cls"]!, options, c)
                })
            }
            return try make(cls, options, ctx)
        })
        m.add(NativeFunction("field", doc: "field(default=..., default_factory=list): a field's default, or what makes a fresh one for each object.",
                             parameters: [.keywordOnly("default"), .keywordOnly("default_factory"), .keywordOnly("repr", default: .bool(true))]) { a, _ in
            .object(FieldObject(name: "", default: a["default"], factory: a["default_factory"], inRepr: a["repr"]!.isTruthy))
        })
        m.add(NativeFunction("fields", doc: "The fields of a dataclass or of one of its objects, in order; each has a name.",
                             parameters: [.required("class_or_instance")]) { a, ctx in
            .tuple(try fields(of: a["class_or_instance"]!, ctx).map { .object($0) })
        })
        m.add(NativeFunction("asdict", doc: "A dataclass object as a dict of its fields, nested dataclasses included.",
                             parameters: [.required("obj")]) { a, ctx in
            try asdict(a["obj"]!, ctx)
        })
        m.add(NativeFunction("is_dataclass", doc: "Whether the class or object is a dataclass.", parameters: [.required("obj")]) { a, _ in
            .bool(dataclassType(a["obj"]!) != nil)
        })
        return m
    }

    static func dataclassType(_ v: Value) -> TypeValue? {
        let t: TypeValue
        switch v {
        case .type(let c): t = c
        case .object(let o as Instance): t = o.cls
        default: return nil
        }
        return t.lookup("__dataclass_fields__") == nil ? nil : t
    }

    static func fields(of v: Value, _ ctx: CallContext) throws -> [FieldObject] {
        guard let t = dataclassType(v), case .dict(let d)? = t.lookup("__dataclass_fields__") else {
            throw Diagnostic(.typeError, "must be called with a dataclass type or instance", at: ctx.span)
        }
        return d.entries.compactMap { if case .object(let f as FieldObject) = $0.value { return f }; return nil }
    }

    static func asdict(_ v: Value, _ ctx: CallContext) throws -> Value {
        guard dataclassType(v) != nil else {
            switch v {
            case .list(let l): return .list(ListBox(try l.items.map { try asdict($0, ctx) }))
            case .tuple(let items): return .tuple(try items.map { try asdict($0, ctx) })
            default: return v
            }
        }
        let d = DictBox()
        for f in try fields(of: v, ctx) {
            d.set(.str(f.name), .str(f.name), try asdict(try ctx.interpreter.getAttribute(v, f.name, span: ctx.span), ctx))
        }
        return .dict(d)
    }

    /// The fields of `cls`: those of its dataclass bases first, then its own annotations in order.
    static func collectFields(_ cls: TypeValue, _ ctx: CallContext) throws -> [FieldObject] {
        var result: [FieldObject] = []
        func put(_ f: FieldObject) {
            if let i = result.firstIndex(where: { $0.name == f.name }) { result[i] = f } else { result.append(f) }
        }
        for base in cls.mro.dropFirst().reversed() {
            if case .dict(let d)? = base.attributes["__dataclass_fields__"] {
                for case .object(let f as FieldObject) in d.entries.map(\.value) { put(f) }
            }
        }
        guard case .dict(let annotations)? = cls.attributes["__annotations__"] else { return result }
        for (key, annotation) in annotations.entries {
            guard case .str(let name) = key else { continue }
            if case .str(let text) = annotation, text.hasPrefix("ClassVar") || text.hasPrefix("typing.ClassVar") { continue }
            switch cls.attributes[name] {
            case .object(let f as FieldObject)?:
                put(FieldObject(name: name, default: f.defaultValue, factory: f.factory, inRepr: f.inRepr))
                if let d = f.defaultValue { cls.attributes[name] = d } else { cls.attributes[name] = nil }
            case let d?:
                if case .list = d { throw mutableDefault(name, "list", ctx) }
                if case .dict = d { throw mutableDefault(name, "dict", ctx) }
                put(FieldObject(name: name, default: d, factory: nil, inRepr: true))
            case nil:
                put(FieldObject(name: name, default: nil, factory: nil, inRepr: true))
            }
        }
        return result
    }

    static func mutableDefault(_ name: String, _ type: String, _ ctx: CallContext) -> Diagnostic {
        Diagnostic(.valueError, "mutable default <class '\(type)'> for field \(name) is not allowed: use default_factory", at: ctx.span,
                   notes: ["help: \(name): \(type) = field(default_factory=\(type))"])
    }

    static func make(_ clsValue: Value, _ options: (makeInit: Bool, repr: Bool, eq: Bool), _ ctx: CallContext) throws -> Value {
        guard case .type(let cls) = clsValue, cls.isUserClass else {
            throw Diagnostic(.typeError, "@dataclass goes on a class statement. Received: \(clsValue.typeName)", at: ctx.span)
        }
        let fields = try collectFields(cls, ctx)
        var sawDefault = false
        for f in fields {
            if f.defaultValue != nil || f.factory != nil { sawDefault = true }
            else if sawDefault { throw Diagnostic(.typeError, "non-default argument '\(f.name)' follows default argument", at: ctx.span) }
        }
        let table = DictBox()
        for f in fields { table.set(.str(f.name), .str(f.name), .object(f)) }
        cls.attributes["__dataclass_fields__"] = .dict(table)
        if options.makeInit && cls.attributes["__init__"] == nil { cls.attributes["__init__"] = method(initializer(cls, fields)) }
        if options.repr && cls.attributes["__repr__"] == nil { cls.attributes["__repr__"] = method(representation(cls, fields)) }
        if options.eq && cls.attributes["__eq__"] == nil { cls.attributes["__eq__"] = method(equality(fields)) }
        return clsValue
    }

    static func method(_ f: NativeFunction) -> Value { .object(MethodWrapper(.method, .native(f))) }

    static func initializer(_ cls: TypeValue, _ fields: [FieldObject]) -> NativeFunction {
        let missing = Value.object(NotImplementedObject.shared)
        let params = [NativeParameter.required("self")] + fields.map { f in
            NativeParameter(f.name, isRequired: f.defaultValue == nil && f.factory == nil,
                            defaultValue: f.defaultValue ?? (f.factory != nil ? missing : nil))
        }
        return NativeFunction("\(cls.name).__init__", doc: "\(cls.name)(\(fields.map(\.name).joined(separator: ", "))): set each field.",
                              parameters: params) { a, ctx in
            let interp = ctx.interpreter
            let receiver = a["self"]!
            for f in fields {
                var v = a[f.name]!
                if let factory = f.factory, Interpreter.identical(v, missing) { v = try interp.call(factory, [], span: ctx.span) }
                try interp.setAttribute(receiver, f.name, v, span: ctx.span)
            }
            if let post = try interp.findAttribute(receiver, "__post_init__", span: ctx.span) {
                _ = try interp.call(post, [], span: ctx.span)
            }
            return .none
        }
    }

    static func representation(_ cls: TypeValue, _ fields: [FieldObject]) -> NativeFunction {
        NativeFunction("__repr__", doc: "\(cls.name)(field=value, ...).", parameters: [.required("self")]) { a, ctx in
            let receiver = a["self"]!
            let name: String
            if case .object(let o as Instance) = receiver { name = o.cls.name } else { name = cls.name }
            let parts = try fields.filter(\.inRepr).map { f in
                "\(f.name)=\(try Repr.checkedRepr(try ctx.interpreter.getAttribute(receiver, f.name, span: ctx.span)))"
            }
            return .str("\(name)(\(parts.joined(separator: ", ")))")
        }
    }

    static func equality(_ fields: [FieldObject]) -> NativeFunction {
        NativeFunction("__eq__", doc: "Equal when the other object is of the same class and every field is equal.",
                       parameters: [.required("self"), .required("other")]) { a, ctx in
            let l = a["self"]!, r = a["other"]!
            guard case .object(let x as Instance) = l, case .object(let y as Instance) = r, x.cls === y.cls else {
                return .object(NotImplementedObject.shared)
            }
            let interp = ctx.interpreter
            let lt = try fields.map { try interp.getAttribute(l, $0.name, span: ctx.span) }
            let rt = try fields.map { try interp.getAttribute(r, $0.name, span: ctx.span) }
            return try interp.compare(.eq, .tuple(lt), .tuple(rt), span: ctx.span)
        }
    }
}

/// One field of a dataclass: `dataclasses.fields(obj)` gives them; `field(...)` makes one.
final class FieldObject: FoveaObject {
    var name: String
    let defaultValue: Value?
    let factory: Value?
    let inRepr: Bool
    init(name: String, default: Value?, factory: Value?, inRepr: Bool) {
        self.name = name; self.defaultValue = `default`; self.factory = factory; self.inRepr = inRepr
    }
    var typeName: String { "Field" }
    var doc: String { "A dataclass field: its name, default and default_factory." }
    func repr() -> String { "Field(name=\(Repr.repr(name.isEmpty ? .none : .str(name))))" }
    var hostClass: AnyHostClass? { FieldObject.binding }
    static let binding = HostClass<FieldObject>("Field", module: "dataclasses", doc: "A dataclass field.")
        .property("name", doc: "The field's name.") { f, _ in .str(f.name) }
        .property("default", doc: "Its default, if it has one.") { f, _ in f.defaultValue ?? .none }
}
