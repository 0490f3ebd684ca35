#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The small formatting rules Keras's `model.summary()` uses, shared by the text and HTML renderings.
public struct Formatting: Sendable {
    /// Python's `f"{n:,}"`: groups of three digits separated by commas, e.g. `93,322`, `-1,234`.
    public static func thousands(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        if n < 0 { out.append("-") }
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// An output shape as Keras prints it: the batch as `None`, joined by `", "` inside parentheses,
    /// e.g. `(None, 26, 26, 32)`, `(None, 576)`; a 1-tuple prints as `(None)` (Keras joins, it does not
    /// use Python's tuple repr). An unknown shape (unbuilt layer) is `?`.
    public static func shape(_ dims: [Int?]?) -> String {
        guard let dims else { return "?" }
        return "(" + dims.map { $0.map(String.init) ?? "None" }.joined(separator: ", ") + ")"
    }

    /// Keras's `readable_memory_size`: divide by 1024 until the value is below 1024, then print it
    /// with two decimals and the unit (`B`, `KB`, `MB`, `GB`, `TB`, `PB`): `0.00 B`, `1023.00 B`,
    /// `1.00 KB`, `364.54 KB`, `5.28 MB`. Like Keras, a value just under the next unit can round up
    /// on printing (1,048,575 B is `1024.00 KB`).
    public static func byteSize(_ bytes: Int) -> String {
        byteSize(Double(bytes))
    }

    /// The same, for a size in bytes that need not be whole (Keras computes bits / 8).
    public static func byteSize(_ bytes: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB"]
        var value = bytes
        for unit in units {
            if value / 1024 < 1 { return fixed(value, decimals: 2) + " " + unit }
            value /= 1024
        }
        return fixed(value, decimals: 2) + " " + units[units.count - 1]
    }

    /// `"{:.Nf}".format(x)`, correctly rounded like Python's (C's `%.*f`).
    public static func fixed(_ x: Double, decimals: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let n = withVaList([Int32(decimals), x]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, "%.*f", args) }
        }
        if n >= 0 && Int(n) < buffer.count {
            return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        // Only huge values get here; a wider buffer always suffices.
        var big = [CChar](repeating: 0, count: Int(n) + 1)
        _ = withVaList([Int32(decimals), x]) { args in
            big.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, "%.*f", args) }
        }
        return String(decoding: big.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The terminal cells a text takes, as rich measures it: East Asian wide and fullwidth characters
    /// take two, combining marks and zero-width characters none, everything else one.
    public static func cellWidth(_ text: String) -> Int {
        var width = 0
        for c in text { width += cellWidth(c) }
        return width
    }

    /// The cells one character (grapheme cluster) takes: the width of its first scalar.
    public static func cellWidth(_ c: Character) -> Int {
        guard let scalar = c.unicodeScalars.first else { return 0 }
        return scalarWidth(scalar.value)
    }

    static func scalarWidth(_ v: UInt32) -> Int {
        if v < 0x300 { return v < 0x20 || (v >= 0x7F && v < 0xA0) ? 0 : 1 }
        // Combining marks and zero-width characters.
        if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v)
            || (0x20D0...0x20FF).contains(v) { return 0 }
        // Wide and fullwidth ranges (the common ones).
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        for range in wide where range.contains(v) { return 2 }
        return 1
    }
}
