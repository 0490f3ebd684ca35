import Tensor

/// Reads numpy's `.npy` format (versions 1-3): magic `\x93NUMPY`, a version, a header length,
/// a Python-dict header `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`, then the
/// data. Little-endian (or byte) dtypes: u1 → uint8, b1 → bool, i4 → int32, i1/i2/i8/u2/u4 →
/// int64, f4 → float32, f8 → float64. Fortran-order arrays are refused.
public enum NPYReader {
    public static func read(_ path: String) throws -> Tensor {
        let bytes = try FileBytes.read(path)
        return try decode(bytes[...], name: path)
    }

    /// Decodes the bytes of one .npy file; `name` is used in error messages.
    public static func decode(_ bytes: ArraySlice<UInt8>, name: String) throws -> Tensor {
        let b = Array(bytes.prefix(12))
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard b.count >= 10, Array(b[0..<6]) == magic else {
            throw DatasetError.malformed(name, "not a .npy file: it should start with \\x93NUMPY")
        }
        let major = b[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(b[8]) | Int(b[9]) << 8
            headerStart = 10
        case 2, 3:
            guard b.count >= 12 else { throw DatasetError.malformed(name, "the .npy header is truncated") }
            headerLength = Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24
            headerStart = 12
        default:
            throw DatasetError.malformed(name, "unsupported .npy format version \(major) (expected 1, 2 or 3)")
        }
        let base = bytes.startIndex
        guard bytes.count >= headerStart + headerLength else {
            throw DatasetError.malformed(name, "the .npy header is truncated")
        }
        let header = String(decoding: bytes[(base + headerStart)..<(base + headerStart + headerLength)], as: UTF8.self)
        guard let descr = field(header, "descr").flatMap(quoted), let shapeText = field(header, "shape"),
              let fortran = field(header, "fortran_order") else {
            throw DatasetError.malformed(name, "the .npy header lacks 'descr', 'fortran_order' or 'shape': \(header)")
        }
        if fortran.hasPrefix("True") {
            throw DatasetError.malformed(name, "Fortran-order arrays are not supported; save it with np.save(path, np.ascontiguousarray(a))")
        }
        guard let dims = parseShape(shapeText) else { throw DatasetError.malformed(name, "cannot read the shape in the header: \(header)") }
        let shape = Shape(dims)
        guard let count = shape.checkedCount else { throw DatasetError.malformed(name, "impossible shape \(shape)") }
        let data = bytes[(base + headerStart + headerLength)...]

        let order = descr.first!, kind = descr.dropFirst().first ?? "?", size = Int(String(descr.dropFirst(2))) ?? 0
        if order == ">" && size > 1 {
            throw DatasetError.malformed(name, "big-endian dtype '\(descr)' is not supported; save it as little-endian ('<\(descr.dropFirst())')")
        }
        let supported: [String: DType] = ["u1": .uint8, "b1": .bool, "f4": .float32, "f8": .float64,
                                          "i1": .int64, "i2": .int64, "i4": .int32, "i8": .int64, "u2": .int64, "u4": .int64]
        guard let dtype = supported["\(kind)\(size)"] else {
            throw DatasetError.malformed(name, "unsupported dtype '\(descr)'; Fovea reads uint8, bool, int8-int64, uint16, uint32, float32 and float64")
        }
        guard data.count >= count * size else {
            throw DatasetError.malformed(name, "the data is truncated: \(data.count) bytes for \(count) values of \(size) bytes (shape \(shape))")
        }
        let t = try Tensor(zeros: shape, dtype: dtype)
        data.withUnsafeBytes { src in
            switch (kind, size) {
            case ("u", 1), ("b", 1):
                let d = t.bytes
                if count > 0 { UnsafeMutableRawPointer(d.baseAddress!).copyMemory(from: src.baseAddress!, byteCount: count) }
                if kind == "b" { for i in 0..<count where d[i] > 1 { d[i] = 1 } }
            case ("f", 4):
                let d = t.floats
                for i in 0..<count { d[i] = Float(bitPattern: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian) }
            case ("f", 8):
                let d = t.doubles
                for i in 0..<count { d[i] = Double(bitPattern: src.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).littleEndian) }
            case ("i", 4):
                let d = t.int32s
                for i in 0..<count { d[i] = Int32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)) }
            default:
                let d = t.int64s
                for i in 0..<count {
                    switch (kind, size) {
                    case ("i", 1): d[i] = Int64(Int8(bitPattern: src[i]))
                    case ("i", 2): d[i] = Int64(Int16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self)))
                    case ("u", 2): d[i] = Int64(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
                    case ("i", 4): d[i] = Int64(Int32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
                    case ("u", 4): d[i] = Int64(UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                    default: d[i] = Int64(littleEndian: src.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
                    }
                }
            }
        }
        return t
    }

    /// How many data bytes follow a header (the dict's text), for reading one array from a stream
    /// that holds several (`np.save(f, a); np.save(f, b)`); nil when the header cannot be read.
    public static func dataByteCount(header: String) -> Int? {
        guard let descr = field(header, "descr").flatMap(quoted), let shapeText = field(header, "shape"),
              let dims = parseShape(shapeText), let count = Shape(dims).checkedCount,
              let size = Int(String(descr.dropFirst(2))) else { return nil }
        return count * size
    }

    /// The text after `'key':` up to the next top-level comma or closing brace.
    private static func field(_ header: String, _ key: String) -> String? {
        let text = Array(header), pattern = Array("'\(key)':")
        guard let at = (0...max(0, text.count - pattern.count)).first(where: { i in
            i + pattern.count <= text.count && Array(text[i..<(i + pattern.count)]) == pattern
        }) else { return nil }
        var depth = 0
        var out = ""
        for c in text[(at + pattern.count)...] {
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if depth == 0 && (c == "," || c == "}") { break }
            out.append(c)
            if depth < 0 { return nil }
        }
        return out.trimmingSpaces
    }

    private static func quoted(_ s: String) -> String? {
        guard s.count >= 3, let q = s.first, q == "'" || q == "\"", s.last == q else { return nil }
        return String(s.dropFirst().dropLast())
    }

    private static func parseShape(_ s: String) -> [Int]? {
        guard s.hasPrefix("("), s.hasSuffix(")") else { return nil }
        let inner = s.dropFirst().dropLast()
        var dims: [Int] = []
        for part in inner.split(separator: ",") {
            let t = String(part).trimmingSpaces
            if t.isEmpty { continue }
            guard let d = Int(t.hasSuffix("L") ? String(t.dropLast()) : t), d >= 0 else { return nil }
            dims.append(d)
        }
        return dims
    }
}

fileprivate extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\n" || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\n" || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
