import Crypto
import Glibc

/// sha256 and md5 of a file, read in 1 MiB blocks, as `get_file`'s hash check needs them.
public enum FileHash {
    public enum Algorithm: String, Sendable { case sha256, md5 }

    /// Keras's 'auto': a 64-digit hash is sha256, anything else md5.
    public static func algorithm(_ name: String, for hash: String) throws -> Algorithm {
        switch name.lowercased() {
        case "sha256": return .sha256
        case "md5": return .md5
        case "auto": return hash.count == 64 ? .sha256 : .md5
        default:
            throw DownloadError(.badArgument, "Unknown hash algorithm '\(name)': use 'sha256', 'md5' or 'auto'")
        }
    }

    /// The lowercase hex digest of the file at `path`.
    public static func hex(_ path: String, _ algorithm: Algorithm) throws -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DatasetError(.notFound, "\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var sha = SHA256()
        var md5 = Insecure.MD5()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw DatasetError(.malformed, "\(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            buffer.withUnsafeBytes { b in
                let chunk = UnsafeRawBufferPointer(rebasing: b[0..<n])
                if algorithm == .sha256 { sha.update(bufferPointer: chunk) } else { md5.update(bufferPointer: chunk) }
            }
        }
        let digest: [UInt8] = algorithm == .sha256 ? Array(sha.finalize()) : Array(md5.finalize())
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
