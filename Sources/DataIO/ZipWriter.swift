import CZlib
import Glibc

/// Writes a zip archive as Python's zipfile does for `np.savez` (entries stored) and
/// `np.savez_compressed` (entries deflated with zlib's default level): local headers, data,
/// central directory, end record. No zip64: an archive above 4 GiB is refused.
public enum ZipWriter {
    public static func archive(_ entries: [(name: String, data: [UInt8])], compressed: Bool) throws -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        let (time, date) = dosTime()
        for (name, data) in entries {
            let nameBytes = Array(name.utf8)
            let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
            let payload = compressed ? try deflateRaw(data, name: name) : data
            guard out.count + payload.count < 0xFFFF_FFFF, data.count < 0xFFFF_FFFF else {
                throw DatasetError(.malformed, "the archive would exceed 4 GiB, which needs zip64 (not supported)")
            }
            let offset = out.count
            let method: UInt16 = compressed ? 8 : 0
            // Local file header.
            put32(&out, 0x0403_4B50); put16(&out, 20); put16(&out, 0); put16(&out, method)
            put16(&out, time); put16(&out, date); put32(&out, crc)
            put32(&out, UInt32(payload.count)); put32(&out, UInt32(data.count))
            put16(&out, UInt16(nameBytes.count)); put16(&out, 0)
            out += nameBytes
            out += payload
            // Its central directory record: made by Unix (3), version 2.0, permissions 0o600.
            put32(&central, 0x0201_4B50); put16(&central, 0x0314); put16(&central, 20); put16(&central, 0)
            put16(&central, method); put16(&central, time); put16(&central, date); put32(&central, crc)
            put32(&central, UInt32(payload.count)); put32(&central, UInt32(data.count))
            put16(&central, UInt16(nameBytes.count)); put16(&central, 0); put16(&central, 0)
            put16(&central, 0); put16(&central, 0); put32(&central, 0o600 << 16); put32(&central, UInt32(offset))
            central += nameBytes
        }
        let centralOffset = out.count
        out += central
        put32(&out, 0x0605_4B50); put16(&out, 0); put16(&out, 0)
        put16(&out, UInt16(entries.count)); put16(&out, UInt16(entries.count))
        put32(&out, UInt32(central.count)); put32(&out, UInt32(centralOffset)); put16(&out, 0)
        return out
    }

    /// Raw deflate (no zlib header), as zip's method 8 stores it.
    static func deflateRaw(_ data: [UInt8], name: String) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError(.malformed, "zlib could not start compressing '\(name)'")
        }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(data.count))) + 16)
        var status: Int32 = Z_OK
        var produced = 0
        data.withUnsafeBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { outp in
                stream.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
                stream.avail_in = UInt32(inp.count)
                stream.next_out = outp.baseAddress
                stream.avail_out = UInt32(outp.count)
                status = deflate(&stream, Z_FINISH)
                produced = outp.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else { throw DatasetError(.malformed, "zlib could not compress '\(name)' (status \(status))") }
        return Array(out[0..<produced])
    }

    /// The local time in MS-DOS form, as zipfile stamps entries.
    static func dosTime() -> (UInt16, UInt16) {
        var now = time(nil)
        var t = tm()
        localtime_r(&now, &t)
        let time = UInt16(t.tm_hour << 11 | t.tm_min << 5 | t.tm_sec / 2)
        let date = UInt16(max(0, Int(t.tm_year) - 80) << 9 | Int(t.tm_mon + 1) << 5 | Int(t.tm_mday))
        return (time, date)
    }

    private static func put16(_ out: inout [UInt8], _ v: UInt16) { out += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private static func put32(_ out: inout [UInt8], _ v: UInt32) { for i in 0..<4 { out.append(UInt8((v >> (8 * UInt32(i))) & 0xFF)) } }
}
