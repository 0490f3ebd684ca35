import FoveaLang

/// `collections.namedtuple`: a tuple class whose items also have names. `Point = namedtuple(
/// 'Point', 'x y')` makes the class; its instances index, unpack, compare and hash as tuples,
/// and show as `Point(x=1, y=2)`.
enum NamedTuple {
    /// One class made by `namedtuple(...)`.
    final class Shape {
        let name: String
        let module: String
        let fields: [String]
        /// The defaults of the last fields, in order.
        let defaults: [Value]
        /// The members of its instances: a property per field, and the tuple methods.
        let hostClass: HostClass<Instance>

        init(name: String, module: String, fields: [String], defaults: [Value]) {
            self.name = name; self.module = module; self.fields = fields; self.defaults = defaults
            hostClass = NamedTuple.makeClass(name: name, module: module, fields: fields)
        }

        var fieldDefaults: [(String, Value)] { Array(zip(fields.suffix(defaults.count), defaults)) }
    }

    /// An instance: the tuple's items and the class they belong to.
    final class Instance: BackedByBuiltin {
        let shape: Shape
        let items: [Value]
        init(_ shape: Shape, _ items: [Value]) { self.shape = shape; self.items = items }

        var typeName: String { shape.name }
        var doc: String { "\(shape.name)(\(shape.fields.joined(separator: ", "))): a named tuple." }
        func repr() -> String {
            shape.name + "(" + zip(shape.fields, items).map { "\($0)=\(Repr.repr($1))" }.joined(separator: ", ") + ")"
        }
        var hostClass: AnyHostClass? { shape.hostClass }
        func length() -> Int? { items.count }
        var tuple: Value { .tuple(items) }
        var builtinValue: Value { tuple }

        func getItem(_ index: Value, context: CallContext) throws -> Value? {
            if case .object(let s as SliceValue) = index {
                let (start, step, n) = try s.indices(count: items.count)
                return .tuple((0..<n).map { items[start + $0 * step] })
            }
            guard let i = index.asInt else {
                throw Diagnostic(.typeError, "tuple indices must be integers or slices, not \(index.typeName)", at: context.span)
            }
            let j = i < 0 ? i &+ items.count : i
            guard j >= 0 && j < items.count else { throw Diagnostic(.indexError, "tuple index out of range", at: context.span) }
            return items[j]
        }

        func makeIterator(context: CallContext) throws -> IteratorBox? { try context.iterator(tuple) }

        func isEqual(to other: Value) -> Bool? {
            switch other {
            case .tuple(let t): return (try? CallContext.equal(tuple, .tuple(t))) ?? false
            case .object(let o as Instance): return (try? CallContext.equal(tuple, o.tuple)) ?? false
            default: return false
            }
        }

        func hashKey(at span: Span?, depth: Int) throws -> HashKey? { try tuple.checkedHashKey(at: span, depth: depth) }

        func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
            let o: Value = if case .object(let n as Instance) = other { n.tuple } else { other }
            guard op == .add || op == .multiply else { return nil }
            return try reflected ? context.binary(op, o, tuple) : context.binary(op, tuple, o)
        }

        func comparison(_ op: CompareOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
            guard [.lt, .le, .gt, .ge].contains(op) else { return nil }
            let o: Value = if case .object(let n as Instance) = other { n.tuple } else { other }
            guard case .tuple = o else { return nil }
            return try reflected ? context.compare(op, o, tuple) : context.compare(op, tuple, o)
        }
    }

    static func makeClass(name: String, module: String, fields: [String]) -> HostClass<Instance> {
        let c = HostClass<Instance>(name, module: module, doc: "\(name)(\(fields.joined(separator: ", "))): a named tuple.")
        for (i, field) in fields.enumerated() {
            c.property(field, doc: "Alias for field number \(i).") { t, _ in t.items[i] }
        }
        c.property("_fields", doc: "The names of the fields.") { t, _ in .tuple(t.shape.fields.map { .str($0) }) }
        c.method("_asdict", doc: "A dict from the field names to the values.") { t, _, _ in
            let d = DictBox()
            for (f, v) in zip(t.shape.fields, t.items) { d.set(.str(f), .str(f), v) }
            return .dict(d)
        }
        c.method("_replace", [.varKeyword("kwargs")], doc: "A new instance with the given fields replaced: p._replace(x=3).") { t, a, _ in
            var items = t.items
            var unknown: [String] = []
            for kw in a.varKeyword {
                if let i = t.shape.fields.firstIndex(of: kw.name) { items[i] = kw.value } else { unknown.append(kw.name) }
            }
            if !unknown.isEmpty {
                throw Diagnostic(.valueError, "Got unexpected field names: [\(unknown.map { Repr.string($0) }.joined(separator: ", "))]", at: a.callSpan)
            }
            return .object(Instance(t.shape, items))
        }
        c.method("count", [.required("value", positionalOnly: true)], doc: "How many items equal value.") { t, a, _ in
            .int(try t.items.filter { try CallContext.equal($0, a["value"]!) }.count)
        }
        c.method("index", [.required("value", positionalOnly: true)], doc: "The index of the first item equal to value.") { t, a, _ in
            guard let i = try t.items.firstIndex(where: { try CallContext.equal($0, a["value"]!) }) else {
                throw Diagnostic(.valueError, "tuple.index(x): x not in tuple", at: a.callSpan)
            }
            return .int(i)
        }
        return c
    }
}

extension NamedTuple {
    static let doc = "namedtuple(typename, field_names, *, rename=False, defaults=None, module=None): make a tuple class whose items have names: Point = namedtuple('Point', ['x', 'y']); p = Point(1, y=2); p.x."

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
        return s.unicodeScalars.dropFirst().allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
    }

    /// The field names as Python checks them, renamed to `_0`, `_1`, ... with `rename=True`.
    static func checkedFields(_ typename: String, _ given: [String], rename: Bool, span: Span) throws -> [String] {
        var fields = given
        if rename {
            var seen = Set<String>()
            for (i, f) in fields.enumerated() {
                if !isIdentifier(f) || Lexer.keywords.contains(f) || f.hasPrefix("_") || seen.contains(f) { fields[i] = "_\(i)" }
                seen.insert(f)
            }
        }
        for n in [typename] + fields {
            if !isIdentifier(n) { throw Diagnostic(.valueError, "Type names and field names must be valid identifiers: \(Repr.string(n))", at: span) }
            if Lexer.keywords.contains(n) { throw Diagnostic(.valueError, "Type names and field names cannot be a keyword: \(Repr.string(n))", at: span) }
        }
        var seen = Set<String>()
        for f in fields {
            if f.hasPrefix("_") && !rename { throw Diagnostic(.valueError, "Field names cannot start with an underscore: \(Repr.string(f))", at: span) }
            if !seen.insert(f).inserted { throw Diagnostic(.valueError, "Encountered duplicate field name: \(Repr.string(f))", at: span) }
        }
        return fields
    }

    static var function: NativeFunction {
        NativeFunction("namedtuple", doc: doc, parameters: [
            .required("typename"), .required("field_names"), .keywordOnly("rename", default: .bool(false)),
            .keywordOnly("defaults", default: Value.none), .keywordOnly("module", default: Value.none),
        ]) { a, ctx in
            let typename = try a.string("typename")
            let given: [String]
            if case .str(let s) = a["field_names"]! {
                given = s.replacingOccurrences(",", " ").split(whereSeparator: { $0.isWhitespace }).map(String.init)
            } else {
                given = try ctx.at(a.span(of: "field_names")).iterate(a["field_names"]!).map { ctx.str($0) }
            }
            let fields = try checkedFields(typename, given, rename: a.bool("rename"), span: a.span(of: "field_names"))
            var defaults: [Value] = []
            if let d = a["defaults"], !d.isNone { defaults = try ctx.at(a.span(of: "defaults")).iterate(d) }
            if defaults.count > fields.count {
                throw Diagnostic(.typeError, "Got more default values than field names", at: a.span(of: "defaults"))
            }
            let shape = Shape(name: typename, module: try a.optionalString("module") ?? "__main__", fields: fields, defaults: defaults)
            return .type(classValue(shape))
        }
    }

    static func classValue(_ shape: Shape) -> TypeValue {
        let firstDefault = shape.fields.count - shape.defaults.count
        let parameters: [NativeParameter] = shape.fields.enumerated().map { i, f in
            i >= firstDefault ? .optional(f, default: shape.defaults[i - firstDefault]) : .required(f)
        }
        let doc = "\(shape.name)(\(shape.fields.joined(separator: ", "))): a named tuple."
        let constructor = NativeFunction("\(shape.name).__new__", signature: NativeFunction.makeSignature(shape.name, parameters),
                                         doc: doc, parameters: parameters) { a, _ in
            .object(Instance(shape, shape.fields.map { a[$0] ?? .none }))
        }
        let t = TypeValue(shape.name, module: shape.module, doc: doc, constructor: constructor) { v in
            if case .object(let o as Instance) = v { return o.shape === shape }
            return false
        }
        t.attributes["_fields"] = .tuple(shape.fields.map { .str($0) })
        let defaults = DictBox()
        for (f, v) in shape.fieldDefaults { defaults.set(.str(f), .str(f), v) }
        t.attributes["_field_defaults"] = .dict(defaults)
        t.attributes["_make"] = .native(NativeFunction("_make", doc: "An instance from an iterable of values.", parameters: [.required("iterable")]) { a, ctx in
            let items = try ctx.at(a.span(of: "iterable")).iterate(a["iterable"]!)
            guard items.count == shape.fields.count else {
                throw Diagnostic(.typeError, "Expected \(shape.fields.count) arguments, got \(items.count)", at: a.span(of: "iterable"))
            }
            return .object(Instance(shape, items))
        })
        return t
    }
}
