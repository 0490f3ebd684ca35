import ArgumentParser
import Glibc

/// File-system facts and chores for `fovea install`, with Glibc (no Foundation in the kernel).
enum Installation {
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func environmentPrefix() -> String? {
        environment("VIRTUAL_ENV") ?? environment("CONDA_PREFIX")
    }

    /// `$XDG_DATA_HOME` or `~/.local/share`, where Jupyter looks for user kernelspecs on Linux.
    static func userDataDirectory() -> String {
        if let xdg = environment("XDG_DATA_HOME") { return xdg }
        return (environment("HOME") ?? "/root") + "/.local/share"
    }

    static func executablePath() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { throw ValidationError("cannot tell where the fovea binary is (/proc/self/exe).") }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        return String(cString: buffer) + "/" + path
    }

    static func isDirectory(_ path: String) -> Bool {
        var s = stat()
        return stat(path, &s) == 0 && (s.st_mode & S_IFMT) == S_IFDIR
    }

    static func isFile(_ path: String) -> Bool {
        var s = stat()
        return stat(path, &s) == 0 && (s.st_mode & S_IFMT) == S_IFREG
    }

    static func readmePath() -> String? {
        checkoutRoot().map { $0 + "/README.md" }.flatMap { isFile($0) ? $0 : nil }
    }

    /// The source checkout the binary sits in (`.build/release/fovea`), found by walking up to a
    /// folder that has `kernelspec/fovea`; nil for a binary copied elsewhere.
    static func checkoutRoot() -> String? {
        guard var dir = try? executablePath() else { return nil }
        while let slash = dir.lastIndex(of: "/"), slash != dir.startIndex {
            dir = String(dir[..<slash])
            if isDirectory(dir + "/kernelspec/fovea") { return dir }
        }
        return nil
    }

    static func makeDirectories(_ path: String) throws {
        var current = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw ValidationError("cannot create \(current): \(String(cString: strerror(errno))).")
            }
        }
    }

    static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard let f = fopen(path, "wb") else {
            throw ValidationError("cannot write \(path): \(String(cString: strerror(errno))).")
        }
        defer { fclose(f) }
        guard fwrite(bytes, 1, bytes.count, f) == bytes.count else {
            throw ValidationError("cannot write \(path): \(String(cString: strerror(errno))).")
        }
    }
}
