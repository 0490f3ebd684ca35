/// numpy's `histogram(a, bins, range, density, weights)`, following numpy's own steps so that
/// edges and counts are numpy's: the edges from `linspace` over the data's (or the given) range in
/// numpy's types, each value's bin from `(x - first) / (last - first) * bins` corrected against
/// the edges, the last bin closed on the right; explicit edges count through sorted searches.
public enum HistogramBins: Sendable {
    /// That many equal bins over the range.
    case count(Int)
    /// The bin edges themselves (a 1-d tensor, increasing).
    case edges(Tensor)
    /// numpy's estimator of that name: 'auto', 'fd', 'doane', 'scott', 'stone', 'rice', 'sturges', 'sqrt'.
    case estimated(String)
}

extension Tensor {
    /// numpy's histogram of the flattened tensor: the counts (int64, or the weights' type summing
    /// weights, float64 with `density`) and the edges (float64, float32 for float32 data; given
    /// edges are returned as they are). `range` ends are Python numbers (`.int`/`.float`).
    public func histogram(bins: HistogramBins, range: (Operand, Operand)? = nil, weights: Tensor? = nil,
                          density: Bool = false) throws -> (counts: Tensor, edges: Tensor) {
        if let weights, weights.shape != shape { throw ArrayError("ValueError", "weights should have the same shape as a.") }
        // numpy counts bools as uint8 (with a RuntimeWarning).
        let a = try (dtype == .bool ? converted(to: .uint8) : self).reshaped([count])
        let w = try weights?.reshaped([count])
        let counts: Tensor, edges: Tensor
        switch bins {
        case .count(let n):
            guard n >= 1 else { throw ArrayError("ValueError", "`bins` must be positive, when an integer") }
            (counts, edges) = try a.equalBinHistogram(n, range: range, weights: w)
        case .estimated(let name):
            let (lo, hi) = try a.outerEdges(range)
            let n = try a.estimatedBinCount(name, range: range, first: lo.value, last: hi.value, weighted: w != nil)
            (counts, edges) = try a.equalBinHistogram(n, range: range, weights: w)
        case .edges(let e):
            guard e.shape.rank == 1 else { throw ArrayError("ValueError", "`bins` must be 1d, when an array") }
            if e.count > 1 {
                let rising = try Tensor.compare(.greater, .tensor(try e.indexed([.slice(start: nil, stop: -1, step: nil)])),
                                                .tensor(try e.indexed([.slice(start: 1, stop: nil, step: nil)])))
                if rising.byteArray.contains(1) { throw ArrayError("ValueError", "`bins` must increase monotonically, when an array") }
            }
            counts = try a.edgeHistogram(e, weights: w)
            edges = e
        }
        guard density else { return (counts, edges) }
        // numpy: n / np.diff(edges).astype(float) / n.sum()
        let widths = try edges.differenced().converted(to: .float64)
        let perWidth = try Tensor.arithmetic(.divide, .tensor(counts), .tensor(widths))
        return (try Tensor.arithmetic(.divide, .tensor(perWidth), .tensor(try counts.reduced(.sum))), edges)
    }

    /// One end of the range as numpy holds it: a Python number (weak) or a numpy scalar of a type.
    private struct RangeEnd {
        var value: Double
        var type: DType?   // nil: a Python number
        var isInteger: Bool
    }

    /// numpy's `_get_outer_edges`: the range given (checked) or the data's min and max, widened by
    /// 0.5 each way when they are equal.
    private func outerEdges(_ range: (Operand, Operand)?) throws -> (RangeEnd, RangeEnd) {
        var lo: RangeEnd, hi: RangeEnd
        if let (l, h) = range {
            lo = Tensor.rangeEnd(l); hi = Tensor.rangeEnd(h)
            if lo.value > hi.value { throw ArrayError("ValueError", "max must be larger than min in range parameter.") }
            if !lo.value.isFinite || !hi.value.isFinite {
                throw ArrayError("ValueError", "supplied range of [\(Tensor.pythonText(lo)), \(Tensor.pythonText(hi))] is not finite")
            }
        } else if count == 0 {
            lo = RangeEnd(value: 0, type: nil, isInteger: true); hi = RangeEnd(value: 1, type: nil, isInteger: true)
        } else {
            lo = RangeEnd(value: try reduced(.min).scalar(at: 0), type: dtype, isInteger: dtype.isInteger)
            hi = RangeEnd(value: try reduced(.max).scalar(at: 0), type: dtype, isInteger: dtype.isInteger)
            if !lo.value.isFinite || !hi.value.isFinite {
                throw ArrayError("ValueError", "autodetected range of [\(Tensor.pythonText(lo)), \(Tensor.pythonText(hi))] is not finite")
            }
        }
        if lo.value == hi.value {
            // numpy: first - 0.5, last + 0.5 (a float32 scalar stays float32, an integer one becomes float64).
            let type: DType? = lo.type.map { $0 == .float32 ? .float32 : .float64 }
            lo = RangeEnd(value: lo.value - 0.5, type: type, isInteger: false)
            hi = RangeEnd(value: hi.value + 0.5, type: type, isInteger: false)
        }
        return (lo, hi)
    }

    private func equalBinHistogram(_ n: Int, range: (Operand, Operand)?, weights: Tensor?) throws -> (Tensor, Tensor) {
        let (lo, hi) = try outerEdges(range)
        let binType: DType = dtype == .float32 ? .float32 : .float64
        let (edges, _) = try Tensor.linspace(start: lo.value, stop: hi.value, count: n + 1,
                                             computeType: lo.type == .float32 ? .float32 : .float64, dtype: binType)
        let e = edges.doubleArray
        for i in 0..<n where !(e[i] < e[i + 1]) {
            throw ArrayError("ValueError", "Too many bins for data range. Cannot create \(n) finite-sized bins.")
        }
        // numpy's norm: (x - first) / (last - first) * n. The denominator is a numpy scalar of the
        // data's type, an unsigned integer (two Python ints), or a Python float.
        let denominator = lo.type == .float32 ? Double(Float(hi.value) - Float(lo.value)) : hi.value - lo.value
        let denominatorIsWeakOrFloat32 = lo.type == .float32 || (lo.type == nil && !(lo.isInteger && hi.isInteger))
        let inFloat32 = binType == .float32 && denominatorIsWeakOrFloat32
        var keep: [UInt8]? = nil
        if let (l, h) = range {
            let above = try Tensor.compare(.greaterEqual, .tensor(self), l), below = try Tensor.compare(.lessEqual, .tensor(self), h)
            keep = zip(above.byteArray, below.byteArray).map { $0 & $1 }
        }
        // Each value as numpy's astype(bin type) gives it (exact: float32 data stays float32).
        let x = visit(ElementReader())
        func bin(_ i: Int) -> Int {
            let f: Double
            if binType == .float32 {
                let sub = Float(x(i)) - Float(lo.value)
                f = inFloat32 ? Double((sub / Float(denominator)) * Float(n)) : (Double(sub) / denominator) * Double(n)
            } else {
                f = ((x(i) - lo.value) / denominator) * Double(n)
            }
            // An overflowing range can make f infinite or NaN: the edge checks below place it.
            var k = f.isFinite ? Int(Swift.min(Swift.max(f, -1), Double(n))) : 0
            if k == n { k -= 1 }
            k = Swift.min(Swift.max(k, 0), n - 1)
            if x(i) < e[k] { k -= 1 }
            if k >= 0 && k != n - 1 && x(i) >= e[k + 1] { k += 1 }
            return Swift.max(k, 0)
        }
        guard let weights else {
            let counts = try Tensor(zeros: [n], dtype: .int64)
            let c = counts.int64s
            for i in 0..<count where keep?[i] ?? 1 != 0 { c[bin(i)] += 1 }
            return (counts, edges)
        }
        // numpy adds each block's float64 bincount, cast to the weights' type.
        let block = 65536
        var total = try Tensor(zeros: [n], dtype: weights.dtype)
        let wv = weights.doubleArray
        for start in stride(from: 0, to: count, by: block) {
            let sums = try Tensor(zeros: [n], dtype: .float64)
            let s = sums.doubles
            for i in start..<Swift.min(start + block, count) where keep?[i] ?? 1 != 0 { s[bin(i)] += wv[i] }
            total = try Tensor.arithmetic(.add, .tensor(total), .tensor(sums.converted(to: weights.dtype)))
        }
        return (total, edges)
    }

    /// Counts between given edges, as numpy: the cumulative count below each edge (the last one
    /// inclusive) from searches in the sorted data, then its differences.
    private func edgeHistogram(_ edges: Tensor, weights: Tensor?) throws -> Tensor {
        let last = edges.count - 1
        func inclusiveSearch(_ sorted: Tensor) throws -> Tensor {
            guard last >= 0 else { return try Tensor(zeros: [0], dtype: .int64) }
            let left = try sorted.searchSorted(try edges.indexed([.slice(start: nil, stop: last, step: nil)]))
            let right = try sorted.searchSorted(try edges.indexed([.slice(start: last, stop: nil, step: nil)]), right: true)
            return try Tensor.concatenated([left, right])
        }
        guard let weights else { return try inclusiveSearch(try sorted(axis: 0)).differenced() }
        let block = 65536
        var cumulative = try Tensor(zeros: edges.shape, dtype: weights.dtype)
        for start in stride(from: 0, to: Swift.max(count, 0), by: block) {
            let part: [IndexItem] = [.slice(start: start, stop: start + block, step: nil)]
            let values = try indexed(part), w = try weights.indexed(part)
            let order = try values.argsorted()
            let running = try w.selecting(order).accumulated(.sum)
            let withZero = try Tensor.concatenated([try Tensor(zeros: [1], dtype: weights.dtype), running])
            let picked = try withZero.selecting(try inclusiveSearch(try values.selecting(order)))
            cumulative = try Tensor.arithmetic(.add, .tensor(cumulative), .tensor(picked)).converted(to: weights.dtype)
        }
        return try cumulative.differenced()
    }

    private static func rangeEnd(_ o: Operand) -> RangeEnd {
        switch o {
        case .int(let i): return RangeEnd(value: Double(i), type: nil, isInteger: true)
        case .bool(let b): return RangeEnd(value: b ? 1 : 0, type: nil, isInteger: true)
        case .float(let d): return RangeEnd(value: d, type: nil, isInteger: false)
        case .tensor(let t): return RangeEnd(value: t.count > 0 ? t.scalar(at: 0) : .nan, type: nil, isInteger: t.dtype.isInteger)
        }
    }

    /// How Python prints a range end in numpy's message: `0`, `1.5`, `inf`, `nan`.
    private static func pythonText(_ e: RangeEnd) -> String {
        if e.isInteger && e.value.isFinite { return String(Int64(e.value)) }
        if e.type == .float32 { return Float(e.value).description }
        return e.value.description
    }
}

/// Reads elements as Doubles in place, without a copy of the data (valid while the tensor lives).
private struct ElementReader: TensorVisitor {
    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) -> (Int) -> Double { { p[$0].asDouble } }
}
