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

    /// `<repo>/../shared/reference/keras`, where CI puts it. The repo root is three levels up from
    /// this file. In a git worktree nested deeper (e.g. `/work/wt/render` beside `/work/shared`),
    /// the nearest ancestor that has `shared/reference/keras` is used instead.
    static let referenceDirectory: String? = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)  // file name, RenderingTests, Tests: the repo root remains
        while parts.count > 1 {
            parts.removeLast()
            let candidate = parts.joined(separator: "/") + "/shared/reference/keras"
            if isDirectory(candidate) { return candidate }
        }
        return nil
    }()
}
