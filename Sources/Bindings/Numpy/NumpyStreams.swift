import DataIO
import FoveaLang

/// numpy's files given as open file objects (`with open('a.npy', 'wb') as f: np.save(f, a)`):
/// anything with `write(bytes)` to save into, or `read(n)` to load from, at its current position,
/// as numpy reads one array after another from one stream.
enum NumpyStreams {
    /// Whether `value` is a file object rather than a path.
    static func isStream(_ value: Value) -> Bool {
        if value.fileSystemPath != nil { return false }
        if case .object = value { return true }
        return false
    }

    static func write(_ bytes: [UInt8], to stream: Value, _ ctx: CallContext, at span: Span) throws {
        guard let write = try? ctx.at(span).getAttribute(stream, "write") else { throw stream.notAPath(at: span) }
        _ = try ctx.at(span).call(write, [.object(BytesObject(bytes))])
    }

    static func read(_ stream: Value, count: Int?, _ ctx: CallContext, at span: Span) throws -> [UInt8] {
        guard let read = try? ctx.at(span).getAttribute(stream, "read") else { throw stream.notAPath(at: span) }
        let value = try ctx.at(span).call(read, count.map { [.int($0)] } ?? [])
        guard case .object(let o) = value, let b = o as? BytesObject else {
            throw Diagnostic(.typeError, "np.load needs a file opened in binary mode ('rb'); its read() returned \(value.typeName)", at: span)
        }
        return b.bytes
    }

    /// One array from the stream's position (.npy), or the whole rest of it (.npz).
    static func load(_ stream: Value, _ ctx: CallContext, at span: Span) throws -> Value {
        let name = (try? ctx.getAttribute(stream, "name")).flatMap { v -> String? in if case .str(let s) = v { return s }; return nil } ?? "<file>"
        var bytes = try read(stream, count: 6, ctx, at: span)
        if bytes.starts(with: [0x50, 0x4B]) {
            bytes += try read(stream, count: nil, ctx, at: span)
            let entries = try ArrayValues.run(span) { try ZipArchive.entries(bytes, path: name) }
            return .object(NpzFileObject(path: name, bytes: bytes, entries: entries))
        }
        guard bytes == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59] else {
            throw Diagnostic(.valueError, bytes.isEmpty ? "\(name): no data left to load (the file is at its end)"
                                                        : "\(name): not a .npy file (it would start with \\x93NUMPY) nor a .npz archive (PK\\x03\\x04)", at: span)
        }
        bytes += try read(stream, count: 2, ctx, at: span)
        let lengthBytes = bytes[6] == 1 ? 2 : 4
        let lengths = try read(stream, count: lengthBytes, ctx, at: span)
        bytes += lengths
        let headerLength = lengths.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try read(stream, count: headerLength, ctx, at: span)
        bytes += header
        guard let dataBytes = NPYReader.dataByteCount(header: String(decoding: header, as: UTF8.self)) else {
            throw Diagnostic(.valueError, "\(name): cannot read the .npy header: \(String(decoding: header, as: UTF8.self))", at: span)
        }
        bytes += try read(stream, count: dataBytes, ctx, at: span)
        return .object(TensorObject(try ArrayValues.run(span) { try NPYReader.decode(bytes[...], name: name) }))
    }
}
