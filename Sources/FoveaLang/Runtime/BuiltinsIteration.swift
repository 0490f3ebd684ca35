/// Built-ins over iterables: enumerate, zip, min, max, sum, sorted, reversed, map, filter, any,
/// all, iter, next.
extension Builtins {
    static func minMax(_ name: String, largest: Bool) -> NativeFunction {
        NativeFunction(name, signature: "\(name)(iterable, *, key=None, default=...) or \(name)(a, b, *args, key=None)",
                       doc: largest
                        ? "Return the largest item of an iterable, or the largest of several arguments. key= gives a function computing what to compare; default= is returned for an empty iterable."
                        : "Return the smallest item of an iterable, or the smallest of several arguments. key= gives a function computing what to compare; default= is returned for an empty iterable.",
                       parameters: [.varPositional("args"), .keywordOnly("key", default: Value.none), .keywordOnly("default")]) { a, ctx in
            let items: [Value]
            var span = ctx.span
            switch a.varPositional.count {
            case 0: throw Diagnostic(.typeError, "\(name) expected at least 1 argument, got 0", at: ctx.span)
            case 1:
                span = a.varPositional[0].span
                items = try ctx.at(span).iterate(a.varPositional[0].value)
            default:
                if a["default"] != nil {
                    throw Diagnostic(.typeError, "Cannot specify a default for \(name)() with multiple positional arguments", at: a.span(of: "default"))
                }
                items = a.varPositional.map(\.value)
            }
            guard !items.isEmpty else {
                if let d = a["default"] { return d }
                throw Diagnostic(.valueError, "\(name)() arg is an empty sequence", at: span)
            }
            let key = a["key"]!
            var best = items[0]
            var bestKey = key.isNone ? best : try ctx.call(key, [best])
            for item in items.dropFirst() {
                let k = key.isNone ? item : try ctx.call(key, [item])
                let o = try ctx.interpreter.order(k, bestKey, op: largest ? .gt : .lt, span: span)
                if largest ? o > 0 : o < 0 { best = item; bestKey = k }
            }
            return best
        }
    }

    static var iteration: [NativeFunction] { [
        NativeFunction("enumerate", doc: "Pair each item of an iterable with its position: for i, x in enumerate(['a', 'b']) gives (0, 'a') then (1, 'b'). start= sets the first number.",
                       parameters: [.required("iterable"), .optional("start", default: .int(0))]) { a, ctx in
            let it = try ctx.at(a.span(of: "iterable")).iterator(a["iterable"]!)
            var i = try a.int("start")
            return .iterator(IteratorBox("enumerate") {
                guard let v = try it.next() else { return nil }
                defer { i &+= 1 }
                return .tuple([.int(i), v])
            })
        },
        NativeFunction("zip", doc: "Walk several iterables side by side, giving tuples of their items: zip([1, 2], ['a', 'b']) gives (1, 'a') then (2, 'b'). Stops at the shortest.",
                       parameters: [.varPositional("iterables")]) { a, ctx in
            let its = try a.varPositional.map { try ctx.at($0.span).iterator($0.value) }
            return .iterator(IteratorBox("zip") {
                if its.isEmpty { return nil }
                var row: [Value] = []
                for it in its { guard let v = try it.next() else { return nil }; row.append(v) }
                return .tuple(row)
            })
        },
        minMax("max", largest: true),
        minMax("min", largest: false),
        NativeFunction("sum", doc: "Add up the numbers of an iterable, starting from start (0 by default): sum([1, 2, 3]) is 6.",
                       parameters: [.required("iterable", positionalOnly: true), .optional("start", default: .int(0))]) { a, ctx in
            var acc = a["start"]!
            if case .str = acc { throw Diagnostic(.typeError, "sum() can't sum strings [use ''.join(seq) instead]", at: a.span(of: "start")) }
            let it = try ctx.at(a.span(of: "iterable")).iterator(a["iterable"]!)
            while let v = try it.next() { acc = try ctx.interpreter.binary(.add, acc, v, span: a.span(of: "iterable")) }
            return acc
        },
        NativeFunction("sorted", doc: "Return a new sorted list of the items of an iterable, smallest first. key= gives a function computing what to compare; reverse=True sorts largest first.",
                       parameters: [.required("iterable", positionalOnly: true), .keywordOnly("key", default: Value.none), .keywordOnly("reverse", default: .bool(false))]) { a, ctx in
            let items = try ctx.at(a.span(of: "iterable")).iterate(a["iterable"]!)
            return .list(try ctx.interpreter.sorted(items, key: a["key"]!, reverse: a.bool("reverse"), span: ctx.span))
        },
        NativeFunction("reversed", doc: "Iterate over a sequence (list, tuple, str, range) from its last item to its first.",
                       parameters: [.required("sequence", positionalOnly: true)]) { a, ctx in
            let v = a["sequence"]!
            switch v {
            case .list, .tuple, .str, .range:
                let items = try ctx.iterate(v)
                var i = items.count
                return .iterator(IteratorBox("reversed") {
                    guard i > 0 else { return nil }
                    i -= 1
                    return items[i]
                })
            default:
                throw Diagnostic(.typeError, "'\(v.typeName)' object is not reversible", at: a.span(of: "sequence"))
            }
        },
        NativeFunction("map", doc: "Apply a function to every item of an iterable (or to items of several iterables side by side), lazily: list(map(str, [1, 2])) is ['1', '2'].",
                       parameters: [.required("function", positionalOnly: true), .varPositional("iterables")]) { a, ctx in
            let f = a["function"]!
            guard !a.varPositional.isEmpty else { throw Diagnostic(.typeError, "map() must have at least two arguments.", at: ctx.span) }
            let its = try a.varPositional.map { try ctx.at($0.span).iterator($0.value) }
            return .iterator(IteratorBox("map") {
                var row: [Value] = []
                for it in its { guard let v = try it.next() else { return nil }; row.append(v) }
                return try ctx.call(f, row)
            })
        },
        NativeFunction("filter", doc: "Keep the items of an iterable for which the function returns a true value, lazily. With None as the function, keep the true items.",
                       parameters: [.required("function", positionalOnly: true), .required("iterable", positionalOnly: true)]) { a, ctx in
            let f = a["function"]!
            let it = try ctx.at(a.span(of: "iterable")).iterator(a["iterable"]!)
            return .iterator(IteratorBox("filter") {
                while let v = try it.next() {
                    if (f.isNone ? v : try ctx.call(f, [v])).isTruthy { return v }
                }
                return nil
            })
        },
        NativeFunction("any", doc: "Return True if at least one item of the iterable is true (False for an empty iterable).",
                       parameters: [.required("iterable", positionalOnly: true)]) { a, ctx in
            let it = try ctx.at(a.span(of: "iterable")).iterator(a["iterable"]!)
            while let v = try it.next() { if v.isTruthy { return .bool(true) } }
            return .bool(false)
        },
        NativeFunction("all", doc: "Return True if every item of the iterable is true (True for an empty iterable).",
                       parameters: [.required("iterable", positionalOnly: true)]) { a, ctx in
            let it = try ctx.at(a.span(of: "iterable")).iterator(a["iterable"]!)
            while let v = try it.next() { if !v.isTruthy { return .bool(false) } }
            return .bool(true)
        },
        NativeFunction("iter", doc: "Return an iterator over an iterable; next() takes its items one at a time. iter(f, sentinel) calls f() until it returns sentinel.",
                       parameters: [.required("object", positionalOnly: true), .optional("sentinel", positionalOnly: true)]) { a, ctx in
            guard let sentinel = a["sentinel"] else { return .iterator(try ctx.at(a.span(of: "object")).iterator(a["object"]!)) }
            let f = a["object"]!
            guard isCallable(f) else {
                throw Diagnostic(.typeError, "iter(v, w): v must be callable", at: a.span(of: "object"))
            }
            let interpreter = ctx.interpreter, span = ctx.span
            return .iterator(IteratorBox("callable_iterator") { [weak interpreter] in
                guard let interpreter else { return nil }
                try interpreter.checkInterrupt(at: span)
                let v = try interpreter.call(f, [], span: span)
                return try Interpreter.equal(v, sentinel) ? nil : v
            })
        },
        NativeFunction("next", doc: "Return the next item of an iterator; when it is exhausted, return default or raise StopIteration.",
                       parameters: [.required("iterator", positionalOnly: true), .optional("default", positionalOnly: true)]) { a, ctx in
            if case .object(let o as Instance) = a["iterator"]!, o.defines("__next__") {
                do {
                    return try o.special("__next__", span: ctx.span)!
                } catch let d as Diagnostic where d.kind == .stopIteration && a["default"] != nil {
                    return a["default"]!
                }
            }
            // A host object that declares `__next__` (Keras's image iterators) is its own iterator.
            if case .object(let o) = a["iterator"]!, !(o is Instance), let c = o.hostClass, c.member("__next__") != nil,
               let method = try c.attribute(of: o, "__next__", context: ctx) {
                do {
                    return try ctx.call(method, [])
                } catch let d as Diagnostic where d.kind == .stopIteration && a["default"] != nil {
                    return a["default"]!
                }
            }
            guard case .iterator(let it) = a["iterator"]! else {
                throw Diagnostic(.typeError, "'\(a["iterator"]!.typeName)' object is not an iterator", at: a.span(of: "iterator"),
                                 notes: ["help: call iter() on it first: next(iter(x))"])
            }
            if let v = try it.next() { return v }
            if let d = a["default"] { return d }
            throw Diagnostic(.stopIteration, "", at: a.span(of: "iterator"))
        },
    ] }
}

extension Interpreter {
    /// A stable sort with Python's rules (key function, reverse keeps equal items in order).
    func sorted(_ items: [Value], key: Value, reverse: Bool, span: Span) throws -> [Value] {
        let ctx = context(span)
        let keys = try key.isNone ? items : items.map { try ctx.call(key, [$0]) }
        var indices = Array(items.indices)
        try indices.sort { i, j in
            let o = try order(keys[i], keys[j], op: .lt, span: span)
            if o == 0 { return i < j }
            return reverse ? o > 0 : o < 0
        }
        return indices.map { items[$0] }
    }
}
