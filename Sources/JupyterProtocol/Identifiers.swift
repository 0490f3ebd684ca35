import JSON
// Dates and message ids, without Foundation.

import Glibc

public enum ISODate {
    /// The current UTC time as ISO-8601 with microseconds and `Z`,
    /// e.g. `2026-11-23T22:13:05.123456Z` (always 27 characters for years 1000-9999).
    public static func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return format(seconds: Int(ts.tv_sec), microseconds: Int(ts.tv_nsec / 1000))
    }

    /// Formats seconds since the Unix epoch (UTC) plus microseconds (0..<1_000_000).
    public static func format(seconds: Int, microseconds: Int) -> String {
        var t = time_t(seconds)
        var tm = Glibc.tm()
        gmtime_r(&t, &tm)
        let micros = max(0, min(999_999, microseconds))
        return String(unsafeUninitializedCapacity: 27) { buf in
            var i = 0
            func put(_ value: Int, _ width: Int) {
                var v = value
                var j = i + width - 1
                while j >= i {
                    buf[j] = UInt8(truncatingIfNeeded: 48 + v % 10)
                    v /= 10
                    j -= 1
                }
                i += width
            }
            func sep(_ c: Unicode.Scalar) {
                buf[i] = UInt8(ascii: c)
                i += 1
            }
            put(Int(tm.tm_year) + 1900, 4); sep("-")
            put(Int(tm.tm_mon) + 1, 2); sep("-")
            put(Int(tm.tm_mday), 2); sep("T")
            put(Int(tm.tm_hour), 2); sep(":")
            put(Int(tm.tm_min), 2); sep(":")
            put(Int(tm.tm_sec), 2); sep(".")
            put(micros, 6); sep("Z")
            return i
        }
    }
}

public enum MessageID {
    /// A fresh random UUID (version 4) in lowercase hex, 8-4-4-4-12.
    public static func make() -> String {
        var rng = Random16()
        return make(using: &rng)
    }

    /// 16 random bytes from the system source (one `getentropy` call, not two as two
    /// `SystemRandomNumberGenerator.next()` would make).
    struct Random16: RandomNumberGenerator {
        var words: (UInt64, UInt64) = (0, 0)
        var used = 0
        init() {
            let ok = withUnsafeMutableBytes(of: &words) { getentropy($0.baseAddress, 16) } == 0
            if !ok {
                var system = SystemRandomNumberGenerator()
                words = (system.next(), system.next())
            }
        }
        mutating func next() -> UInt64 {
            used += 1
            switch used {
            case 1: return words.0
            case 2: return words.1
            default:
                var system = SystemRandomNumberGenerator()
                return system.next()
            }
        }
    }

    public static func make<R: RandomNumberGenerator>(using rng: inout R) -> String {
        var hi = rng.next() as UInt64
        var lo = rng.next() as UInt64
        hi = (hi & ~0xF000) | 0x4000                     // version 4 (byte 6 high nibble)
        lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // variant 10xx
        let hex = JSONWriter.hex
        return String(unsafeUninitializedCapacity: 36) { out in
            var n = 0
            for i in 0..<16 {
                if i == 4 || i == 6 || i == 8 || i == 10 {
                    out[n] = UInt8(ascii: "-")
                    n += 1
                }
                let word = i < 8 ? hi : lo
                let b = UInt8(truncatingIfNeeded: word >> (UInt64(7 - i % 8) * 8))
                out[n] = hex[Int(b >> 4)]
                out[n + 1] = hex[Int(b & 0xF)]
                n += 2
            }
            return n
        }
    }
}
