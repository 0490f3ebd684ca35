import FoveaLang
import Glibc

/// `os`, `os.path` and `shutil`: real files of the kernel's user, as in any Jupyter kernel. Errors
/// are Python's: `FileNotFoundError: [Errno 2] No such file or directory: 'x'`.
public enum OSModule {
    static func fn(_ name: String, _ doc: String, _ parameters: [NativeParameter] = [],
                   _ body: @escaping (inout BoundArguments, CallContext) throws -> Value) -> NativeFunction {
        NativeFunction(name, doc: doc, parameters: parameters, body: body)
    }

    /// A path argument: a str or a path object (`pathlib.Path`), as `os.fspath` accepts.
    static func path(_ a: BoundArguments, _ name: String) throws -> String { try a.path(name) }

    static func fileStat(_ p: String) -> stat? {
        var st = Glibc.stat()
        return stat(p, &st) == 0 ? st : nil
    }
    static func isDirectory(_ p: String) -> Bool { fileStat(p).map { $0.st_mode & S_IFMT == S_IFDIR } ?? false }
    static func isFile(_ p: String) -> Bool { fileStat(p).map { $0.st_mode & S_IFMT == S_IFREG } ?? false }

    static func listdir(_ p: String, span: Span) throws -> [String] {
        guard let d = opendir(p) else { throw Diagnostic.os(errno: errno, path: p, at: span) }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `os.makedirs`: the folder and any missing folders above it.
    public static func makedirs(_ p: String, existOK: Bool, span: Span) throws {
        if isDirectory(p) {
            if existOK { return }
            throw Diagnostic.os(errno: EEXIST, path: p, at: span)
        }
        let parent = PathText.dirname(p)
        if !parent.isEmpty && parent != p && !isDirectory(parent) { try makedirs(parent, existOK: true, span: span) }
        if mkdir(p, 0o777) != 0 && !(errno == EEXIST && existOK && isDirectory(p)) { throw Diagnostic.os(errno: errno, path: p, at: span) }
    }

    static func removeTree(_ p: String, span: Span) throws {
        if isDirectory(p), linkStat(p).map({ $0.st_mode & S_IFMT != S_IFLNK }) ?? true {
            for name in try listdir(p, span: span) { try removeTree(p + "/" + name, span: span) }
            if rmdir(p) != 0 { throw Diagnostic.os(errno: errno, path: p, at: span) }
        } else if unlink(p) != 0 {
            throw Diagnostic.os(errno: errno, path: p, at: span)
        }
    }

    static func linkStat(_ p: String) -> stat? {
        var st = Glibc.stat()
        return lstat(p, &st) == 0 ? st : nil
    }

    static func copyFile(_ src: String, _ dst: String, span: Span) throws {
        guard let input = fopen(src, "rb") else { throw Diagnostic.os(errno: errno, path: src, at: span) }
        defer { fclose(input) }
        var target = dst
        if isDirectory(dst) { target = dst + "/" + PathText.basename(src) }
        guard let output = fopen(target, "wb") else { throw Diagnostic.os(errno: errno, path: target, at: span) }
        defer { fclose(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, input)
            if n <= 0 { break }
            guard fwrite(buffer, 1, n, output) == n else { throw Diagnostic.os(errno: errno, path: target, at: span) }
        }
    }

    static func os() -> ModuleValue {
        let m = ModuleValue("os", doc: "Files and folders of the kernel's machine: getcwd, listdir, makedirs, remove, environ, and os.path.")
        m.add("sep", .str("/"))
        m.add("name", .str("posix"))
        m.add("linesep", .str("\n"))
        m.add(fn("getcwd", "The kernel's working directory.") { _, _ in .str(HostSystem.currentDirectory()) })
        m.add(fn("chdir", "Make path the kernel's working directory, where relative paths start (like %cd).", [.required("path")]) { a, _ in
            let path = try a.path("path")
            guard Glibc.chdir(path) == 0 else { throw Diagnostic.os(errno: errno, path: path, at: a.span(of: "path")) }
            return .none
        })
        m.add(fn("fspath", "The path of a path object as a str (a str is returned as it is).", [.required("path", positionalOnly: true)]) { a, _ in
            let v = a["path"]!
            if case .str = v { return v }
            if BytesObject.of(v) != nil { return v }
            return .str(try a.path("path"))
        })
        m.add(fn("listdir", "The names in a folder (not sorted, as in Python).", [.optional("path", default: .str("."))]) { a, _ in
            .list(try listdir(try path(a, "path"), span: a.span(of: "path")).map { .str($0) })
        })
        m.add(fn("makedirs", "Make a folder and any missing folders above it; exist_ok=True accepts one that exists.",
                 [.required("name"), .optional("mode", default: .int(0o777)), .optional("exist_ok", default: .bool(false))]) { a, _ in
            _ = try a.int("mode")
            try makedirs(try path(a, "name"), existOK: a.bool("exist_ok"), span: a.span(of: "name"))
            return .none
        })
        m.add(fn("mkdir", "Make one folder.", [.required("path"), .optional("mode", default: .int(0o777))]) { a, _ in
            let p = try path(a, "path")
            if mkdir(p, mode_t(try a.int("mode"))) != 0 { throw Diagnostic.os(errno: errno, path: p, at: a.span(of: "path")) }
            return .none
        })
        for (name, doc) in [("remove", "Delete a file."), ("unlink", "Delete a file (the same as remove).")] {
            m.add(fn(name, doc, [.required("path")]) { a, _ in
                let p = try path(a, "path")
                if isDirectory(p) { throw Diagnostic.os(errno: EISDIR, path: p, at: a.span(of: "path")) }
                if unlink(p) != 0 { throw Diagnostic.os(errno: errno, path: p, at: a.span(of: "path")) }
                return .none
            })
        }
        m.add(fn("rmdir", "Delete an empty folder.", [.required("path")]) { a, _ in
            let p = try path(a, "path")
            if Glibc.rmdir(p) != 0 { throw Diagnostic.os(errno: errno, path: p, at: a.span(of: "path")) }
            return .none
        })
        m.add(fn("rename", "Move or rename a file or folder.", [.required("src"), .required("dst")]) { a, _ in
            let s = try path(a, "src"), d = try path(a, "dst")
            if Glibc.rename(s, d) != 0 { throw Diagnostic.os(errno: errno, path: s, at: a.span(of: "src")) }
            return .none
        })
        m.add(fn("getenv", "An environment variable, or default when it is not set.", [.required("key"), .optional("default", default: Value.none)]) { a, _ in
            let key = try a.string("key")
            let fallback = a["default"]!
            return getenv(key).map { .str(String(cString: $0)) } ?? fallback
        })
        let environ = DictBox()
        var p = Glibc.environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                let k = String(text[..<eq]), v = String(text[text.index(after: eq)...])
                environ.set(.str(k), .str(k), .str(v))
            }
            p += 1
        }
        m.add("environ", .dict(environ))
        m.add("path", .module(osPath()))
        return m
    }

    static func osPath() -> ModuleValue {
        let m = ModuleValue("os.path", doc: "Path names: join, exists, isdir, isfile, basename, dirname, splitext, abspath.")
        m.add(fn("join", "Join path parts with '/'; an absolute part starts again from it.", [.required("a"), .varPositional("p")]) { a, _ in
            var result = try path(a, "a")
            for part in a.varPositional {
                guard let s = part.value.fileSystemPath else {
                    throw Diagnostic(.typeError, "join() argument must be str, bytes, or os.PathLike object, not '\(part.value.typeName)'", at: part.span)
                }
                if s.hasPrefix("/") { result = s } else if result.isEmpty || result.hasSuffix("/") { result += s } else { result += "/" + s }
            }
            return .str(result)
        })
        m.add(fn("exists", "Whether a file or folder exists at the path.", [.required("path")]) { a, _ in .bool(fileStat(try path(a, "path")) != nil) })
        m.add(fn("isdir", "Whether the path is a folder.", [.required("s")]) { a, _ in .bool(isDirectory(try path(a, "s"))) })
        m.add(fn("isfile", "Whether the path is a regular file.", [.required("path")]) { a, _ in .bool(isFile(try path(a, "path"))) })
        m.add(fn("basename", "The last part of the path: basename('a/b.txt') is 'b.txt'.", [.required("p")]) { a, _ in .str(PathText.basename(try path(a, "p"))) })
        m.add(fn("dirname", "The path without its last part: dirname('a/b.txt') is 'a'.", [.required("p")]) { a, _ in .str(PathText.dirname(try path(a, "p"))) })
        m.add(fn("split", "(dirname, basename) of the path.", [.required("p")]) { a, _ in
            let p = try path(a, "p")
            return .tuple([.str(PathText.dirname(p)), .str(PathText.basename(p))])
        })
        m.add(fn("splitext", "(root, extension): splitext('a/b.tar.gz') is ('a/b.tar', '.gz').", [.required("p")]) { a, _ in
            let (root, ext) = PathText.splitext(try path(a, "p"))
            return .tuple([.str(root), .str(ext)])
        })
        m.add(fn("abspath", "The absolute form of the path, from the working directory.", [.required("path")]) { a, _ in
            let p = try path(a, "path")
            return .str(PathText.normalize(p.hasPrefix("/") ? p : HostSystem.currentDirectory() + "/" + p))
        })
        m.add(fn("expanduser", "The path with a leading ~ replaced by the home folder.", [.required("path")]) { a, _ in
            let p = try path(a, "path")
            guard p == "~" || p.hasPrefix("~/"), let home = getenv("HOME") else { return .str(p) }
            return .str(String(cString: home) + p.dropFirst())
        })
        m.add(fn("getsize", "The size of a file in bytes.", [.required("filename")]) { a, _ in
            let p = try path(a, "filename")
            guard let st = fileStat(p) else { throw Diagnostic.os(errno: errno, path: p, at: a.span(of: "filename")) }
            return .int(Int(st.st_size))
        })
        m.add("sep", .str("/"))
        return m
    }

    static func shutil() -> ModuleValue {
        let m = ModuleValue("shutil", doc: "Copying and removing files and whole folders: copyfile, copy, copytree, rmtree.")
        for (name, doc) in [("copyfile", "Copy a file's contents to dst; returns dst."), ("copy", "Copy a file into dst (a file or a folder); returns the new file's path.")] {
            m.add(fn(name, doc, [.required("src"), .required("dst")]) { a, _ in
                let s = try path(a, "src"), d = try path(a, "dst")
                try copyFile(s, d, span: a.span(of: "src"))
                return .str(name == "copy" && isDirectory(d) ? d + "/" + PathText.basename(s) : d)
            })
        }
        m.add(fn("copytree", "Copy a folder and everything in it to dst, which must not exist yet (dirs_exist_ok=True allows it).",
                 [.required("src"), .required("dst"), .keywordOnly("dirs_exist_ok", default: .bool(false))]) { a, _ in
            let s = try path(a, "src"), d = try path(a, "dst")
            func copyTree(_ s: String, _ d: String) throws {
                try makedirs(d, existOK: a.bool("dirs_exist_ok"), span: a.span(of: "dst"))
                for name in try listdir(s, span: a.span(of: "src")) {
                    if isDirectory(s + "/" + name) { try copyTree(s + "/" + name, d + "/" + name) }
                    else { try copyFile(s + "/" + name, d + "/" + name, span: a.span(of: "src")) }
                }
            }
            try copyTree(s, d)
            return .str(d)
        })
        m.add(fn("rmtree", "Delete a folder and everything in it.", [.required("path"), .optional("ignore_errors", default: .bool(false))]) { a, _ in
            let p = try path(a, "path")
            let ignoreErrors = a.bool("ignore_errors")
            do { try removeTree(p, span: a.span(of: "path")) } catch where ignoreErrors {}
            return .none
        })
        return m
    }

}

/// Python's posixpath rules on path text.
enum PathText {
    static func basename(_ p: String) -> String {
        guard let slash = p.lastIndex(of: "/") else { return p }
        return String(p[p.index(after: slash)...])
    }

    static func dirname(_ p: String) -> String {
        guard let slash = p.lastIndex(of: "/") else { return "" }
        var head = String(p[...slash])
        if head.contains(where: { $0 != "/" }) { while head.hasSuffix("/") { head.removeLast() } }
        return head
    }

    static func splitext(_ p: String) -> (String, String) {
        let base = basename(p)
        guard let dot = base.lastIndex(of: "."), base[..<dot].contains(where: { $0 != "." }) else { return (p, "") }
        let ext = String(base[dot...])
        return (String(p.dropLast(ext.count)), ext)
    }

    /// Collapses `.`, `..` and repeated slashes of an absolute path.
    static func normalize(_ p: String) -> String {
        var parts: [Substring] = []
        for part in p.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
