import FoveaLang
import Glibc

/// The members of `pathlib.Path`: taking the path apart, and working on the file it names.
extension PathObject {
    static func path(_ p: PathObject) -> Value { .object(p) }

    /// A text argument that must be a str (`write_text(data)`): CPython's TypeError otherwise.
    static func text(_ a: BoundArguments, _ name: String) throws -> String {
        let v = a[name]!
        guard case .str(let s) = v else { throw Diagnostic(.typeError, "data must be str, not \(v.typeName)", at: a.span(of: name)) }
        return s
    }

    static func encoding(_ a: BoundArguments) throws -> String { try a.optionalString("encoding") ?? "utf-8" }

    static let binding: HostClass<PathObject> = {
        let c = HostClass<PathObject>("PosixPath", module: "pathlib", doc: PathlibModule.pathDoc)
        c.property("name", doc: "The last part: Path('data/cat.jpg').name is 'cat.jpg'.") { p, _ in .str(p.name) }
        c.property("stem", doc: "The last part without its suffix: 'cat'.") { p, _ in .str(p.stem) }
        c.property("suffix", doc: "The extension of the last part, with its dot: '.jpg' ('' when there is none).") { p, _ in .str(p.suffix) }
        c.property("suffixes", doc: "Every extension of the last part: ['.tar', '.gz'].") { p, _ in
            let n = p.name
            guard !n.hasSuffix(".") else { return .list([]) }
            let pieces = n.drop(while: { $0 == "." }).split(separator: ".", omittingEmptySubsequences: false).dropFirst()
            return .list(pieces.map { .str("." + $0) })
        }
        c.property("parent", doc: "The folder the path is in: Path('data/cat.jpg').parent is Path('data').") { p, _ in path(p.parent) }
        c.property("parts", doc: "The parts of the path as a tuple: ('data', 'cat.jpg'); an absolute path starts with '/'.") { p, _ in
            .tuple(p.parts.map { .str($0) })
        }
        c.method("joinpath", [.varPositional("pathsegments")], doc: "The path with the segments added: the same as p / a / b.") { p, a, _ in
            var segments: [String] = []
            for s in a.varPositional {
                guard let text = s.value.fileSystemPath else { throw s.value.notAPath(at: s.span) }
                segments.append(text)
            }
            return path(p.joining(segments))
        }
        c.method("with_suffix", [.required("suffix", positionalOnly: true)], doc: "The path with its suffix replaced (or added, or removed with '').") { p, a, _ in
            let s = try a.string("suffix")
            if !s.isEmpty && (!s.hasPrefix(".") || s == "." || s.contains("/")) {
                throw Diagnostic(.valueError, "Invalid suffix \(Repr.string(s))", at: a.span(of: "suffix"))
            }
            return path(try p.withName(p.stem + s, span: a.span(of: "suffix")))
        }
        c.method("with_name", [.required("name", positionalOnly: true)], doc: "The path with its last part replaced.") { p, a, _ in
            path(try p.withName(try a.string("name"), span: a.span(of: "name")))
        }
        c.method("with_stem", [.required("stem", positionalOnly: true)], doc: "The path with its stem replaced, keeping the suffix.") { p, a, _ in
            path(try p.withName(try a.string("stem") + p.suffix, span: a.span(of: "stem")))
        }
        c.method("is_absolute", doc: "Whether the path starts at the root '/'.") { p, _, _ in .bool(p.isAbsolute) }
        c.method("as_posix", doc: "The path as a str with '/' between parts.") { p, _, _ in .str(p.fileSystemPath) }
        c.method("absolute", doc: "The absolute path, from the working directory (.. and links are kept).") { p, _, _ in path(p.absolute) }
        c.method("resolve", [.optional("strict", default: .bool(false))], doc: "The absolute path with .. and symbolic links resolved.") { p, a, _ in
            if a.bool("strict") && OSModule.linkStat(p.fileSystemPath) == nil {
                throw Diagnostic.os(errno: ENOENT, path: p.fileSystemPath, at: a.callSpan)
            }
            return path(p.resolved)
        }
        c.method("expanduser", doc: "The path with a leading ~ replaced by the home folder.") { p, _, _ in
            guard p.names.first == "~", !p.isAbsolute, let home = getenv("HOME") else { return path(p) }
            return path(PathObject(joining: [String(cString: home)] + p.names.dropFirst()))
        }
        c.method("exists", doc: "Whether a file or folder exists at the path.") { p, _, _ in .bool(OSModule.fileStat(p.fileSystemPath) != nil) }
        c.method("is_dir", doc: "Whether the path is a folder.") { p, _, _ in .bool(OSModule.isDirectory(p.fileSystemPath)) }
        c.method("is_file", doc: "Whether the path is a regular file.") { p, _, _ in .bool(OSModule.isFile(p.fileSystemPath)) }
        c.method("mkdir", [.optional("mode", default: .int(0o777)), .optional("parents", default: .bool(false)), .optional("exist_ok", default: .bool(false))],
                 doc: "Make the folder; parents=True makes missing folders above it, exist_ok=True accepts one that exists.") { p, a, _ in
            try p.mkdir(mode: try a.int("mode"), parents: a.bool("parents"), existOK: a.bool("exist_ok"), span: a.callSpan)
            return .none
        }
        c.method("rmdir", doc: "Delete the folder, which must be empty.") { p, a, _ in
            if Glibc.rmdir(p.fileSystemPath) != 0 { throw Diagnostic.os(errno: errno, path: p.fileSystemPath, at: a.callSpan) }
            return .none
        }
        c.method("unlink", [.optional("missing_ok", default: .bool(false))], doc: "Delete the file; missing_ok=True accepts one that does not exist.") { p, a, _ in
            let s = p.fileSystemPath
            if OSModule.isDirectory(s) { throw Diagnostic.os(errno: EISDIR, path: s, at: a.callSpan) }
            if Glibc.unlink(s) != 0 && !(errno == ENOENT && a.bool("missing_ok")) { throw Diagnostic.os(errno: errno, path: s, at: a.callSpan) }
            return .none
        }
        c.method("touch", [.optional("mode", default: .int(0o666)), .optional("exist_ok", default: .bool(true))], doc: "Create the file if it does not exist.") { p, a, _ in
            let s = p.fileSystemPath
            if OSModule.fileStat(s) != nil {
                if !a.bool("exist_ok") { throw Diagnostic.os(errno: EEXIST, path: s, at: a.callSpan) }
                return .none
            }
            guard let f = fopen(s, "ab") else { throw Diagnostic.os(errno: errno, path: s, at: a.callSpan) }
            fclose(f)
            return .none
        }
        c.method("rename", [.required("target")], doc: "Move or rename the file or folder; returns the new path.") { p, a, _ in
            let target = try a.path("target")
            if Glibc.rename(p.fileSystemPath, target) != 0 { throw Diagnostic.os(errno: errno, path: p.fileSystemPath, at: a.callSpan) }
            return path(PathObject(joining: [target]))
        }
        c.method("iterdir", doc: "The paths of the entries of the folder (in no particular order).") { p, a, _ in
            let names = try OSModule.listdir(p.fileSystemPath, span: a.callSpan)
            var i = 0
            return .iterator(IteratorBox("generator") {
                guard i < names.count else { return nil }
                defer { i += 1 }
                return path(p.joining([names[i]]))
            })
        }
        for (name, recursive) in [("glob", false), ("rglob", true)] {
            let doc = recursive
                ? "The paths anywhere below the folder whose names match the pattern: rglob('*.png') is glob('**/*.png')."
                : "The paths under the folder that match the pattern: '*' and '?' match within a name, '**' matches any folders: glob('*/*.jpg')."
            c.method(name, [.required("pattern")], doc: doc) { p, a, ctx in
                let pattern = try a.string("pattern")
                let base = p.fileSystemPath
                let found = try PathGlob.select(recursive ? "**/" + pattern : pattern, under: base, span: a.span(of: "pattern"), context: ctx)
                var i = 0
                return .iterator(IteratorBox("generator") {
                    guard i < found.count else { return nil }
                    defer { i += 1 }
                    return path(PathObject(joining: [found[i]]))
                })
            }
        }
        c.method("open", [.varPositional("args"), .varKeyword("kwargs")], doc: "Open the file, as open(path, mode, ...) does: with p.open('rb') as f: ...") { p, a, ctx in
            let args = [CallArgument(value: .str(p.fileSystemPath), span: a.callSpan)]
                + a.varPositional.map { CallArgument(value: $0.value, span: $0.span) }
                + a.varKeyword.map { CallArgument(keyword: $0.name, value: $0.value, span: $0.span) }
            return try Builtins.open.call(args, context: ctx)
        }
        c.method("read_text", [.optional("encoding", default: Value.none), .optional("errors", default: Value.none)], doc: "The whole file as a str.") { p, a, _ in
            let bytes = try p.readBytes(span: a.callSpan)
            let text = try BytesObject.decode(bytes, encoding: try encoding(a), errors: try a.optionalString("errors") ?? "strict", at: a.callSpan)
            return .str(text.replacingOccurrences("\r\n", "\n"))
        }
        c.method("write_text", [.required("data"), .optional("encoding", default: Value.none), .optional("errors", default: Value.none)],
                 doc: "Write a str to the file (replacing what it held); returns the number of characters.") { p, a, _ in
            let s = try text(a, "data")
            try p.writeBytes(try BytesObject.encode(s, encoding: try encoding(a), errors: try a.optionalString("errors") ?? "strict", at: a.callSpan), span: a.callSpan)
            return .int(s.unicodeScalars.count)
        }
        c.method("read_bytes", doc: "The whole file as bytes.") { p, a, _ in .object(BytesObject(try p.readBytes(span: a.callSpan))) }
        c.method("write_bytes", [.required("data")], doc: "Write bytes to the file (replacing what it held); returns the number of bytes.") { p, a, _ in
            let v = a["data"]!
            guard let bytes = BytesObject.of(v) else {
                throw Diagnostic(.typeError, "memoryview: a bytes-like object is required, not '\(v.typeName)'", at: a.span(of: "data"))
            }
            try p.writeBytes(bytes, span: a.callSpan)
            return .int(bytes.count)
        }
        c.method("stat", doc: "The file's size and times: p.stat().st_size.") { p, a, _ in
            guard let st = OSModule.fileStat(p.fileSystemPath) else { throw Diagnostic.os(errno: errno, path: p.fileSystemPath, at: a.callSpan) }
            return .object(StatResult(st))
        }
        return c
    }()
}

/// What `Path.stat()` returns: the size and modification time of a file.
final class StatResult: FoveaObject {
    let size: Int, mtime: Double, mode: Int
    init(_ st: stat) {
        size = Int(st.st_size); mode = Int(st.st_mode)
        mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) * 1e-9
    }
    var typeName: String { "stat_result" }
    func repr() -> String { "os.stat_result(st_mode=\(mode), st_size=\(size), st_mtime=\(Int(mtime)))" }
    var hostClass: AnyHostClass? { StatResult.binding }
    static let binding = HostClass<StatResult>("stat_result", module: "os", doc: "A file's size (st_size, in bytes), mode and modification time.")
        .property("st_size", doc: "The size in bytes.") { s, _ in .int(s.size) }
        .property("st_mtime", doc: "The last modification, in seconds since the epoch.") { s, _ in .float(s.mtime) }
        .property("st_mode", doc: "The file type and permission bits.") { s, _ in .int(s.mode) }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
