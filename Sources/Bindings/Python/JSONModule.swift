import FoveaLang
import JSON

/// `json`: `dumps`/`dump` write what CPython's json writes (its separators, `indent`,
/// `sort_keys`, `ensure_ascii` escapes, floats as `repr` shows them); `loads`/`load` read with
/// Fovea's JSON parser into dicts, lists, str, int, float, bool and None.
public enum JSONModule {
    static func module() -> ModuleValue {
        let m = ModuleValue("json", doc: "Read and write JSON: dumps/loads for strings, dump/load for files.")
        let dumpParameters: [NativeParameter] = [.keywordOnly("indent", default: Value.none), .keywordOnly("sort_keys", default: .bool(false)),
                                                 .keywordOnly("ensure_ascii", default: .bool(true))]
        m.add(NativeFunction("dumps", doc: "The object as a JSON string; indent=2 spreads it over lines, sort_keys=True orders dict keys.",
                             parameters: [.required("obj")] + dumpParameters) { a, _ in
            .str(try text(a["obj"]!, a))
        })
        m.add(NativeFunction("dump", doc: "Write the object as JSON to a file opened for writing.",
                             parameters: [.required("obj"), .required("fp")] + dumpParameters) { a, ctx in
            let s = try text(a["obj"]!, a)
            _ = try ctx.call(try ctx.at(a.span(of: "fp")).getAttribute(a["fp"]!, "write"), [.str(s)])
            return .none
        })
        m.add(NativeFunction("loads", doc: "The value a JSON string holds.", parameters: [.required("s")]) { a, _ in
            try parse(try a.string("s"), at: a.span(of: "s"))
        })
        m.add(NativeFunction("load", doc: "The value a JSON file holds (a file opened for reading).", parameters: [.required("fp")]) { a, ctx in
            let content = try ctx.call(try ctx.at(a.span(of: "fp")).getAttribute(a["fp"]!, "read"), [])
            guard case .str(let s) = content else { throw Diagnostic(.typeError, "the file's read() must return str", at: a.span(of: "fp")) }
            return try parse(s, at: a.span(of: "fp"))
        })
        return m
    }

    static func parse(_ s: String, at span: Span) throws -> Value {
        do {
            return value(try JSON.parse(s))
        } catch {
            throw Diagnostic(.valueError, "invalid JSON: \(error)", at: span,
                             notes: ["note: json.loads raises json.JSONDecodeError, a ValueError, for text that is not JSON"])
        }
    }

    /// A JSON value as the language's value, as `json.loads` gives it.
    public static func value(_ j: JSON) -> Value {
        switch j {
        case .null: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .string(let s): return .str(s)
        case .array(let items): return .list(items.map(value))
        case .object(let o):
            let d = DictBox()
            for (k, v) in o { d.set(.str(k), .str(k), value(v)) }
            return .dict(d)
        }
    }

    static func text(_ v: Value, _ a: BoundArguments) throws -> String {
        var indent: String?
        switch a["indent"]! {
        case .none: indent = nil
        case .int(let n): indent = String(repeating: " ", count: max(0, n))
        case .str(let s): indent = s
        case let other: throw Diagnostic(.typeError, "indent must be an int or a str, not '\(other.typeName)'", at: a.span(of: "indent"))
        }
        var out = ""
        try write(v, into: &out, indent: indent, level: 0, sortKeys: a.bool("sort_keys"), ascii: a.bool("ensure_ascii"),
                  depth: 0, span: a.span(of: "obj"))
        return out
    }

    static func write(_ v: Value, into out: inout String, indent: String?, level: Int, sortKeys: Bool, ascii: Bool,
                      depth: Int, span: Span) throws {
        if depth > 1000 {
            throw Diagnostic(.recursionError, "maximum recursion depth exceeded while encoding a JSON object", at: span)
        }
        let (itemSeparator, newline): (String, (Int) -> String) = indent.map { ind in
            (",", { "\n" + String(repeating: ind, count: $0) })
        } ?? (", ", { _ in "" })
        switch v.unwrappedBuiltin {
        case .none: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let d):
            out += d.isNaN ? "NaN" : d.isInfinite ? (d > 0 ? "Infinity" : "-Infinity") : Repr.float(d)
        case .str(let s): out += quoted(s, ascii: ascii)
        case .list(let l): try writeArray(l.items)
        case .tuple(let t): try writeArray(t)
        case .dict(let d):
            if d.count == 0 { out += "{}"; return }
            var entries: [(String, Value)] = []
            for (k, value) in d.entries {
                let key: String
                switch k {
                case .str(let s): key = s
                case .int(let i): key = String(i)
                case .float(let f): key = Repr.float(f)
                case .bool(let b): key = b ? "true" : "false"
                case .none: key = "null"
                default: throw Diagnostic(.typeError, "keys must be str, int, float, bool or None, not \(k.typeName)", at: span)
                }
                entries.append((key, value))
            }
            if sortKeys { entries.sort { $0.0 < $1.0 } }
            out += "{"
            for (i, (k, value)) in entries.enumerated() {
                out += (i == 0 ? "" : itemSeparator) + newline(level + 1) + quoted(k, ascii: ascii) + ": "
                try write(value, into: &out, indent: indent, level: level + 1, sortKeys: sortKeys, ascii: ascii, depth: depth + 1, span: span)
            }
            out += newline(level) + "}"
        default:
            throw Diagnostic(.typeError, "Object of type \(v.typeName) is not JSON serializable", at: span,
                             notes: ["help: convert it first, e.g. float(x) for a number or x.tolist() for an array"])
        }

        func writeArray(_ items: [Value]) throws {
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                out += (i == 0 ? "" : itemSeparator) + newline(level + 1)
                try write(item, into: &out, indent: indent, level: level + 1, sortKeys: sortKeys, ascii: ascii, depth: depth + 1, span: span)
            }
            out += newline(level) + "]"
        }
    }

    /// A JSON string as CPython's encoder writes it.
    static func quoted(_ s: String, ascii: Bool) -> String {
        var out = "\""
        func hex4(_ v: UInt32) -> String {
            let h = String(v, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - h.count)) + h
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 { out += hex4(u.value) }
                else if ascii && u.value > 0x7e {
                    if u.value > 0xFFFF {
                        let v = u.value - 0x10000
                        out += hex4(0xD800 + (v >> 10)) + hex4(0xDC00 + (v & 0x3FF))
                    } else {
                        out += hex4(u.value)
                    }
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
