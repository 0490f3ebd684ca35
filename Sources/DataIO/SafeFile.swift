import Glibc

/// A file that could not be written: the errno and the path, for Python's OSError.
public struct FileWriteError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let path: String
    public var description: String { "\(path): \(String(cString: strerror(code)))" }
}

/// Writing a whole file safely: into a temporary file next to it, renamed into place once every
/// byte is written, so that a failed or interrupted write never leaves a half file under the name.
public enum SafeFile {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".fovea-tmp-\(getpid())"
        guard let f = fopen(temporary, "wb") else { throw FileWriteError(code: errno, path: path) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, bytes.count, f) }
        let writeErrno = errno
        if fclose(f) != 0 || written != bytes.count {
            let code = written != bytes.count ? writeErrno : errno
            unlink(temporary)
            throw FileWriteError(code: code, path: path)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileWriteError(code: code, path: path)
        }
    }
}
