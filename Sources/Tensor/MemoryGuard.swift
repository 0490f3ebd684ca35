import Glibc

/// Refuses allocations larger than Fovea allows, so that a learner's `Dense(100000)` on a big input
/// becomes a Python-like MemoryError instead of the kernel being killed by the OOM killer.
/// The check is per allocation (not a running total of live tensors).
public enum MemoryGuard {
    /// Physical memory of this machine in bytes (sysconf), or 0 if unknown.
    public static let physicalMemoryBytes: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 0 }
        return pages * pageSize
    }()

    /// The default limit: half of physical memory (8 GiB if that cannot be read).
    public static let defaultLimitBytes: Int =
        physicalMemoryBytes > 0 ? physicalMemoryBytes / 2 : 8 << 30

    nonisolated(unsafe) private static var _limit: Int = defaultLimitBytes

    /// The largest single allocation allowed. Settable (for tests and for a future `%memory` magic);
    /// not synchronised, so set it before work starts.
    public static var limitBytes: Int {
        get { _limit }
        set { _limit = newValue }
    }

    /// Throws MemoryError if `bytes` exceeds the limit (or is negative, as from an overflow).
    public static func check(bytes: Int, what: String) throws {
        let limit = limitBytes
        if bytes < 0 || bytes > limit {
            throw MemoryError(what: what, bytes: bytes < 0 ? Int.max : bytes, limit: limit)
        }
    }

    /// The byte size of `count` elements of `dtype`, checked against the limit.
    static func checkElements(shape: Shape, dtype: DType, what: String) throws -> Int {
        guard let count = shape.checkedCount else {
            if shape.dims.contains(where: { $0 < 0 }) {
                throw TensorError("cannot create a tensor of shape \(shape): dimensions must not be negative")
            }
            throw MemoryError(what: what, bytes: Int.max, limit: limitBytes)
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.byteSize)
        try check(bytes: overflow ? Int.max : bytes, what: what)
        return count
    }
}

/// An allocation refused by MemoryGuard.
public struct MemoryError: Error, CustomStringConvertible, Sendable {
    public let what: String
    public let bytes: Int
    public let limit: Int

    public init(what: String, bytes: Int, limit: Int) {
        self.what = what
        self.bytes = bytes
        self.limit = limit
    }

    /// "cannot allocate 1.25 GiB for dense_1/kernel: more than Fovea allows (11.7 GiB, half of this
    /// machine's memory)"
    public var description: String {
        let size = bytes == Int.max ? "more memory than can be addressed" : MemoryError.format(bytes)
        let why = limit == MemoryGuard.defaultLimitBytes && MemoryGuard.physicalMemoryBytes > 0
            ? ", half of this machine's memory" : ""
        return "cannot allocate \(size) for \(what): more than Fovea allows (\(MemoryError.format(limit))\(why))"
    }

    /// Human-readable size with binary units: "512 B", "3.5 KiB", "1.25 GiB", "11.7 GiB".
    public static func format(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        // Three significant digits, trailing zeros dropped: 1.25, 11.7, 512.
        let decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2
        var text = fixed(value, decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return "\(text) \(units[unit])"
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        if decimals == 0 { return String(scaled) }
        let whole = scaled / Int(scale)
        var frac = String(scaled % Int(scale))
        while frac.count < decimals { frac = "0" + frac }
        return "\(whole).\(frac)"
    }
}
