import FoveaLang
import Glibc

/// `Path.glob` and `Path.rglob`: shell-style patterns over real folders. `*` and `?` match within
/// one name (hidden names too, as pathlib does), `[abc]` and `[!abc]` match one character of a
/// set, and a `**` component matches this folder and every folder below it.
enum PathGlob {
    /// Whether `name` matches the pattern component `pattern` (fnmatch, case-sensitive).
    static func matches(_ name: String, _ pattern: String) -> Bool {
        match(Array(name.unicodeScalars)[...], Array(pattern.unicodeScalars)[...])
    }

    private static func match(_ s: ArraySlice<Unicode.Scalar>, _ p: ArraySlice<Unicode.Scalar>) -> Bool {
        var s = s, p = p
        // The last `*` seen and where the text stood, to try it with one more character.
        var star: (pattern: ArraySlice<Unicode.Scalar>, text: ArraySlice<Unicode.Scalar>)?
        while true {
            if let c = p.first {
                if c == "*" {
                    p = p.dropFirst()
                    star = (p, s)
                    continue
                }
                if let t = s.first {
                    if c == "?" { s = s.dropFirst(); p = p.dropFirst(); continue }
                    if c == "[", let (ok, rest) = bracket(t, p) {
                        if ok { s = s.dropFirst(); p = rest; continue }
                    } else if c == t {
                        s = s.dropFirst(); p = p.dropFirst(); continue
                    }
                }
            } else if s.isEmpty {
                return true
            }
            // Mismatch: let the last `*` take one more character, or fail.
            guard let (sp, st) = star, !st.isEmpty else { return false }
            star = (sp, st.dropFirst())
            p = sp; s = st.dropFirst()
        }
    }

    /// `[...]` at the start of `p` against `c`: whether it matches and the pattern after it; nil
    /// when the bracket is not closed (then `[` is an ordinary character).
    private static func bracket(_ c: Unicode.Scalar, _ p: ArraySlice<Unicode.Scalar>) -> (Bool, ArraySlice<Unicode.Scalar>)? {
        var i = p.index(after: p.startIndex)
        var negate = false
        if i < p.endIndex, p[i] == "!" { negate = true; i += 1 }
        var first = true, found = false
        while i < p.endIndex {
            if p[i] == "]" && !first { return (found != negate, p[(i + 1)...]) }
            first = false
            if i + 2 < p.endIndex, p[i + 1] == "-", p[i + 2] != "]" {
                if p[i].value <= c.value && c.value <= p[i + 2].value { found = true }
                i += 3
            } else {
                if p[i] == c { found = true }
                i += 1
            }
        }
        return nil
    }

    static func hasWildcard(_ s: String) -> Bool { s.contains("*") || s.contains("?") || s.contains("[") }

    /// The paths under `base` (a folder's path text) that `pattern` selects, as texts joined to
    /// `base`; CPython's errors for a pattern it refuses.
    static func select(_ pattern: String, under base: String, span: Span, context: CallContext) throws -> [String] {
        if pattern.isEmpty { throw Diagnostic(.valueError, "Unacceptable pattern: ''", at: span) }
        if pattern.hasPrefix("/") { throw Diagnostic(.notImplementedError, "Non-relative patterns are unsupported", at: span) }
        let components = pattern.split(separator: "/").map(String.init).filter { $0 != "." }
        for c in components where c.contains("**") && c != "**" {
            throw Diagnostic(.valueError, "Invalid pattern: '**' can only be an entire path component", at: span)
        }
        return try collect(base, components, hidden: true, context: context)
    }

    /// The paths that `components` select below `base`, each once, in the order found. With
    /// `hidden` false (the glob module) a wildcard does not match a name that starts with a dot
    /// unless the pattern component does too.
    static func collect(_ base: String, _ components: [String], hidden: Bool, context: CallContext) throws -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        try walk(base, components[...], hidden: hidden, context: context) { p in
            if seen.insert(p).inserted { out.append(p) }
        }
        return out
    }

    static func child(_ dir: String, _ name: String) -> String { dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name) }

    private static func names(in dir: String) -> [String] {
        (try? OSModule.listdir(dir, span: Span(0, 0))) ?? []
    }

    private static func walk(_ dir: String, _ rest: ArraySlice<String>, hidden: Bool, context: CallContext, _ emit: (String) -> Void) throws {
        guard let c = rest.first else { emit(dir); return }
        let after = rest.dropFirst()
        if c == "**" {
            // This folder and every folder below it (symbolic links to folders are not followed).
            var pending = [dir]
            while let d = pending.popLast() {
                try context.checkInterrupt()
                try walk(d, after, hidden: hidden, context: context, emit)
                let subdirs = names(in: d).filter { hidden || !$0.hasPrefix(".") }.map { child(d, $0) }.filter { OSModule.linkStat($0).map { $0.st_mode & S_IFMT == S_IFDIR } ?? false }
                pending += subdirs.reversed()
            }
        } else if hasWildcard(c) {
            for name in names(in: dir) where matches(name, c) && (hidden || !name.hasPrefix(".") || c.hasPrefix(".")) {
                let p = child(dir, name)
                if after.isEmpty { emit(p) } else if OSModule.isDirectory(p) { try walk(p, after, hidden: hidden, context: context, emit) }
            }
        } else {
            let p = child(dir, c)
            if after.isEmpty { if OSModule.fileStat(p) != nil || OSModule.linkStat(p) != nil { emit(p) } }
            else if OSModule.isDirectory(p) { try walk(p, after, hidden: hidden, context: context, emit) }
        }
    }
}
