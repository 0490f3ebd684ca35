/// numpy's sort, argsort, unique and searchsorted. Everything orders NaN after every number, as
/// numpy does. argsort is stable (numpy's kind='stable'): numpy's default kind='quicksort' gives
/// the same indices whenever no two values are equal, and may order equal values differently.
extension Tensor {
    /// numpy's `sort(a, axis)`: a sorted copy; `axis: nil` sorts the flattened array.
    public func sorted(axis: Int? = -1) throws -> Tensor {
        guard let axis else {
            let flat = try copy().reshaped([count])
            try flat.sortInPlace(axis: 0)
            return flat
        }
        let out = copy()
        try out.sortInPlace(axis: axis)
        return out
    }

    /// numpy's `ndarray.sort(axis)`: sorts this tensor's own elements along `axis`.
    public func sortInPlace(axis: Int = -1) throws {
        let lines = try Lines(self, axis: axis)
        visit(SortLines(lines: lines))
    }

    /// numpy's `argsort(a, axis, kind='stable')`: int64 indices that sort each line, equal values
    /// keeping their order. `axis: nil` sorts the flattened array.
    public func argsorted(axis: Int? = -1) throws -> Tensor {
        // numpy argsorts a 0-d array as a 1-d one.
        let source = axis == nil || shape.rank == 0 ? try reshaped([count]) : self
        let lines = try Lines(source, axis: source === self ? axis! : 0)
        let out = Tensor(uncheckedShape: source.shape, dtype: .int64)
        source.visit(ArgsortLines(lines: lines, out: out.pointer(Int64.self)))
        return out
    }

    /// The results of numpy's `unique(ar, return_index=True, return_inverse=True,
    /// return_counts=True)` on the flattened array: the sorted distinct values (NaNs count as one
    /// value, numpy 2's equal_nan), the flat index of each one's first occurrence, for each element
    /// the position of its value among them (in this tensor's shape) and how often each occurs.
    public struct Unique {
        public let values: Tensor
        public let firstIndices: Tensor
        public let inverse: Tensor
        public let counts: Tensor
    }

    public func unique() throws -> Unique {
        if dtype == .uint8 || dtype == .bool { return byteUnique() }
        let order = try argsorted(axis: nil).int64Array.map { Int($0) }
        let groups = visit(UniqueGroups(order: order))
        let k = groups.count
        let values = Tensor(uncheckedShape: [k], dtype: dtype)
        let first = Tensor(uncheckedShape: [k], dtype: .int64)
        let counts = Tensor(uncheckedShape: [k], dtype: .int64)
        let inverse = Tensor(uncheckedShape: shape, dtype: .int64)
        let size = dtype.byteSize
        for (g, range) in groups.enumerated() {
            let at = order[range.lowerBound]
            (values.storage.raw + g * size).copyMemory(from: storage.raw + at * size, byteCount: size)
            first.int64s[g] = Int64(at)
            counts.int64s[g] = Int64(range.count)
            for i in range { inverse.int64s[order[i]] = Int64(g) }
        }
        return Unique(values: values, firstIndices: first, inverse: inverse, counts: counts)
    }

    /// `unique` of bytes in one pass: a table of the 256 possible values.
    private func byteUnique() -> Unique {
        var counts = [Int64](repeating: 0, count: 256), first = [Int64](repeating: -1, count: 256)
        let p = pointer(UInt8.self)
        for i in 0..<count {
            let v = Int(p[i])
            if counts[v] == 0 { first[v] = Int64(i) }
            counts[v] += 1
        }
        let present = (0..<256).filter { counts[$0] > 0 }
        var position = [Int64](repeating: 0, count: 256)
        for (g, v) in present.enumerated() { position[v] = Int64(g) }
        let values = Tensor(uncheckedShape: [present.count], dtype: dtype)
        let firstIndices = Tensor(uncheckedShape: [present.count], dtype: .int64)
        let totals = Tensor(uncheckedShape: [present.count], dtype: .int64)
        let inverse = Tensor(uncheckedShape: shape, dtype: .int64)
        for (g, v) in present.enumerated() {
            values.pointer(UInt8.self)[g] = UInt8(v)
            firstIndices.pointer(Int64.self)[g] = first[v]
            totals.pointer(Int64.self)[g] = counts[v]
        }
        let d = inverse.pointer(Int64.self)
        for i in 0..<count { d[i] = position[Int(p[i])] }
        return Unique(values: values, firstIndices: firstIndices, inverse: inverse, counts: totals)
    }

    /// numpy's `unique(ar, axis=axis, ...)`: the distinct sub-arrays along `axis` (rows for axis
    /// 0), sorted lexicographically, with 1-d first indices, inverse and counts. As in numpy,
    /// sub-arrays holding NaN never equal each other.
    public func unique(axis: Int) throws -> Unique {
        let a = try Tensor.normalizeAxis(axis, rank: shape.rank)
        let others = (0..<shape.rank).filter { $0 != a }
        let n = shape.dims[a], width = others.reduce(1) { $0 * shape.dims[$1] }
        let rows = try transposed([a] + others)
        let (order, groups) = rows.visit(UniqueRows(n: n, width: width))
        let k = groups.count
        let first = Tensor(uncheckedShape: [k], dtype: .int64)
        let counts = Tensor(uncheckedShape: [k], dtype: .int64)
        let inverse = Tensor(uncheckedShape: [n], dtype: .int64)
        for (g, range) in groups.enumerated() {
            first.int64s[g] = Int64(order[range.lowerBound])
            counts.int64s[g] = Int64(range.count)
            for i in range { inverse.int64s[order[i]] = Int64(g) }
        }
        let picked = try rows.selecting(first).reshaped(Shape([k] + others.map { shape.dims[$0] }))
        // Back to the original axis order: the picked axis returns to position a.
        var back = Array(1..<shape.rank)
        back.insert(0, at: a)
        return Unique(values: try picked.transposed(back), firstIndices: first, inverse: inverse, counts: counts)
    }

    /// numpy's `searchsorted(a, v, side, sorter)` on this 1-d tensor: for each value of `v`, the
    /// index where inserting it keeps the order (before equal values, or after them with `right`).
    /// Both sides are compared in their promoted type. `sorter` holds the indices that sort self.
    public func searchSorted(_ v: Tensor, right: Bool = false, sorter: Tensor? = nil) throws -> Tensor {
        guard shape.rank == 1 else {
            throw ArrayError("ValueError", shape.rank == 0 ? "object of too small depth for desired array" : "object too deep for desired array")
        }
        var base = self
        if let sorter {
            guard sorter.shape == shape else { throw ArrayError("ValueError", "sorter.size must equal a.size") }
            guard sorter.dtype.isInteger, sorter.dtype != .bool else {
                throw ArrayError("TypeError", "Cannot cast array data from dtype('\(sorter.dtype.rawValue)') to dtype('int64') according to the rule 'safe'")
            }
            base = try selecting(sorter.converted(to: .int64))
        }
        let type = DType.promoted(dtype, v.dtype)
        let a = base.dtype == type ? base : base.converted(to: type)
        let values = v.dtype == type ? v : v.converted(to: type)
        let out = Tensor(uncheckedShape: v.shape, dtype: .int64)
        a.visit(SearchSorted(values: values, n: count, right: right, out: out.pointer(Int64.self)))
        return out
    }
}

/// numpy's sort order: NaN after every number (a strict weak order: NaNs are equivalent).
@inline(__always) func sortsBefore<T: TensorScalar>(_ a: T, _ b: T) -> Bool {
    if T.isFloatingPoint { return a < b || (b.isNaN && !a.isNaN) }
    return a < b
}

/// A tensor seen as lines along one axis: `outer * inner` lines of `n` elements, the element k of
/// line (o, j) at `(o * n + k) * inner + j`.
struct Lines {
    let outer: Int, n: Int, inner: Int
    init(_ t: Tensor, axis: Int) throws {
        let a = try Tensor.normalizeAxis(axis, rank: t.shape.rank)
        let dims = t.shape.dims
        outer = dims[..<a].reduce(1, *); n = dims[a]; inner = dims[(a + 1)...].reduce(1, *)
    }
    var count: Int { outer * inner }
    /// The flat index of the first element of line `l` (its elements are `inner` apart).
    func start(_ l: Int) -> Int { (l / inner) * n * inner + l % inner }
}

private struct SortLines: TensorVisitor {
    let lines: Lines
    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) {
        let n = lines.n, inner = lines.inner
        if inner == 1 {
            for o in 0..<lines.outer {
                var line = UnsafeMutableBufferPointer(start: p + o * n, count: n)
                line.sort(by: sortsBefore)
            }
            return
        }
        var line = [T]()
        line.reserveCapacity(n)
        for l in 0..<lines.count {
            let s = lines.start(l)
            line.removeAll(keepingCapacity: true)
            for k in 0..<n { line.append(p[s + k * inner]) }
            line.sort(by: sortsBefore)
            for k in 0..<n { p[s + k * inner] = line[k] }
        }
    }
}

private struct ArgsortLines: TensorVisitor {
    let lines: Lines, out: UnsafeMutablePointer<Int64>
    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) {
        let n = lines.n, inner = lines.inner
        var values = [T](), order = [Int]()
        values.reserveCapacity(n); order.reserveCapacity(n)
        for l in 0..<lines.count {
            let s = lines.start(l)
            values.removeAll(keepingCapacity: true)
            for k in 0..<n { values.append(p[s + k * inner]) }
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: 0..<n)
            // Ties broken by position: stable whatever algorithm sort uses.
            order.sort { i, j in
                let a = values[i], b = values[j]
                if sortsBefore(a, b) { return true }
                if sortsBefore(b, a) { return false }
                return i < j
            }
            for k in 0..<n { out[s + k * inner] = Int64(order[k]) }
        }
    }
}

/// The runs of equal values in `order` (positions of a flat tensor in sorted order).
private struct UniqueGroups: TensorVisitor {
    let order: [Int]
    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        if order.isEmpty { return groups }
        var start = 0
        for i in 1...order.count where i == order.count || sortsBefore(p[order[i - 1]], p[order[i]]) {
            if i > start { groups.append(start..<i) }
            start = i
        }
        return groups
    }
}

private struct SearchSorted: TensorVisitor {
    let values: Tensor, n: Int, right: Bool, out: UnsafeMutablePointer<Int64>
    func visit<T: TensorScalar>(_ a: UnsafeMutablePointer<T>) {
        let v = values.pointer(T.self)
        for i in 0..<values.count {
            let x = v[i]
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                // left: the first a[mid] >= x; right: the first a[mid] > x.
                if right ? !sortsBefore(x, a[mid]) : sortsBefore(a[mid], x) { lo = mid + 1 } else { hi = mid }
            }
            out[i] = Int64(lo)
        }
    }
}

/// Rows of `width` elements ordered lexicographically (stably), and the runs of equal rows.
private struct UniqueRows: TensorVisitor {
    let n: Int, width: Int
    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) -> ([Int], [Range<Int>]) {
        func before(_ i: Int, _ j: Int) -> Bool {
            for c in 0..<width {
                let x = p[i * width + c], y = p[j * width + c]
                if sortsBefore(x, y) { return true }
                if sortsBefore(y, x) { return false }
            }
            return false
        }
        func equal(_ i: Int, _ j: Int) -> Bool { (0..<width).allSatisfy { p[i * width + $0] == p[j * width + $0] } }
        let order = (0..<n).sorted { before($0, $1) || (!before($1, $0) && $0 < $1) }
        var groups: [Range<Int>] = []
        var start = 0
        for i in 0...n where i == n || (i > 0 && !equal(order[i - 1], order[i])) {
            if i > start { groups.append(start..<i) }
            start = i
        }
        return (order, groups)
    }
}
