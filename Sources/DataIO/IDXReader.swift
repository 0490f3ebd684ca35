import Tensor

/// Reads IDX files (the MNIST / Fashion-MNIST format), gzip-compressed (`.gz`) or plain.
///
/// Layout: two zero bytes, a type byte, the number of dimensions, then each dimension as a
/// big-endian 32-bit integer, then the values row-major. Type 0x08 (unsigned byte) gives a uint8
/// tensor; 0x09 (signed byte), 0x0B (int16) and 0x0C (int32) give int64; 0x0D (float32) and
/// 0x0E (float64) give float32 (Fovea has no float64).
public enum IDXReader {
    public static func read(_ path: String) throws -> Tensor {
        let file = try FileBytes.GzipFile(path)
        let head = try file.readBytes(4, what: "the IDX header")
        guard head[0] == 0, head[1] == 0 else {
            throw DatasetError.malformed(path, "not an IDX file: it should start with two zero bytes, found 0x\(hex(head[0]))\(hex(head[1]))")
        }
        let rank = Int(head[3])
        let dimBytes = try file.readBytes(4 * rank, what: "the IDX dimensions")
        var dims: [Int] = []
        for k in 0..<rank {
            let b = dimBytes[(4 * k)..<(4 * k + 4)].map(Int.init)
            dims.append(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3])
        }
        let shape = Shape(dims)
        guard let count = shape.checkedCount else { throw DatasetError.malformed(path, "impossible IDX dimensions \(shape)") }
        let what = "\(count) values of shape \(shape)"
        switch head[2] {
        case 0x08:
            let t = try Tensor(zeros: shape, dtype: .uint8)
            try withExtendedLifetime(t) { try file.read(into: UnsafeMutableRawPointer(t.bytes.baseAddress!), count: count, what: what) }
            return t
        case 0x09, 0x0B, 0x0C, 0x0D, 0x0E:
            let size = [0x09: 1, 0x0B: 2, 0x0C: 4, 0x0D: 4, 0x0E: 8][Int(head[2])]!
            let raw = try file.readBytes(count * size, what: what)
            return try decodeBigEndian(raw, type: head[2], shape: shape)
        default:
            throw DatasetError.malformed(path, "unknown IDX element type 0x\(hex(head[2])) (expected 0x08 unsigned byte, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)")
        }
    }

    private static func decodeBigEndian(_ raw: [UInt8], type: UInt8, shape: Shape) throws -> Tensor {
        let n = shape.count
        func word(_ i: Int, _ size: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<size { v = v << 8 | UInt64(raw[i * size + k]) }
            return v
        }
        switch type {
        case 0x0D, 0x0E:
            let t = try Tensor(zeros: shape, dtype: .float32)
            let d = t.floats
            for i in 0..<n {
                d[i] = type == 0x0D ? Float(bitPattern: UInt32(word(i, 4))) : Float(Double(bitPattern: word(i, 8)))
            }
            return t
        default:
            let t = try Tensor(zeros: shape, dtype: .int64)
            let d = t.int64s
            for i in 0..<n {
                switch type {
                case 0x09: d[i] = Int64(Int8(bitPattern: raw[i]))
                case 0x0B: d[i] = Int64(Int16(bitPattern: UInt16(word(i, 2))))
                default: d[i] = Int64(Int32(bitPattern: UInt32(word(i, 4))))
                }
            }
            return t
        }
    }

    static func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16)
        return s.count == 1 ? "0" + s : s
    }
}
