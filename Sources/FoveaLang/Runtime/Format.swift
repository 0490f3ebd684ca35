import Glibc

/// Python's format-spec mini-language (`format(x, spec)`, f-string `{x:spec}`, `str.format`):
/// `[[fill]align][sign][#][0][width][,|_][.precision][type]` for int, float and str.
enum Format {
    struct Spec {
        var fill: Character = " "
        var align: Character?
        var sign: Character = "-"
        var alternate = false
        var width = 0
        var grouping: Character?
        var precision: Int?
        var type: Character?
    }

    static func parse(_ text: String) throws -> Spec {
        var spec = Spec()
        let c = Array(text)
        var i = 0
        func isAlign(_ ch: Character) -> Bool { "<>=^".contains(ch) }
        if c.count >= 2 && isAlign(c[1]) { spec.fill = c[0]; spec.align = c[1]; i = 2 }
        else if c.count >= 1 && isAlign(c[0]) { spec.align = c[0]; i = 1 }
        if i < c.count, "+- ".contains(c[i]) { spec.sign = c[i]; i += 1 }
        if i < c.count, c[i] == "#" { spec.alternate = true; i += 1 }
        if i < c.count, c[i] == "0" {
            if spec.align == nil { spec.fill = "0"; spec.align = "=" }
            i += 1
        }
        var w = 0
        while i < c.count, let d = c[i].wholeNumberValue, c[i].isASCII {
            w = min(w * 10 + d, 100_000); i += 1
        }
        spec.width = w
        if i < c.count, c[i] == "," || c[i] == "_" { spec.grouping = c[i]; i += 1 }
        if i < c.count, c[i] == "." {
            i += 1
            var p = 0, any = false
            while i < c.count, let d = c[i].wholeNumberValue, c[i].isASCII {
                p = min(p * 10 + d, 10_000); i += 1; any = true
            }
            if !any { throw Diagnostic(.valueError, "Format specifier missing precision") }
            spec.precision = p
        }
        if i < c.count { spec.type = c[i]; i += 1 }
        if i < c.count { throw Diagnostic(.valueError, "Invalid format specifier '\(text)'") }
        return spec
    }

    /// `format(value, spec)`.
    static func format(_ value: Value, _ specText: String) throws -> String {
        if case .object(let o) = value, let s = try o.formatted(specText) { return s }
        if specText.isEmpty { return try Repr.checkedStr(value) }
        let spec = try parse(specText)
        switch value {
        case .bool(let b): return try formatInt(b ? 1 : 0, spec, specText)
        case .int(let i): return try formatInt(i, spec, specText)
        case .float(let d): return try formatFloat(d, spec, specText)
        case .str(let s): return try formatStr(s, spec, specText)
        case .object(let o) where o.length() == nil && o.scalarValue() != nil:
            // numpy scalars format as the Python number they hold.
            return try format(o.scalarValue()!, specText)
        default:
            throw Diagnostic(.typeError, "unsupported format string passed to \(value.typeName).__format__",
                             notes: ["help: format specs like ':.2f' apply to numbers and strings; convert with str() first"])
        }
    }

    static func formatStr(_ s: String, _ spec: Spec, _ text: String) throws -> String {
        if let t = spec.type, t != "s" {
            throw Diagnostic(.valueError, "Unknown format code '\(t)' for object of type 'str'")
        }
        if spec.sign != "-" { throw Diagnostic(.valueError, "Sign not allowed in string format specifier") }
        var body = s
        if let p = spec.precision { body = String(String.UnicodeScalarView(s.unicodeScalars.prefix(p))) }
        return pad(sign: "", body: body, spec, defaultAlign: "<")
    }

    static func formatInt(_ i: Int, _ spec: Spec, _ text: String) throws -> String {
        let t = spec.type ?? "d"
        if "eEfFgG%".contains(t) { return try formatFloat(Double(i), spec, text) }
        if spec.precision != nil { throw Diagnostic(.valueError, "Precision not allowed in integer format specifier") }
        let magnitude = i.magnitude
        var digits: String
        var prefix = ""
        switch t {
        case "d", "n": digits = String(magnitude)
        case "x": digits = String(magnitude, radix: 16); prefix = "0x"
        case "X": digits = String(magnitude, radix: 16).uppercased(); prefix = "0X"
        case "o": digits = String(magnitude, radix: 8); prefix = "0o"
        case "b": digits = String(magnitude, radix: 2); prefix = "0b"
        case "c":
            guard i >= 0, let u = Unicode.Scalar(UInt32(clamping: i)) else {
                throw Diagnostic(.overflowError, "%c arg not in range(0x110000)")
            }
            return pad(sign: "", body: String(Character(u)), spec, defaultAlign: "<")
        default:
            throw Diagnostic(.valueError, "Unknown format code '\(t)' for object of type 'int'")
        }
        if let g = spec.grouping { digits = group(digits, g, every: "xXob".contains(t) ? 4 : 3) }
        let sign = i < 0 ? "-" : (spec.sign == "-" ? "" : String(spec.sign))
        return pad(sign: sign + (spec.alternate ? prefix : ""), body: digits, spec, defaultAlign: ">")
    }

    static func formatFloat(_ d: Double, _ spec: Spec, _ text: String) throws -> String {
        let t = spec.type
        var body: String
        let negative = d.sign == .minus && !d.isNaN
        let a = abs(d)
        switch t {
        case nil:
            if let p0 = spec.precision {
                body = a.isFinite ? noTypePrecision(a, max(p0, 1)) : special(a, false)
            } else {
                body = Repr.float(a)
            }
        case "f", "F": body = a.isFinite ? c("%.*f", spec.precision ?? 6, a, spec.alternate) : special(a, t == "F")
        case "e", "E":
            body = a.isFinite ? c("%.*e", spec.precision ?? 6, a, spec.alternate) : special(a, t == "E")
            if t == "E" { body = body.uppercased() }
        case "g", "G", "n":
            body = a.isFinite ? c("%.*g", max(spec.precision ?? 6, 1), a, spec.alternate) : special(a, t == "G")
            if t == "G" { body = body.uppercased() }
        case "%":
            body = a.isFinite ? c("%.*f", spec.precision ?? 6, a * 100, spec.alternate) + "%" : special(a, false) + "%"
        default:
            throw Diagnostic(.valueError, "Unknown format code '\(t!)' for object of type 'float'")
        }
        if let g = spec.grouping, a.isFinite {
            let end = body.firstIndex(where: { !$0.isNumber }) ?? body.endIndex
            body = group(String(body[..<end]), g, every: 3) + body[end...]
        }
        let sign = negative ? "-" : (spec.sign == "-" ? "" : String(spec.sign))
        return pad(sign: sign, body: body, spec, defaultAlign: ">")
    }

    /// The '' presentation type with a precision: like 'g', but scientific from exponent p-1
    /// on, and fixed-point keeps at least one digit after the point.
    static func noTypePrecision(_ a: Double, _ p: Int) -> String {
        let sci = c("%.*e", p - 1, a)
        let exp = Int(sci.split(separator: "e").last ?? "0") ?? 0
        func stripZeros(_ m: String) -> String {
            guard m.contains(".") else { return m }
            var m = m
            while m.hasSuffix("0") { m.removeLast() }
            if m.hasSuffix(".") { m.removeLast() }
            return m
        }
        if exp >= -4 && exp < p - 1 {
            var f = stripZeros(c("%.*f", p - 1 - exp, a))
            if !f.contains(".") { f += ".0" }
            return f
        }
        let parts = sci.split(separator: "e")
        return stripZeros(String(parts[0])) + "e" + String(parts[1])
    }

    private static func special(_ a: Double, _ upper: Bool) -> String {
        let s = a.isNaN ? "nan" : "inf"
        return upper ? s.uppercased() : s
    }

    /// printf-style formatting of a non-negative finite double (glibc rounds correctly, as Python).
    static func c(_ format: String, _ precision: Int, _ value: Double, _ alternate: Bool = false) -> String {
        let fmt = alternate ? format.replacingFirst("%", with: "%#") : format
        var size = 64
        while true {
            var buffer = [CChar](repeating: 0, count: size)
            let n = withVaList([Int32(precision), value]) { args in
                buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, size, fmt, args) }
            }
            if n < 0 { return "" }
            if Int(n) < size {
                return buffer.withUnsafeBufferPointer { p in
                    String(decoding: p.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                }
            }
            size = Int(n) + 1
        }
    }

    static func group(_ digits: String, _ sep: Character, every n: Int) -> String {
        var out: [Character] = []
        for (k, ch) in digits.reversed().enumerated() {
            if k > 0 && k % n == 0 { out.append(sep) }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func pad(sign: String, body: String, _ spec: Spec, defaultAlign: Character) -> String {
        let length = sign.unicodeScalars.count + body.unicodeScalars.count
        guard spec.width > length else { return sign + body }
        let n = spec.width - length
        let fill = String(spec.fill)
        switch spec.align ?? defaultAlign {
        case "<": return sign + body + String(repeating: fill, count: n)
        case "^":
            let left = n / 2
            return String(repeating: fill, count: left) + sign + body + String(repeating: fill, count: n - left)
        case "=": return sign + String(repeating: fill, count: n) + body
        default: return String(repeating: fill, count: n) + sign + body
        }
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let i = firstIndex(of: target) else { return self }
        return String(self[..<i]) + replacement + String(self[index(after: i)...])
    }
}
