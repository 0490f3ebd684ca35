import Glibc

/// Tick choice and tick labels as matplotlib makes them: AutoLocator (MaxNLocator with
/// nbins='auto' and steps 1, 2, 2.5, 5, 10), ScalarFormatter's decimals, and the view limits
/// that autoscaling gives (nonsingular, 5% margins, sticky edges).
public enum Ticks {
    static let steps: [Double] = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20]   // _staircase of [1, 2, 2.5, 5, 10]

    /// The number of bins 'auto' allows along an axis `lengthPoints` long: room for a label of
    /// three font sizes across (x) or two (y), between 1 and 9.
    public static func autoBins(lengthPoints: Double, labelSize: Double = 10, vertical: Bool) -> Int {
        let size = labelSize * (vertical ? 2 : 3)
        let q = (lengthPoints / size).rounded(.down)
        guard size > 0, q.isFinite else { return 9 }
        return Int(min(max(q, 1), 9))
    }

    /// MaxNLocator's tick values for the view interval (possibly reaching past it).
    public static func locate(_ lo: Double, _ hi: Double, bins: Int, minTicks: Int = 2) -> [Double] {
        guard lo.isFinite, hi.isFinite, bins > 0 else { return [] }
        var (vmin, vmax) = nonsingular(lo, hi, expander: 1e-13, tiny: 1e-14)
        if vmax < vmin { swap(&vmin, &vmax) }
        let (scale, offset) = scaleRange(vmin, vmax, bins)
        let v0 = vmin - offset, v1 = vmax - offset
        let scaled = steps.map { $0 * scale }
        let raw = (v1 - v0) / Double(bins)
        let istep = scaled.firstIndex { $0 >= raw } ?? scaled.count - 1
        var ticks: [Double] = []
        for step in scaled[0...istep].reversed() {
            let best = (v0 / step).rounded(.down) * step
            let edge = Edge(step: step, offset: abs(offset))
            guard let low = edge.le(v0 - best), let high = edge.ge(v1 - best), high - low < 10_000 else { return [] }
            ticks = stride(from: low, through: high, by: 1).map { Double($0) * step + best }
            let shown = ticks.filter { $0 <= v1 && $0 >= v0 }.count
            if shown >= minTicks { break }
        }
        return ticks.map { $0 + offset }
    }

    /// The ticks shown: the locator's values inside the view interval.
    public static func visible(_ ticks: [Double], _ lo: Double, _ hi: Double) -> [Double] {
        let a = min(lo, hi), b = max(lo, hi)
        let tol = (b - a) * 1e-10
        return ticks.filter { $0 >= a - tol && $0 <= b + tol }
    }

    static func scaleRange(_ vmin: Double, _ vmax: Double, _ n: Int, threshold: Double = 100) -> (Double, Double) {
        let dv = abs(vmax - vmin)
        let meanv = (vmax + vmin) / 2
        var offset = 0.0
        if abs(meanv) / dv >= threshold {
            offset = (meanv < 0 ? -1 : 1) * pow(10, floor(log10(abs(meanv))))
        }
        return (pow(10, floor(log10(dv / Double(n)))), offset)
    }

    /// `_Edge_integer`: floor and ceil of multiples of step that forgive rounding error.
    struct Edge {
        let step: Double, offset: Double
        func close(_ ms: Double, _ edge: Double) -> Bool {
            var tol = 1e-10
            if offset > 0 {
                let digits = log10(offset / step)
                tol = min(0.4999, max(1e-10, pow(10, digits - 12)))
            }
            return abs(ms - edge) < tol
        }
        func divmod(_ x: Double) -> (Double, Double) {
            let d = (x / step).rounded(.down)
            return (d, x - d * step)
        }
        func le(_ x: Double) -> Int? { let (d, m) = divmod(x); return Int(exactly: (close(m / step, 1) ? d + 1 : d)) }
        func ge(_ x: Double) -> Int? { let (d, m) = divmod(x); return Int(exactly: (close(m / step, 0) ? d : d + 1)) }
    }

    /// `matplotlib.transforms.nonsingular`: widens an empty or tiny interval.
    public static func nonsingular(_ lo: Double, _ hi: Double, expander: Double = 0.001, tiny: Double = 1e-15) -> (Double, Double) {
        if !lo.isFinite || !hi.isFinite { return (-expander, expander) }
        var vmin = lo, vmax = hi
        let swapped = vmax < vmin
        if swapped { swap(&vmin, &vmax) }
        let maxabs = max(abs(vmin), abs(vmax))
        if maxabs < (1e6 / tiny) * Double.leastNormalMagnitude {
            vmin = -expander; vmax = expander
        } else if vmax - vmin <= maxabs * tiny {
            if vmax == 0 && vmin == 0 { vmin = -expander; vmax = expander } else {
                vmin -= expander * abs(vmin); vmax += expander * abs(vmax)
            }
        }
        return swapped ? (vmax, vmin) : (vmin, vmax)
    }

    /// Autoscaled view limits for data between lo and hi: nonsingular, then `margin` of the span
    /// on each side, except at a sticky edge the data touches (a bar's base, an image's border).
    public static func viewLimits(_ lo: Double, _ hi: Double, margin: Double = 0.05, sticky: [Double] = []) -> (Double, Double) {
        var (a, b) = nonsingular(lo, hi, expander: 0.05)
        let delta = (b - a) * margin
        let stickyLow = sticky.contains { abs($0 - a) <= 1e-12 * max(1, abs(a)) }
        let stickyHigh = sticky.contains { abs($0 - b) <= 1e-12 * max(1, abs(b)) }
        if !stickyLow { a -= delta }
        if !stickyHigh { b += delta }
        return (a, b)
    }

    /// ScalarFormatter's labels: the fewest decimals that tell the ticks apart at a thousandth
    /// of their range, with a Unicode minus.
    public static func labels(_ ticks: [Double], viewInterval: (Double, Double)) -> [String] {
        let locs = ticks.count < 2 ? ticks + [viewInterval.0, viewInterval.1] : ticks
        var range = (locs.max() ?? 0) - (locs.min() ?? 0)
        if range == 0 { range = locs.map(abs).max() ?? 0 }
        if range == 0 { range = 1 }
        let oom = Int(floor(log10(range)))
        var sigfigs = max(0, 3 - oom)
        let thresh = 1e-3 * pow(10, Double(oom))
        while sigfigs >= 0 {
            let p = pow(10, Double(sigfigs))
            let err = locs.map { abs($0 - ($0 * p).rounded(.toNearestOrEven) / p) }.max() ?? 0
            if err < thresh { sigfigs -= 1 } else { break }
        }
        sigfigs += 1
        return ticks.map { format($0, decimals: sigfigs) }
    }

    /// `"%1.{decimals}f" % v` with a Unicode minus, and no minus on a value that shows as zero.
    static func format(_ v: Double, decimals: Int) -> String {
        let p = pow(10, Double(decimals))
        let scaled = (abs(v) * p).rounded(.toNearestOrEven)
        guard scaled < 9e15 else { return String(v) }
        let n = Int(scaled)
        var digits = String(n)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return v < 0 && n != 0 ? "\u{2212}" + digits : digits
    }
}
