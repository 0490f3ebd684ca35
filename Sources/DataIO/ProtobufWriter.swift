/// The few protocol-buffer encodings an event file needs, written by hand: varints, 64-bit
/// doubles and length-delimited fields (strings, bytes, nested messages). Fields are appended in
/// the order they are written; callers write them in field-number order, as protobuf's own
/// serializers do, so that the bytes equal theirs.
public struct ProtobufWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Wire types.
    static let varintType: UInt64 = 0, fixed64Type: UInt64 = 1, lengthDelimitedType: UInt64 = 2

    /// A base-128 varint, low groups first, the high bit of each byte saying another follows.
    public static func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
        return out
    }

    mutating func key(_ field: Int, _ wireType: UInt64) {
        bytes += Self.varint(UInt64(field) << 3 | wireType)
    }

    /// An int64, uint64 or enum field. A negative int64 takes ten bytes, as protobuf writes it.
    public mutating func varintField(_ field: Int, _ value: Int64) {
        key(field, Self.varintType)
        bytes += Self.varint(UInt64(bitPattern: value))
    }

    /// A double field: its IEEE bits, little-endian.
    public mutating func doubleField(_ field: Int, _ value: Double) {
        key(field, Self.fixed64Type)
        let bits = value.bitPattern
        for i in 0..<8 { bytes.append(UInt8((bits >> (8 * UInt64(i))) & 0xFF)) }
    }

    /// A bytes field, or a nested message's serialization.
    public mutating func bytesField(_ field: Int, _ value: [UInt8]) {
        key(field, Self.lengthDelimitedType)
        bytes += Self.varint(UInt64(value.count))
        bytes += value
    }

    public mutating func stringField(_ field: Int, _ value: String) {
        bytesField(field, Array(value.utf8))
    }

    public mutating func messageField(_ field: Int, _ message: ProtobufWriter) {
        bytesField(field, message.bytes)
    }
}

/// TFRecord framing, the container of event files: each record is its length (8 bytes,
/// little-endian), the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the
/// data (each CRC 4 bytes, little-endian).
public enum TFRecord {
    public static func frame(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        let length = UInt64(data.count)
        for i in 0..<8 { out.append(UInt8((length >> (8 * UInt64(i))) & 0xFF)) }
        appendLittleEndian(CRC32C.masked(CRC32C.checksum(out)), to: &out)
        out += data
        appendLittleEndian(CRC32C.masked(CRC32C.checksum(data)), to: &out)
        return out
    }

    static func appendLittleEndian(_ value: UInt32, to out: inout [UInt8]) {
        for i in 0..<4 { out.append(UInt8((value >> (8 * UInt32(i))) & 0xFF)) }
    }
}
