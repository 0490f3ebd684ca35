/// `repr()` and `str()` as Python spells them.
///
/// Lists, tuples and dicts nested more than `Value.maxNesting` deep: `repr` and `str` show `...`
/// there (for messages and help, which must not fail); `checkedRepr` and `checkedStr`, which the
/// built-ins, `print`, formatting and a cell's result use, raise CPython's RecursionError.
public enum Repr {
    public static func repr(_ v: Value) -> String {
        var seen: [ObjectIdentifier] = []
        return (try? repr(v, &seen, depth: 0, strict: false)) ?? "..."
    }

    public static func str(_ v: Value) -> String {
        switch v {
        case .str(let s): return s
        case .object(let o): return o.str()
        default: return repr(v)
        }
    }

    static func checkedRepr(_ v: Value) throws -> String {
        var seen: [ObjectIdentifier] = []
        return try repr(v, &seen, depth: 0, strict: true)
    }

    static func checkedStr(_ v: Value) throws -> String {
        switch v {
        case .str(let s): return s
        case .object(let o) where !(o is DictView): return try o.checkedStr()
        default: return try checkedRepr(v)
        }
    }

    /// `depth`: the containers `v` is inside. `strict`: RecursionError rather than `...` past
    /// `Value.maxNesting`.
    private static func repr(_ v: Value, _ seen: inout [ObjectIdentifier], depth: Int, strict: Bool) throws -> String {
        func deeper() throws -> Int? {
            if depth < Value.maxNesting { return depth + 1 }
            if strict { throw Value.recursionError("while getting the repr of an object") }
            return nil
        }
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return float(d)
        case .str(let s): return string(s)
        case .tuple(let items):
            guard let d = try deeper() else { return "(...)" }
            if items.count == 1 { return "(" + (try repr(items[0], &seen, depth: d, strict: strict)) + ",)" }
            return "(" + (try items.map { try repr($0, &seen, depth: d, strict: strict) }).joined(separator: ", ") + ")"
        case .list(let l):
            let id = ObjectIdentifier(l)
            if seen.contains(id) { return "[...]" }
            guard let d = try deeper() else { return "[...]" }
            seen.append(id); defer { seen.removeLast() }
            return "[" + (try l.items.map { try repr($0, &seen, depth: d, strict: strict) }).joined(separator: ", ") + "]"
        case .dict(let dict):
            let id = ObjectIdentifier(dict)
            if seen.contains(id) { return "{...}" }
            guard let d = try deeper() else { return "{...}" }
            seen.append(id); defer { seen.removeLast() }
            return "{" + (try dict.entries.map {
                (try repr($0.key, &seen, depth: d, strict: strict)) + ": " + (try repr($0.value, &seen, depth: d, strict: strict))
            }).joined(separator: ", ") + "}"
        case .object(let view as DictView):
            // A live view shows its dict's contents, which may hold views again: follow it here,
            // where depth and cycles are counted.
            let id = ObjectIdentifier(view)
            if seen.contains(id) { return "..." }
            guard let d = try deeper() else { return "..." }
            seen.append(id); defer { seen.removeLast() }
            return view.typeName + "(" + (try repr(.list(view.elements), &seen, depth: d, strict: strict)) + ")"
        case .range(let r):
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case .function(let f): return "<function \(f.name)>"
        case .native(let f):
            if let t = f.receiverType { return "<built-in method \(f.name) of \(t) object>" }
            return "<built-in function \(f.name)>"
        case .module(let m): return "<module '\(m.name)'>"
        case .type(let t): return "<class '\(t.qualifiedName)'>"
        case .iterator(let it): return "<\(it.typeName) object>"
        case .object(let o): return strict ? try o.checkedRepr() : o.repr()
        }
    }

    /// Python's shortest round-trip float repr: `0.1`, `1e-05`, `1e+16`, `100.0`, `inf`, `nan`.
    public static func float(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let (negative, digits, exponent) = decompose(d)
        var out = negative ? "-" : ""
        if exponent >= -4 && exponent < 16 {
            if exponent < 0 {
                out += "0." + String(repeating: "0", count: -exponent - 1) + digits
            } else if digits.count > exponent + 1 {
                let cut = digits.index(digits.startIndex, offsetBy: exponent + 1)
                out += digits[..<cut] + "." + digits[cut...]
            } else {
                out += digits + String(repeating: "0", count: exponent + 1 - digits.count) + ".0"
            }
        } else {
            out += String(digits.first!)
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += (exponent < 0 ? "e-" : "e+") + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
        }
        return out
    }

    /// The shortest digits of a finite non-zero double and the decimal exponent of the first one.
    static func decompose(_ d: Double) -> (negative: Bool, digits: String, exponent: Int) {
        let text = abs(d).description   // Swift prints the shortest round-trip digits too
        var mantissa = text, exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa, fracPart = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = String(mantissa[..<dot])
            fracPart = String(mantissa[mantissa.index(after: dot)...])
        }
        var all = intPart + fracPart
        var pointPos = intPart.count + exp   // digits before the decimal point
        while all.hasPrefix("0") && all.count > 1 { all.removeFirst(); pointPos -= 1 }
        while all.hasSuffix("0") && all.count > 1 { all.removeLast() }
        return (d < 0, all, pointPos - 1)
    }

    /// A string literal as Python's repr writes it.
    public static func string(_ s: String) -> String {
        let useDouble = s.contains("'") && !s.contains("\"")
        let quote: Character = useDouble ? "\"" : "'"
        var out = String(quote)
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "'" where !useDouble: out += "\\'"
            default:
                let v = u.value
                if v < 0x20 || v == 0x7f || (v >= 0x80 && v < 0xa0) {
                    out += "\\x" + hex(Int(v), width: 2)
                } else if v == 0xad || (v >= 0x2028 && v <= 0x2029) || (v >= 0xd800 && v < 0xe000) {
                    out += "\\u" + hex(Int(v), width: 4)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out.append(quote)
        return out
    }

    public static func hex(_ v: Int, width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }
}
