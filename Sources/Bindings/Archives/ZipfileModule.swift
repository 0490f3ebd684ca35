import DataIO
import FoveaLang
import Glibc
import PythonLibrary

/// `zipfile`, to unpack a downloaded dataset as tutorials do:
/// `with zipfile.ZipFile('cats_and_dogs.zip') as z: z.extractall('data')`. Reading only (stored
/// and deflated entries, as DataIO's zip reader handles them); an entry's path cannot leave the
/// target folder, as in Python (leading '/' and '..' parts are dropped).
enum ZipfileModule {
    static let badZipFile = ExceptionClass("BadZipFile", base: .exception)

    static func module() -> ModuleValue {
        let m = ModuleValue("zipfile", doc: "Read zip archives: with zipfile.ZipFile(path) as z: z.namelist(), z.read(name), z.extractall(folder).")
        let bad = badZipFile.typeValue()
        m.add(bad)
        m.add("BadZipfile", .type(bad))
        m.add(NativeFunction("is_zipfile", doc: "Whether the file is a zip archive.", parameters: [.required("filename")]) { a, _ in
            .bool((try? ZipArchive.read(try a.path("filename"))) != nil)
        })
        m.add(ZipFileObject.binding.typeValue(constructor: NativeFunction(
            "ZipFile", doc: ZipFileObject.classDoc,
            parameters: [.required("file"), .optional("mode", default: .str("r")), .optional("compression", default: .int(0)),
                         .optional("allowZip64", default: .bool(true))]) { a, ctx in
            _ = a["compression"]; _ = a["allowZip64"]
            let path = try a.path("file")
            let mode = try a.string("mode")
            guard mode == "r" else {
                throw Diagnostic(.notImplementedError, "Fovea's zipfile reads archives only. Received: mode=\(Repr.repr(.str(mode)))", at: a.span(of: "mode"),
                                 notes: ["help: make an archive with a shell line instead: !zip -r results.zip results"])
            }
            var st = stat()
            guard stat(path, &st) == 0 else { throw Diagnostic.os(errno: errno, path: path, at: a.span(of: "file")) }
            do {
                let archive = try ZipArchive.read(path)
                return .object(ZipFileObject(path: path, bytes: archive.bytes, entries: archive.entries))
            } catch let e as DatasetError {
                throw Diagnostic(badZipFile, "File is not a zip file", at: a.span(of: "file"), notes: ["note: " + e.message])
            }
        }))
        return m
    }

    /// Where `entry` goes under `folder`: without a leading '/', '.' and '..' parts, as Python's
    /// ZipFile.extract sanitises it; nil when nothing is left.
    static func target(_ entry: String, in folder: String) -> String? {
        let parts = entry.split(separator: "/").filter { $0 != "." && $0 != ".." && !$0.isEmpty }
        guard !parts.isEmpty else { return nil }
        return (folder.hasSuffix("/") ? folder : folder + "/") + parts.joined(separator: "/")
    }
}

/// An open zip archive.
final class ZipFileObject: FoveaObject {
    let path: String
    let bytes: [UInt8]
    let entries: [ZipArchive.Entry]
    init(path: String, bytes: [UInt8], entries: [ZipArchive.Entry]) { self.path = path; self.bytes = bytes; self.entries = entries }

    static let classDoc = "ZipFile(path): a zip archive to read: namelist(), read(name), extract(name, folder), extractall(folder); use it in a with statement."
    var typeName: String { "ZipFile" }
    var doc: String { Self.classDoc }
    func repr() -> String { "<zipfile.ZipFile filename=\(Repr.repr(.str(path))) mode='r'>" }
    var hostClass: AnyHostClass? { Self.binding }
    func enter(context: CallContext) throws -> Value? { .object(self) }
    func exit(error: Diagnostic?, context: CallContext) throws -> Bool { false }

    func entry(_ name: Value, _ span: Span) throws -> ZipArchive.Entry {
        guard case .str(let n) = name else { throw Diagnostic(.typeError, "a member name must be a str, not \(name.typeName)", at: span) }
        guard let e = entries.first(where: { $0.name == n }) else {
            let text = Value.str("There is no item named \(Repr.repr(.str(n))) in the archive")
            var d = Diagnostic(.keyError, Repr.repr(text), at: span)
            d.args = [text]
            throw d
        }
        return e
    }

    func data(_ e: ZipArchive.Entry, _ span: Span) throws -> ArraySlice<UInt8> {
        do { return try ZipArchive.payload(bytes, e, path: path) } catch let d as DatasetError {
            throw Diagnostic(ZipfileModule.badZipFile, d.message, at: span)
        }
    }

    /// Writes one entry under `folder`; returns the path written.
    @discardableResult
    func extract(_ e: ZipArchive.Entry, to folder: String, _ ctx: CallContext) throws -> String? {
        guard let target = ZipfileModule.target(e.name, in: folder) else { return nil }
        try ctx.checkInterrupt()
        if e.name.hasSuffix("/") {
            try OSModule.makedirs(target, existOK: true, span: ctx.span)
            return target
        }
        if let slash = target.lastIndex(of: "/") { try OSModule.makedirs(String(target[..<slash]), existOK: true, span: ctx.span) }
        let content = try data(e, ctx.span)
        guard let f = fopen(target, "wb") else { throw Diagnostic.os(errno: errno, path: target, at: ctx.span) }
        defer { fclose(f) }
        guard content.withUnsafeBytes({ fwrite($0.baseAddress, 1, content.count, f) }) == content.count else {
            throw Diagnostic.os(errno: errno, path: target, at: ctx.span)
        }
        return target
    }

    static let binding = HostClass<ZipFileObject>("ZipFile", module: "zipfile", doc: classDoc)
        .property("filename", doc: "The archive's path.") { z, _ in .str(z.path) }
        .method("namelist", doc: "The names of the archive's entries, in order; folders end with '/'.") { z, _, _ in
            .list(ListBox(z.entries.map { .str($0.name) }))
        }
        .method("read", [.required("name")], doc: "An entry's content, as bytes.") { z, a, ctx in
            .object(BytesObject(Array(try z.data(try z.entry(a["name"]!, a.span(of: "name")), ctx.span))))
        }
        .method("extract", [.required("member"), .optional("path", default: Value.none)],
                doc: "Write one entry under path (the working directory by default) and return where it went.") { z, a, ctx in
            let e = try z.entry(a["member"]!, a.span(of: "member"))
            return .str(try z.extract(e, to: try a.optionalPath("path") ?? ".", ctx) ?? (try a.optionalPath("path") ?? "."))
        }
        .method("extractall", [.optional("path", default: Value.none), .optional("members", default: Value.none)],
                doc: "Write every entry (or those in members) under path, the working directory by default.") { z, a, ctx in
            let folder = try a.optionalPath("path") ?? "."
            var chosen = z.entries
            if let members = a["members"], !members.isNone {
                chosen = try ctx.iterate(members).map { try z.entry($0, a.span(of: "members")) }
            }
            for e in chosen { try z.extract(e, to: folder, ctx) }
            return .none
        }
        .method("close", doc: "Close the archive (a with statement does it).") { _, _, _ in .none }
}
