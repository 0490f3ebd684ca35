import CZlib

/// A PNG reader for the tests: checks the signature and every chunk's CRC (with a CRC-32 of its
/// own, independent of the encoder's zlib call), inflates the IDAT data with zlib and undoes
/// the filters of each row (all five PNG filter types).
struct DecodedPNG {
    var width: Int
    var height: Int
    var colorType: UInt8
    var bitDepth: UInt8
    /// Row-major samples, `width * channels` per row.
    var pixels: [UInt8]
    var chunkTypes: [String]

    var channels: Int { colorType == 0 ? 1 : colorType == 2 ? 3 : colorType == 6 ? 4 : 0 }

    /// The pixel as RGB (gray repeated).
    func rgb(x: Int, y: Int) -> [UInt8] {
        let i = (y * width + x) * channels
        return channels == 1 ? [pixels[i], pixels[i], pixels[i]] : Array(pixels[i..<(i + 3)])
    }
}

enum PNGError: Error, Equatable {
    case signature, truncated, crc(String), header, inflate(Int32), filter(UInt8), size
}

/// CRC-32 (ISO 3309, polynomial 0xEDB88320), bit by bit.
func referenceCRC(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        c ^= UInt32(b)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }
    return c ^ 0xFFFF_FFFF
}

func decodePNG(_ data: [UInt8]) throws -> DecodedPNG {
    guard data.count >= 8, Array(data[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw PNGError.signature }
    func u32(_ i: Int) -> Int { Int(data[i]) << 24 | Int(data[i + 1]) << 16 | Int(data[i + 2]) << 8 | Int(data[i + 3]) }
    var at = 8
    var types: [String] = []
    var idat: [UInt8] = []
    var header: [UInt8] = []
    while at < data.count {
        guard at + 12 <= data.count else { throw PNGError.truncated }
        let length = u32(at)
        guard at + 12 + length <= data.count else { throw PNGError.truncated }
        let typeAndData = Array(data[(at + 4)..<(at + 8 + length)])
        let type = String(decoding: typeAndData[0..<4], as: UTF8.self)
        guard UInt32(u32(at + 8 + length)) == referenceCRC(typeAndData) else { throw PNGError.crc(type) }
        types.append(type)
        let body = Array(typeAndData[4...])
        if type == "IHDR" { header = body }
        if type == "IDAT" { idat += body }
        at += 12 + length
        if type == "IEND" { break }
    }
    guard header.count == 13 else { throw PNGError.header }
    let width = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
    let height = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
    var png = DecodedPNG(width: width, height: height, colorType: header[9], bitDepth: header[8], pixels: [], chunkTypes: types)
    let rowBytes = width * png.channels
    var size = uLong((rowBytes + 1) * height)
    var raw = [UInt8](repeating: 0, count: Int(size))
    let status = raw.withUnsafeMutableBufferPointer { dst in
        idat.withUnsafeBufferPointer { src in uncompress(dst.baseAddress, &size, src.baseAddress, uLong(src.count)) }
    }
    guard status == Z_OK else { throw PNGError.inflate(status) }
    guard Int(size) == (rowBytes + 1) * height else { throw PNGError.size }
    let bpp = png.channels
    var out = [UInt8](repeating: 0, count: rowBytes * height)
    for y in 0..<height {
        let filter = raw[y * (rowBytes + 1)]
        for i in 0..<rowBytes {
            let x = raw[y * (rowBytes + 1) + 1 + i]
            let a = i >= bpp ? Int(out[y * rowBytes + i - bpp]) : 0
            let b = y > 0 ? Int(out[(y - 1) * rowBytes + i]) : 0
            let c = i >= bpp && y > 0 ? Int(out[(y - 1) * rowBytes + i - bpp]) : 0
            let predictor: Int
            switch filter {
            case 0: predictor = 0
            case 1: predictor = a
            case 2: predictor = b
            case 3: predictor = (a + b) / 2
            case 4:
                let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
            default: throw PNGError.filter(filter)
            }
            out[y * rowBytes + i] = UInt8((Int(x) + predictor) & 0xff)
        }
    }
    png.pixels = out
    return png
}
