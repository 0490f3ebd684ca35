import FoveaLang
import Tensor

/// numpy's arrayprint for Fovea's tensors: `repr` (`array([[0.1, 0.9]], dtype=float32)`) and
/// `str`/print (`[[0.1 0.9]]`), with numpy's defaults: float values at their shortest digits
/// (of float32 or float64) rounded to 8 decimals, sharing one layout per array (padding, `1.` for whole values,
/// scientific notation when the values span more than 1000x or leave [1e-4, 1e8)), integers
/// right-aligned, bools as ` True`/`False`, lines wrapped at 75 characters, and above 1000
/// elements only the first and last 3 items of each axis around `...` (numpy 2.2 then also
/// writes `shape=`).
enum ArrayFormat {
    static let lineWidth = 75, threshold = 1000, edgeItems = 3

    static func repr(_ t: Tensor) -> String {
        let summarize = t.count > threshold
        let prefix = "array("
        var extras: [String] = []
        var body: String
        if t.count == 0 {
            body = "[]"
            if t.shape.dims != [0] { extras.append("shape=\(t.shape)") }
        } else {
            body = render(t, separator: ", ", prefix: prefix, summarize: summarize, suffixWidth: 1)
            if summarize { extras.append("shape=\(t.shape)") }
        }
        if ![.int64, .bool, .float64].contains(t.dtype) || t.count == 0 { extras.append("dtype=\(t.dtype.rawValue)") }
        if extras.isEmpty { return prefix + body + ")" }
        let text = prefix + body + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine = text.count - (text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) + 1 } ?? 0)
        return text + (lastLine + extra.count + 1 > lineWidth ? "\n" + String(repeating: " ", count: prefix.count) : " ") + extra
    }

    static func str(_ t: Tensor) -> String {
        if t.count == 0 { return "[]" }
        return render(t, separator: " ", prefix: "", summarize: t.count > threshold, suffixWidth: 0)
    }

    /// The shown positions along each axis: everything, or the edges around a gap (-1).
    private static func shown(_ n: Int, _ summarize: Bool) -> [Int] {
        summarize && n > 2 * edgeItems ? Array(0..<edgeItems) + [-1] + Array((n - edgeItems)..<n) : Array(0..<n)
    }

    private static func render(_ t: Tensor, separator: String, prefix: String, summarize: Bool, suffixWidth: Int) -> String {
        let dims = t.shape.dims
        let strides = dims.indices.map { dims[($0 + 1)...].reduce(1, *) }
        // The elements shown decide the layout (numpy formats the summarized data).
        var shownFlat: [Int] = []
        func collect(_ axis: Int, _ offset: Int) {
            if axis == dims.count { shownFlat.append(offset); return }
            for k in shown(dims[axis], summarize) where k >= 0 { collect(axis + 1, offset + k * strides[axis]) }
        }
        collect(0, 0)
        let format = formatter(t, shownFlat)
        if dims.isEmpty { return format(0) }

        let nextLinePrefix = String(repeating: " ", count: prefix.count + 1)
        func extend(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ indent: String) {
            var wrap = line.count + word.count > width
            if line.count <= indent.count { wrap = false }
            if wrap {
                s += String(line.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
                line = indent
            }
            line += word
        }
        func recurse(_ axis: Int, _ offset: Int, _ hanging: String, _ width: Int) -> String {
            if axis == dims.count { return format(offset) }
            let nextHanging = hanging + " ", nextWidth = width - 1
            let items = shown(dims[axis], summarize)
            var s = ""
            let trimmedSep = String(separator.reversed().drop(while: { $0 == " " }).reversed())
            if axis == dims.count - 1 {
                let elemWidth = width - max(trimmedSep.count, 1)
                var line = hanging
                for (i, k) in items.enumerated() {
                    let word = k < 0 ? "..." : recurse(axis + 1, offset + k * strides[axis], nextHanging, nextWidth)
                    extend(&s, &line, word, i == items.count - 1 ? elemWidth : elemWidth, hanging)
                    if i < items.count - 1 { line += separator }
                }
                s += line
            } else {
                let lineSep = trimmedSep + String(repeating: "\n", count: dims.count - axis - 1)
                for (i, k) in items.enumerated() {
                    let nested = k < 0 ? "..." : recurse(axis + 1, offset + k * strides[axis], nextHanging, nextWidth)
                    s += hanging + nested + (i < items.count - 1 ? lineSep : "")
                }
            }
            return "[" + s.dropFirst(hanging.count) + "]"
        }
        return recurse(0, 0, nextLinePrefix, lineWidth - suffixWidth)
    }

    /// The element formatter for the shown elements' layout.
    private static func formatter(_ t: Tensor, _ shown: [Int]) -> (Int) -> String {
        switch t.dtype {
        case .bool:
            let trueText = t.shape.rank == 0 ? "True" : " True"
            return { t.scalar(at: $0) != 0 ? trueText : "False" }
        case .uint8, .int32, .int64:
            let texts = shown.map { String(t.integer(at: $0)) }
            let width = texts.map(\.count).max() ?? 0
            return { i in
                let s = String(t.integer(at: i))
                return String(repeating: " ", count: max(0, width - s.count)) + s
            }
        case .float32, .float64:
            let single = t.dtype == .float32
            let f = FloatFormatter(shown.map { t.scalar(at: $0) }, single: single)
            return { f.format(t.scalar(at: $0)) }
        }
    }
}

/// numpy's FloatingFormat with floatmode 'maxprec', precision 8.
struct FloatFormatter {
    var exponential = false
    var padLeft = 0, padRight = 0, precision = 8, expSize = 0
    /// float32 values take their shortest float32 digits, float64 ones their shortest double digits.
    let single: Bool

    init(_ values: [Double], single: Bool) {
        self.single = single
        let finite = values.filter(\.isFinite)
        let nonzero = finite.filter { $0 != 0 }.map(abs)
        if let mx = nonzero.max(), let mn = nonzero.min() {
            exponential = mx >= 1e8 || mn < 0.0001 || mx / mn > 1000
        }
        if exponential {
            let parts = finite.map { FloatDigits($0, single: single).scientific(precision: 8) }
            precision = parts.map(\.frac.count).max() ?? 0
            padLeft = parts.map(\.int.count).max() ?? 0
            expSize = parts.map { String(abs($0.exp)).count }.max().map { max($0, 2) } ?? 2
            padRight = expSize + 2 + precision
        } else if !finite.isEmpty {
            let parts = finite.map { FloatDigits($0, single: single).positional(precision: 8) }
            padLeft = parts.map(\.int.count).max() ?? 0
            padRight = parts.map(\.frac.count).max() ?? 0
        }
        if finite.count != values.count {
            let negInf = values.contains { $0.isInfinite && $0 < 0 }
            padLeft = max(padLeft, 3 - (padRight + 1), 3 + (negInf ? 1 : 0) - (padRight + 1))
        }
    }

    func format(_ x: Double) -> String {
        if !x.isFinite {
            let s = x.isNaN ? "nan" : x < 0 ? "-inf" : "inf"
            return String(repeating: " ", count: max(0, padLeft + padRight + 1 - s.count)) + s
        }
        let d = FloatDigits(x, single: single)
        if exponential {
            let p = d.scientific(precision: precision)
            let frac = p.frac + String(repeating: "0", count: max(0, precision - p.frac.count))
            let e = String(abs(p.exp))
            return pad(p.int) + "." + frac + "e" + (p.exp < 0 ? "-" : "+") + String(repeating: "0", count: max(0, expSize - e.count)) + e
        }
        let p = d.positional(precision: precision)
        return pad(p.int) + "." + p.frac + String(repeating: " ", count: max(0, padRight - p.frac.count))
    }

    private func pad(_ s: String) -> String { String(repeating: " ", count: max(0, padLeft - s.count)) + s }
}

/// The shortest decimal digits that read back as the same float32 (or float64): value =
/// 0.d1d2... × 10^exponent.
struct FloatDigits {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    init(_ x: Double, single: Bool) {
        negative = x.sign == .minus
        var text = Substring(single ? abs(Float(x)).description : abs(x).description)
        var exp10 = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exp10 = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts[0], fracPart = parts.count > 1 ? parts[1] : ""
        var ds = (intPart + fracPart).compactMap { $0.asciiValue.map { $0 - 48 } }
        var e = intPart.count + exp10
        while let f = ds.first, f == 0 { ds.removeFirst(); e -= 1 }
        while let l = ds.last, l == 0 { ds.removeLast() }
        digits = ds
        exponent = ds.isEmpty ? 1 : e
    }

    /// Rounds to `keep` significant digits (half up), trimming trailing zeros.
    private func rounded(_ keep: Int) -> (digits: [UInt8], exponent: Int) {
        if keep >= digits.count { return (digits, exponent) }
        if keep < 0 { return ([], exponent) }
        var ds = Array(digits[0..<keep])
        var e = exponent
        if digits[keep] >= 5 {
            var i = keep - 1
            while i >= 0 {
                if ds[i] == 9 { ds[i] = 0; i -= 1 } else { ds[i] += 1; break }
            }
            if i < 0 { ds.insert(1, at: 0); e += 1 }
        }
        while let l = ds.last, l == 0 { ds.removeLast() }
        return (ds, e)
    }

    /// numpy's dragon4_positional(unique, fractional, precision, trim='.'): "-12" and "5" for -12.5.
    func positional(precision: Int) -> (int: String, frac: String) {
        let (ds, e) = rounded(exponent + precision)
        let sign = negative ? "-" : ""
        if ds.isEmpty { return (sign + "0", "") }
        let text = ds.map { String($0) }
        let intPart = e <= 0 ? "0" : (text.prefix(e).joined() + String(repeating: "0", count: max(0, e - ds.count)))
        let frac = e >= ds.count ? "" : String(repeating: "0", count: max(0, -e)) + text[max(e, 0)...].joined()
        return (sign + intPart, frac)
    }

    /// numpy's dragon4_scientific(unique, precision, trim='.'): mantissa digits and exponent.
    func scientific(precision: Int) -> (int: String, frac: String, exp: Int) {
        let (ds, e) = rounded(precision + 1)
        let sign = negative ? "-" : ""
        if ds.isEmpty { return (sign + "0", "", 0) }
        return (sign + String(ds[0]), ds.dropFirst().map { String($0) }.joined(), e - 1)
    }
}
