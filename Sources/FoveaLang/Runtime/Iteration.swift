/// Iterating over values: `for`, unpacking, `list(x)`, and every built-in taking an iterable.
extension Interpreter {
    func iterator(_ value: Value, span: Span) throws -> IteratorBox {
        switch value {
        case .list(let l):
            var i = 0
            return IteratorBox("list_iterator") {
                guard i < l.items.count else { return nil }
                defer { i += 1 }
                return l.items[i]
            }
        case .tuple(let t):
            var i = 0
            return IteratorBox("tuple_iterator") {
                guard i < t.count else { return nil }
                defer { i += 1 }
                return t[i]
            }
        case .str(let s):
            var it = s.unicodeScalars.makeIterator()
            return IteratorBox("str_iterator") { it.next().map { .str(String($0)) } }
        case .range(let r):
            var i = 0
            let n = r.count
            // A range can be longer than any loop should run (sum(range(10**12))): the interrupt
            // button reaches a built-in consuming it every 4096 items.
            return IteratorBox("range_iterator") { [unowned self] in
                guard i < n else { return nil }
                if i & 4095 == 4095 { try self.checkInterrupt(at: span) }
                defer { i += 1 }
                return .int(r.element(i))
            }
        case .dict(let d):
            let keys = d.keys
            var i = 0
            return IteratorBox("dict_keyiterator") {
                guard i < keys.count else { return nil }
                defer { i += 1 }
                return keys[i]
            }
        case .iterator(let it): return it
        case .object(let o):
            if let it = try located(span, { try o.makeIterator(context: context(span)) }) { return it }
            if let n = o.length(), (try? o.getItem(.int(0), context: context(span))) != nil {
                var i = 0
                let ctx = context(span)
                return IteratorBox("iterator") {
                    guard i < n else { return nil }
                    defer { i += 1 }
                    return try o.getItem(.int(i), context: ctx)
                }
            }
        default: break
        }
        throw Diagnostic(.typeError, "'\(value.typeName)' object is not iterable", at: span)
    }

    /// All the values of an iterable, refusing absurd sizes and honouring interrupts.
    func collect(_ value: Value, span: Span) throws -> [Value] {
        switch value {
        case .list(let l): return l.items
        case .tuple(let t): return t
        case .range(let r):
            try Limits.check(elements: r.count, times: 1, span: span)
            return (0..<r.count).map { .int(r.element($0)) }
        default:
            let it = try iterator(value, span: span)
            var out: [Value] = []
            while let v = try it.next() {
                out.append(v)
                if out.count & 0xFFFF == 0 {
                    try checkInterrupt(at: span)
                    try Limits.check(elements: out.count, times: 1, span: span)
                }
            }
            return out
        }
    }
}
