// Strict RFC 8259 parser over raw UTF-8 bytes.

extension JSON {
    /// The maximum nesting of arrays and objects `parse` accepts.
    public static let maximumDepth = 512

    /// Parses one JSON text (RFC 8259, strict): no NaN/Infinity, no comments, no
    /// trailing commas, nothing but whitespace after the value, nesting at most
    /// `maximumDepth`, valid UTF-8. Numbers without fraction or exponent that fit
    /// `Int` become `.int`, other numbers `.double`. An escaped lone surrogate
    /// (`"\ud800"`) becomes U+FFFD. Duplicate keys: the last value wins.
    public static func parse(_ bytes: [UInt8]) throws -> JSON {
        try bytes.withUnsafeBufferPointer { try parse(buffer: $0) }
    }

    public static func parse(_ text: String) throws -> JSON {
        var text = text
        return try text.withUTF8 { try parse(buffer: $0) }
    }

    /// Parses from raw bytes without copying them.
    public static func parse(buffer: UnsafeBufferPointer<UInt8>) throws -> JSON {
        var p = JSONParser(buffer)
        p.skipWhitespace()
        let value = try p.parseValue(depth: 0)
        p.skipWhitespace()
        if p.pos != p.end { throw p.error("unexpected data after the JSON value") }
        return value
    }
}

struct JSONParser {
    let base: UnsafePointer<UInt8>?
    let end: Int
    var pos = 0
    /// Scratch buffer for strings with escapes, reused.
    var scratch: [UInt8] = []

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        base = buffer.baseAddress
        end = buffer.count
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONError {
        JSONError(message: message, offset: offset ?? pos)
    }

    @inline(__always)
    func byte(_ i: Int) -> UInt8 { base.unsafelyUnwrapped[i] }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            let c = byte(pos)
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
        }
    }

    mutating func parseValue(depth: Int) throws -> JSON {
        guard pos < end else { throw error("unexpected end of input") }
        switch byte(pos) {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "N"): throw error("NaN is not JSON")
        case UInt8(ascii: "I"): throw error("Infinity is not JSON")
        default: throw error("unexpected character \(describe(byte(pos)))")
        }
    }

    func describe(_ c: UInt8) -> String {
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "0x" + String(c, radix: 16)
    }

    mutating func expectLiteral(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        let start = pos
        if end - pos >= n {
            let w = word.utf8Start
            var i = 0
            while i < n && byte(pos + i) == w[i] { i += 1 }
            if i == n { pos += n; return }
        }
        throw error("invalid literal", at: start)
    }

    mutating func parseObject(depth: Int) throws -> JSON {
        if depth > JSON.maximumDepth { throw error("nesting deeper than \(JSON.maximumDepth)") }
        pos += 1  // {
        var object = JSONObject()
        skipWhitespace()
        if pos < end && byte(pos) == UInt8(ascii: "}") {
            pos += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard pos < end else { throw error("unexpected end of input in object") }
            guard byte(pos) == UInt8(ascii: "\"") else {
                if byte(pos) == UInt8(ascii: "}") { throw error("trailing comma in object") }
                throw error("expected a string key")
            }
            let key = try parseString()
            skipWhitespace()
            guard pos < end, byte(pos) == UInt8(ascii: ":") else { throw error("expected ':' after key") }
            pos += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            if object.count > 0 && object[key] != nil {
                object[key] = value
            } else {
                object.appendUnchecked(key, value)
            }
            skipWhitespace()
            guard pos < end else { throw error("unexpected end of input in object") }
            let c = byte(pos)
            pos += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "}") { return .object(object) }
            throw error("expected ',' or '}' in object", at: pos - 1)
        }
    }

    mutating func parseArray(depth: Int) throws -> JSON {
        if depth > JSON.maximumDepth { throw error("nesting deeper than \(JSON.maximumDepth)") }
        pos += 1  // [
        var array: [JSON] = []
        skipWhitespace()
        if pos < end && byte(pos) == UInt8(ascii: "]") {
            pos += 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            if pos < end && byte(pos) == UInt8(ascii: "]") { throw error("trailing comma in array") }
            array.append(try parseValue(depth: depth))
            skipWhitespace()
            guard pos < end else { throw error("unexpected end of input in array") }
            let c = byte(pos)
            pos += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "]") { return .array(array) }
            throw error("expected ',' or ']' in array", at: pos - 1)
        }
    }

    mutating func parseNumber() throws -> JSON {
        let start = pos
        var negative = false
        if byte(pos) == UInt8(ascii: "-") {
            negative = true
            pos += 1
        }
        guard pos < end, isDigit(byte(pos)) else { throw error("expected a digit", at: pos) }
        // Integer part; accumulate negatively so Int.min fits.
        var value = 0
        var overflow = false
        if byte(pos) == UInt8(ascii: "0") {
            pos += 1
            if pos < end && isDigit(byte(pos)) { throw error("leading zero in number", at: start) }
        } else {
            while pos < end, isDigit(byte(pos)) {
                let d = Int(byte(pos) &- 48)
                if !overflow {
                    let (m, o1) = value.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.subtractingReportingOverflow(d)
                    if o1 || o2 { overflow = true } else { value = s }
                }
                pos += 1
            }
        }
        var isInteger = true
        if pos < end && byte(pos) == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < end, isDigit(byte(pos)) else { throw error("expected a digit after '.'") }
            while pos < end, isDigit(byte(pos)) { pos += 1 }
        }
        if pos < end && (byte(pos) == UInt8(ascii: "e") || byte(pos) == UInt8(ascii: "E")) {
            isInteger = false
            pos += 1
            if pos < end && (byte(pos) == UInt8(ascii: "+") || byte(pos) == UInt8(ascii: "-")) { pos += 1 }
            guard pos < end, isDigit(byte(pos)) else { throw error("expected a digit in exponent") }
            while pos < end, isDigit(byte(pos)) { pos += 1 }
        }
        if isInteger && !overflow {
            if negative { return .int(value) }
            if value != Int.min { return .int(-value) }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: pos - start),
                          as: UTF8.self)
        guard let d = Double(text) else { throw error("invalid number", at: start) }
        return .double(d)
    }

    @inline(__always)
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    mutating func parseString() throws -> String {
        let open = pos
        pos += 1  // opening quote
        let start = pos
        // Fast path: no escapes.
        while pos < end {
            let c = byte(pos)
            if c == UInt8(ascii: "\"") {
                let s = try makeString(UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: pos - start), at: start)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("unescaped control character in string") }
            pos += 1
        }
        guard pos < end else { throw error("unterminated string", at: open) }
        // Slow path: copy into scratch, decoding escapes.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: pos - start))
        while pos < end {
            let c = byte(pos)
            if c == UInt8(ascii: "\"") {
                pos += 1
                return try scratch.withUnsafeBufferPointer { try makeString($0, at: start) }
            }
            if c < 0x20 { throw error("unescaped control character in string") }
            if c != UInt8(ascii: "\\") {
                scratch.append(c)
                pos += 1
                continue
            }
            pos += 1
            guard pos < end else { break }
            let e = byte(pos)
            pos += 1
            switch e {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    // A high surrogate wants a low one right after it.
                    if end - pos >= 6 && byte(pos) == UInt8(ascii: "\\") && byte(pos + 1) == UInt8(ascii: "u") {
                        let save = pos
                        pos += 2
                        let low = try parseHex4()
                        if low >= 0xDC00 && low <= 0xDFFF {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            pos = save  // not a pair; decode the next escape on its own
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar)
            default:
                throw error("invalid escape '\\\(describe(e))' in string", at: pos - 2)
            }
        }
        throw error("unterminated string", at: open)
    }

    mutating func parseHex4() throws -> UInt32 {
        guard end - pos >= 4 else { throw error("incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = byte(pos)
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw error("invalid hex digit in \\u escape")
            }
            v = v << 4 | UInt32(d)
            pos += 1
        }
        return v
    }

    mutating func appendUTF8(_ v: UInt32) {
        if v < 0x80 {
            scratch.append(UInt8(v))
        } else if v < 0x800 {
            scratch.append(UInt8(0xC0 | (v >> 6)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            scratch.append(UInt8(0xE0 | (v >> 12)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            scratch.append(UInt8(0xF0 | (v >> 18)))
            scratch.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    func makeString(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> String {
        // ASCII is common and always valid.
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw error("invalid UTF-8 in string", at: offset)
        }
        return s
    }
}
