import FoveaLang
import Glibc

/// `tempfile`: folders and names for scratch files, in `$TMPDIR` (or /tmp) as Python chooses:
/// `mkdtemp()`, `gettempdir()`, and `TemporaryDirectory()`, which a `with` removes again.
enum TempfileModule {
    static func tempDirectory() -> String {
        for name in ["TMPDIR", "TEMP", "TMP"] {
            if let v = getenv(name), !String(cString: v).isEmpty { return String(cString: v) }
        }
        return "/tmp"
    }

    /// A new, empty folder only this user can read (mkdtemp(3)), named prefix + random + suffix.
    static func makeFolder(suffix: String, prefix: String, dir: String?, span: Span) throws -> String {
        let parent = dir ?? tempDirectory()
        var template = Array(((parent.hasSuffix("/") ? parent : parent + "/") + prefix + "XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else { throw Diagnostic.os(errno: errno, path: parent, at: span) }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard !suffix.isEmpty else { return path }
        guard rename(path, path + suffix) == 0 else { throw Diagnostic.os(errno: errno, path: path + suffix, at: span) }
        return path + suffix
    }

    static func module() -> ModuleValue {
        let m = ModuleValue("tempfile", doc: "Scratch folders: mkdtemp() makes one; with tempfile.TemporaryDirectory() as d: ... removes it afterwards.")
        let parameters: [NativeParameter] = [.optional("suffix", default: Value.none), .optional("prefix", default: Value.none),
                                             .optional("dir", default: Value.none)]
        m.add(NativeFunction("gettempdir", doc: "The folder for temporary files: $TMPDIR, or /tmp.") { _, _ in .str(tempDirectory()) })
        m.add(NativeFunction("mkdtemp", doc: "Make a new empty folder for temporary files and return its path; you remove it (shutil.rmtree).",
                             parameters: parameters) { a, ctx in
            .str(try makeFolder(suffix: try a.optionalString("suffix") ?? "", prefix: try a.optionalString("prefix") ?? "tmp",
                                dir: try a.optionalPath("dir"), span: ctx.span))
        })
        m.add(TemporaryDirectoryObject.binding.typeValue(constructor: NativeFunction(
            "TemporaryDirectory", doc: TemporaryDirectoryObject.classDoc, parameters: parameters + [.optional("ignore_cleanup_errors", default: .bool(false))]) { a, ctx in
            _ = a.bool("ignore_cleanup_errors")
            return .object(TemporaryDirectoryObject(name: try makeFolder(suffix: try a.optionalString("suffix") ?? "", prefix: try a.optionalString("prefix") ?? "tmp",
                                                                          dir: try a.optionalPath("dir"), span: ctx.span)))
        }))
        return m
    }
}

/// `TemporaryDirectory()`: a new folder, removed with everything in it by `cleanup()` or at the
/// end of a `with` (which gives its path).
final class TemporaryDirectoryObject: FoveaObject {
    let name: String
    private var removed = false
    init(name: String) { self.name = name }

    static let classDoc = "TemporaryDirectory(): a new folder for scratch files; with tempfile.TemporaryDirectory() as d: gives its path and removes it at the end."
    var typeName: String { "TemporaryDirectory" }
    var doc: String { Self.classDoc }
    func repr() -> String { "<TemporaryDirectory \(Repr.repr(.str(name)))>" }
    var hostClass: AnyHostClass? { Self.binding }

    func cleanup(_ span: Span) throws {
        guard !removed else { return }
        removed = true
        try OSModule.removeTree(name, span: span)
    }

    func enter(context: CallContext) throws -> Value? { .str(name) }
    func exit(error: Diagnostic?, context: CallContext) throws -> Bool {
        try cleanup(context.span)
        return false
    }

    static let binding = HostClass<TemporaryDirectoryObject>("TemporaryDirectory", module: "tempfile", doc: classDoc)
        .property("name", doc: "The folder's path.") { d, _ in .str(d.name) }
        .method("cleanup", doc: "Remove the folder and everything in it.") { d, _, ctx in
            try d.cleanup(ctx.span)
            return .none
        }
}
