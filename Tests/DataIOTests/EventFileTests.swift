import DataIO
import Glibc
import Testing

/// TensorBoard event files: CRC-32C (fast against naive, and published vectors), TFRecord framing,
/// the Event protos' bytes, and the writer's file.
@Suite("TensorBoard event files")
struct EventFileTests {
    /// RFC 3720 (iSCSI) B.4's CRC-32C examples, and the usual check value of "123456789".
    static let vectors: [([UInt8], UInt32)] = [
        ([], 0),
        (Array("123456789".utf8), 0xE306_9283),
        ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        ((0..<32).map { UInt8($0) }, 0x46DD_794E),
        ((0..<32).reversed().map { UInt8($0) }, 0x113F_DB5C),
    ]

    @Test("CRC-32C gives the published check values, fast and naive")
    func knownVectors() {
        for (bytes, crc) in Self.vectors {
            #expect(CRC32C.checksum(bytes) == crc, "\(bytes.count) bytes")
            #expect(CRC32C.naiveChecksum(bytes) == crc, "\(bytes.count) bytes")
        }
    }

    @Test("the sliced CRC-32C equals the bitwise one on every length and alignment up to 300 bytes")
    func fastAgainstNaive() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var data: [UInt8] = []
        for _ in 0..<307 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            data.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        for start in 0..<7 {
            for end in start...300 {
                let slice = Array(data[start..<end])
                #expect(CRC32C.checksum(slice) == CRC32C.naiveChecksum(slice))
            }
        }
        // Continuing a checksum over a split gives the checksum of the whole.
        let whole = CRC32C.checksum(data)
        let first = data[..<123].withUnsafeBytes { CRC32C.checksum($0) }
        #expect(data[123...].withUnsafeBytes { CRC32C.update(first, $0) } == whole)
    }

    @Test("the masked CRC rotates right by 15 bits and adds 0xa282ead8")
    func masking() {
        #expect(CRC32C.masked(0) == 0xA282_EAD8)
        #expect(CRC32C.masked(0xE306_9283) == 0xC78A_B0E5)  // "123456789", as TensorBoard's reader computes it
        #expect(CRC32C.masked(0x0000_8000) == 0xA282_EAD9)  // bit 15 rotates to bit 0
        #expect(CRC32C.masked(0xFFFF_FFFF) == 0xA282_EAD7)  // wraps around 2^32
    }

    @Test("a TFRecord is length, masked CRC of the length, data, masked CRC of the data")
    func framing() {
        // "hello": length 5 as 8 little-endian bytes; CRC-32C of those 8 bytes masked, then of "hello".
        let lengthBytes: [UInt8] = [5, 0, 0, 0, 0, 0, 0, 0]
        let lengthCRC = CRC32C.masked(CRC32C.naiveChecksum(lengthBytes))
        let dataCRC = CRC32C.masked(CRC32C.naiveChecksum(Array("hello".utf8)))
        #expect(lengthCRC == 0x3E04_B2EA)
        #expect(dataCRC == 0x191C_1FBB)
        let expected: [UInt8] = [5, 0, 0, 0, 0, 0, 0, 0, 0xEA, 0xB2, 0x04, 0x3E] + Array("hello".utf8) + [0xBB, 0x1F, 0x1C, 0x19]
        #expect(TFRecord.frame(Array("hello".utf8)) == expected)
        // An empty record: 8 zero bytes, their masked CRC, then the masked CRC of nothing.
        #expect(TFRecord.frame([]) == [0, 0, 0, 0, 0, 0, 0, 0, 0x29, 0x03, 0x98, 0x07, 0xD8, 0xEA, 0x82, 0xA2])
    }

    @Test("varints are 7 bits a byte, low first")
    func varints() {
        #expect(ProtobufWriter.varint(0) == [0])
        #expect(ProtobufWriter.varint(1) == [1])
        #expect(ProtobufWriter.varint(127) == [0x7F])
        #expect(ProtobufWriter.varint(128) == [0x80, 0x01])
        #expect(ProtobufWriter.varint(300) == [0xAC, 0x02])
        #expect(ProtobufWriter.varint(UInt64.max) == [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    @Test("the version record and a scalar record are the bytes protobuf serializes")
    func eventBytes() {
        // event_pb2.Event(wall_time=1700000000.25, file_version='brain.Event:2').SerializeToString()
        #expect(TensorBoardEvent.versionRecord(wallTime: 1_700_000_000.25)
                == [9, 0, 0, 16, 64, 252, 84, 217, 65, 26, 13] + Array("brain.Event:2".utf8))
        // Event(wall_time=1.5, step=3) with one value: tag 'epoch_loss', a DT_FLOAT scalar tensor whose
        // tensor_content is 0.25 as 4 bytes, and metadata plugin_data.plugin_name 'scalars'.
        let expected: [UInt8] = [9, 0, 0, 0, 0, 0, 0, 248, 63, 16, 3, 42, 39, 10, 37, 10, 10] + Array("epoch_loss".utf8)
            + [66, 10, 8, 1, 18, 0, 34, 4, 0, 0, 128, 62, 74, 11, 10, 9, 10, 7] + Array("scalars".utf8)
        #expect(TensorBoardEvent.scalarRecord(tag: "epoch_loss", value: 0.25, step: 3, wallTime: 1.5) == expected)
        // Step 0 is proto3's default: not written.
        let atZero = TensorBoardEvent.scalarRecord(tag: "epoch_loss", value: 0.25, step: 0, wallTime: 1.5)
        #expect(atZero == Array(expected[0..<9]) + Array(expected[11...]))
    }

    @Test("histogram buckets split [min, max] in 30, the maximum in the last; equal values and no values as TensorBoard")
    func histogramBuckets() {
        // 0, 1, ..., 30: width 1, so bucket i holds i, and the last one holds 29 and 30.
        let rows = TensorBoardHistogram.buckets((0...30).map { Float($0) })
        #expect(rows.count == 90)
        for i in 0..<30 {
            #expect(rows[3 * i] == Double(i) && rows[3 * i + 1] == Double(i + 1))
            #expect(rows[3 * i + 2] == (i == 29 ? 2 : 1))
        }
        let same = TensorBoardHistogram.buckets([0.5, 0.5, 0.5])
        #expect((0..<30).allSatisfy { same[3 * $0] == 0.5 && same[3 * $0 + 1] == 0.5 })
        #expect(same[89] == 3 && same[0..<89].enumerated().allSatisfy { $0.offset % 3 != 2 || $0.element == 0 })
        #expect(TensorBoardHistogram.buckets([]) == [Double](repeating: 0, count: 90))
        // A NaN is left out instead of trapping.
        #expect(TensorBoardHistogram.buckets([1, .nan, 2]).enumerated().filter { $0.offset % 3 == 2 }.map(\.element).reduce(0, +) == 2)
        // The record: a DT_DOUBLE (30, 3) tensor, 720 bytes of content, for the "histograms" plugin.
        let record = TensorBoardEvent.histogramRecord(tag: "w/histogram", values: [1, 2], step: 1, wallTime: 0)
        #expect(record.suffix(10) == ArraySlice("histograms".utf8))
        #expect(record.count > 720)
    }

    @Test("the writer makes the folder, names the file as TensorFlow does and frames every record")
    func writerFile() throws {
        var template = Array("/tmp/fovea-events-XXXXXX".utf8CString)
        let root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        let writer = try EventFileWriter(directory: root + "/logs/train")
        defer { unlink(writer.path); rmdir(root + "/logs/train"); rmdir(root + "/logs"); rmdir(root) }
        try writer.addScalar("epoch_loss", 0.5, step: 0)
        try writer.addScalar("epoch_loss", 0.25, step: 1)
        try writer.close()
        #expect(!writer.isOpen)
        let name = String(writer.path.split(separator: "/").last!)
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        #expect(name.hasPrefix("events.out.tfevents."))
        #expect(parts[3].count == 10 && Int(parts[3]) != nil)
        #expect(parts[parts.count - 2].allSatisfy(\.isNumber) && parts.last == "v2")
        #expect(parts[parts.count - 3] == Substring(String(getpid())))
        #expect(writer.path.hasPrefix(root + "/logs/train/"))

        let f = fopen(writer.path, "rb")!
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        fclose(f)
        var records: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            var length = 0
            for k in 0..<8 { length |= Int(bytes[i + k]) << (8 * k) }
            let data = Array(bytes[(i + 12)..<(i + 12 + length)])
            #expect(TFRecord.frame(data) == Array(bytes[i..<(i + 16 + length)]))
            records.append(data)
            i += 16 + length
        }
        #expect(i == bytes.count)
        #expect(records.count == 3)
        #expect(records[0].suffix(13) == ArraySlice("brain.Event:2".utf8))
        #expect(records[1].suffix(7) == ArraySlice("scalars".utf8))
    }

    @Test("a log folder that is a file is refused, naming it")
    func folderIsAFile() throws {
        var template = Array("/tmp/fovea-events-XXXXXX".utf8CString)
        let root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        defer { unlink(root + "/logs"); rmdir(root) }
        fclose(fopen(root + "/logs", "w"))
        do {
            _ = try EventFileWriter(directory: root + "/logs/train")
            Issue.record("expected an error")
        } catch let e as EventFileError {
            #expect(e.kind == .notADirectory)
            #expect(e.path == root + "/logs")
        }
    }
}
