import Glibc

/// A file opened with `open(path, 'rb')`, `'wb'`, `'ab'` or `'xb'`: read and written as bytes,
/// with `seek` and `tell` in bytes. A context manager, like the text file.
public final class BinaryFileObject: FoveaObject {
    public let name: String
    public let mode: String
    private let stream: FileStream

    init(name: String, mode: String, file: UnsafeMutablePointer<FILE>) {
        self.name = name; self.mode = mode
        stream = FileStream(path: name, file: file)
    }

    /// `io.UnsupportedOperation`: reading a file opened for writing, or the other way round.
    static let unsupported = ExceptionClass("UnsupportedOperation", base: .osError, otherBases: [.valueError])

    var readable: Bool { mode.contains("r") || mode.contains("+") }
    var writable: Bool { !mode.contains("r") || mode.contains("+") }

    /// `BufferedReader`, `BufferedWriter` or `BufferedRandom`, as Python names the class.
    public var typeName: String { mode.contains("+") ? "BufferedRandom" : (mode.contains("r") ? "BufferedReader" : "BufferedWriter") }
    public func repr() -> String { "<_io.\(typeName) name=\(Repr.string(name))>" }
    public var hostClass: AnyHostClass? { BinaryFileObject.binding }

    /// The open file; for a closed one, Python's ValueError for `what` ("read of closed file").
    func open(_ span: Span?, _ what: String = "I/O operation on closed file.") throws -> UnsafeMutablePointer<FILE> {
        try stream.stream(span, closed: what)
    }

    /// Up to `size` bytes (all that is left when `size` is negative).
    func read(_ size: Int, _ span: Span?) throws -> [UInt8] {
        let f = try open(span, "read of closed file")
        guard readable else { throw Diagnostic(BinaryFileObject.unsupported, "read", at: span, notes: ["note: the file was opened with mode \(Repr.string(mode)), for writing"]) }
        return stream.readBytes(size, f)
    }

    func write(_ bytes: [UInt8], _ span: Span?) throws -> Int {
        let f = try open(span, "write to closed file")
        guard writable else { throw Diagnostic(BinaryFileObject.unsupported, "write", at: span, notes: ["note: the file was opened with mode \(Repr.string(mode)), for reading"]) }
        try stream.writeBytes(bytes, f, span: span)
        return bytes.count
    }

    func close() { stream.close() }

    public func enter(context: CallContext) throws -> Value? {
        _ = try open(context.span)
        return .object(self)
    }
    public func exit(error: Diagnostic?, context: CallContext) throws -> Bool {
        close()
        return false
    }

    static let binding = HostClass<BinaryFileObject>("BufferedIOBase", module: "_io", doc: "A binary file opened with open(path, 'rb') or 'wb': read and write bytes.")
        .property("name", doc: "The path the file was opened with.") { f, _ in .str(f.name) }
        .property("mode", doc: "The mode it was opened with: 'rb', 'wb', 'ab', ...") { f, _ in .str(f.mode) }
        .property("closed", doc: "Whether the file is closed.") { f, _ in .bool(f.stream.isClosed) }
        .method("read", [.optional("size", default: .int(-1), positionalOnly: true)], doc: "The rest of the file as bytes (at most size bytes).") { f, a, ctx in
            let size = try a.optionalInt("size") ?? -1
            return .object(BytesObject(try f.read(size, ctx.span)))
        }
        .method("write", [.required("buffer", positionalOnly: true)], doc: "Write bytes; returns the number of bytes written.") { f, a, ctx in
            let v = a["buffer"]!
            guard let bytes = BytesObject.of(v) else { throw BytesObject.required(v, at: a.span(of: "buffer")) }
            return .int(try f.write(bytes, ctx.span))
        }
        .method("seek", [.required("offset", positionalOnly: true), .optional("whence", default: .int(0), positionalOnly: true)],
                doc: "Move to byte offset (whence 0: from the start, 1: from here, 2: from the end); returns the new position.") { f, a, ctx in
            let file = try f.open(ctx.span, "seek of closed file")
            let offset = try a.int("offset"), whence = try a.int("whence")
            guard (0...2).contains(whence) else {
                throw Diagnostic(.valueError, "whence value \(whence) unsupported", at: a.span(of: "whence"))
            }
                        if fseek(file, offset, [SEEK_SET, SEEK_CUR, SEEK_END][whence]) != 0 {
                let code = errno
                throw Diagnostic(.osError, "[Errno \(code)] \(String(cString: strerror(code)))", at: ctx.span)
            }
            return .int(ftell(file))
        }
        .method("tell", doc: "The current position in bytes from the start.") { f, _, ctx in .int(ftell(try f.open(ctx.span, "I/O operation on closed file"))) }
        .method("flush", doc: "Write what is buffered to the disk now.") { f, _, ctx in
            fflush(try f.open(ctx.span))
            return .none
        }
        .method("close", doc: "Close the file (with open(...) as f: closes it for you).") { f, _, _ in
            f.close()
            return .none
        }
}
