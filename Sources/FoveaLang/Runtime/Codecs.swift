/// Text to bytes and back: the UTF-8, ASCII and Latin-1 codecs, with Python's names for them,
/// its error handlers ('strict', 'ignore', 'replace') and its UnicodeDecodeError and
/// UnicodeEncodeError messages.
enum Codecs {
    enum Codec: String { case utf8 = "utf-8", ascii, latin1 = "latin-1" }

    /// The codec an encoding name stands for (`'UTF8'`, `'utf_8'`, `'iso-8859-1'`, ...);
    /// LookupError for any other.
    static func codec(_ name: String, at span: Span?) throws -> Codec {
        let n = name.lowercased().replacingAll("_", with: "-").replacingAll(" ", with: "-")
        switch n {
        case "utf-8", "utf8", "u8", "utf", "cp65001": return .utf8
        case "ascii", "us-ascii", "646", "us": return .ascii
        case "latin-1", "latin1", "latin", "l1", "iso-8859-1", "iso8859-1", "8859", "cp819", "iso-ir-100": return .latin1
        default: throw Diagnostic(.lookupError, "unknown encoding: \(name)", at: span)
        }
    }

    enum Handler { case strict, ignore, replace }

    static func handler(_ name: String, at span: Span?) throws -> Handler {
        switch name {
        case "strict": return .strict
        case "ignore": return .ignore
        case "replace": return .replace
        default: throw Diagnostic(.lookupError, "unknown error handler name '\(name)'", at: span)
        }
    }

    static func hex2(_ b: UInt8) -> String {
        let d = Array("0123456789abcdef")
        return String(d[Int(b >> 4)]) + String(d[Int(b & 15)])
    }

    /// A character as UnicodeEncodeError names it: `\xe9`, `\u20ac`, `\U0001f600`.
    static func escaped(_ u: UnicodeScalar) -> String {
        let h = String(u.value, radix: 16)
        let width = u.value < 0x100 ? 2 : (u.value < 0x10000 ? 4 : 8)
        let prefix = u.value < 0x100 ? "\\x" : (u.value < 0x10000 ? "\\u" : "\\U")
        return prefix + String(repeating: "0", count: max(0, width - h.count)) + h
    }

    static func positions(_ start: Int, _ end: Int) -> String {
        end > start ? "in position \(start)-\(end)" : "in position \(start)"
    }

    static func decode(_ bytes: [UInt8], _ codec: Codec, errors: String, at span: Span?) throws -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        // The bytes start...end cannot be decoded, for `reason`.
        func bad(_ start: Int, _ end: Int, _ reason: String) throws {
            switch try handler(errors, at: span) {
            case .strict:
                let what = end > start ? "bytes \(positions(start, end))" : "byte 0x\(hex2(bytes[start])) \(positions(start, end))"
                throw Diagnostic(.unicodeDecodeError, "'\(codec.rawValue)' codec can't decode \(what): \(reason)", at: span)
            case .ignore: break
            case .replace: out.append("\u{FFFD}")
            }
            i = end + 1
        }
        while i < bytes.count {
            let b0 = bytes[i]
            if b0 < 0x80 || codec == .latin1 { out.append(UnicodeScalar(b0)); i += 1; continue }
            if codec == .ascii { try bad(i, i, "ordinal not in range(128)"); continue }
            guard (0xC2...0xF4).contains(b0) else { try bad(i, i, "invalid start byte"); continue }
            let need = b0 < 0xE0 ? 1 : (b0 < 0xF0 ? 2 : 3)
            var value = UInt32(b0) & (b0 < 0xE0 ? 0x1F : (b0 < 0xF0 ? 0x0F : 0x07))
            var ok = true
            for k in 1...need {
                guard i + k < bytes.count else { try bad(i, bytes.count - 1, "unexpected end of data"); ok = false; break }
                let c = bytes[i + k]
                var range: ClosedRange<UInt8> = 0x80...0xBF
                if k == 1 {
                    switch b0 {
                    case 0xE0: range = 0xA0...0xBF
                    case 0xED: range = 0x80...0x9F
                    case 0xF0: range = 0x90...0xBF
                    case 0xF4: range = 0x80...0x8F
                    default: break
                    }
                }
                guard range.contains(c) else { try bad(i, i + k - 1, "invalid continuation byte"); ok = false; break }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if ok, let u = UnicodeScalar(value) { out.append(u); i += need + 1 }
        }
        return String(out)
    }

    static func encode(_ text: String, _ codec: Codec, errors: String, at span: Span?) throws -> [UInt8] {
        if codec == .utf8 { return Array(text.utf8) }
        let limit: UInt32 = codec == .ascii ? 0x80 : 0x100
        let scalars = Array(text.unicodeScalars)
        var out: [UInt8] = []
        var i = 0
        while i < scalars.count {
            if scalars[i].value < limit { out.append(UInt8(scalars[i].value)); i += 1; continue }
            var end = i
            while end + 1 < scalars.count && scalars[end + 1].value >= limit { end += 1 }
            switch try handler(errors, at: span) {
            case .strict:
                let what = end > i ? "characters \(positions(i, end))" : "character '\(escaped(scalars[i]))' \(positions(i, end))"
                throw Diagnostic(.unicodeEncodeError, "'\(codec.rawValue)' codec can't encode \(what): ordinal not in range(\(limit))", at: span)
            case .ignore: break
            case .replace: out += [UInt8](repeating: 0x3F, count: end - i + 1)
            }
            i = end + 1
        }
        return out
    }
}

extension BytesObject {
    /// `data.decode(encoding, errors)` for a library (`Path.read_text`).
    public static func decode(_ bytes: [UInt8], encoding: String = "utf-8", errors: String = "strict", at span: Span?) throws -> String {
        try Codecs.decode(bytes, try Codecs.codec(encoding, at: span), errors: errors, at: span)
    }

    /// `text.encode(encoding, errors)` for a library (`Path.write_text`).
    public static func encode(_ text: String, encoding: String = "utf-8", errors: String = "strict", at span: Span?) throws -> [UInt8] {
        try Codecs.encode(text, try Codecs.codec(encoding, at: span), errors: errors, at: span)
    }
}
