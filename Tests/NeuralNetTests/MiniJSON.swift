import Glibc

/// A tiny JSON reader for the reference files (no Foundation in Fovea).
enum JSON: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    subscript(key: String) -> JSON {
        if case let .object(members) = self { return members.first { $0.0 == key }?.1 ?? .null }
        return .null
    }
    var array: [JSON] { if case let .array(a) = self { return a }; return [] }
    var string: String? { if case let .string(s) = self { return s }; return nil }
    var int: Int? { if case let .number(n) = self { return Int(n) }; return nil }
    var bool: Bool? { if case let .bool(b) = self { return b }; return nil }
    /// `[null, 26, 26, 32]` as a shape with the batch as nil.
    var shape: [Int?] { array.map(\.int) }

    struct ParseError: Error { var message: String; var offset: Int }

    static func parse(_ text: String) throws -> JSON {
        var p = Parser(bytes: Array(text.utf8))
        let value = try p.value()
        p.skipSpace()
        guard p.i == p.bytes.count else { throw ParseError(message: "trailing characters", offset: p.i) }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        }

        mutating func expect(_ word: String) throws {
            for b in word.utf8 {
                guard i < bytes.count, bytes[i] == b else { throw ParseError(message: "expected \(word)", offset: i) }
                i += 1
            }
        }

        mutating func value() throws -> JSON {
            skipSpace()
            guard i < bytes.count else { throw ParseError(message: "unexpected end", offset: i) }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var members: [(String, JSON)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard case let .string(key) = try value() else { throw ParseError(message: "key", offset: i) }
                    skipSpace()
                    try expect(":")
                    members.append((key, try value()))
                    skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    try expect("}")
                    return .object(members)
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [JSON] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    items.append(try value())
                    skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    try expect("]")
                    return .array(items)
                }
            case UInt8(ascii: "\""):
                i += 1
                var out: [UInt8] = []
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") {
                        i += 1
                        guard i < bytes.count else { break }
                        switch bytes[i] {
                        case UInt8(ascii: "n"): out.append(0x0A)
                        case UInt8(ascii: "t"): out.append(0x09)
                        case UInt8(ascii: "r"): out.append(0x0D)
                        case UInt8(ascii: "b"): out.append(0x08)
                        case UInt8(ascii: "f"): out.append(0x0C)
                        case UInt8(ascii: "u"):
                            let hex = String(decoding: bytes[(i + 1)..<min(i + 5, bytes.count)], as: UTF8.self)
                            guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                                throw ParseError(message: "bad \\u escape", offset: i)
                            }
                            out += Array(String(Character(scalar)).utf8)
                            i += 4
                        default: out.append(bytes[i])
                        }
                        i += 1
                    } else {
                        out.append(bytes[i]); i += 1
                    }
                }
                try expect("\"")
                return .string(String(decoding: out, as: UTF8.self))
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            default:
                let start = i
                while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
                guard let n = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else {
                    throw ParseError(message: "bad number", offset: start)
                }
                return .number(n)
            }
        }
    }
}

/// Files beside the repository (`<repo>/../shared/reference`, or from a worktree one level
/// further up), read with Glibc.
enum Reference {
    static let directory: String? = {
        // #filePath is <repo>/Tests/NeuralNetTests/MiniJSON.swift
        var repo = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
            .joined(separator: "/")
        for _ in 0..<3 {
            let candidate = repo + "/../shared/reference/keras"
            if access(candidate, F_OK) == 0 { return candidate }
            repo += "/.."
        }
        return nil
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
