/// `bytes`: an immutable sequence of bytes, each an int from 0 to 255. `b'...'` literals, files
/// opened in binary mode and `str.encode()` make them; indexing gives ints, slicing gives bytes,
/// and two bytes with the same contents are equal and the same dict key, as in Python.
public final class BytesObject: FoveaObject {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var typeName: String { "bytes" }
    public var doc: String { "bytes: an immutable sequence of bytes (ints from 0 to 255), e.g. b'\\x89PNG'. decode() turns them into a str." }
    public func repr() -> String { BytesObject.repr(bytes) }
    public var hostClass: AnyHostClass? { BytesObject.binding }
    public func length() -> Int? { bytes.count }
    public func hashKey(at span: Span?, depth: Int) throws -> HashKey? { .bytes(bytes) }

    /// Python's repr: `b'\x89PNG\r\n'`, in double quotes when the bytes hold `'` but not `"`.
    public static func repr(_ bytes: [UInt8]) -> String {
        let quote: UInt8 = bytes.contains(0x27) && !bytes.contains(0x22) ? 0x22 : 0x27
        var out = "b" + String(UnicodeScalar(quote))
        let digits = Array("0123456789abcdef")
        for b in bytes {
            switch b {
            case quote, 0x5C: out += "\\" + String(UnicodeScalar(b))
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x20..<0x7F: out.unicodeScalars.append(UnicodeScalar(b))
            default: out += "\\x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
            }
        }
        return out + String(UnicodeScalar(quote))
    }

    /// The bytes of a bytes value; nil for anything else.
    public static func of(_ v: Value) -> [UInt8]? {
        if case .object(let o as BytesObject) = v { return o.bytes }
        return nil
    }

    /// Python's TypeError where bytes are required: "a bytes-like object is required, not 'str'".
    public static func required(_ v: Value, at span: Span?) -> Diagnostic {
        Diagnostic(.typeError, "a bytes-like object is required, not '\(v.typeName)'", at: span)
    }

    public func getItem(_ index: Value, context: CallContext) throws -> Value? {
        if case .object(let s as SliceValue) = index {
            let (start, step, n) = try slice(s, context: context)
            var out: [UInt8] = []
            out.reserveCapacity(n)
            var i = start
            for _ in 0..<n { out.append(bytes[i]); i += step }
            return .object(BytesObject(out))
        }
        guard let i = index.asInt else {
            throw Diagnostic(.typeError, "byte indices must be integers or slices, not \(index.typeName)", at: context.span)
        }
        let j = i < 0 ? i &+ bytes.count : i
        guard j >= 0 && j < bytes.count else { throw Diagnostic(.indexError, "index out of range", at: context.span) }
        return .int(Int(bytes[j]))
    }

    private func slice(_ s: SliceValue, context: CallContext) throws -> (Int, Int, Int) {
        do { return try s.indices(count: bytes.count) } catch var d as Diagnostic {
            if d.span == nil { d.span = context.span }
            throw d
        }
    }

    public func makeIterator(context: CallContext) throws -> IteratorBox? {
        var i = 0
        let bytes = self.bytes
        return IteratorBox("bytes_iterator") {
            guard i < bytes.count else { return nil }
            defer { i += 1 }
            return .int(Int(bytes[i]))
        }
    }

    public func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        switch op {
        case .add:
            guard let o = BytesObject.of(other) else {
                if reflected { return nil }
                throw Diagnostic(.typeError, "can't concat \(other.typeName) to bytes", at: context.span)
            }
            return .object(BytesObject(reflected ? o + bytes : bytes + o))
        case .multiply:
            guard let n = other.asInt else { return nil }
            guard n > 0, !bytes.isEmpty else { return .object(BytesObject([])) }
            try Limits.check(bytes: bytes.count.multipliedReportingOverflow(by: n).overflow ? Int.max : bytes.count * n, span: context.span)
            return .object(BytesObject(Array([[UInt8]](repeating: bytes, count: n).joined())))
        default:
            return nil
        }
    }

    public func isEqual(to other: Value) -> Bool? { BytesObject.of(other).map { $0 == bytes } ?? false }

    public func comparison(_ op: CompareOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        guard let o = BytesObject.of(other) else { return nil }
        let (a, b) = reflected ? (o, bytes) : (bytes, o)
        switch op {
        case .eq: return .bool(a == b)
        case .ne: return .bool(a != b)
        case .lt: return .bool(a.lexicographicallyPrecedes(b))
        case .le: return .bool(!b.lexicographicallyPrecedes(a))
        case .gt: return .bool(b.lexicographicallyPrecedes(a))
        case .ge: return .bool(!a.lexicographicallyPrecedes(b))
        default: return nil
        }
    }

    /// `item in b`: an int (a byte) or bytes (a run of bytes).
    public func contains(_ item: Value, context: CallContext) throws -> Bool? {
        if let sub = BytesObject.of(item) { return BytesObject.find(sub, in: bytes, from: 0) != nil }
        guard let i = item.asInt else { throw BytesObject.required(item, at: context.span) }
        guard (0...255).contains(i) else { throw Diagnostic(.valueError, "byte must be in range(0, 256)", at: context.span) }
        return bytes.contains(UInt8(i))
    }

    /// The first index at or after `start` where `sub` occurs in `bytes`.
    static func find(_ sub: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard sub.count <= bytes.count else { return nil }
        var i = max(0, start)
        while i + sub.count <= bytes.count {
            if bytes[i..<(i + sub.count)].elementsEqual(sub) { return i }
            i += 1
        }
        return nil
    }
}
