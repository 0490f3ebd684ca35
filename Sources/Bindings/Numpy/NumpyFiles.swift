import DataIO
import FoveaLang
import Glibc
import Tensor

/// numpy's binary files: `np.save`/`np.load` for `.npy`, `np.savez`/`np.savez_compressed` and
/// `np.load` for `.npz` archives (an `NpzFile`, a mapping and a context manager). Files written
/// are byte for byte numpy's (`.npy`), or zip archives numpy reads (`.npz`), written to a
/// temporary name and renamed into place.
enum NumpyFiles {
    static func register(_ m: ModuleValue) {
        NumpyText.register(m)
        m.add(NativeFunction("save", doc: """
            save(file, arr, allow_pickle=True, fix_imports=True)

            Write arr to file (a path, or a file opened with 'wb') in numpy's .npy format ('.npy' is appended to a path lacking it). np.load reads it back.
            """, parameters: [.required("file"), .required("arr"), .optional("allow_pickle", default: .bool(true)),
                              .optional("fix_imports", default: .bool(true))]) { a, ctx in
            _ = a["allow_pickle"]; _ = a["fix_imports"]
            let t = try ArrayValues.array(a["arr"]!, argument: "arr", at: a.span(of: "arr"))
            if NumpyStreams.isStream(a["file"]!) {
                try NumpyStreams.write(NPYWriter.encode(t), to: a["file"]!, ctx, at: a.span(of: "file"))
                return .none
            }
            try write(NPYWriter.encode(t), to: try target(a, suffix: ".npy"), at: a.span(of: "file"))
            return .none
        })
        for compressed in [false, true] {
            let name = compressed ? "savez_compressed" : "savez"
            m.add(NativeFunction(name, doc: """
                \(name)(file, *args, **kwds)

                Save several arrays in one \(compressed ? "zlib-compressed" : "uncompressed") .npz archive ('.npz' is appended when \
                file lacks it): keyword arrays under their names, positional ones as arr_0, arr_1, ... np.load(file) reads them back.
                """,
                parameters: [.required("file"), .varPositional("args"), .varKeyword("kwds")]) { a, ctx in
                var entries: [(name: String, data: [UInt8])] = []
                // numpy's order: the keyword arrays, then arr_0, arr_1, ...
                for (key, v, span) in a.varKeyword {
                    entries.append((key + ".npy", NPYWriter.encode(try ArrayValues.array(v, argument: key, at: span))))
                }
                for (i, (v, span)) in a.varPositional.enumerated() {
                    if entries.contains(where: { $0.name == "arr_\(i).npy" }) {
                        throw Diagnostic(.valueError, "Cannot use un-named variables and keyword arr_\(i)", at: span)
                    }
                    entries.append(("arr_\(i).npy", NPYWriter.encode(try ArrayValues.array(v, argument: "arr_\(i)", at: span))))
                }
                let bytes = try ArrayValues.run(a.callSpan) { try ZipWriter.archive(entries, compressed: compressed) }
                if NumpyStreams.isStream(a["file"]!) {
                    try NumpyStreams.write(bytes, to: a["file"]!, ctx, at: a.span(of: "file"))
                } else {
                    try write(bytes, to: try target(a, suffix: ".npz"), at: a.span(of: "file"))
                }
                return .none
            })
        }
        m.add(NativeFunction("load", doc: """
            load(file, mmap_mode=None, allow_pickle=False, fix_imports=True, encoding='ASCII')

            Read a .npy file (an array) or a .npz archive (an NpzFile: a mapping of names to arrays, usable in a \
            with statement), from a path or a file opened with 'rb'. Files are read whole into memory, whatever \
            mmap_mode says; pickled files are refused.
            """, parameters: [.required("file"), .optional("mmap_mode", default: Value.none), .optional("allow_pickle", default: .bool(false)),
                              .optional("fix_imports", default: .bool(true)), .optional("encoding", default: .str("ASCII"))]) { a, ctx in
            _ = a["mmap_mode"]; _ = a["allow_pickle"]; _ = a["fix_imports"]; _ = a["encoding"]
            if NumpyStreams.isStream(a["file"]!) { return try NumpyStreams.load(a["file"]!, ctx, at: a.span(of: "file")) }
            let path = try a.path("file")
            let span = a.span(of: "file")
            let bytes = try read(path, at: span)
            if bytes.starts(with: [0x50, 0x4B, 3, 4]) || bytes.starts(with: [0x50, 0x4B, 5, 6]) {
                let entries = try ArrayValues.run(span) { try ZipArchive.entries(bytes, path: path) }
                return .object(NpzFileObject(path: path, bytes: bytes, entries: entries))
            }
            if bytes.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) {
                return .object(TensorObject(try ArrayValues.run(span) { try NPYReader.decode(bytes[...], name: path) }))
            }
            let kind = bytes.first == 0x80 ? "pickled data, which Fovea never loads" : "neither a .npy file (it would start with \\x93NUMPY) nor a .npz archive (PK\\x03\\x04)"
            throw Diagnostic(.valueError, "\(path): cannot load this file: it is \(kind)", at: span,
                             notes: ["help: np.load reads what np.save, np.savez and np.savez_compressed write; text files go through np.loadtxt"])
        })
    }

    /// The path to write: file as given (a str or a path), with `suffix` appended when it lacks it (numpy's rule).
    private static func target(_ a: BoundArguments, suffix: String) throws -> String {
        let path = try a.path("file")
        return path.hasSuffix(suffix) ? path : path + suffix
    }

    /// A whole file, with Python's OSError (FileNotFoundError, IsADirectoryError, ...) when it cannot be read.
    static func read(_ path: String, at span: Span) throws -> [UInt8] {
        var st = stat()
        guard stat(path, &st) == 0 else { throw Diagnostic.os(errno: errno, path: path, at: span) }
        if st.st_mode & S_IFMT == S_IFDIR { throw Diagnostic.os(errno: EISDIR, path: path, at: span) }
        do { return try FileBytes.read(path) } catch let e as DatasetError {
            throw Diagnostic(.osError, e.message, at: span)
        }
    }

    static func write(_ bytes: [UInt8], to path: String, at span: Span) throws {
        do { try SafeFile.write(bytes, to: path) } catch let e as FileWriteError {
            throw Diagnostic.os(errno: e.code, path: path, at: span)
        }
    }
}

/// What `np.load` gives for a `.npz` file: the archive's arrays by name, decoded on access.
final class NpzFileObject: FoveaObject {
    let path: String
    let bytes: [UInt8]
    let entries: [ZipArchive.Entry]
    private(set) var isClosed = false
    init(path: String, bytes: [UInt8], entries: [ZipArchive.Entry]) { self.path = path; self.bytes = bytes; self.entries = entries }

    static let classDoc = "NpzFile: the arrays of a .npz archive, by name: data['x'], data.files, data.keys(), data.items(); use it in a with statement."
    var typeName: String { "NpzFile" }
    var doc: String { Self.classDoc }
    var files: [String] { entries.map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name } }
    func repr() -> String {
        let names = files.prefix(5).joined(separator: ", ") + (files.count > 5 ? "..." : "")
        return "NpzFile \(Repr.repr(.str(path))) with keys: \(names)"
    }
    var hostClass: AnyHostClass? { Self.binding }
    func enter(context: CallContext) throws -> Value? { .object(self) }
    func exit(error: Diagnostic?, context: CallContext) throws -> Bool { isClosed = true; return false }
    func length() -> Int? { entries.count }
    func contains(_ item: Value, context: CallContext) throws -> Bool? {
        guard case .str(let key) = item else { return false }
        return files.contains(key) || entries.contains { $0.name == key }
    }
    func makeIterator(context: CallContext) throws -> IteratorBox? {
        var names = files.makeIterator()
        return IteratorBox("NpzFile_iterator") { names.next().map { .str($0) } }
    }
    func getItem(_ index: Value, context: CallContext) throws -> Value? {
        .object(TensorObject(try array(index, context.span)))
    }

    /// The array stored under `key` (with or without its '.npy').
    func array(_ key: Value, _ span: Span) throws -> Tensor {
        guard !isClosed else {
            throw Diagnostic(.valueError, "the NpzFile \(Repr.repr(.str(path))) is closed: read its arrays inside the with block, or load it again", at: span)
        }
        guard case .str(let name) = key, let e = entries.first(where: { $0.name == name || $0.name == name + ".npy" }) else {
            let text = Value.str("\(key.isNone ? "None" : Repr.str(key)) is not a file in the archive")
            var d = Diagnostic(.keyError, Repr.repr(text), at: span, notes: ["note: the archive holds \(files.map { Repr.repr(.str($0)) }.joined(separator: ", "))"])
            d.args = [text]
            throw d
        }
        return try ArrayValues.run(span) {
            try NPYReader.decode(try ZipArchive.payload(bytes, e, path: path), name: "\(path) (entry '\(e.name)')")
        }
    }

    static let binding = HostClass<NpzFileObject>("NpzFile", module: "numpy.lib.npyio", doc: classDoc)
        .property("files", doc: "The names of the arrays, in the archive's order.") { z, _ in .list(ListBox(z.files.map { .str($0) })) }
        .method("keys", doc: "The names of the arrays.") { z, _, _ in .list(ListBox(z.files.map { .str($0) })) }
        .method("values", doc: "The arrays, in the archive's order.") { z, _, ctx in
            .list(ListBox(try z.files.map { .object(TensorObject(try z.array(.str($0), ctx.span))) }))
        }
        .method("items", doc: "(name, array) pairs, in the archive's order.") { z, _, ctx in
            .list(ListBox(try z.files.map { .tuple([.str($0), .object(TensorObject(try z.array(.str($0), ctx.span)))]) }))
        }
        .method("get", [.required("key"), .optional("default", default: Value.none)], doc: "The array named key, or default.") { z, a, ctx in
            guard try z.contains(a["key"]!, context: ctx) == true else { return a["default"]! }
            return .object(TensorObject(try z.array(a["key"]!, a.span(of: "key"))))
        }
        .method("close", doc: "Close the archive (the with statement does it on leaving).") { z, _, _ in z.isClosed = true; return .none }
}
