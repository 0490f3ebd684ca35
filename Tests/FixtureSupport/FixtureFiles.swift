import Glibc

/// The fixture folders beside these test sources, read with Glibc (no Foundation): shared by
/// the syntax fixtures (`Fixtures/syntax/*.cells`) and the runtime fixtures (`Fixtures/run/*.py`).
public enum FixtureFiles {
    /// `<this folder>/Fixtures/<name>`.
    public static func directory(_ name: String, sourceFile: String = #filePath) -> String {
        sourceFile.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            + "/Fixtures/" + name
    }

    public static func read(_ path: String) -> String? {
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

    /// The names in `directory` ending with `suffix`, sorted.
    public static func names(in directory: String, endingWith suffix: String) -> [String] {
        guard let d = opendir(directory) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasSuffix(suffix) { names.append(name) }
        }
        return names.sorted()
    }
}
