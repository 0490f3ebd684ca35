import CZlib

/// A PNG encoder: 8-bit grayscale, RGB or RGBA, one IDAT chunk compressed with zlib's deflate,
/// no filtering (filter byte 0 on each row), CRC-32 on every chunk.
public enum PNG {
    /// The PNG colour types this encoder writes, with their number of channels.
    public enum ColorType: UInt8, Sendable {
        case gray = 0
        case rgb = 2
        case rgba = 6

        public var channels: Int {
            switch self {
            case .gray: return 1
            case .rgb: return 3
            case .rgba: return 4
            }
        }
    }

    /// The PNG file for `pixels`: rows top to bottom, each `width * channels` bytes.
    /// Precondition: `pixels.count == width * height * colorType.channels`, both sides at least 1.
    public static func encode(width: Int, height: Int, colorType: ColorType, pixels: [UInt8]) -> [UInt8] {
        precondition(width > 0 && height > 0, "a PNG needs at least one pixel")
        precondition(pixels.count == width * height * colorType.channels, "pixel count does not match the size")
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [8, colorType.rawValue, 0, 0, 0]  // bit depth, colour type, deflate, filter 0, no interlace
        chunk("IHDR", header, into: &out)

        let rowBytes = width * colorType.channels
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        for y in 0..<height {
            raw.withUnsafeMutableBufferPointer { dst in
                pixels.withUnsafeBufferPointer { src in
                    let d = dst.baseAddress! + y * (rowBytes + 1) + 1
                    d.update(from: src.baseAddress! + y * rowBytes, count: rowBytes)
                }
            }
        }
        chunk("IDAT", deflate(raw), into: &out)
        chunk("IEND", [], into: &out)
        return out
    }

    /// zlib's CRC-32 of the bytes.
    public static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
    }

    /// A zlib stream (RFC 1950) of the bytes at the best compression.
    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { dst in
            bytes.withUnsafeBufferPointer { src in
                compress2(dst.baseAddress, &size, src.baseAddress, uLong(src.count), 9)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        return Array(out[0..<Int(size)])
    }

    private static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        out += bigEndian(UInt32(data.count))
        out += typeBytes
        out += data
        out += bigEndian(crc(typeBytes + data))
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)]
    }
}
