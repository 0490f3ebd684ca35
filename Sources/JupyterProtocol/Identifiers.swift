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
        var out = [UInt8]()
        out.reserveCapacity(27)
        func put(_ v: Int, _ width: Int) {
            var digits = [UInt8](repeating: 48, count: width)
            var v = v
            var i = width - 1
            while i >= 0 {
                digits[i] = UInt8(48 + v % 10)
                v /= 10
                i -= 1
            }
            out.append(contentsOf: digits)
        }
        put(Int(tm.tm_year) + 1900, 4); out.append(UInt8(ascii: "-"))
        put(Int(tm.tm_mon) + 1, 2); out.append(UInt8(ascii: "-"))
        put(Int(tm.tm_mday), 2); out.append(UInt8(ascii: "T"))
        put(Int(tm.tm_hour), 2); out.append(UInt8(ascii: ":"))
        put(Int(tm.tm_min), 2); out.append(UInt8(ascii: ":"))
        put(Int(tm.tm_sec), 2); out.append(UInt8(ascii: "."))
        put(max(0, min(999_999, microseconds)), 6); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }
}

public enum MessageID {
    /// A fresh random UUID (version 4) in lowercase hex, 8-4-4-4-12.
    public static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        return make(using: &rng)
    }

    public static func make<R: RandomNumberGenerator>(using rng: inout R) -> String {
        var hi = rng.next() as UInt64
        var lo = rng.next() as UInt64
        hi = (hi & ~0xF000) | 0x4000                     // version 4 (byte 6 high nibble)
        lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // variant 10xx
        let hex = JSONWriter.hex
        var out = [UInt8]()
        out.reserveCapacity(36)
        for i in 0..<16 {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            let word = i < 8 ? hi : lo
            let b = UInt8(truncatingIfNeeded: word >> (UInt64(7 - i % 8) * 8))
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
