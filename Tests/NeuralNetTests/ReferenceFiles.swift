import Glibc

import JSON

/// A reference shape such as `[null, 26, 26, 32]`, with the batch as nil. The files are read
/// with the project's own JSON codec (JupyterProtocol).
func referenceShape(_ json: JSON?) -> [Int?] {
    (json?.arrayValue ?? []).map(\.intValue)
}

/// The Keras reference summaries copied into the repository (`Tests/Fixtures/keras-reference`,
/// see its README), read with Glibc.
enum Reference {
    static let directory: String? = {
        // #filePath is <repo>/Tests/NeuralNetTests/ReferenceFiles.swift
        let tests = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).dropLast(2)
            .joined(separator: "/")
        let candidate = tests + "/Fixtures/keras-reference"
        return access(candidate, F_OK) == 0 ? candidate : nil
    }()

    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func files(prefix: String, suffix: String) -> [String] {
        guard let directory, let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(prefix), name.hasSuffix(suffix) { names.append(name) }
        }
        return names.sorted()
    }
}
