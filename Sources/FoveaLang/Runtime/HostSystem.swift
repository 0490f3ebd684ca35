import Glibc

/// What the kernel's process knows of its machine, for the language and the libraries alike:
/// a clock for durations and the working directory.
public enum HostSystem {
    /// CLOCK_MONOTONIC in seconds: subtract two readings to time something.
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// The working directory, where relative paths are read and written ("." if it cannot tell).
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(cString: buffer)
    }
}
