import Glibc

/// The C stream under a text or binary file object: open until closed (by `close()`, the end of
/// a `with`, or the object being dropped), read and written as bytes.
final class FileStream {
    let path: String
    private var file: UnsafeMutablePointer<FILE>?

    init(path: String, file: UnsafeMutablePointer<FILE>) { self.path = path; self.file = file }
    deinit { close() }

    var isClosed: Bool { file == nil }

    /// The stream; on a closed file, Python's ValueError with `message`.
    func stream(_ span: Span?, closed message: String = "I/O operation on closed file.") throws -> UnsafeMutablePointer<FILE> {
        guard let file else { throw Diagnostic(.valueError, message, at: span) }
        return file
    }

    /// Up to `size` bytes from the current position; everything left when `size` is negative.
    func readBytes(_ size: Int, _ f: UnsafeMutablePointer<FILE>) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while size < 0 || bytes.count < size {
            let want = size < 0 ? buffer.count : min(buffer.count, size - bytes.count)
            let n = fread(&buffer, 1, want, f)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }

    /// Writes all of `bytes`, or raises the OSError that stopped it (a full disk).
    func writeBytes(_ bytes: [UInt8], _ f: UnsafeMutablePointer<FILE>, span: Span?) throws {
        guard fwrite(bytes, 1, bytes.count, f) == bytes.count else { throw Diagnostic.os(errno: errno, path: path, at: span) }
    }

    func close() {
        if let file { fclose(file) }
        file = nil
    }
}
