#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files the tests read, found from this source file's path.
enum TestFiles {
    static func read(_ path: String) -> String? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func isDirectory(_ path: String) -> Bool {
        guard let d = opendir(path) else { return false }
        closedir(d)
        return true
    }

    /// `<repo>/Tests/Fixtures/keras-reference`: the Keras reference summaries copied into the
    /// repository (see its README). The Tests folder is two levels up from this file.
    static let referenceDirectory: String? = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(2)  // file name, RenderingTests: the Tests folder remains
        let candidate = parts.joined(separator: "/") + "/Fixtures/keras-reference"
        return isDirectory(candidate) ? candidate : nil
    }()
}
