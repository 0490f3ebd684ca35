/// Number and string literals, f-strings included.
extension LexerState {
    mutating func digits(_ isDigit: (Unicode.Scalar) -> Bool) -> (text: String, ok: Bool) {
        var out = "", ok = true, lastUnderscore = false, any = false
        while let c = peek() {
            if isDigit(c) { out.unicodeScalars.append(c); lastUnderscore = false; any = true }
            else if c == "_" { if lastUnderscore || !any { ok = false }; lastUnderscore = true }
            else { break }
            pos += 1
        }
        if lastUnderscore { ok = false }
        return (out, ok)
    }

    /// Consumes identifier characters glued to a number and reports them.
    mutating func badSuffix(_ start: Int, _ message: String) {
        while let c = peek(), Self.isIdentContinue(c) { pos += 1 }
        error(message, Span(start, pos))
    }

    mutating func number() {
        let start = pos
        if peek() == "0", let p = peek(1), "xXoObB".unicodeScalars.contains(p) {
            pos += 2
            let lower = Character(p).lowercased()
            let (radix, name): (Int, String) = lower == "x" ? (16, "hexadecimal") : lower == "o" ? (8, "octal") : (2, "binary")
            if peek() == "_" { pos += 1 }
            let (t, ok) = digits { c in Int(String(Character(c)), radix: radix) != nil }
            if let c = peek(), Self.isIdentContinue(c) || Self.isDigit(c) {
                if Self.isDigit(c) { badSuffix(start, "invalid digit '\(Character(c))' in \(name) literal"); return }
                badSuffix(start, "invalid \(name) literal"); return
            }
            guard ok, !t.isEmpty else { error("invalid \(name) literal", Span(start, pos)); return }
            guard let v = Int(t, radix: radix) else {
                error("integer literal is too large for Fovea (it must fit in 64 bits)", Span(start, pos)); return
            }
            emit(.int(v), from: start)
            return
        }
        var (intPart, ok) = digits { Self.isDigit($0) }
        var isFloat = false
        var literal = intPart
        if peek() == "." {
            isFloat = true
            pos += 1
            literal += "."
            if Self.isDigit(peek()) {
                let (f, ok2) = digits { Self.isDigit($0) }
                ok = ok && ok2
                literal += f
            } else if peek() == "_" { ok = false }
        }
        if let e = peek(), e == "e" || e == "E" {
            let save = pos
            pos += 1
            var exp = "e"
            if let sgn = peek(), sgn == "+" || sgn == "-" { exp.unicodeScalars.append(sgn); pos += 1 }
            if Self.isDigit(peek()) {
                let (d, ok3) = digits { Self.isDigit($0) }
                ok = ok && ok3
                literal += exp + d
                isFloat = true
            } else {
                pos = save
                badSuffix(start, "invalid decimal literal"); return
            }
        }
        if let c = peek(), c == "j" || c == "J" {
            pos += 1
            if let d = peek(), Self.isIdentContinue(d) { badSuffix(start, "invalid imaginary literal"); return }
            error("Fovea does not support complex numbers (the imaginary literal '\(text(start, pos))')", Span(start, pos))
            return
        }
        if let c = peek(), Self.isIdentStart(c) {
            // `1if x else y` is legal Python; anything else glued to a number is not.
            var p = pos
            while p < end, Self.isIdentContinue(s[p]) { p += 1 }
            if !Lexer.keywords.contains(text(pos, p)) { badSuffix(start, "invalid decimal literal"); return }
        }
        guard ok else { error("invalid decimal literal", Span(start, pos)); return }
        if isFloat {
            guard let v = Double(literal) else { error("invalid decimal literal", Span(start, pos)); return }
            emit(.float(v), from: start)
            return
        }
        if intPart.count > 1 && intPart.hasPrefix("0") && intPart.contains(where: { $0 != "0" }) {
            error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", Span(start, pos))
            return
        }
        intPart = String(intPart.drop { $0 == "0" })
        guard let v = Int(intPart.isEmpty ? "0" : intPart) else {
            error("integer literal is too large for Fovea (it must fit in 64 bits)", Span(start, pos)); return
        }
        emit(.int(v), from: start)
    }

    // MARK: strings

    /// The state of one string literal being read.
    struct StringScan {
        var quote: Unicode.Scalar
        var triple: Bool
        var raw: Bool
        var fstring: Bool
        /// A bytes literal (`b'...'`): ASCII characters only, and no `\u`, `\U` or `\N` escapes.
        var bytes = false
        var start: Int
        var failure: Diagnostic?
        /// Format specs open around the content being read: a field's spec may hold fields, and
        /// their specs plain text only (Python: "f-string: expressions nested too deeply").
        var specDepth = 0
    }

    mutating func string(prefix: String, start: Int) {
        let q = peek()!
        let triple = peek(1) == q && peek(2) == q
        pos += triple ? 3 : 1
        var scan = StringScan(quote: q, triple: triple, raw: prefix.contains("r"), fstring: prefix.contains("f"),
                              start: start, failure: nil)
        scan.bytes = prefix.contains("b")
        let pieces = content(&scan, inSpec: false)
        if let d = scan.failure {
            diagnostics.append(d)
            tokens.append(Token(.error(d), Span(start, pos)))
        } else {
            emit(.string(StringLiteral(isFString: scan.fstring, pieces: pieces, isBytes: scan.bytes)), from: start)
        }
    }

    mutating func fail(_ scan: inout StringScan, _ message: String, _ span: Span) {
        if scan.failure == nil { scan.failure = Diagnostic.syntax(message, at: span) }
    }

    mutating func unterminated(_ scan: inout StringScan) {
        let line = src.location(of: min(pos, max(0, end - 1))).line
        let detected = scan.triple ? src.location(of: end).line : line
        let what = scan.triple ? "unterminated triple-quoted string literal" : "unterminated string literal"
        // A later error (e.g. an f-string field) gives way to the string being unterminated.
        scan.failure = Diagnostic.syntax("\(what) (detected at line \(detected))", at: Span(scan.start, scan.start + 1))
    }

    func atClosingQuote(_ scan: StringScan) -> Bool {
        guard peek() == scan.quote else { return false }
        return !scan.triple || (peek(1) == scan.quote && peek(2) == scan.quote)
    }

    /// Reads string content up to the closing quote (consumed) or, in a format spec, up to the
    /// `}` that ends the field (not consumed).
    mutating func content(_ scan: inout StringScan, inSpec: Bool) -> [FStringPiece] {
        var pieces: [FStringPiece] = []
        var lit = ""
        func flush() { if !lit.isEmpty { pieces.append(.literal(lit)); lit = "" } }
        while true {
            guard let c = peek() else { unterminated(&scan); return pieces }
            if Self.isNewline(c) && !scan.triple { unterminated(&scan); return pieces }
            if atClosingQuote(scan) {
                if inSpec { fail(&scan, "f-string: expecting '}'", Span(pos, pos + 1)); flush(); return pieces }
                pos += scan.triple ? 3 : 1
                flush()
                return pieces
            }
            if c == "\\" {
                escape(&scan, into: &lit)
                continue
            }
            if scan.fstring && c == "{" {
                if peek(1) == "{" && !inSpec { lit += "{"; pos += 2; continue }
                if scan.specDepth >= 2 {
                    // Read on as text (no deeper), to find where the string ends.
                    fail(&scan, "f-string: expressions nested too deeply", Span(pos, pos + 1))
                    pos += 1
                    continue
                }
                flush()
                if let f = field(&scan) { pieces.append(f) }
                if scan.failure != nil && peek() == nil { return pieces }
                continue
            }
            if scan.fstring && c == "}" {
                if inSpec { flush(); return pieces }
                if peek(1) == "}" { lit += "}"; pos += 2; continue }
                fail(&scan, "f-string: single '}' is not allowed", Span(pos, pos + 1))
                pos += 1
                continue
            }
            if c == "\r" && peek(1) == "\n" { pos += 1; continue }
            if scan.bytes && !c.isASCII { fail(&scan, "bytes can only contain ASCII literal characters", Span(scan.start, pos + 1)) }
            lit.unicodeScalars.append(c)
            pos += 1
        }
    }

    mutating func escape(_ scan: inout StringScan, into lit: inout String) {
        let start = pos
        pos += 1
        guard let c = peek() else { lit += "\\"; return }
        if scan.raw {
            lit += "\\"
            if c == scan.quote || c == "\\" { lit.unicodeScalars.append(c); pos += 1 }
            return
        }
        pos += 1
        if scan.bytes && (c == "u" || c == "U" || c == "N") { lit += "\\"; lit.unicodeScalars.append(c); return }
        func hex(_ n: Int, _ name: String) {
            var v: UInt32 = 0
            for _ in 0..<n {
                guard let d = peek(), let x = UInt32(String(Character(d)), radix: 16) else {
                    fail(&scan, "(unicode error) truncated \(name) escape", Span(start, pos)); return
                }
                v = v * 16 + x; pos += 1
            }
            guard let u = Unicode.Scalar(v) else { fail(&scan, "(unicode error) illegal Unicode character", Span(start, pos)); return }
            lit.unicodeScalars.append(u)
        }
        switch c {
        case "\n": break
        case "\r": if peek() == "\n" { pos += 1 }
        case "n": lit += "\n"
        case "t": lit += "\t"
        case "r": lit += "\r"
        case "\\": lit += "\\"
        case "'": lit += "'"
        case "\"": lit += "\""
        case "a": lit += "\u{07}"
        case "b": lit += "\u{08}"
        case "f": lit += "\u{0C}"
        case "v": lit += "\u{0B}"
        case "x": hex(2, "\\xXX")
        case "u": hex(4, "\\uXXXX")
        case "U": hex(8, "\\UXXXXXXXX")
        case "N": fail(&scan, "Fovea does not support \\N{...} escapes; use \\uXXXX instead", Span(start, pos))
        case "0"..."7":
            var v = c.value - 48
            for _ in 0..<2 {
                guard let d = peek(), ("0"..."7").contains(d) else { break }
                v = v * 8 + d.value - 48; pos += 1
            }
            lit.unicodeScalars.append(Unicode.Scalar(scan.bytes ? v & 0xFF : v)!)
        default:
            lit += "\\"; lit.unicodeScalars.append(c)
        }
    }

    /// A replacement field `{expr!c:spec}` of an f-string; `pos` is at `{`.
    mutating func field(_ scan: inout StringScan) -> FStringPiece? {
        let open = pos
        pos += 1
        let exprStart = pos
        var depth = 0
        var exprEnd = -1
        var selfDoc: String? = nil
        while exprEnd < 0 {
            guard let c = peek() else { unterminated(&scan); return nil }
            if Self.isNewline(c) && !scan.triple { unterminated(&scan); return nil }
            if atClosingQuote(scan) { fail(&scan, "f-string: expecting '}'", Span(open, open + 1)); return nil }
            switch c {
            case "'", "\"":
                // A string inside the expression, in the other kind of quote.
                let q = c
                pos += 1
                while let d = peek(), d != q {
                    if Self.isNewline(d) && !scan.triple { unterminated(&scan); return nil }
                    pos += d == "\\" ? 2 : 1
                }
                if peek() == nil { unterminated(&scan); return nil }
            case "(", "[", "{": depth += 1
            case ")", "]": depth -= 1
            case "}":
                if depth == 0 { exprEnd = pos; continue }
                depth -= 1
            case "#":
                fail(&scan, "f-string expression part cannot include '#'", Span(pos, pos + 1))
            case "!" where depth == 0 && peek(1) != "=":
                exprEnd = pos; continue
            case ":" where depth == 0:
                exprEnd = pos; continue
            case "=" where depth == 0 && peek(1) != "=" && !(pos > exprStart && "=!<>".unicodeScalars.contains(s[pos - 1])):
                exprEnd = pos
                pos += 1
                while let d = peek(), Self.isSpace(d) || Self.isNewline(d) { pos += 1 }
                selfDoc = text(exprStart, pos)
                continue
            default: break
            }
            pos += 1
        }
        let exprSpan = Span(exprStart, exprEnd)
        if text(exprStart, exprEnd).unicodeScalars.allSatisfy({ Self.isSpace($0) || Self.isNewline($0) }) {
            let at = exprEnd < end ? Character(s[exprEnd]) : "}"
            fail(&scan, "f-string: valid expression required before '\(at)'", Span(open, exprEnd + 1))
        }
        var conversion: Character? = nil
        if peek() == "!" {
            pos += 1
            guard let c = peek(), Self.isIdentStart(c) else {
                fail(&scan, "f-string: missing conversion character", Span(pos - 1, pos)); return nil
            }
            pos += 1
            if !["r", "s", "a"].contains(c) || (peek().map { Self.isIdentContinue($0) } ?? false) {
                fail(&scan, "f-string: invalid conversion character '\(Character(c))': expected 's', 'r', or 'a'", Span(pos - 1, pos))
                return nil
            }
            conversion = Character(c)
        }
        var spec: [FStringPiece]? = nil
        if peek() == ":" {
            pos += 1
            scan.specDepth += 1
            spec = content(&scan, inSpec: true)
            scan.specDepth -= 1
            if scan.failure != nil && peek() != "}" { return nil }
        }
        guard peek() == "}" else {
            if peek() == nil { unterminated(&scan) } else { fail(&scan, "f-string: expecting '}'", Span(open, open + 1)) }
            return nil
        }
        pos += 1
        // `{x=}` shows the repr unless a conversion or format spec is given (as Python does).
        if selfDoc != nil && conversion == nil && spec == nil { conversion = "r" }
        return .field(expr: exprSpan, conversion: conversion, spec: spec, selfDocumenting: selfDoc, span: Span(open, pos))
    }
}
