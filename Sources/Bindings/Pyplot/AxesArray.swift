import FoveaLang

/// What `subplots` returns for several axes: a numpy object array of Axes, indexed as numpy
/// indexes it (`axes[0, 1]`, `axes[1]`, `axes[:, 0]`), with `flat`, `ravel()`, `flatten()`,
/// `shape` and iteration over the first dimension.
final class AxesArray: FoveaObject {
    let items: [AxesObject]
    let shape: [Int]
    init(_ items: [AxesObject], shape: [Int]) { self.items = items; self.shape = shape }

    var typeName: String { "ndarray" }
    var doc: String { "An array of Axes, as plt.subplots returns it: axes[row, col], axes.flat, axes.ravel()." }
    func repr() -> String {
        if shape.count == 1 { return "array([" + items.map { $0.repr() }.joined(separator: ", ") + "], dtype=object)" }
        let rows = (0..<shape[0]).map { r in "[" + (0..<shape[1]).map { items[r * shape[1] + $0].repr() }.joined(separator: ", ") + "]" }
        return "array([" + rows.joined(separator: ",\n       ") + "], dtype=object)"
    }
    func length() -> Int? { shape[0] }
    var hostClass: AnyHostClass? { AxesArray.binding }

    func row(_ r: Int) -> Value {
        shape.count == 1 ? .object(items[r]) : .object(AxesArray(Array(items[(r * shape[1])..<((r + 1) * shape[1])]), shape: [shape[1]]))
    }

    func makeIterator(context: CallContext) throws -> IteratorBox? {
        var i = 0
        let n = shape[0]
        return IteratorBox("iterator") { [self] in
            defer { i += 1 }
            return i < n ? row(i) : nil
        }
    }

    /// The positions an index selects along a dimension of `n` (an int, or a slice).
    private func select(_ v: Value, _ n: Int, _ span: Span) throws -> (indices: [Int], isSlice: Bool) {
        if case .object(let o) = v, let s = o as? SliceValue {
            let (start, step, count) = try s.indices(count: n)
            return ((0..<count).map { start + $0 * step }, true)
        }
        guard let i = v.asInt else {
            throw Diagnostic(.indexError, "only integers, slices (`:`) are valid indices of an array of Axes. Received: \(Repr.repr(v))", at: span)
        }
        let k = i < 0 ? i + n : i
        guard k >= 0 && k < n else { throw Diagnostic(.indexError, "index \(i) is out of bounds for axis with size \(n)", at: span) }
        return ([k], false)
    }

    func getItem(_ index: Value, context: CallContext) throws -> Value? {
        var parts: [Value]
        if case .tuple(let t) = index { parts = t } else { parts = [index] }
        guard parts.count <= shape.count else {
            throw Diagnostic(.indexError, "too many indices for array: array is \(shape.count)-dimensional, but \(parts.count) were indexed", at: context.span,
                             notes: shape.count == 1 ? ["help: subplots with one row or column gives a 1-D array: use axes[i]"] : [])
        }
        while parts.count < shape.count { parts.append(.object(SliceValue(lower: .none, upper: .none, step: .none))) }
        if shape.count == 1 {
            let (ix, isSlice) = try select(parts[0], shape[0], context.span)
            return isSlice ? .object(AxesArray(ix.map { items[$0] }, shape: [ix.count])) : .object(items[ix[0]])
        }
        let (rows, rs) = try select(parts[0], shape[0], context.span)
        let (cols, cs) = try select(parts[1], shape[1], context.span)
        let picked = rows.flatMap { r in cols.map { items[r * shape[1] + $0] } }
        switch (rs, cs) {
        case (false, false): return .object(picked[0])
        case (true, true): return .object(AxesArray(picked, shape: [rows.count, cols.count]))
        default: return .object(AxesArray(picked, shape: [picked.count]))
        }
    }

    static let binding = HostClass<AxesArray>("ndarray", module: "numpy", doc: "An array of Axes.")
        .property("flat", doc: "Every axes in row order.") { a, _ in .object(AxesArray(a.items, shape: [a.items.count])) }
        .property("shape", doc: "The array's shape.") { a, _ in .tuple(a.shape.map { .int($0) }) }
        .property("size", doc: "The number of axes.") { a, _ in .int(a.items.count) }
        .property("ndim", doc: "The number of dimensions.") { a, _ in .int(a.shape.count) }
        .method("ravel", doc: "Every axes in row order, as a 1-D array.") { a, _, _ in .object(AxesArray(a.items, shape: [a.items.count])) }
        .method("flatten", doc: "Every axes in row order, as a 1-D array.") { a, _, _ in .object(AxesArray(a.items, shape: [a.items.count])) }
        .method("tolist", doc: "The axes as nested lists.") { a, _, _ in
            a.shape.count == 1 ? .list(a.items.map { .object($0) })
                : .list((0..<a.shape[0]).map { r in .list((0..<a.shape[1]).map { .object(a.items[r * a.shape[1] + $0]) }) })
        }
}
