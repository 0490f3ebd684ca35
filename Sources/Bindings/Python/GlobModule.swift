import FoveaLang

/// `glob`: `glob.glob('data/*/*.png')` lists the paths a shell pattern matches, as tutorials find
/// their images. As in Python, `*` and `?` skip names that start with a dot, `**` crosses folders
/// only with `recursive=True`, and the paths come in the order the folders list them.
enum GlobModule {
    static func module() -> ModuleValue {
        let m = ModuleValue("glob", doc: "Paths matching a shell pattern: glob.glob('images/*.png'), glob.glob('**/*.jpg', recursive=True).")
        let parameters: [NativeParameter] = [.required("pathname"), .keywordOnly("root_dir", default: Value.none),
                                             .keywordOnly("recursive", default: .bool(false))]
        m.add(NativeFunction("glob", doc: "A list of the paths that match pathname, a pattern with *, ? and [...]; ** matches folders at any depth with recursive=True.",
                             parameters: parameters) { a, ctx in
            .list(ListBox(try paths(&a, ctx).map { .str($0) }))
        })
        m.add(NativeFunction("iglob", doc: "The same paths as glob(), one at a time.", parameters: parameters) { a, ctx in
            let found = try paths(&a, ctx)
            var i = 0
            return .iterator(IteratorBox("generator") {
                guard i < found.count else { return nil }
                defer { i += 1 }
                return .str(found[i])
            })
        })
        m.add(NativeFunction("escape", doc: "The path with *, ? and [ made literal, for use inside a pattern.",
                             parameters: [.required("pathname")]) { a, _ in
            var out = ""
            for c in try a.path("pathname") {
                if c == "*" || c == "?" || c == "[" { out += "[\(c)]" } else { out.append(c) }
            }
            return .str(out)
        })
        return m
    }

    static func paths(_ a: inout BoundArguments, _ ctx: CallContext) throws -> [String] {
        let pattern = try a.path("pathname")
        let root = try a.optionalPath("root_dir")
        let recursive = a.bool("recursive")
        guard !pattern.isEmpty else { return [] }
        let absolute = pattern.hasPrefix("/")
        var components = pattern.split(separator: "/").map(String.init).filter { $0 != "." }
        if !recursive { components = components.map { $0 == "**" ? "*" : $0 } }
        // A '**' inside a longer component is an ordinary '*' pair, as Python's glob reads it.
        components = components.map { $0 == "**" ? $0 : collapsingStars($0) }
        let base = absolute ? "/" : (root ?? ".")
        let found = try PathGlob.collect(base, components, hidden: false, context: ctx)
        guard let root, !absolute else { return found }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return found.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
    }
}

/// `a**b` matches as `a*b` does.
private func collapsingStars(_ s: String) -> String {
    var out = ""
    for c in s where !(c == "*" && out.last == "*") { out.append(c) }
    return out
}
