/// Documentation texts: `help(obj)`, `obj?` / `obj??`, and the frontend's inspect request.
enum Inspection {
    static let intro = """
    Welcome to Fovea's help.

    Fovea runs a subset of Python made for learning convolutional networks with Keras-style code.
    To read about something, pass it to help: help(print), help(len), help(math).
    In a cell, a name followed by ? shows the same text in the pager: print?  (name?? shows more).
    In the notebook, Shift+Tab inside a call's parentheses shows the signature of the function,
    and Tab completes names and attributes. %lsmagic lists the magics, such as %who and %time.
    """

    static func limited(_ s: String, _ n: Int = 1000) -> String {
        let u = Array(s.unicodeScalars)
        return u.count <= n ? s : Strings.make(u.prefix(n)) + "..."
    }

    /// The documentation of a value. `detail` 1 adds the source of user functions and more facts.
    static func text(_ v: Value, interpreter: Interpreter, detail: Int = 0, forHelp: Bool = false) -> String {
        switch v {
        case .native(let f):
            return "\(f.signature)\n\n\(f.doc)"
        case .function(let f):
            var s = "\(f.signature)\n\n\(f.doc ?? "A function defined in \(f.source.name).")"
            if detail > 0 { s += "\n\nSource:\n" + f.source.slice(f.span) }
            return s
        case .type(let t) where t.isUserClass:
            return userClassText(t, full: detail > 0 || forHelp)
        case .type(let t):
            var s = "class \(t.qualifiedName)\n\n\(t.doc)"
            if detail > 0 || forHelp {
                let methods = Methods.classes[t.name]?.memberNames.sorted() ?? []
                if !methods.isEmpty { s += "\n\nMethods: " + methods.joined(separator: ", ") }
            }
            return s
        case .module(let m):
            let members = interpreter.attributeNames(of: v).filter { !$0.hasPrefix("_") }
            return "module \(m.name)\n\n\(m.doc)\n\nMembers: " + members.joined(separator: ", ")
        case .object(let o):
            var s = "Type: \(o.typeName)\nValue: \(limited(o.repr()))\n\n\(o.doc)"
            if detail > 0 || forHelp {
                let names = (o.hostClass?.memberNames ?? []).filter { !$0.hasPrefix("_") }.sorted()
                if !names.isEmpty { s += "\n\nAttributes: " + names.joined(separator: ", ") }
            }
            return s
        default:
            var s = "Type: \(v.typeName)\nValue: \(limited(Repr.repr(v)))"
            if case .list(let l) = v { s += "\nLength: \(l.items.count)" }
            if case .dict(let d) = v { s += "\nLength: \(d.count)" }
            if detail > 0 || forHelp, case .type(let t)? = interpreter.builtins[v.typeName] { s += "\n\n" + t.doc }
            return s
        }
    }

    /// A class written in the language, as Python's help shows one: how to make an instance
    /// (from `__init__`), its docstring, and its methods with their first doc lines.
    static func userClassText(_ t: TypeValue, full: Bool) -> String {
        var header = "class \(t.name)"
        if case .function(let f)? = t.lookup("__init__") { header = "class " + f.signature(named: t.name, skipping: 1) }
        var s = header + (t.doc.isEmpty ? "" : "\n\n" + t.doc)
        guard full else { return s }
        var lines: [String] = []
        var shown = Set<String>()
        for c in t.mro {
            for (name, value) in c.attributes.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("_") || name == "__call__" {
                var f: FunctionValue?, skipping = 1
                switch value {
                case .function(let g): f = g
                case .object(let w as MethodWrapper):
                    if case .function(let g) = w.function { f = g }
                    if w.kind == .staticMethod { skipping = 0 }
                default: break
                }
                guard let f, shown.insert(name).inserted else { continue }
                let firstLine = f.doc.map { " - " + (String($0.split(separator: "\n").first ?? "")).trimmingSpaces } ?? ""
                lines.append("  " + f.signature(named: name, skipping: skipping) + firstLine)
            }
        }
        if !lines.isEmpty { s += "\n\nMethods:\n" + lines.joined(separator: "\n") }
        return s
    }

    static func helpText(_ v: Value, interpreter: Interpreter, expression: String?) -> String {
        if case .str(let s) = v, expression == nil {
            // help('print') looks the name up, as Python does.
            if let found = interpreter.evaluateChain(s) { return text(found, interpreter: interpreter, forHelp: true) }
            if interpreter.moduleTable.has(s), let m = try? interpreter.importModule(s, span: .none) {
                return text(.module(m), interpreter: interpreter, forHelp: true)
            }
            return "No Fovea documentation found for \(Repr.string(s))."
        }
        return text(v, interpreter: interpreter, forHelp: true)
    }
}

extension Interpreter {
    /// The value of a plain dotted chain of names (`model.layers`), or nil. Never calls a
    /// function written by the learner.
    func evaluateChain(_ chain: String) -> Value? {
        let parts = chain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty, var v = lookup(first, in: globals) else { return nil }
        for p in parts.dropFirst() {
            guard !p.isEmpty, let next = (try? findAttribute(v, p, span: .none)) ?? nil else { return nil }
            v = next
        }
        return v
    }

    /// The value of a name/attribute expression, without calling anything; nil otherwise.
    func evaluateSafely(_ e: Expr) -> Value? {
        switch e.kind {
        case .name(let n): return lookup(n, in: globals)
        case .attribute(let base, let name, _):
            guard let b = evaluateSafely(base) else { return nil }
            return (try? findAttribute(b, name, span: .none)) ?? nil
        case .int, .float, .string, .bool, .none, .tuple, .list, .dict:
            return try? eval(e, globals)
        default: return nil
        }
    }

    /// `name?` and `name??`: the documentation goes to the pager.
    func showHelp(_ e: Expr, detail: Int, _ scope: Scope) throws {
        guard let v = evaluateSafely(e) else {
            write("Object `\(source.slice(e.span))` not found.\n", to: .stdout)
            return
        }
        payloads.append(.page(text: Inspection.text(v, interpreter: self, detail: detail, forHelp: true)))
    }

    /// The inspect request: the dotted name at or just before the cursor, or the callee of the
    /// call whose parentheses hold the cursor.
    func inspect(_ code: String, cursor: Int, detail: Int) -> String? {
        let s = Array(code.unicodeScalars)
        let cursor = max(0, min(cursor, s.count))
        func isName(_ u: Unicode.Scalar) -> Bool { u == "_" || u.properties.isAlphabetic || ("0"..."9").contains(u) }
        func isChain(_ u: Unicode.Scalar) -> Bool { isName(u) || u == "." }
        var end = cursor
        while end < s.count && isName(s[end]) { end += 1 }
        var start = end
        while start > 0 && isChain(s[start - 1]) { start -= 1 }
        if start == end {
            // Inside a call's parentheses: walk back to the unmatched '('.
            var depth = 0, i = cursor - 1
            while i >= 0 {
                let c = s[i]
                if c == ")" || c == "]" || c == "}" { depth += 1 }
                else if c == "(" || c == "[" || c == "{" {
                    if depth == 0 { break }
                    depth -= 1
                }
                i -= 1
            }
            guard i > 0, s[i] == "(" else { return nil }
            end = i
            while end > 0 && s[end - 1] == " " { end -= 1 }
            start = end
            while start > 0 && isChain(s[start - 1]) { start -= 1 }
            if start == end { return nil }
        }
        let chain = Strings.make(s[start..<end]).trimmingCharacters(".")
        guard let v = evaluateChain(chain) else { return nil }
        return Inspection.text(v, interpreter: self, detail: detail)
    }
}

extension String {
    func trimmingCharacters(_ c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s.removeFirst() }
        while s.last == c { s.removeLast() }
        return String(s)
    }
}
