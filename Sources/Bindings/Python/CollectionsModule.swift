import FoveaLang

/// `collections.Counter`, `collections.defaultdict` and `collections.OrderedDict`: dicts with a
/// rule for missing keys or for their order, kept in a dict of the language (so `c.items()` and
/// the other dict methods are the dict's own); `namedtuple` is in NamedTuple.swift.
enum CollectionsModule {
    /// A dict that counts, or a dict that makes missing values.
    final class CountingDict: BackedByBuiltin {
        enum Kind { case counter, defaultdict(factory: Value), ordered }
        let kind: Kind
        let box: DictBox
        init(_ kind: Kind, _ box: DictBox = DictBox()) { self.kind = kind; self.box = box }

        var typeName: String {
            switch kind {
            case .counter: return "Counter"
            case .defaultdict: return "defaultdict"
            case .ordered: return "OrderedDict"
            }
        }
        var isHashable: Bool { false }
        var builtinValue: Value { .dict(box) }
        func length() -> Int? { box.count }

        /// Entries with the largest counts first, ties in insertion order.
        var mostCommon: [(key: Value, value: Value)] {
            box.entries.enumerated().sorted { a, b in
                let x = a.element.value.asDouble ?? 0, y = b.element.value.asDouble ?? 0
                return x != y ? x > y : a.offset < b.offset
            }.map(\.element)
        }

        func repr() -> String {
            switch kind {
            case .counter:
                guard box.count > 0 else { return "Counter()" }
                return "Counter({" + mostCommon.map { Repr.repr($0.key) + ": " + Repr.repr($0.value) }.joined(separator: ", ") + "})"
            case .defaultdict(let factory):
                return "defaultdict(\(Repr.repr(factory)), \(Repr.repr(.dict(box))))"
            case .ordered:
                guard box.count > 0 else { return "OrderedDict()" }
                return "OrderedDict(\(Repr.repr(.list(box.entries.map { .tuple([$0.key, $0.value]) }))))"
            }
        }

        /// An OrderedDict equals another only in the same order, and a dict in any order.
        func isEqual(to other: Value) -> Bool? {
            guard case .ordered = kind else { return nil }
            switch other {
            case .dict(let d): return (try? CallContext.equal(.dict(box), .dict(d))) ?? false
            case .object(let o as CountingDict):
                guard (try? CallContext.equal(.dict(box), .dict(o.box))) ?? false else { return false }
                guard case .ordered = o.kind else { return true }
                return (try? CallContext.equal(.list(box.keys), .list(o.box.keys))) ?? false
            default: return false
            }
        }

        func deleteItem(_ index: Value, context: CallContext) throws -> Bool {
            guard let h = try index.checkedHashKey(at: context.span) else {
                throw Diagnostic(.typeError, "unhashable type: '\(index.typeName)'", at: context.span)
            }
            if box.remove(h) == nil { throw Diagnostic(.keyError, Repr.repr(index), at: context.span) }
            return true
        }

        /// OrderedDict.move_to_end: the entry of `key` goes last, or first.
        func moveToEnd(_ key: Value, last: Bool, span: Span) throws {
            guard let h = try key.checkedHashKey(at: span), let value = box.get(h) else {
                throw Diagnostic(.keyError, Repr.repr(key), at: span)
            }
            box.remove(h)
            if last { box.set(key, h, value); return }
            let rest = box.entries
            box.removeAll()
            box.set(key, h, value)
            for (k, v) in rest { if let kh = k.hashKey { box.set(k, kh, v) } }
        }

        func getItem(_ index: Value, context: CallContext) throws -> Value? {
            guard let h = try index.checkedHashKey(at: context.span) else {
                throw Diagnostic(.typeError, "unhashable type: '\(index.typeName)'", at: context.span)
            }
            if let v = box.get(h) { return v }
            switch kind {
            case .counter: return .int(0)
            case .ordered:
                throw Diagnostic(.keyError, Repr.repr(index), at: context.span)
            case .defaultdict(let factory):
                guard !factory.isNone else { throw Diagnostic(.keyError, Repr.repr(index), at: context.span) }
                let made = try context.call(factory, [])
                box.set(index, h, made)
                return made
            }
        }

        func setItem(_ index: Value, _ value: Value, context: CallContext) throws -> Bool {
            guard let h = try index.checkedHashKey(at: context.span) else {
                throw Diagnostic(.typeError, "unhashable type: '\(index.typeName)'", at: context.span)
            }
            box.set(index, h, value)
            return true
        }

        func makeIterator(context: CallContext) throws -> IteratorBox? { try context.iterator(.dict(box)) }

        func count(_ items: [Value], span: Span) throws {
            for item in items {
                guard let h = try item.checkedHashKey(at: span) else {
                    throw Diagnostic(.typeError, "unhashable type: '\(item.typeName)'", at: span)
                }
                box.set(item, h, .int((box.get(h)?.asInt ?? 0) + 1))
            }
        }

        var hostClass: AnyHostClass? { CountingDict.binding }

        static let binding: HostClass<CountingDict> = {
            let c = HostClass<CountingDict>("dict", module: "collections", doc: "A dict with a rule for missing keys.")
            // The dict's own methods, on the dict this object keeps.
            for name in ["keys", "values", "items", "get", "pop", "setdefault", "copy", "clear"] {
                c.method(name, [.varPositional("args")], doc: "As dict.\(name).") { o, a, ctx in
                    try ctx.call(try ctx.getAttribute(.dict(o.box), name), a.varPositional.map(\.value))
                }
            }
            c.method("most_common", [.optional("n", default: Value.none)], doc: "The (item, count) pairs, most common first; the n most common with n.") { o, a, _ in
                let pairs = o.mostCommon.map { Value.tuple([$0.key, $0.value]) }
                guard let n = try a.optionalInt("n") else { return .list(pairs) }
                return .list(Array(pairs.prefix(max(0, n))))
            }
            c.method("update", [.optional("iterable", default: Value.none)], doc: "Count the items of an iterable too (Counter), or add a dict's entries.") { o, a, ctx in
                let v = a["iterable"]!
                if v.isNone { return .none }
                if case .dict(let d) = v {
                    for (k, value) in d.entries { _ = try o.setItem(k, value, context: ctx) }
                } else if case .counter = o.kind {
                    try o.count(try ctx.at(a.span(of: "iterable")).iterate(v), span: a.span(of: "iterable"))
                } else {
                    throw Diagnostic(.typeError, "update() expects a dict here", at: a.span(of: "iterable"))
                }
                return .none
            }
            c.method("total", doc: "The sum of the counts.") { o, _, ctx in
                try o.box.entries.reduce(Value.int(0)) { try ctx.binary(.add, $0, $1.value) }
            }
            c.method("move_to_end", [.required("key"), .optional("last", default: .bool(true))], doc: "Move the entry of key to the end (or, with last=False, to the start) (OrderedDict).") { o, a, _ in
                try o.moveToEnd(a["key"]!, last: a.bool("last"), span: a.span(of: "key"))
                return .none
            }
            c.method("popitem", [.optional("last", default: .bool(true))], doc: "Remove and return the last (key, value) pair, or the first with last=False (OrderedDict).") { o, a, _ in
                let entries = o.box.entries
                guard let entry = a.bool("last") ? entries.last : entries.first, let h = entry.key.hashKey else {
                    throw Diagnostic(.keyError, "'dictionary is empty'", at: a.callSpan)
                }
                o.box.remove(h)
                return .tuple([entry.key, entry.value])
            }
            c.property("default_factory", doc: "What makes a missing value (defaultdict).") { o, _ in
                if case .defaultdict(let f) = o.kind { return f }
                return .none
            }
            return c
        }()
    }

    static func module() -> ModuleValue {
        let m = ModuleValue("collections", doc: "Counter (counts things), defaultdict (a dict that makes missing values), OrderedDict (a dict that can reorder) and namedtuple (tuples with named items).")
        m.add(NamedTuple.function)
        let odDoc = "OrderedDict(mapping_or_pairs=(), **kwargs): a dict that can move an entry to either end (move_to_end) and pop from either end (popitem(last=False))."
        m.add(TypeValue("OrderedDict", module: "collections", doc: odDoc, constructor: NativeFunction(
            "OrderedDict", doc: odDoc, parameters: [.optional("iterable", positionalOnly: true), .varKeyword("kwargs")]) { a, ctx in
            let o = CountingDict(.ordered)
            if let v = a["iterable"] {
                let source: Value = if case .object(let c as CountingDict) = v { .dict(c.box) } else { v }
                _ = try ctx.call(try ctx.getAttribute(.dict(o.box), "update"), [source])
            }
            for kw in a.varKeyword { o.box.set(.str(kw.name), .str(kw.name), kw.value) }
            return .object(o)
        }) { v in if case .object(let o as CountingDict) = v, case .ordered = o.kind { return true }; return false })
        let counterDoc = "Counter(iterable=None): count the items of an iterable: Counter(y_train).most_common(3)."
        m.add(TypeValue("Counter", module: "collections", doc: counterDoc, constructor: NativeFunction(
            "Counter", doc: counterDoc, parameters: [.optional("iterable", default: Value.none)]) { a, ctx in
            let c = CountingDict(.counter)
            let v = a["iterable"]!
            if case .dict(let d) = v {
                for (k, value) in d.entries { _ = try c.setItem(k, value, context: ctx) }
            } else if !v.isNone {
                try c.count(try ctx.at(a.span(of: "iterable")).iterate(v), span: a.span(of: "iterable"))
            }
            return .object(c)
        }) { v in if case .object(let o as CountingDict) = v, case .counter = o.kind { return true }; return false })
        let ddDoc = "defaultdict(default_factory=None): a dict where a missing key gets default_factory(), e.g. defaultdict(list)."
        m.add(TypeValue("defaultdict", module: "collections", doc: ddDoc, constructor: NativeFunction(
            "defaultdict", doc: ddDoc, parameters: [.optional("default_factory", default: Value.none)]) { a, _ in
            let f = a["default_factory"]!
            return .object(CountingDict(.defaultdict(factory: f)))
        }) { v in if case .object(let o as CountingDict) = v, case .defaultdict = o.kind { return true }; return false })
        return m
    }
}
