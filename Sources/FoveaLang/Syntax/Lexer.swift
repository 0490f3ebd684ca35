/// Turns a cell into tokens: NEWLINE/INDENT/DEDENT from an indentation stack, implicit line
/// joining inside brackets, IPython lines (`%magic`, `%%cell magic`, `!shell`) at statement start.
/// Errors become `.error` tokens (and are also returned), so the parser can report them in order.
public enum Lexer {
    /// Brackets open at once (CPython's tokenizer: MAXLEVEL). The one that goes deeper is
    /// "too many nested parentheses".
    public static let maxBracketDepth = 200
    /// Indentation levels, the outermost included (CPython's tokenizer: MAXINDENT). The line
    /// that goes deeper is "too many levels of indentation".
    public static let maxIndentationLevels = 100

    public static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var l = LexerState(source: source, start: 0, end: source.scalars.count, fieldMode: false)
        l.run()
        return (l.tokens, l.diagnostics)
    }

    /// Tokens of an f-string replacement field: no NEWLINE or INDENT, ends with `.endOfFile`.
    public static func tokenizeExpression(_ source: SourceFile, _ span: Span) -> [Token] {
        var l = LexerState(source: source, start: span.start, end: span.end, fieldMode: true)
        l.run()
        return l.tokens
    }
}

struct LexerState {
    let src: SourceFile
    let s: [Unicode.Scalar]
    var pos: Int
    let end: Int
    let fieldMode: Bool
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    var indents: [(col: Int, alt: Int)] = [(0, 0)]
    var brackets: [(char: Unicode.Scalar, offset: Int)] = []
    var atLineStart = true

    init(source: SourceFile, start: Int, end: Int, fieldMode: Bool) {
        self.src = source; self.s = source.scalars; self.pos = start; self.end = end; self.fieldMode = fieldMode
    }

    func peek(_ k: Int = 0) -> Unicode.Scalar? { pos + k < end ? s[pos + k] : nil }

    mutating func emit(_ kind: TokenKind, from start: Int) { tokens.append(Token(kind, Span(start, pos))) }

    /// After `%` or `%%`: the magic's name, then the rest of the line (its arguments, raw).
    mutating func magicNameAndArguments() -> (name: String, args: String) {
        let nameStart = pos
        while let d = peek(), !Self.isSpace(d), !Self.isNewline(d) { pos += 1 }
        let name = text(nameStart, pos)
        while let d = peek(), Self.isSpace(d) { pos += 1 }
        let argStart = pos
        while let d = peek(), !Self.isNewline(d) { pos += 1 }
        return (name, text(argStart, pos))
    }

    mutating func error(_ message: String, _ span: Span, kind: ExceptionClass = .syntaxError, notes: [String] = []) {
        let d = Diagnostic(kind, message, at: span, notes: notes)
        diagnostics.append(d)
        tokens.append(Token(.error(d), span))
    }

    func text(_ a: Int, _ b: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s[a..<max(a, b)])
        return String(v)
    }

    mutating func run() {
        while true {
            if atLineStart && !fieldMode {
                if !lineStart() { break }
                continue
            }
            if !nextToken() { break }
        }
        finish()
    }

    mutating func finish() {
        if fieldMode { tokens.append(Token(.endOfFile, Span(end, end))); return }
        if let open = brackets.last {
            error("'\(Character(open.char))' was never closed", Span(open.offset, open.offset + 1))
        }
        if let last = tokens.last, !last.isNewline {
            tokens.append(Token(.newline, Span(end, end)))
        }
        for _ in 1..<indents.count { tokens.append(Token(.dedent, Span(end, end))) }
        tokens.append(Token(.endOfFile, Span(end, end)))
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{0C}" }
    static func isNewline(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }
    static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || (c.value > 127 && c.properties.isXIDStart)
    }
    static func isIdentContinue(_ c: Unicode.Scalar) -> Bool {
        isIdentStart(c) || ("0"..."9").contains(c) || (c.value > 127 && c.properties.isXIDContinue)
    }
    static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }

    mutating func skipNewline() {
        if peek() == "\r" && peek(1) == "\n" { pos += 2 } else { pos += 1 }
    }

    /// At the start of a physical line outside brackets: blank lines, indentation, IPython lines.
    /// Returns false at the end of the input.
    mutating func lineStart() -> Bool {
        while true {
            let lineBegin = pos
            var col = 0, alt = 0
            while let c = peek(), Self.isSpace(c) {
                if c == " " { col += 1; alt += 1 } else if c == "\t" { col = (col / 8 + 1) * 8; alt += 1 } else { col = 0; alt = 0 }
                pos += 1
            }
            guard var c = peek() else { return false }
            if c == "#" {
                while let d = peek(), !Self.isNewline(d) { pos += 1 }
                guard let d = peek() else { return false }
                c = d
            }
            if Self.isNewline(c) { skipNewline(); continue }
            if c == "\\", let n = peek(1), Self.isNewline(n), col == 0, tokens.isEmpty {
                // A continuation on an otherwise empty line: treat as blank.
                pos += 1; skipNewline(); continue
            }
            atLineStart = false
            indentation(col: col, alt: alt, lineBegin: lineBegin)
            ipythonLine(col: col)
            return true
        }
    }

    mutating func indentation(col: Int, alt: Int, lineBegin: Int) {
        let here = Span(pos, pos + 1)
        let top = indents[indents.count - 1]
        if col == top.col {
            if alt != top.alt { error("inconsistent use of tabs and spaces in indentation", here, kind: .tabError) }
        } else if col > top.col {
            if alt <= top.alt { error("inconsistent use of tabs and spaces in indentation", here, kind: .tabError) }
            indents.append((col, alt))
            tokens.append(Token(.indent, Span(pos, pos)))
            if indents.count == Lexer.maxIndentationLevels + 1 {
                // After the INDENT, so the parser meets the error as the block's first statement.
                error("too many levels of indentation", here, kind: .indentationError)
            }
        } else {
            while col < indents[indents.count - 1].col {
                if indents[indents.count - 2].col < col {
                    // Between two levels: report it and let this line continue the inner block.
                    error("unindent does not match any outer indentation level", here, kind: .indentationError)
                    indents[indents.count - 1] = (col, alt)
                    return
                }
                indents.removeLast()
                tokens.append(Token(.dedent, Span(pos, pos)))
            }
            if alt != indents[indents.count - 1].alt {
                error("inconsistent use of tabs and spaces in indentation", here, kind: .tabError)
            }
        }
    }

    /// `%magic`, `%%cellmagic`, `!shell` where a statement begins.
    mutating func ipythonLine(col: Int) {
        guard let c = peek() else { return }
        let start = pos
        if c == "%" && peek(1) == "%" {
            let first = tokens.allSatisfy { if case .indent = $0.kind { return true }; return false }
            pos += 2
            let (name, args) = magicNameAndArguments()
            let lineEnd = pos
            if !first || col != 0 {
                error("cell magic '%%\(name)' must be on the first line of the cell", Span(start, lineEnd))
                return
            }
            if peek() != nil { skipNewline() }
            let body = text(pos, end)
            tokens.append(Token(.cellMagic(name: name, args: args, body: body, bodyOffset: pos), Span(start, lineEnd)))
            pos = end
            return
        }
        if c == "%", let n = peek(1), !Self.isSpace(n), !Self.isNewline(n), n != "=" {
            pos += 1
            let (name, args) = magicNameAndArguments()
            emit(.lineMagic(name: name, args: args), from: start)
            return
        }
        if c == "!" && peek(1) != "=" {
            pos += 1
            while let d = peek(), Self.isSpace(d) { pos += 1 }
            let cmdStart = pos
            while let d = peek(), !Self.isNewline(d) { pos += 1 }
            emit(.shell(text(cmdStart, pos)), from: start)
        }
    }

    static let operators3: Set<String> = ["**=", "//=", ">>=", "<<=", "..."]
    static let operators2: Set<String> = ["**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", "+=", "-=",
                                          "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":="]
    static let operators1: Set<Unicode.Scalar> = ["+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">",
                                                  "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=", "?"]

    /// Reads one token (or skips whitespace/comments). Returns false at the end of the input.
    mutating func nextToken() -> Bool {
        while let c = peek(), Self.isSpace(c) { pos += 1 }
        guard let c = peek() else { return false }
        let start = pos
        if c == "#" {
            while let d = peek(), !Self.isNewline(d) { pos += 1 }
            return true
        }
        if Self.isNewline(c) {
            skipNewline()
            if brackets.isEmpty && !fieldMode {
                tokens.append(Token(.newline, Span(start, start + 1)))
                atLineStart = true
            }
            return true
        }
        if c == "\\" {
            if let n = peek(1), Self.isNewline(n) { pos += 1; skipNewline(); return true }
            pos += 1
            if peek() == nil { error("unexpected EOF while parsing", Span(start, pos)); return true }
            error("unexpected character after line continuation character", Span(start, pos))
            return true
        }
        if Self.isDigit(c) || (c == "." && Self.isDigit(peek(1))) { number(); return true }
        if c == "\"" || c == "'" { string(prefix: "", start: start); return true }
        if Self.isIdentStart(c) {
            while let d = peek(), Self.isIdentContinue(d) { pos += 1 }
            let word = text(start, pos)
            if let q = peek(), q == "\"" || q == "'", ["r", "u", "f", "b", "rb", "br", "rf", "fr"].contains(word.lowercased()) {
                string(prefix: word.lowercased(), start: start)
                return true
            }
            emit(Lexer.keywords.contains(word) ? .keyword(word) : .name(word), from: start)
            return true
        }
        // IPython's `files = !ls` and `here = %pwd`: a shell line or line magic whose output is
        // the value assigned.
        if c == "!" || c == "%", brackets.isEmpty, case .op("=")? = tokens.last?.kind {
            let count = tokens.count
            ipythonLine(col: 1)
            if tokens.count > count { return true }
        }
        // Operators, longest first.
        if pos + 3 <= end, Self.operators3.contains(text(pos, pos + 3)) {
            pos += 3; emit(.op(text(start, pos)), from: start); return true
        }
        if pos + 2 <= end, Self.operators2.contains(text(pos, pos + 2)) {
            pos += 2; emit(.op(text(start, pos)), from: start); return true
        }
        if Self.operators1.contains(c) {
            pos += 1
            switch c {
            case "(", "[", "{":
                brackets.append((c, start))
                if brackets.count == Lexer.maxBracketDepth + 1 {
                    // Instead of the bracket, so the parser stops there: it never descends
                    // further than this, however many brackets follow.
                    error("too many nested parentheses", Span(start, pos))
                    return true
                }
            case ")", "]", "}":
                guard let open = brackets.popLast() else {
                    error("unmatched '\(Character(c))'", Span(start, pos))
                    return true
                }
                let expected: Unicode.Scalar = open.char == "(" ? ")" : open.char == "[" ? "]" : "}"
                if c != expected {
                    let openLine = src.location(of: open.offset).line, line = src.location(of: start).line
                    let suffix = openLine == line ? "" : " on line \(openLine)"
                    error("closing parenthesis '\(Character(c))' does not match opening parenthesis '\(Character(open.char))'\(suffix)", Span(start, pos))
                    return true
                }
            default: break
            }
            emit(.op(String(Character(c))), from: start)
            return true
        }
        pos += 1
        if c == "!" || c == "$" || c == "`" {
            error("invalid syntax", Span(start, pos))
        } else {
            let hex = String(c.value, radix: 16, uppercase: true)
            let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            error("invalid character '\(Character(c))' (U+\(code))", Span(start, pos))
        }
        return true
    }
}
