import FoveaLang
import Glibc

/// `pathlib.Path`: a file path as an object, as Keras tutorials use it (`data_dir / 'train'`,
/// `sorted(data_dir.glob('*/*.jpg'))`, `p.stem`, `p.read_text()`). Paths are POSIX paths; the
/// text is kept as pathlib normalizes it (no `.` parts, no repeated or trailing slashes).
final class PathObject: PathLike {
    let isAbsolute: Bool
    /// The names after the root: `('data', 'train')` for `/data/train`.
    let names: [String]

    init(isAbsolute: Bool, names: [String]) { self.isAbsolute = isAbsolute; self.names = names }

    /// `Path(*segments)`: a later absolute segment starts again from it.
    convenience init(joining segments: [String]) {
        var absolute = false
        var names: [String] = []
        for segment in segments {
            if segment.hasPrefix("/") { absolute = true; names = [] }
            names += segment.split(separator: "/").map(String.init).filter { $0 != "." }
        }
        self.init(isAbsolute: absolute, names: names)
    }

    var fileSystemPath: String {
        let joined = names.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    var typeName: String { "PosixPath" }
    var doc: String { PathlibModule.pathDoc }
    func repr() -> String { "PosixPath(\(Repr.string(fileSystemPath)))" }
    func str() -> String { fileSystemPath }
    var hostClass: AnyHostClass? { PathObject.binding }
    var isTruthy: Bool { true }

    /// `.parts`: the root, then the names.
    var parts: [String] { (isAbsolute ? ["/"] : []) + names }

    func hashKey(at span: Span?, depth: Int) throws -> HashKey? {
        .tuple([.identity(ObjectIdentifier(PathObject.self))] + parts.map { .str($0) })
    }

    func isEqual(to other: Value) -> Bool? {
        guard case .object(let p as PathObject) = other else { return false }
        return p.parts == parts
    }

    func comparison(_ op: CompareOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        guard case .object(let p as PathObject) = other else { return nil }
        let (a, b) = reflected ? (p.parts, parts) : (parts, p.parts)
        func less(_ x: [String], _ y: [String]) -> Bool {
            x.lexicographicallyPrecedes(y) { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
        }
        switch op {
        case .eq: return .bool(a == b)
        case .ne: return .bool(a != b)
        case .lt: return .bool(less(a, b))
        case .le: return .bool(!less(b, a))
        case .gt: return .bool(less(b, a))
        case .ge: return .bool(!less(a, b))
        default: return nil
        }
    }

    /// `p / 'name'` and `'dir' / p`.
    func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        guard op == .divide, BytesObject.of(other) == nil, let o = other.fileSystemPath else { return nil }
        return .object(reflected ? PathObject(joining: [o, fileSystemPath]) : joining([o]))
    }

    func joining(_ segments: [String]) -> PathObject { PathObject(joining: [fileSystemPath] + segments) }

    var name: String { names.last ?? "" }
    var suffix: String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else { return "" }
        return String(name[dot...])
    }
    var stem: String { suffix.isEmpty ? name : String(name.dropLast(suffix.count)) }
    var parent: PathObject { names.isEmpty ? self : PathObject(isAbsolute: isAbsolute, names: Array(names.dropLast())) }

    func withName(_ newName: String, span: Span) throws -> PathObject {
        if name.isEmpty { throw Diagnostic(.valueError, "\(repr()) has an empty name", at: span) }
        if newName.isEmpty || newName.contains("/") || newName == "." {
            throw Diagnostic(.valueError, "Invalid name \(Repr.string(newName))", at: span)
        }
        return PathObject(isAbsolute: isAbsolute, names: Array(names.dropLast()) + [newName])
    }

    /// `mkdir(parents, exist_ok)` as pathlib does it: on a missing parent, make the parents first.
    func mkdir(mode: Int, parents: Bool, existOK: Bool, span: Span) throws {
        let p = fileSystemPath
        if Glibc.mkdir(p, mode_t(truncatingIfNeeded: mode)) == 0 { return }
        let code = errno
        if code == ENOENT && parents && parent.parts != parts {
            try parent.mkdir(mode: 0o777, parents: true, existOK: true, span: span)
            try mkdir(mode: mode, parents: false, existOK: existOK, span: span)
            return
        }
        if code != ENOENT && existOK && OSModule.isDirectory(p) { return }
        throw Diagnostic.os(errno: code, path: p, at: span)
    }

    func readBytes(span: Span) throws -> [UInt8] {
        let p = fileSystemPath
        if OSModule.isDirectory(p) { throw Diagnostic.os(errno: EISDIR, path: p, at: span) }
        return try IPythonModule.readFile(p, span: span)
    }

    func writeBytes(_ bytes: [UInt8], span: Span) throws {
        let p = fileSystemPath
        if OSModule.isDirectory(p) { throw Diagnostic.os(errno: EISDIR, path: p, at: span) }
        guard let f = fopen(p, "wb") else { throw Diagnostic.os(errno: errno, path: p, at: span) }
        defer { fclose(f) }
        guard fwrite(bytes, 1, bytes.count, f) == bytes.count else { throw Diagnostic.os(errno: errno, path: p, at: span) }
    }

    /// The absolute path (from the working directory), without resolving `..` or links.
    var absolute: PathObject { isAbsolute ? self : PathObject(joining: [HostSystem.currentDirectory(), fileSystemPath]) }

    /// The absolute path with `..` and symbolic links resolved, as far as the path exists.
    var resolved: PathObject {
        let normalized = PathText.normalize(absolute.fileSystemPath)
        guard let real = realpath(normalized, nil) else { return PathObject(joining: [normalized]) }
        defer { free(real) }
        return PathObject(joining: [String(cString: real)])
    }
}

enum PathlibModule {
    static let pathDoc = "Path(*segments): a file path. Path('data') / 'train' joins; .name, .stem, .suffix, .parent take it apart; exists(), glob('*.png'), read_text() and mkdir(parents=True, exist_ok=True) work on the real files."

    static func module() -> ModuleValue {
        let m = ModuleValue("pathlib", doc: "Paths as objects: Path('data') / 'train', p.glob('*.jpg'), p.read_text(), p.mkdir(parents=True).")
        for name in ["Path", "PosixPath", "PurePath", "PurePosixPath"] { m.add(pathType(name)) }
        return m
    }

    static func pathType(_ name: String) -> TypeValue {
        let t = TypeValue(name, module: "pathlib", doc: pathDoc, constructor: NativeFunction(
            name, doc: pathDoc, parameters: [.varPositional("pathsegments")]) { a, _ in
            var segments: [String] = []
            for s in a.varPositional {
                guard let p = s.value.fileSystemPath, BytesObject.of(s.value) == nil else {
                    if BytesObject.of(s.value) != nil {
                        throw Diagnostic(.typeError, "argument should be a str object or an os.PathLike object returning str, not <class 'bytes'>", at: s.span)
                    }
                    throw s.value.notAPath(at: s.span)
                }
                segments.append(p)
            }
            return .object(PathObject(joining: segments))
        }) { v in if case .object(let o) = v { return o is PathObject }; return false }
        t.attributes["cwd"] = .native(NativeFunction("cwd", doc: "The working directory as a Path.") { _, _ in
            .object(PathObject(joining: [HostSystem.currentDirectory()]))
        })
        t.attributes["home"] = .native(NativeFunction("home", doc: "The home folder as a Path.") { _, _ in
            .object(PathObject(joining: [getenv("HOME").map { String(cString: $0) } ?? "/"]))
        })
        return t
    }
}
