/// Atoms: names, literals, strings and f-strings, parenthesized forms, displays, comprehensions.
extension ParserState {
    mutating func parseAtom() throws -> Expr {
        let t = tok
        switch t.kind {
        case .name(let n): advance(); return Expr(.name(n), t.span)
        case .int(let v): advance(); return Expr(.int(v), t.span)
        case .float(let v): advance(); return Expr(.float(v), t.span)
        case .keyword("None"): advance(); return Expr(.none, t.span)
        case .keyword("True"): advance(); return Expr(.bool(true), t.span)
        case .keyword("False"): advance(); return Expr(.bool(false), t.span)
        case .keyword("yield"): return try parseYield()
        case .shell(let cmd): advance(); return Expr(.shellCapture(cmd), t.span)
        case .lineMagic(let name, let args): advance(); return Expr(.magicValue(name: name, args: args), t.span)
        case .op("..."): advance(); return Expr(.ellipsis, t.span)
        case .string: return try parseStrings()
        case .op("("): return try parseParenthesized()
        case .op("["): return try parseListDisplay()
        case .op("{"): return try parseBraceDisplay()
        default: throw invalid()
        }
    }

    /// `yield`, `yield value`, `yield a, b`, `yield from iterable`: only inside a function, which
    /// the yield makes a generator.
    mutating func parseYield() throws -> Expr {
        let kw = advance()
        if functionDepth == 0 { throw SyntaxFailure(diagnostic: .syntax("'yield' outside function", at: kw.span)) }
        sawYield = true
        if isKeyword("from") {
            advance()
            let e = try parseExpression()
            return Expr(.yield(e, from: true), kw.span.to(e.span))
        }
        guard canStartExpression(tok) || isOp("*") else { return Expr(.yield(nil, from: false), kw.span) }
        let e = try parseStarExpressions()
        return Expr(.yield(e, from: false), kw.span.to(e.span))
    }

    /// Adjacent string literals concatenate; any f-string makes the whole an f-string.
    mutating func parseStrings() throws -> Expr {
        let first = tok
        var parts: [FStringPart] = []
        var isF = false
        func addLiteral(_ s: String) {
            if s.isEmpty { return }
            if case .literal(let prev)? = parts.last { parts[parts.count - 1] = .literal(prev + s) } else { parts.append(.literal(s)) }
        }
        var isBytes: Bool?
        while case .string(let lit) = tok.kind {
            if let isBytes, isBytes != lit.isBytes {
                throw SyntaxFailure(diagnostic: .syntax("cannot mix bytes and nonbytes literals", at: Span(first.span.start, tok.span.end)))
            }
            isBytes = lit.isBytes
            advance()
            isF = isF || lit.isFString
            for piece in lit.pieces {
                switch piece {
                case .literal(let s): addLiteral(s)
                case .field: parts.append(try convertField(piece))
                }
            }
        }
        let span = Span(first.span.start, prevEnd)
        if !isF {
            var s = ""
            for case .literal(let t) in parts { s += t }
            // The lexer let only characters 0 to 255 into a bytes literal.
            if isBytes == true { return Expr(.bytes(s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }), span) }
            return Expr(.string(s), span)
        }
        return Expr(.fstring(parts), span)
    }

    /// Parses a replacement field's expression from the cell text it spans.
    mutating func convertField(_ piece: FStringPiece) throws -> FStringPart {
        switch piece {
        case .literal(let s): return .literal(s)
        case .field(let exprSpan, let conversion, let spec, let selfDoc, _):
            var sub = ParserState(source: source, tokens: Lexer.tokenizeExpression(source, exprSpan))
            sub.bracketDepth = 1
            sub.nesting = nesting
            sub.prevEnd = exprSpan.start
            let e: Expr
            do {
                e = try sub.parseStarExpressions()
                if !sub.tok.isEOF { throw sub.missingComma(after: e) }
            }
            let specParts = try spec.map { try $0.map { try convertField($0) } }
            return .field(e, conversion: conversion, spec: specParts, selfDocumenting: selfDoc)
        }
    }

    /// `( )`, `(expr)`, `(a, b)`, `(x for x in y)`.
    mutating func parseParenthesized() throws -> Expr {
        let open = advance()
        bracketDepth += 1
        defer { bracketDepth -= 1 }
        if isOp(")") { advance(); return Expr(.tuple([]), Span(open.span.start, prevEnd)) }
        let first = try parseStarExpression()
        if isKeyword("for") {
            let clauses = try parseComprehensionClauses()
            if !isOp(")") { throw invalid() }
            advance()
            return Expr(.comprehension(.generator, element: first, key: nil, clauses: clauses), Span(open.span.start, prevEnd))
        }
        if isOp(")") {
            advance()
            if case .starred = first.kind {
                throw SyntaxFailure(diagnostic: .syntax("cannot use starred expression here", at: first.span))
            }
            return first
        }
        guard isOp(",") else { throw missingComma(after: first) }
        var items = [first]
        while eatOp(",") {
            if isOp(")") { break }
            items.append(try parseStarExpression())
        }
        if !isOp(")") { throw missingComma(after: items[items.count - 1]) }
        advance()
        return Expr(.tuple(items), Span(open.span.start, prevEnd))
    }

    mutating func parseListDisplay() throws -> Expr {
        let open = advance()
        bracketDepth += 1
        defer { bracketDepth -= 1 }
        var items: [Expr] = []
        if !isOp("]") {
            let first = try parseStarExpression()
            if isKeyword("for") {
                let clauses = try parseComprehensionClauses()
                if !isOp("]") { throw invalid() }
                advance()
                return Expr(.comprehension(.list, element: first, key: nil, clauses: clauses), Span(open.span.start, prevEnd))
            }
            items.append(first)
            while eatOp(",") {
                if isOp("]") { break }
                items.append(try parseStarExpression())
            }
        }
        if !isOp("]") { throw items.last.map { missingComma(after: $0) } ?? invalid() }
        advance()
        return Expr(.list(items), Span(open.span.start, prevEnd))
    }

    /// `{}` (dict), `{k: v, **m}`, `{a, *b}`, and their comprehensions.
    mutating func parseBraceDisplay() throws -> Expr {
        let open = advance()
        bracketDepth += 1
        defer { bracketDepth -= 1 }
        if isOp("}") { advance(); return Expr(.dict([]), Span(open.span.start, prevEnd)) }
        // Decide dict or set from the first item.
        var entries: [DictEntry] = []
        var elements: [Expr] = []
        var isDict: Bool
        if eatOp("**") {
            entries.append(DictEntry(key: nil, value: try parseBitOr()))
            isDict = true
        } else {
            let first = try parseStarExpression()
            if case .starred = first.kind {} else if eatOp(":") {
                let value = try parseExpression()
                if isKeyword("for") {
                    let clauses = try parseComprehensionClauses()
                    if !isOp("}") { throw invalid() }
                    advance()
                    return Expr(.comprehension(.dict, element: value, key: first, clauses: clauses), Span(open.span.start, prevEnd))
                }
                entries.append(DictEntry(key: first, value: value))
                isDict = true
                return try finishDict(open, entries)
            }
            if isKeyword("for") {
                let clauses = try parseComprehensionClauses()
                if !isOp("}") { throw invalid() }
                advance()
                return Expr(.comprehension(.set, element: first, key: nil, clauses: clauses), Span(open.span.start, prevEnd))
            }
            elements.append(first)
            isDict = false
        }
        if isDict { return try finishDict(open, entries) }
        while eatOp(",") {
            if isOp("}") { break }
            elements.append(try parseStarExpression())
        }
        if !isOp("}") { throw missingComma(after: elements[elements.count - 1]) }
        advance()
        return Expr(.set(elements), Span(open.span.start, prevEnd))
    }

    mutating func finishDict(_ open: Token, _ initial: [DictEntry]) throws -> Expr {
        var entries = initial
        while eatOp(",") {
            if isOp("}") { break }
            if eatOp("**") {
                entries.append(DictEntry(key: nil, value: try parseBitOr()))
                continue
            }
            let key = try parseExpression()
            if !isOp(":") {
                if isOp(",") || isOp("}") {
                    throw SyntaxFailure(diagnostic: .syntax("':' expected after dictionary key", at: key.span))
                }
                throw missingComma(after: key)
            }
            advance()
            entries.append(DictEntry(key: key, value: try parseExpression()))
        }
        if !isOp("}") { throw missingComma(after: entries[entries.count - 1].value) }
        advance()
        return Expr(.dict(entries), Span(open.span.start, prevEnd))
    }
}
