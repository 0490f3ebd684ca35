/// Walking n-dimensional element layouts with strides (in elements): the loop under broadcasting
/// arithmetic, indexing, transposes and assignments. Up to three operands share one walk; a stride
/// of 0 repeats an element (a broadcast axis).
struct StridedLoop {
    var dims: [Int]
    var strides: [[Int]]   // one stride list per operand, each dims.count long
    var offsets: [Int]     // the starting element of each operand

    init(dims: [Int], strides: [[Int]], offsets: [Int]? = nil) {
        self.offsets = offsets ?? Array(repeating: 0, count: strides.count)
        // Coalesce: drop length-1 axes, then merge an axis into the next one when every operand
        // steps through both as through one axis. `x[..., None]` becomes one flat run.
        var d: [Int] = [], s: [[Int]] = Array(repeating: [], count: strides.count)
        for (i, n) in dims.enumerated() where n != 1 {
            if let last = d.last, (0..<strides.count).allSatisfy({ s[$0].last! == strides[$0][i] * n }) {
                d[d.count - 1] = last * n
                for k in 0..<strides.count { s[k][s[k].count - 1] = strides[k][i] }
            } else {
                d.append(n)
                for k in 0..<strides.count { s[k].append(strides[k][i]) }
            }
        }
        if d.isEmpty { d = [1]; for k in 0..<strides.count { s[k] = [0] } }
        self.dims = d
        self.strides = s
    }

    var count: Int { dims.reduce(1, *) }

    /// Calls `body(o0, o1, o2, n, s0, s1, s2)` for every innermost row: the row's first element of
    /// each operand, its length and each operand's step along it (0 for missing operands).
    func forEachRow(_ body: (Int, Int, Int, Int, Int, Int, Int) -> Void) {
        if dims.contains(0) { return }
        let k = strides.count
        func s(_ op: Int, _ axis: Int) -> Int { op < k ? strides[op][axis] : 0 }
        func o(_ op: Int) -> Int { op < k ? offsets[op] : 0 }
        let last = dims.count - 1
        let n = dims[last], s0 = s(0, last), s1 = s(1, last), s2 = s(2, last)
        if last == 0 { body(o(0), o(1), o(2), n, s0, s1, s2); return }
        var index = [Int](repeating: 0, count: last)
        var a = o(0), b = o(1), c = o(2)
        while true {
            body(a, b, c, n, s0, s1, s2)
            var axis = last - 1
            while axis >= 0 {
                index[axis] += 1
                a += s(0, axis); b += s(1, axis); c += s(2, axis)
                if index[axis] < dims[axis] { break }
                a -= s(0, axis) * dims[axis]; b -= s(1, axis) * dims[axis]; c -= s(2, axis) * dims[axis]
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// Row-major strides of a contiguous shape.
    static func contiguousStrides(_ dims: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: dims.count)
        var acc = 1
        for i in stride(from: dims.count - 1, through: 0, by: -1) { s[i] = acc; acc *= dims[i] }
        return s
    }
}

extension Tensor {
    /// The storage as elements of type T (internal; the caller picks T by dtype).
    func pointer<T>(_: T.Type) -> UnsafeMutablePointer<T> { storage.raw.assumingMemoryBound(to: T.self) }

    /// Copies the elements of `self` seen through `dims`/`strides` from `offset` into a new
    /// contiguous tensor of shape `shape` (same count as dims). Works on any dtype by element size.
    func gather(dims: [Int], strides: [Int], offset: Int, shape: Shape) -> Tensor {
        let out = Tensor(uncheckedShape: shape, dtype: dtype)
        let loop = StridedLoop(dims: dims, strides: [strides, StridedLoop.contiguousStrides(dims)], offsets: [offset, 0])
        switch dtype.byteSize {
        case 1: Tensor.copyRows(loop, from: pointer(UInt8.self), to: out.pointer(UInt8.self))
        case 4: Tensor.copyRows(loop, from: pointer(UInt32.self), to: out.pointer(UInt32.self))
        default: Tensor.copyRows(loop, from: pointer(UInt64.self), to: out.pointer(UInt64.self))
        }
        return out
    }

    /// Writes `source` (already of self's dtype, seen through `sourceStrides`, 0 for broadcast
    /// axes) into the elements of `self` seen through `dims`/`strides` from `offset`.
    func scatter(dims: [Int], strides: [Int], offset: Int, source: Tensor, sourceStrides: [Int]) {
        let loop = StridedLoop(dims: dims, strides: [sourceStrides, strides], offsets: [0, offset])
        switch dtype.byteSize {
        case 1: Tensor.copyRows(loop, from: source.pointer(UInt8.self), to: pointer(UInt8.self))
        case 4: Tensor.copyRows(loop, from: source.pointer(UInt32.self), to: pointer(UInt32.self))
        default: Tensor.copyRows(loop, from: source.pointer(UInt64.self), to: pointer(UInt64.self))
        }
    }

    private static func copyRows<T>(_ loop: StridedLoop, from src: UnsafeMutablePointer<T>, to dst: UnsafeMutablePointer<T>) {
        loop.forEachRow { a, b, _, n, sa, sb, _ in
            if sa == 1 && sb == 1 {
                (dst + b).update(from: src + a, count: n)
            } else {
                var i = a, j = b
                for _ in 0..<n { dst[j] = src[i]; i += sa; j += sb }
            }
        }
    }
}
