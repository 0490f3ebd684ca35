/// `lower:upper:step` as a value, passed to `getItem` of host objects (`x_train[:100]`).
public final class SliceValue: FoveaObject {
    public let lower: Value, upper: Value, step: Value
    public init(lower: Value, upper: Value, step: Value) { self.lower = lower; self.upper = upper; self.step = step }
    public var typeName: String { "slice" }
    public func repr() -> String { "slice(\(Repr.repr(lower)), \(Repr.repr(upper)), \(Repr.repr(step)))" }
    public var isHashable: Bool { false }

    /// Start, step and number of selected elements of a sequence of `count` elements
    /// (Python's `slice.indices` and `PySlice_AdjustIndices`).
    public func indices(count: Int) throws -> (start: Int, step: Int, count: Int) {
        func bound(_ v: Value, _ what: String) throws -> Int? {
            if v.isNone { return nil }
            guard let i = v.asInt else {
                throw Diagnostic(.typeError, "slice indices must be integers or None, not '\(v.typeName)'")
            }
            return i
        }
        let step = try bound(step, "step") ?? 1
        if step == 0 { throw Diagnostic(.valueError, "slice step cannot be zero") }
        var start: Int, stop: Int
        if let s = try bound(lower, "start") {
            start = s < 0 ? max(s &+ count, step < 0 ? -1 : 0) : min(s, step < 0 ? count - 1 : count)
        } else { start = step < 0 ? count - 1 : 0 }
        if let s = try bound(upper, "stop") {
            stop = s < 0 ? max(s &+ count, step < 0 ? -1 : 0) : min(s, step < 0 ? count - 1 : count)
        } else { stop = step < 0 ? -1 : count }
        let n: Int
        if step > 0 { n = start < stop ? (stop - start - 1) / step + 1 : 0 }
        else { n = stop < start ? (start - stop - 1) / (-step) + 1 : 0 }
        return (start, step, n)
    }
}

/// The `...` literal.
public final class EllipsisObject: FoveaObject {
    nonisolated(unsafe) public static let shared = EllipsisObject()
    public var typeName: String { "ellipsis" }
    public func repr() -> String { "Ellipsis" }
}

extension Interpreter {
    /// Resolves an index of a sequence of `count` elements, with Python's negative indices.
    func sequenceIndex(_ index: Value, count: Int, kind: String, span: Span) throws -> Int {
        guard let i = index.asInt else {
            if kind == "string" {
                throw Diagnostic(.typeError, "string indices must be integers, not '\(index.typeName)'", at: span)
            }
            throw Diagnostic(.typeError, "\(kind) indices must be integers or slices, not \(index.typeName)", at: span)
        }
        let j = i < 0 ? i &+ count : i
        guard j >= 0 && j < count else {
            throw Diagnostic(.indexError, "\(kind) index out of range", at: span,
                             notes: [count == 0 ? "note: the \(kind) is empty" : "note: valid indices are 0 to \(count - 1) (or -\(count) to -1)"])
        }
        return j
    }

    func sliceElements<T>(_ items: [T], _ slice: SliceValue, span: Span) throws -> [T] {
        let (start, step, n) = try located(span) { try slice.indices(count: items.count) }
        var out: [T] = []
        out.reserveCapacity(n)
        var i = start
        for _ in 0..<n { out.append(items[i]); i += step }
        return out
    }

    func getItem(_ container: Value, _ index: Value, span: Span) throws -> Value {
        switch container {
        case .list(let l):
            if case .object(let o) = index, let s = o as? SliceValue { return .list(try sliceElements(l.items, s, span: span)) }
            return l.items[try sequenceIndex(index, count: l.items.count, kind: "list", span: span)]
        case .tuple(let t):
            if case .object(let o) = index, let s = o as? SliceValue { return .tuple(try sliceElements(t, s, span: span)) }
            return t[try sequenceIndex(index, count: t.count, kind: "tuple", span: span)]
        case .str(let str):
            let scalars = Array(str.unicodeScalars)
            if case .object(let o) = index, let s = o as? SliceValue {
                return .str(String(String.UnicodeScalarView(try sliceElements(scalars, s, span: span))))
            }
            return .str(String(scalars[try sequenceIndex(index, count: scalars.count, kind: "string", span: span)]))
        case .range(let r):
            if case .object(let o) = index, let s = o as? SliceValue {
                let (start, step, n) = try located(span) { try s.indices(count: r.count) }
                let first = r.element(start)
                return .range(RangeValue(start: first, stop: first &+ n &* (r.step &* step), step: r.step &* step))
            }
            return .int(r.element(try sequenceIndex(index, count: r.count, kind: "range object", span: span)))
        case .dict(let d):
            guard let h = try index.checkedHashKey(at: span) else { throw Diagnostic(.typeError, "unhashable type: '\(index.typeName)'", at: span) }
            guard let v = d.get(h) else {
                let keys = d.keys.compactMap { k -> String? in if case .str(let s) = k { return s } else { return nil } }
                var notes: [String] = []
                if case .str(let s) = index, let m = Suggest.closest(to: s, in: keys) { notes.append("help: did you mean '\(m)'?") }
                else if d.count > 0 && d.count <= 10 { notes.append("note: the keys are: " + d.keys.map(Repr.repr).joined(separator: ", ")) }
                throw Diagnostic(.keyError, Repr.repr(index), at: span, notes: notes)
            }
            return v
        case .object(let o):
            if let v = try located(span, { try o.getItem(index, context: context(span)) }) { return v }
        case .type(let t):
            return .type(t)   // `list[int]` in annotations-like code: the class itself
        default: break
        }
        throw Diagnostic(.typeError, "'\(container.typeName)' object is not subscriptable", at: span)
    }

    func setItem(_ container: Value, _ index: Value, _ value: Value, span: Span) throws {
        switch container {
        case .list(let l):
            if case .object(let o) = index, let s = o as? SliceValue {
                let newItems = try collect(value, span: span)
                let (start, step, n) = try located(span) { try s.indices(count: l.items.count) }
                if step == 1 {
                    let lo = start, hi = max(start, start + n)
                    l.items.replaceSubrange(lo..<hi, with: newItems)
                } else {
                    guard newItems.count == n else {
                        throw Diagnostic(.valueError, "attempt to assign sequence of size \(newItems.count) to extended slice of size \(n)", at: span)
                    }
                    var i = start
                    for v in newItems { l.items[i] = v; i += step }
                }
                return
            }
            l.items[try sequenceIndex(index, count: l.items.count, kind: "list", span: span)] = value
        case .dict(let d):
            guard let h = try index.checkedHashKey(at: span) else { throw Diagnostic(.typeError, "unhashable type: '\(index.typeName)'", at: span) }
            d.set(index, h, value)
        case .object(let o):
            if try located(span, { try o.setItem(index, value, context: context(span)) }) { return }
            throw Diagnostic(.typeError, "'\(o.typeName)' object does not support item assignment", at: span)
        default:
            throw Diagnostic(.typeError, "'\(container.typeName)' object does not support item assignment", at: span,
                             notes: container.typeName == "tuple" || container.typeName == "str"
                                ? ["note: a \(container.typeName) cannot be changed; build a new one instead"] : [])
        }
    }

    func deleteItem(_ container: Value, _ index: Value, span: Span) throws {
        switch container {
        case .list(let l):
            if case .object(let o) = index, let s = o as? SliceValue {
                let (start, step, n) = try located(span) { try s.indices(count: l.items.count) }
                var drop = Set<Int>()
                var i = start
                for _ in 0..<n { drop.insert(i); i += step }
                l.items = l.items.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
                return
            }
            l.items.remove(at: try sequenceIndex(index, count: l.items.count, kind: "list", span: span))
        case .dict(let d):
            guard let h = try index.checkedHashKey(at: span) else { throw Diagnostic(.typeError, "unhashable type: '\(index.typeName)'", at: span) }
            if d.remove(h) == nil { throw Diagnostic(.keyError, Repr.repr(index), at: span) }
        case .object(let o) where try located(span, { try o.deleteItem(index, context: context(span)) }):
            return
        default:
            throw Diagnostic(.typeError, "'\(container.typeName)' object doesn't support item deletion", at: span)
        }
    }
}
