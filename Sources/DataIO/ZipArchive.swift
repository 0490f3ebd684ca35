/// Zip archives as numpy's `.npz` files and Python's `zipfile` read them: the central directory's
/// entries, each stored (method 0) or deflated (method 8). Zip64 archives (entries above 4 GiB) are
/// not supported.
public enum ZipArchive {
    /// The archive's bytes and entries, in the order of its central directory.
    public static func read(_ path: String) throws -> (bytes: [UInt8], entries: [Entry]) {
        let bytes = try FileBytes.read(path)
        return (bytes, try entries(bytes, path: path))
    }

    public struct Entry: Sendable {
        /// The entry's path inside the archive, '/'-separated; a folder's ends with '/'.
        public var name: String
        var method: Int
        public var compressedSize: Int
        public var size: Int
        var localHeader: Int
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }

    public static func entries(_ b: [UInt8], path: String) throws -> [Entry] {
        // The end-of-central-directory record: signature PK\5\6, within the last 64 KiB + 22 bytes.
        var eocd = -1
        var i = b.count - 22
        while i >= max(0, b.count - 22 - 65535) {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 5, b[i + 3] == 6 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else {
            throw DatasetError.malformed(path, "not a zip archive (no end-of-central-directory record)")
        }
        let count = u16(b, eocd + 10)
        var at = u32(b, eocd + 16)
        if count == 0xFFFF || at == 0xFFFF_FFFF {
            throw DatasetError.malformed(path, "zip64 archives are not supported")
        }
        var result: [Entry] = []
        for _ in 0..<count {
            guard at + 46 <= b.count, u32(b, at) == 0x0201_4B50 else {
                throw DatasetError.malformed(path, "corrupt zip central directory at byte \(at)")
            }
            let nameLength = u16(b, at + 28), extra = u16(b, at + 30), comment = u16(b, at + 32)
            guard at + 46 + nameLength <= b.count else { throw DatasetError.malformed(path, "corrupt zip central directory at byte \(at)") }
            let name = String(decoding: b[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            let e = Entry(name: name, method: u16(b, at + 10), compressedSize: u32(b, at + 20), size: u32(b, at + 24),
                          localHeader: u32(b, at + 42))
            if e.compressedSize == 0xFFFF_FFFF || e.size == 0xFFFF_FFFF || e.localHeader == 0xFFFF_FFFF {
                throw DatasetError.malformed(path, "entry '\(name)' uses zip64, which is not supported")
            }
            result.append(e)
            at += 46 + nameLength + extra + comment
        }
        return result
    }

    /// The entry's bytes, inflated when it is deflated.
    public static func payload(_ b: [UInt8], _ e: Entry, path: String) throws -> ArraySlice<UInt8> {
        let h = e.localHeader
        guard h + 30 <= b.count, u32(b, h) == 0x0403_4B50 else {
            throw DatasetError.malformed(path, "corrupt local header for entry '\(e.name)'")
        }
        let start = h + 30 + u16(b, h + 26) + u16(b, h + 28)
        guard start + e.compressedSize <= b.count else {
            throw DatasetError.malformed(path, "entry '\(e.name)' is truncated (the archive ends early)")
        }
        let data = b[start..<(start + e.compressedSize)]
        switch e.method {
        case 0: return data
        case 8: return try FileBytes.inflateRaw(data, expected: e.size, path: path, entry: e.name)[...]
        default:
            throw DatasetError.malformed(path, "entry '\(e.name)' uses zip compression method \(e.method); only stored (0) and deflated (8) are supported")
        }
    }
}
