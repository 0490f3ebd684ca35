/// Methods of `list` and `dict`.
extension Methods {
    static func listBox(_ r: Value) -> ListBox { if case .list(let l) = r { return l }; return ListBox() }
    static func dictBox(_ r: Value) -> DictBox { if case .dict(let d) = r { return d }; return DictBox() }

    static func key(_ v: Value, _ span: Span) throws -> HashKey {
        guard let h = try v.checkedHashKey(at: span) else { throw Diagnostic(.typeError, "unhashable type: '\(v.typeName)'", at: span) }
        return h
    }

    static let listClass: HostClass<Value> = {
        let c = HostClass<Value>("list", doc: "A list: an ordered collection that can change.")
        c.method("append", [.required("object", positionalOnly: true)], doc: "Add an item to the end of the list.") { r, a, _ in
            let l = listBox(r)
            try Limits.check(elements: l.items.count + 1, times: 1, span: nil)
            l.items.append(a["object"]!); return .none
        }
        c.method("extend", [.required("iterable", positionalOnly: true)], doc: "Add every item of an iterable to the end of the list.") { r, a, ctx in
            let items = try ctx.at(a.span(of: "iterable")).iterate(a["iterable"]!)
            listBox(r).items += items; return .none
        }
        c.method("insert", [.required("index", positionalOnly: true), .required("object", positionalOnly: true)], doc: "Insert an item before the given index.") { r, a, _ in
            let l = listBox(r)
            var i = try a.int("index")
            if i < 0 { i = max(0, i + l.items.count) }
            l.items.insert(a["object"]!, at: min(i, l.items.count)); return .none
        }
        c.method("pop", [.optional("index", default: .int(-1), positionalOnly: true)], doc: "Remove and return the item at index (the last one by default).") { r, a, _ in
            let l = listBox(r)
            if l.items.isEmpty { throw Diagnostic(.indexError, "pop from empty list") }
            let i = try a.int("index"), j = i < 0 ? i + l.items.count : i
            guard j >= 0 && j < l.items.count else { throw Diagnostic(.indexError, "pop index out of range", at: a.span(of: "index")) }
            return l.items.remove(at: j)
        }
        c.method("remove", [.required("value", positionalOnly: true)], doc: "Remove the first item equal to value; ValueError if there is none.") { r, a, _ in
            let l = listBox(r)
            guard let i = try l.items.firstIndex(where: { try Interpreter.equal($0, a["value"]!) }) else {
                throw Diagnostic(.valueError, "list.remove(x): x not in list", at: a.span(of: "value"))
            }
            l.items.remove(at: i); return .none
        }
        c.method("index", [.required("value", positionalOnly: true)], doc: "Return the index of the first item equal to value; ValueError if there is none.") { r, a, _ in
            guard let i = try listBox(r).items.firstIndex(where: { try Interpreter.equal($0, a["value"]!) }) else {
                throw Diagnostic(.valueError, "\(Repr.repr(a["value"]!)) is not in list", at: a.span(of: "value"))
            }
            return .int(i)
        }
        c.method("count", [.required("value", positionalOnly: true)], doc: "Return the number of items equal to value.") { r, a, _ in
            .int(try listBox(r).items.filter { try Interpreter.equal($0, a["value"]!) }.count)
        }
        c.method("sort", [.keywordOnly("key", default: Value.none), .keywordOnly("reverse", default: .bool(false))], doc: "Sort the list in place, smallest first; key= gives a function computing what to compare, reverse=True sorts largest first.") { r, a, ctx in
            let l = listBox(r)
            l.items = try ctx.interpreter.sorted(l.items, key: a["key"]!, reverse: a.bool("reverse"), span: ctx.span)
            return .none
        }
        c.method("reverse", doc: "Reverse the list in place.") { r, _, _ in listBox(r).items.reverse(); return .none }
        c.method("copy", doc: "Return a shallow copy of the list.") { r, _, _ in .list(listBox(r).items) }
        c.method("clear", doc: "Remove all items from the list.") { r, _, _ in listBox(r).items.removeAll(); return .none }
        return c
    }()

    static let dictClass: HostClass<Value> = {
        let c = HostClass<Value>("dict", doc: "A dict: keys mapped to values, in insertion order.")
        c.method("get", [.required("key", positionalOnly: true), .optional("default", default: Value.none, positionalOnly: true)], doc: "Return the value for key if key is in the dict, else default.") { r, a, _ in
            dictBox(r).get(try key(a["key"]!, a.span(of: "key"))) ?? a["default"]!
        }
        c.method("keys", doc: "A view of the dict's keys, in insertion order.") { r, _, _ in .object(DictView(dictBox(r), .keys)) }
        c.method("values", doc: "A view of the dict's values, in insertion order.") { r, _, _ in .object(DictView(dictBox(r), .values)) }
        c.method("items", doc: "A view of the dict's (key, value) pairs, in insertion order.") { r, _, _ in .object(DictView(dictBox(r), .items)) }
        c.method("update", [.optional("other", positionalOnly: true), .varKeyword("kwargs")], doc: "Add the key/value pairs of another dict (or of pairs, or keyword arguments), overwriting existing keys.") { r, a, ctx in
            let d = dictBox(r)
            if let other = a["other"] { try ctx.interpreter.fillDict(d, from: other, span: a.span(of: "other")) }
            for kw in a.varKeyword { d.set(.str(kw.name), .str(kw.name), kw.value) }
            return .none
        }
        c.method("pop", [.required("key", positionalOnly: true), .optional("default", positionalOnly: true)], doc: "Remove key and return its value; return default (or raise KeyError) if it is missing.") { r, a, _ in
            if let v = dictBox(r).remove(try key(a["key"]!, a.span(of: "key"))) { return v }
            if let d = a["default"] { return d }
            throw Diagnostic(.keyError, Repr.repr(a["key"]!), at: a.span(of: "key"))
        }
        c.method("popitem", doc: "Remove and return the last inserted (key, value) pair.") { r, _, _ in
            let d = dictBox(r)
            guard let k = d.keys.last, let h = k.hashKey, let v = d.remove(h) else {
                throw Diagnostic(.keyError, "'popitem(): dictionary is empty'")
            }
            return .tuple([k, v])
        }
        c.method("setdefault", [.required("key", positionalOnly: true), .optional("default", default: Value.none, positionalOnly: true)], doc: "Return the value of key; if missing, insert it with default first.") { r, a, _ in
            let d = dictBox(r), h = try key(a["key"]!, a.span(of: "key")), fallback = a["default"]!
            if let v = d.get(h) { return v }
            d.set(a["key"]!, h, fallback)
            return fallback
        }
        c.method("copy", doc: "Return a shallow copy of the dict.") { r, _, _ in .dict(dictBox(r).copy()) }
        c.method("clear", doc: "Remove all items from the dict.") { r, _, _ in dictBox(r).removeAll(); return .none }
        return c
    }()
}

/// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
final class DictView: FoveaObject {
    enum Kind: String { case keys, values, items }
    let dict: DictBox, kind: Kind
    init(_ dict: DictBox, _ kind: Kind) { self.dict = dict; self.kind = kind }
    var typeName: String { "dict_\(kind.rawValue)" }
    var elements: [Value] {
        switch kind {
        case .keys: return dict.keys
        case .values: return dict.entries.map(\.value)
        case .items: return dict.entries.map { .tuple([$0.key, $0.value]) }
        }
    }
    func repr() -> String { "\(typeName)(\(Repr.repr(.list(elements))))" }
    func length() -> Int? { dict.count }
    var isHashable: Bool { false }
    func makeIterator(context: CallContext) throws -> IteratorBox? {
        let items = elements
        var i = 0
        return IteratorBox("\(typeName)_iterator") {
            guard i < items.count else { return nil }
            defer { i += 1 }
            return items[i]
        }
    }
    func isEqual(to other: Value) -> Bool? {
        guard case .object(let o) = other, let v = o as? DictView, v.kind == kind else { return false }
        return (try? Interpreter.equal(.list(elements), .list(v.elements))) ?? false
    }
}

/// `{1, 2}` and `set(...)`: an insertion-ordered set of hashable values.
final class SetObject: FoveaObject {
    let items = DictBox()
    static func make(_ values: [Value], span: Span?) throws -> SetObject {
        let s = SetObject()
        for v in values {
            guard let h = try v.checkedHashKey(at: span) else { throw Diagnostic(.typeError, "unhashable type: '\(v.typeName)'", at: span) }
            s.items.set(v, h, .none)
        }
        return s
    }
    var typeName: String { "set" }
    var doc: String { "A set: an unordered collection of distinct hashable values." }
    func repr() -> String { items.count == 0 ? "set()" : "{" + items.keys.map(Repr.repr).joined(separator: ", ") + "}" }
    func length() -> Int? { items.count }
    var isHashable: Bool { false }
    func makeIterator(context: CallContext) throws -> IteratorBox? {
        let keys = items.keys
        var i = 0
        return IteratorBox("set_iterator") {
            guard i < keys.count else { return nil }
            defer { i += 1 }
            return keys[i]
        }
    }
    func isEqual(to other: Value) -> Bool? {
        guard case .object(let o) = other, let s = o as? SetObject else { return false }
        return s.items.count == items.count && items.keys.allSatisfy { s.items.get($0.hashKey!) != nil }
    }
    var hostClass: AnyHostClass? { SetObject.binding }

    static let binding: HostClass<SetObject> = {
        let c = HostClass<SetObject>("set", doc: "A set: an unordered collection of distinct hashable values.")
        let one = [NativeParameter.required("elem", positionalOnly: true)]
        for (name, doc) in [("add", "Add an element to the set."), ("discard", "Remove an element if it is present."),
                            ("remove", "Remove an element; KeyError if it is missing.")] {
            c.method(name, one, doc: doc) { s, a, _ in
                let v = a["elem"]!
                guard let h = try v.checkedHashKey(at: a.span(of: "elem")) else { throw Diagnostic(.typeError, "unhashable type: '\(v.typeName)'", at: a.span(of: "elem")) }
                if name == "add" { s.items.set(v, h, .none) }
                else if s.items.remove(h) == nil && name == "remove" { throw Diagnostic(.keyError, Repr.repr(v), at: a.span(of: "elem")) }
                return .none
            }
        }
        for (name, op) in [("union", BinaryOp.bitOr), ("intersection", .bitAnd), ("difference", .subtract)] {
            c.method(name, [.required("other", positionalOnly: true)], doc: "Return the \(name) of the set and an iterable.") { s, a, ctx in
                let other = try SetObject.make(try ctx.iterate(a["other"]!), span: a.span(of: "other"))
                return try s.binaryOperation(op, .object(other), reflected: false, context: ctx) ?? .none
            }
        }
        return c
    }()

    func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        guard case .object(let o) = other, let s = o as? SetObject else { return nil }
        let (a, b) = reflected ? (s, self) : (self, s)
        switch op {
        case .bitOr: return .object(try SetObject.make(a.items.keys + b.items.keys, span: nil))
        case .bitAnd: return .object(try SetObject.make(a.items.keys.filter { b.items.get($0.hashKey!) != nil }, span: nil))
        case .subtract: return .object(try SetObject.make(a.items.keys.filter { b.items.get($0.hashKey!) == nil }, span: nil))
        default: return nil
        }
    }
}
