/// Tab completion: names in scope, built-ins, keywords, module names after `import`, members
/// after `from m import`, attributes after a dot. Never runs the learner's code.
extension Interpreter {
    static let keywords = ["False", "None", "True", "and", "as", "assert", "break", "continue", "def", "del", "elif",
                           "else", "for", "from", "if", "import", "in", "is", "lambda", "not", "or", "pass", "return", "while"]

    func complete(_ code: String, cursor: Int) -> Completion {
        let s = Array(code.unicodeScalars)
        let cursor = max(0, min(cursor, s.count))
        func isName(_ u: Unicode.Scalar) -> Bool { u == "_" || u.properties.isAlphabetic || ("0"..."9").contains(u) }
        var wordStart = cursor
        while wordStart > 0 && isName(s[wordStart - 1]) { wordStart -= 1 }
        let word = Strings.make(s[wordStart..<cursor])
        var lineStart = cursor
        while lineStart > 0 && s[lineStart - 1] != "\n" { lineStart -= 1 }
        let before = Strings.make(s[lineStart..<wordStart])
        let tokens = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        func result(_ candidates: [String], start: Int = wordStart, prefix: String = word) -> Completion {
            let showPrivate = prefix.hasPrefix("_")
            let matches = Set(candidates).filter { $0.hasPrefix(prefix) && (showPrivate || !$0.hasPrefix("_")) }.sorted()
            return Completion(matches: matches, cursorStart: start, cursorEnd: cursor)
        }

        // Magics: `%wh` -> %who, %whos
        if wordStart > lineStart, s[wordStart - 1] == "%", before.trimmingSpaces == "%" || before.trimmingSpaces == "%%" {
            let names = before.trimmingSpaces == "%%" ? Array(cellMagics.keys) : Array(lineMagics.keys)
            return result(names)
        }
        // `import te`, `import tensorflow.ke`, `from tensorflow.ke`
        if tokens.first == "import" || (tokens.first == "from" && tokens.count == 1) {
            if tokens.last == "as" { return result([]) }
            var start = wordStart
            while start > lineStart && (isName(s[start - 1]) || s[start - 1] == ".") { start -= 1 }
            return result(moduleTable.names, start: start, prefix: Strings.make(s[start..<cursor]))
        }
        // `from math import sq`
        if tokens.count >= 3, tokens[0] == "from", tokens[2] == "import" {
            guard let m = try? importModule(tokens[1], span: .none) else { return result([]) }
            return result(attributeNames(of: .module(m)))
        }
        // `obj.attr.pa`
        if wordStart > 0 && s[wordStart - 1] == "." {
            var i = wordStart - 1
            while i > 0 && (isName(s[i - 1]) || s[i - 1] == ".") { i -= 1 }
            let chain = Strings.make(s[i..<(wordStart - 1)])
            guard let first = chain.unicodeScalars.first, !("0"..."9").contains(first),
                  let base = evaluateChain(chain) ?? evaluateChain(chain, importedBy: code) else {
                return result([])
            }
            return result(attributeNames(of: base))
        }
        if word.isEmpty { return Completion(matches: [], cursorStart: cursor, cursorEnd: cursor) }
        return result(Array(globals.vars.keys) + Array(builtins.keys) + Interpreter.keywords)
    }

    /// A dotted chain whose root the cell being edited imports but has not run yet
    /// (`import sys` then `sys.std<Tab>` in one cell), as IPython completes it.
    func evaluateChain(_ chain: String, importedBy code: String) -> Value? {
        let parts = chain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let root = parts.first, !root.isEmpty else { return nil }
        for stmt in Parser.parse(SourceFile(name: "", text: code)).module.body {
            guard case .import(let names) = stmt.kind else { continue }
            for n in names {
                let bound = n.alias ?? String(n.name.split(separator: ".").first ?? "")
                guard bound == root else { continue }
                // `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`.
                let moduleName = n.alias == nil ? bound : n.name
                guard var v = (try? importModule(moduleName, span: .none)).map(Value.module) else { return nil }
                for p in parts.dropFirst() {
                    guard !p.isEmpty, let next = (try? findAttribute(v, p, span: .none)) ?? nil else { return nil }
                    v = next
                }
                return v
            }
        }
        return nil
    }
}
