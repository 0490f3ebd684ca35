import Glibc

/// numpy's estimators of a histogram's bin count (`bins='auto'`, 'fd', 'sturges', ...): each
/// gives a bin width from the data; the count is `ceil((last - first) / width)` (1 for no data or
/// a zero width; at least width 1 for integers), computed in float64 as numpy does.
extension Tensor {
    static let binEstimators = ["stone", "auto", "doane", "fd", "rice", "scott", "sqrt", "sturges"]

    /// The number of equal bins numpy's estimator `name` picks for this flattened, non-bool tensor.
    func estimatedBinCount(_ name: String, range: (Operand, Operand)?, first: Double, last: Double, weighted: Bool) throws -> Int {
        guard Tensor.binEstimators.contains(name) else {
            throw ArrayError("ValueError", "'\(name)' is not a valid estimator for `bins`")
        }
        if weighted { throw ArrayError("TypeError", "Automated estimation of the number of bins is not supported for weighted data") }
        var x = self
        if let (l, h) = range {
            let kept = zip(try Tensor.compare(.greaterEqual, .tensor(self), l).byteArray, try Tensor.compare(.lessEqual, .tensor(self), h).byteArray)
            let mask = try Tensor(shape: [count], bytes: kept.map { $0 & $1 }).converted(to: .bool)
            x = try selecting(mask)
        }
        guard x.count > 0 else { return 1 }
        var width = try x.binWidth(name, range: range)
        guard width != 0 else { return 1 }
        if dtype.isInteger && width < 1 { width = 1 }
        let delta = range == nil && dtype == .float32 ? Double(Float(last) - Float(first)) : last - first
        let bins = (delta / width).rounded(.up)
        guard bins.isFinite else { throw ArrayError("ValueError", "cannot convert float \(bins.isNaN ? "NaN" : "infinity") to integer") }
        guard bins < 1e15 else { throw ArrayError("MemoryError", "Fovea cannot make \(bins) histogram bins") }
        return Int(bins)
    }

    /// numpy's `_ptp`: max - min in the data's type, as a float64.
    private func spread() throws -> Double {
        let hi = try reduced(.max).scalar(at: 0), lo = try reduced(.min).scalar(at: 0)
        return dtype == .float32 ? Double(Float(hi) - Float(lo)) : hi - lo
    }

    private func binWidth(_ name: String, range: (Operand, Operand)?) throws -> Double {
        let n = Double(count)
        switch name {
        case "sqrt": return try spread() / n.squareRoot()
        case "sturges": return try spread() / (log2(n) + 1.0)
        case "rice": return try spread() / (2.0 * pow(n, 1.0 / 3))
        case "scott": return pow(24.0 * Double.pi.squareRoot() / n, 1.0 / 3.0) * (try reduced(.std).scalar(at: 0))
        case "fd":
            let q = try quantile(try Tensor(shape: [2], doubles: [0.75, 0.25]))
            return 2.0 * (q.scalar(at: 0) - q.scalar(at: 1)) * pow(n, -1.0 / 3.0)
        case "auto":
            let fd = try binWidth("fd", range: range), sturges = try binWidth("sturges", range: range), sqrt = try binWidth("sqrt", range: range)
            return Swift.min(Swift.max(fd, sqrt / 2), sturges)
        case "doane":
            guard count > 2 else { return 0 }
            let sg1 = (6.0 * (n - 2) / ((n + 1.0) * (n + 3))).squareRoot()
            let sigma = try reduced(.std)
            guard sigma.scalar(at: 0) > 0 else { return 0 }
            let centred = try Tensor.arithmetic(.subtract, .tensor(self), .tensor(try reduced(.mean)))
            let cubed = try Tensor.arithmetic(.power, .tensor(try Tensor.arithmetic(.divide, .tensor(centred), .tensor(sigma))), .int(3))
            let g1 = try cubed.reduced(.mean).scalar(at: 0)
            return try spread() / (1.0 + log2(n) + log2(1.0 + Swift.abs(g1) / sg1))
        default:   // stone: the bin count minimising the estimated L2 risk, up to max(100, sqrt(n))
            let spread = try spread()
            guard count > 1, spread != 0 else { return 0 }
            let upper = Swift.max(100, Int(n.squareRoot()))
            var best = 1, bestRisk = Double.infinity
            for bins in 1...upper {
                let counts = try histogram(bins: .count(bins), range: range).counts
                var dot = 0.0
                for i in 0..<bins { let p = counts.scalar(at: i) / n; dot += p * p }
                let risk = (2 - (n + 1) * dot) / (spread / Double(bins))
                if risk < bestRisk { best = bins; bestRisk = risk }
            }
            return spread / Double(best)
        }
    }
}
