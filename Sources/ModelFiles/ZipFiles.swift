import CModelFiles
import Glibc

/// What went wrong reading or writing a zip archive.
public struct ZipError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

private func zipErrorText(_ code: Int32) -> String {
    var e = zip_error_t()
    _ = fovea_zip_error_init_with_code!(&e, code)
    defer { _ = fovea_zip_error_fini!(&e) }
    return fovea_zip_error_strerror!(&e).map { String(cString: $0) } ?? "error \(code)"
}

/// Reads the members of a zip archive with libzip.
public final class ZipReader {
    private let archive: OpaquePointer
    public let path: String

    /// Opens `path`, checking the archive's structure; throws for a file that is not a zip
    /// archive or is cut short.
    public init(path: String) throws {
        try NativeLibraries.require()
        var code: Int32 = 0
        guard let a = fovea_zip_open!(path, ZIP_RDONLY | ZIP_CHECKCONS, &code) else {
            throw ZipError("\(path) is not a readable zip archive (\(zipErrorText(code))).")
        }
        archive = a
        self.path = path
    }

    deinit { _ = fovea_zip_discard!(archive) }

    /// The members' names, in the archive's order.
    public var names: [String] {
        let n = fovea_zip_get_num_entries!(archive, 0)
        return (0..<max(0, n)).compactMap { i in fovea_zip_get_name!(archive, zip_uint64_t(i), 0).map { String(cString: $0) } }
    }

    /// The bytes of member `name`.
    public func read(_ name: String) throws -> [UInt8] {
        var stat = zip_stat_t()
        _ = fovea_zip_stat_init!(&stat)
        guard fovea_zip_stat!(archive, name, 0, &stat) == 0 else {
            throw ZipError("\(path) has no member \(name).")
        }
        guard let file = fovea_zip_fopen!(archive, name, 0) else {
            throw ZipError("Could not open \(name) in \(path).")
        }
        defer { _ = fovea_zip_fclose!(file) }
        let size = Int(stat.size)
        var failed = false
        // Filled by libzip as it reads, without zeroing first (a model's weights can be 500 MB).
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = fovea_zip_fread!(file, buffer.baseAddress! + done, zip_uint64_t(size - done))
                guard n > 0 else { failed = true; break }
                done += Int(n)
            }
            count = failed ? 0 : size
        }
        guard !failed else { throw ZipError("\(name) in \(path) is damaged or cut short.") }
        return bytes
    }
}

/// Writes a new zip archive with libzip, members stored uncompressed as Keras stores them.
public final class ZipBuilder {
    private var archive: OpaquePointer?
    public let path: String

    /// A new archive at `path` (an existing file there is replaced when `close` succeeds).
    public init(path: String) throws {
        try NativeLibraries.require()
        var code: Int32 = 0
        guard let a = fovea_zip_open!(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
            throw ZipError("Could not create the zip archive \(path) (\(zipErrorText(code))).")
        }
        archive = a
        self.path = path
    }

    deinit { if let archive { _ = fovea_zip_discard!(archive) } }

    /// Adds member `name` with `bytes`, stored; `time` (seconds since 1970) is its date.
    public func add(_ name: String, _ bytes: [UInt8], time: Int? = nil) throws {
        guard let archive else { throw ZipError("The archive \(path) is already closed.") }
        // libzip frees the copy when the archive is written.
        let copy = malloc(max(1, bytes.count))!
        bytes.withUnsafeBytes { if let base = $0.baseAddress { memcpy(copy, base, bytes.count) } }
        guard let source = fovea_zip_source_buffer!(archive, copy, zip_uint64_t(bytes.count), 1) else {
            free(copy)
            throw ZipError("Could not add \(name) to \(path).")
        }
        let index = fovea_zip_file_add!(archive, name, source, zip_flags_t(ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8))
        guard index >= 0 else {
            _ = fovea_zip_source_free!(source)
            throw ZipError("Could not add \(name) to \(path).")
        }
        _ = fovea_zip_set_file_compression!(archive, zip_uint64_t(index), ZIP_CM_STORE, 0)
        if let time { _ = fovea_zip_file_set_mtime!(archive, zip_uint64_t(index), time_t(time), 0) }
    }

    /// Writes the archive.
    public func close() throws {
        guard let a = archive else { return }
        guard fovea_zip_close!(a) == 0 else {
            let message = fovea_zip_strerror!(a).map { String(cString: $0) } ?? "unknown error"
            _ = fovea_zip_discard!(a)
            archive = nil
            throw ZipError("Could not write the zip archive \(path): \(message).")
        }
        archive = nil
    }
}
