import CZlib
import Glibc
import DataIO
import Tensor

/// Writes small dataset files (IDX, .npy, .npz; plain, gzipped or deflated with real zlib) into a
/// fresh temporary folder for the reader tests.
final class DatasetFolder {
    let path: String

    init() {
        var template = Array("/tmp/fovea-datasets-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit {
        if let dir = opendir(path) {
            while let e = readdir(dir) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(dir)
        }
        rmdir(path)
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let p = path + "/" + name
        let f = fopen(p, "wb")!
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, bytes.count, f) }
        fclose(f)
        return p
    }

    /// Writes `bytes` gzip-compressed through zlib's gzopen/gzwrite.
    @discardableResult
    func writeGzip(_ name: String, _ bytes: [UInt8]) -> String {
        let p = path + "/" + name
        let f = gzopen(p, "wb")!
        _ = bytes.withUnsafeBytes { gzwrite(f, $0.baseAddress, UInt32(bytes.count)) }
        gzclose(f)
        return p
    }
}

enum DatasetBytes {
    static func bigEndian32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }

    /// An IDX file of unsigned bytes.
    static func idx(_ dims: [Int], _ values: [UInt8], type: UInt8 = 0x08) -> [UInt8] {
        [0, 0, type, UInt8(dims.count)] + dims.flatMap(bigEndian32) + values
    }

    /// A version-1 .npy file with the given header fields and raw little-endian data.
    static func npy(descr: String, shape: [Int], data: [UInt8], fortran: Bool = false) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        let n = header.utf8.count
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(n & 255), UInt8(n >> 8)] + Array(header.utf8) + data
    }

    static func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { v in withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    }

    static func floats(_ values: [Float]) -> [UInt8] { littleEndian(values.map(\.bitPattern)) }
    static func doubles(_ values: [Double]) -> [UInt8] { littleEndian(values.map(\.bitPattern)) }

    /// Raw deflate (no zlib or gzip wrapper), as zip entries hold it.
    static func deflateRaw(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(deflateInit2_(&stream, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 16)
        var input = input
        let produced = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { outp -> Int in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = outp.baseAddress
                stream.avail_out = UInt32(outp.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return outp.count - Int(stream.avail_out)
            }
        }
        return Array(out[0..<produced])
    }

    /// A zip archive of `entries` (name, uncompressed bytes), each stored or deflated.
    static func zip(_ entries: [(name: String, data: [UInt8])], deflated: Bool) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 255), UInt8(v >> 8 & 255)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16 & 0xFFFF) }
        var body: [UInt8] = [], central: [UInt8] = []
        for e in entries {
            let payload = deflated ? deflateRaw(e.data) : e.data
            let crc = e.data.withUnsafeBufferPointer { Int(crc32(0, $0.baseAddress, UInt32($0.count))) }
            let name = Array(e.name.utf8)
            let method = deflated ? 8 : 0
            let offset = body.count
            body += le32(0x0403_4B50) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0) + le32(crc)
                + le32(payload.count) + le32(e.data.count) + le16(name.count) + le16(0) + name + payload
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0) + le32(crc)
                + le32(payload.count) + le32(e.data.count) + le16(name.count) + le16(0) + le16(0) + le16(0) + le16(0)
                + le32(0) + le32(offset) + name
        }
        let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
            + le32(central.count) + le32(body.count) + le16(0)
        return body + central + end
    }
}
