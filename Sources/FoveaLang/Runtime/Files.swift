import Glibc

/// `open(path, mode)` and the text file it returns: real files of the kernel's user, read and
/// written as UTF-8 text. A file is a context manager (`with open(...) as f:` closes it) and
/// iterates over its lines. Binary modes (`'rb'`, `'wb'`) give a `BinaryFileObject`.
public final class FileObject: FoveaObject {
    public let name: String
    public let mode: String
    /// Reading with `newline=None` (the default): `\r\n` line ends read as `\n`, as in Python.
    let universalNewlines: Bool
    private let stream: FileStream

    init(name: String, mode: String, file: UnsafeMutablePointer<FILE>, universalNewlines: Bool) {
        self.name = name; self.mode = mode; self.universalNewlines = universalNewlines
        stream = FileStream(path: name, file: file)
    }

    public var typeName: String { "TextIOWrapper" }
    public func repr() -> String { "<_io.TextIOWrapper name=\(Repr.string(name)) mode=\(Repr.string(mode)) encoding='UTF-8'>" }
    public var hostClass: AnyHostClass? { FileObject.binding }
    public var isClosed: Bool { stream.isClosed }

    func open(_ span: Span?) throws -> UnsafeMutablePointer<FILE> { try stream.stream(span) }

    func readAll(_ span: Span?) throws -> String {
        let bytes = stream.readBytes(-1, try open(span))
        let text = String(decoding: bytes, as: UTF8.self)
        return universalNewlines ? text.replacingAll("\r\n", with: "\n") : text
    }

    func readLine(_ span: Span?) throws -> String {
        let f = try open(span)
        var bytes: [UInt8] = []
        while true {
            let c = fgetc(f)
            if c == EOF { break }
            bytes.append(UInt8(c))
            if c == 10 { break }
        }
        if universalNewlines, bytes.count >= 2, bytes[bytes.count - 2] == 13, bytes.last == 10 { bytes.removeLast(2); bytes.append(10) }
        return String(decoding: bytes, as: UTF8.self)
    }

    func write(_ text: String, _ span: Span?) throws -> Int {
        try stream.writeBytes(Array(text.utf8), try open(span), span: span)
        return text.unicodeScalars.count
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

    public func makeIterator(context: CallContext) throws -> IteratorBox? {
        _ = try open(context.span)
        return IteratorBox("TextIOWrapper") { [self] in
            let line = try readLine(nil)
            return line.isEmpty ? nil : .str(line)
        }
    }

    static let binding = HostClass<FileObject>("TextIOWrapper", module: "_io", doc: "A text file opened with open(): read, write, iterate over lines, close.")
        .property("name", doc: "The path the file was opened with.") { f, _ in .str(f.name) }
        .property("mode", doc: "The mode it was opened with: 'r', 'w', 'a', ...") { f, _ in .str(f.mode) }
        .property("closed", doc: "Whether the file is closed.") { f, _ in .bool(f.isClosed) }
        .method("read", [.optional("size", default: .int(-1), positionalOnly: true)], doc: "The rest of the file as one string (at most size characters).") { f, a, ctx in
            let size = try a.int("size")
            let text = try f.readAll(ctx.span)
            guard size >= 0, size < text.unicodeScalars.count else { return .str(text) }
            // What was read past `size` goes back, so the next read starts there.
            let rest = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(size)))
            fseek(try f.open(ctx.span), -rest.utf8.count, SEEK_CUR)
            return .str(String(String.UnicodeScalarView(text.unicodeScalars.prefix(size))))
        }
        .method("readline", doc: "The next line, with its newline; '' at the end of the file.") { f, _, ctx in .str(try f.readLine(ctx.span)) }
        .method("readlines", doc: "The remaining lines, each with its newline.") { f, _, ctx in
            var lines: [Value] = []
            while true {
                let line = try f.readLine(ctx.span)
                if line.isEmpty { break }
                lines.append(.str(line))
            }
            return .list(lines)
        }
        .method("write", [.required("s", positionalOnly: true)], doc: "Write a string; returns the number of characters written.") { f, a, ctx in
            guard case .str(let s) = a["s"]! else {
                throw Diagnostic(.typeError, "write() argument must be str, not \(a["s"]!.typeName)", at: a.span(of: "s"))
            }
            return .int(try f.write(s, ctx.span))
        }
        .method("writelines", [.required("lines", positionalOnly: true)], doc: "Write each string of an iterable (no newlines are added).") { f, a, ctx in
            for line in try ctx.iterate(a["lines"]!) {
                guard case .str(let s) = line else { throw Diagnostic(.typeError, "write() argument must be str, not \(line.typeName)", at: a.span(of: "lines")) }
                _ = try f.write(s, ctx.span)
            }
            return .none
        }
        .method("flush", doc: "Write what is buffered to the disk now.") { f, _, ctx in
            fflush(try f.open(ctx.span))
            return .none
        }
        .method("close", doc: "Close the file (with open(...) as f: closes it for you).") { f, _, _ in
            f.close()
            return .none
        }
}

extension Diagnostic {
    /// The OSError subclass Python raises for a failed call on `path`, with its message:
    /// `FileNotFoundError: [Errno 2] No such file or directory: 'x'`.
    public static func os(errno code: Int32, path: String, at span: Span?) -> Diagnostic {
        let kind: ExceptionClass
        switch code {
        case ENOENT: kind = .fileNotFoundError
        case EEXIST: kind = .fileExistsError
        case EACCES, EPERM: kind = .permissionError
        case EISDIR: kind = .isADirectoryError
        case ENOTDIR: kind = .notADirectoryError
        default: kind = .osError
        }
        let reason = String(cString: strerror(code))
        var d = Diagnostic(kind, "[Errno \(code)] \(reason): \(Repr.string(path))", at: span)
        d.args = [.int(Int(code)), .str(reason)]
        d.filename = .str(path)
        return d
    }
}

extension Builtins {
    static var files: [NativeFunction] { [open] }

    /// `open(file, mode='r', ...)`, for a library that opens files as the built-in does
    /// (`Path.open`).
    public static var open: NativeFunction {
        NativeFunction("open", doc: "Open a file: mode 'r' to read text (the default), 'w' to write (emptying it first), 'a' to append, 'x' to create a new one; add 'b' ('rb', 'wb') to read and write bytes. Use it in a with statement, which closes the file: with open('results.csv', 'w') as f: f.write('epoch,loss\\n').",
                       parameters: [.required("file"), .optional("mode", default: .str("r")), .unsupported("buffering", default: .int(-1)),
                                    .optional("encoding", default: nil), .unsupported("errors"), .optional("newline", default: nil)]) { a, _ in
            let path = try a.path("file")
            let mode = try a.string("mode")
            let flags = mode.replacingAll("t", with: "")
            let binary = flags.contains("b")
            if binary {
                if a["encoding"].map({ !$0.isNone }) ?? false {
                    throw Diagnostic(.valueError, "binary mode doesn't take an encoding argument", at: a.span(of: "encoding"))
                }
                if a["newline"].map({ !$0.isNone }) ?? false {
                    throw Diagnostic(.valueError, "binary mode doesn't take a newline argument", at: a.span(of: "newline"))
                }
            } else if let encoding = try a.optionalString("encoding"), !["utf-8", "utf8"].contains(encoding.lowercased()) {
                throw Diagnostic(.notImplementedError, "Fovea reads and writes text as UTF-8 only. Received: encoding=\(Repr.string(encoding))",
                                 at: a.span(of: "encoding"))
            }
            let newline = binary ? nil : try a.optionalString("newline")
            if let newline, newline != "", newline != "\n" {
                throw Diagnostic(.notImplementedError, "Fovea writes '\\n' line endings only. Received: newline=\(Repr.string(newline))",
                                 at: a.span(of: "newline"))
            }
            if binary && mode.contains("t") {
                throw Diagnostic(.valueError, "can't have text and binary mode at once", at: a.span(of: "mode"))
            }
            let cMode: String
            switch flags.replacingAll("b", with: "") {
            case "r": cMode = "r"
            case "w": cMode = "w"
            case "a": cMode = "a"
            case "x": cMode = "wx"
            case "r+": cMode = "r+"
            case "w+": cMode = "w+"
            case "a+": cMode = "a+"
            default:
                throw Diagnostic(.valueError, "invalid mode: \(Repr.string(mode))", at: a.span(of: "mode"),
                                 notes: ["help: use 'r' to read, 'w' to write, 'a' to append; add 'b' for bytes ('rb', 'wb')"])
            }
            var st = stat()
            if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR {
                throw Diagnostic.os(errno: EISDIR, path: path, at: a.span(of: "file"))
            }
            guard let file = fopen(path, cMode) else { throw Diagnostic.os(errno: errno, path: path, at: a.span(of: "file")) }
            if binary { return .object(BinaryFileObject(name: path, mode: mode, file: file)) }
            return .object(FileObject(name: path, mode: mode, file: file, universalNewlines: newline == nil))
        }
    }
}
