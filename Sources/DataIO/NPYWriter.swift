import Tensor

/// Writes numpy's `.npy` format byte for byte as `np.save` does (numpy 1.x and 2.x): version 1.0
/// (2.0 when the header outgrows 65535 bytes), the header dict with its keys sorted, room for the
/// first axis to grow to 21 digits, and spaces so that the data starts at a multiple of 64 bytes.
public enum NPYWriter {
    /// numpy's `descr` for a dtype: '<f4', '|u1', ...
    public static func descr(_ dtype: DType) -> String {
        switch dtype {
        case .float32: return "<f4"
        case .float64: return "<f8"
        case .uint8: return "|u1"
        case .int32: return "<i4"
        case .int64: return "<i8"
        case .bool: return "|b1"
        }
    }

    /// Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`.
    static func shapeRepr(_ dims: [Int]) -> String {
        dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.map(String.init).joined(separator: ", ") + ")"
    }

    /// The header: magic, version, length, the dict and its padding.
    public static func header(_ dtype: DType, _ dims: [Int]) -> [UInt8] {
        var dict = "{'descr': '\(descr(dtype))', 'fortran_order': False, 'shape': \(shapeRepr(dims)), }"
        if let first = dims.first { dict += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        let text = Array(dict.utf8)
        let hlen = text.count + 1
        var prefix: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        var padded = hlen + 64 - ((8 + 2 + hlen) % 64)
        if padded <= 65535 {
            prefix += [1, 0, UInt8(padded & 0xFF), UInt8(padded >> 8)]
        } else {
            padded = hlen + 64 - ((8 + 4 + hlen) % 64)
            prefix += [2, 0] + (0..<4).map { UInt8((padded >> (8 * $0)) & 0xFF) }
        }
        return prefix + text + [UInt8](repeating: 0x20, count: padded - hlen) + [0x0A]
    }

    /// The whole file: header, then the elements in C order, little-endian.
    public static func encode(_ t: Tensor) -> [UInt8] {
        var out = header(t.dtype, t.shape.dims)
        let n = t.count
        out.reserveCapacity(out.count + n * t.dtype.byteSize)
        withExtendedLifetime(t) {
            switch t.dtype {
            case .uint8, .bool: out += t.bytes
            case .float32: for v in t.floats { append(&out, v.bitPattern) }
            case .float64: for v in t.doubles { append(&out, v.bitPattern) }
            case .int32: for v in t.int32s { append(&out, UInt32(bitPattern: v)) }
            case .int64: for v in t.int64s { append(&out, UInt64(bitPattern: v)) }
            }
        }
        return out
    }

    private static func append<I: FixedWidthInteger>(_ out: inout [UInt8], _ v: I) {
        withUnsafeBytes(of: v.littleEndian) { out += $0 }
    }
}
