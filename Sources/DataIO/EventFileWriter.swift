import Glibc

/// Why an event file could not be made or written.
public struct EventFileError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// `path` (the log folder or one of its parents) exists and is a file.
        case notADirectory
        /// A system call failed with `code` (errno).
        case system
    }
    public let kind: Kind
    public let code: Int32
    public let path: String
    public var description: String {
        kind == .notADirectory ? "\(path) is a file, not a folder" : "\(path): \(String(cString: strerror(code)))"
    }
}

/// One TensorBoard event file, as TensorFlow 2's `tf.summary.create_file_writer(folder)` makes it:
/// the folder is created with its parents, the file is named
/// `events.out.tfevents.<seconds, 10 digits>.<host>.<pid>.<n>.v2` (n counts the writers this
/// process made, from 0), and its first record says `brain.Event:2`. Records are TFRecord-framed
/// Event protos; `flush` makes them visible to a reader, `close` also syncs them to disk.
public final class EventFileWriter {
    public let directory: String
    public let path: String
    private var file: UnsafeMutablePointer<FILE>?

    nonisolated(unsafe) private static var writersMade = 0

    public init(directory: String) throws {
        self.directory = directory
        try Self.makeDirectory(directory)
        let now = Self.wallTime()
        var host = [CChar](repeating: 0, count: 256)
        let hostName = gethostname(&host, host.count - 1) == 0 ? String(cString: host) : "localhost"
        let seconds = String(Int64(now))
        let padded = String(repeating: "0", count: max(0, 10 - seconds.count)) + seconds
        let n = Self.writersMade
        Self.writersMade += 1
        path = (directory.hasSuffix("/") ? directory : directory + "/")
            + "events.out.tfevents.\(padded).\(hostName).\(getpid()).\(n).v2"
        guard let f = fopen(path, "wb") else { throw EventFileError(kind: .system, code: errno, path: path) }
        file = f
        try write(TensorBoardEvent.versionRecord(wallTime: now))
        try flush()
    }

    deinit { if let file { fclose(file) } }

    public var isOpen: Bool { file != nil }

    /// Appends one Event (its serialized bytes), framed as a TFRecord.
    public func write(_ event: [UInt8]) throws {
        guard let file else { return }
        let record = TFRecord.frame(event)
        let written = record.withUnsafeBytes { fwrite($0.baseAddress, 1, record.count, file) }
        guard written == record.count else { throw EventFileError(kind: .system, code: errno, path: path) }
    }

    /// `tf.summary.scalar(tag, value, step=step)`, stamped with the current time.
    public func addScalar(_ tag: String, _ value: Float, step: Int64) throws {
        try write(TensorBoardEvent.scalarRecord(tag: tag, value: value, step: step, wallTime: Self.wallTime()))
    }

    /// `tf.summary.histogram(tag, values, step=step)`, TensorBoard's 30 buckets.
    public func addHistogram(_ tag: String, _ values: [Float], step: Int64) throws {
        try write(TensorBoardEvent.histogramRecord(tag: tag, values: values, step: step, wallTime: Self.wallTime()))
    }

    public func flush() throws {
        guard let file else { return }
        guard fflush(file) == 0 else { throw EventFileError(kind: .system, code: errno, path: path) }
    }

    /// Flushes, syncs and closes the file; later writes do nothing.
    public func close() throws {
        guard let f = file else { return }
        file = nil
        let flushed = fflush(f) == 0 && fsync(fileno(f)) == 0
        let code = errno
        guard fclose(f) == 0, flushed else { throw EventFileError(kind: .system, code: flushed ? errno : code, path: path) }
    }

    /// Seconds since 1970 with microseconds, as TensorFlow stamps events.
    public static func wallTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec / 1000) / 1e6
    }

    /// `mkdir -p`, refusing a path one of whose parts is a file.
    static func makeDirectory(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            var st = stat()
            if stat(current, &st) == 0 {
                guard (st.st_mode & S_IFMT) == S_IFDIR else {
                    throw EventFileError(kind: .notADirectory, code: ENOTDIR, path: String(current.dropFirst(path.hasPrefix("/") ? 0 : 2)))
                }
                continue
            }
            if mkdir(current, 0o755) != 0, errno != EEXIST { throw EventFileError(kind: .system, code: errno, path: current) }
        }
    }
}
