// Compact JSON serializer.

extension JSON {
    /// Compact UTF-8 serialization. Object keys in insertion order. Non-finite doubles
    /// are written as `null` (JSON has no NaN or Infinity). Doubles use Swift's
    /// shortest round-trip form (`0.1`, `1.0`, `1e+16`). Strings escape `"`, `\` and
    /// control characters; other characters stay UTF-8.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        JSONWriter.write(self, into: &out)
        return out
    }

    public func serializedString() -> String {
        String(decoding: serialized(), as: UTF8.self)
    }

    /// Appends the compact serialization to `out`.
    public func serialize(into out: inout [UInt8]) {
        JSONWriter.write(self, into: &out)
    }
}

public enum JSONWriter {
    /// Lower-case hex digits as ASCII bytes (also used for message ids).
    public static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Recurses once per level of nesting. What it is given is shallow: replies and outputs are
    /// built by our own code a few levels deep, and what echoes a request (its header, a
    /// `comm_id`) comes through `JSON.parse`, which refuses more than `JSON.maximumDepth` (512)
    /// levels; 512 frames fit any thread's stack. Nothing turns a learner's nested lists into
    /// JSON. A value built deeper by hand would recurse as deep.
    static func write(_ value: JSON, into out: inout [UInt8]) {
        switch value {
        case .null:
            append("null", &out)
        case .bool(let b):
            append(b ? "true" : "false", &out)
        case .int(let i):
            writeInt(i, &out)
        case .double(let d):
            writeDouble(d, &out)
        case .string(let s):
            writeString(s, &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            var first = true
            for v in a {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(v, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            let n = o._keys.count
            var i = 0
            while i < n {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(o._keys[i], &out)
                out.append(UInt8(ascii: ":"))
                write(o._values[i], into: &out)
                i += 1
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    @inline(__always)
    static func append(_ s: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    static func writeInt(_ i: Int, _ out: inout [UInt8]) {
        if i == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        // Work with the magnitude as UInt so Int.min is fine.
        var m = i.magnitude
        if i < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes >= 20 digits
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while m > 0 {
                buf[n] = UInt8(truncatingIfNeeded: m % 10) &+ 48
                m /= 10
                n += 1
            }
            var j = n - 1
            while j >= 0 {
                out.append(buf[j])
                j -= 1
            }
        }
    }

    static func writeDouble(_ d: Double, _ out: inout [UInt8]) {
        guard d.isFinite else {
            append("null", &out)
            return
        }
        var s = d.description
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    static func writeString(_ s: String, _ out: inout [UInt8]) {
        var s = s
        s.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let c = utf8[i]
                if c >= 0x20 && c != 0x22 && c != 0x5C {
                    i += 1
                    continue
                }
                if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                out.append(UInt8(ascii: "\\"))
                switch c {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append(UInt8(ascii: "u"))
                    out.append(UInt8(ascii: "0"))
                    out.append(UInt8(ascii: "0"))
                    out.append(hex[Int(c >> 4)])
                    out.append(hex[Int(c & 0xF)])
                }
                i += 1
                runStart = i
            }
            if n > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
            out.append(UInt8(ascii: "\""))
        }
    }
}
