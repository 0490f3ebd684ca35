/// Expressions, by Python's precedence: lambda, conditional, or, and, not, comparisons, |, ^, &,
/// shifts, + -, * / // % @, unary, **, primaries (calls, attributes, subscripts), atoms.
extension ParserState {
    func canStartExpression(_ t: Token) -> Bool {
        switch t.kind {
        case .name, .int, .float, .string, .shell, .lineMagic: return true
        case .keyword(let k): return ["None", "True", "False", "not", "lambda", "await", "yield"].contains(k)
        case .op(let o): return ["(", "[", "{", "-", "+", "~", "..."].contains(o)
        default: return false
        }
    }

    /// The error where `,` or a closing bracket was expected after `last`: two expressions side
    /// by side inside brackets get Python's comma hint.
    mutating func missingComma(after last: Expr) -> SyntaxFailure {
        if case .error = tok.kind { return invalid() }
        if isOp(":=") { return unsupported(walrusMessage, at: tok.span) }
        if bracketDepth > 0 && canStartExpression(tok) && !tok.isKeyword("lambda") && !tok.isKeyword("yield") {
            let save = i, savePrev = prevEnd, saveDiag = diagnostics.count
            var end = tok.span
            if let next = try? parseExpression() { end = next.span }
            i = save; prevEnd = savePrev; diagnostics.removeSubrange(saveDiag...)
            return SyntaxFailure(diagnostic: .syntax("invalid syntax", at: last.span.to(end), notes: ["help: Perhaps you forgot a comma?"]))
        }
        return invalid()
    }

    /// `a, *b, c` (a tuple when there is a comma).
    mutating func parseStarExpressions() throws -> Expr {
        let first = try parseStarExpression()
        guard isOp(",") else { return first }
        var items = [first]
        while eatOp(",") {
            if !canStartExpression(tok) && !isOp("*") { break }
            items.append(try parseStarExpression())
        }
        return Expr(.tuple(items), Span(first.span.start, prevEnd))
    }

    mutating func parseStarExpression() throws -> Expr {
        if isOp("*") {
            let star = advance()
            let v = try parseBitOr()
            return Expr(.starred(v), star.span.to(v.span))
        }
        return try parseNamedExpression()
    }

    /// An expression where Python would also accept `name := value` (which Fovea refuses).
    mutating func parseNamedExpression() throws -> Expr {
        let e = try parseExpression()
        if isOp(":=") { throw unsupported(walrusMessage, at: tok.span) }
        return e
    }

    mutating func parseExpression() throws -> Expr {
        try enterNested()
        defer { nesting -= 1 }
        if isKeyword("lambda") { return try parseLambda() }
        let body = try parseDisjunction()
        guard isKeyword("if") else { return try limitHeight(body, at: Span(body.span.start, body.span.start + 1)) }
        let kw = advance()
        let test = try parseDisjunction()
        guard isKeyword("else") else {
            throw failure("expected 'else' after 'if' expression", at: body.span.to(test.span))
        }
        advance()
        let orelse = try parseExpression()
        return try limitHeight(Expr(.conditional(test: test, body: body, orelse: orelse), body.span.to(orelse.span)), at: kw.span)
    }

    /// `lambda a, b=1, *args, c, **kw: body`: parameters as `def` has them, without brackets.
    mutating func parseLambda() throws -> Expr {
        let kw = advance()
        var params: [Parameter] = []
        var keywordOnly = false
        while !isOp(":") {
            var kind: Parameter.Kind = keywordOnly ? .keywordOnly : .positionalOrKeyword
            if isOp("*") {
                advance()
                keywordOnly = true
                if isOp(",") { advance(); continue }
                kind = .varPositional
            } else if isOp("**") {
                advance()
                kind = .varKeyword
            }
            guard case .name(let n) = tok.kind else { throw invalid() }
            let nt = advance()
            if params.contains(where: { $0.name == n }) {
                throw SyntaxFailure(diagnostic: .syntax("duplicate argument '\(n)' in function definition", at: nt.span))
            }
            var def: Expr? = nil
            if eatOp("=") {
                def = try parseExpression()
            } else if kind == .positionalOrKeyword, params.contains(where: { $0.kind == .positionalOrKeyword && $0.defaultValue != nil }) {
                throw SyntaxFailure(diagnostic: .syntax("parameter without a default follows parameter with a default", at: nt.span))
            }
            params.append(Parameter(name: n, defaultValue: def, span: Span(nt.span.start, prevEnd), kind: kind))
            if !eatOp(",") { break }
        }
        _ = try expectOp(":")
        let body = try parseExpression()
        return try limitHeight(Expr(.lambda(params: params, body: body), kw.span.to(body.span)), at: kw.span)
    }

    mutating func parseDisjunction() throws -> Expr {
        var left = try parseConjunction()
        while isKeyword("or") {
            let kw = advance()
            let right = try parseConjunction()
            left = try limitHeight(Expr(.boolOp(.or, left, right), left.span.to(right.span)), at: kw.span)
        }
        return left
    }

    mutating func parseConjunction() throws -> Expr {
        var left = try parseInversion()
        while isKeyword("and") {
            let kw = advance()
            let right = try parseInversion()
            left = try limitHeight(Expr(.boolOp(.and, left, right), left.span.to(right.span)), at: kw.span)
        }
        return left
    }

    mutating func parseInversion() throws -> Expr {
        if isKeyword("not") {
            try enterNested()
            defer { nesting -= 1 }
            let kw = advance()
            let v = try parseInversion()
            return try limitHeight(Expr(.unary(.not, v), kw.span.to(v.span)), at: kw.span)
        }
        return try parseComparison()
    }

    mutating func compareOp() -> (CompareOp, Span)? {
        let t = tok
        switch t.kind {
        case .op("=="): advance(); return (.eq, t.span)
        case .op("!="): advance(); return (.ne, t.span)
        case .op("<"): advance(); return (.lt, t.span)
        case .op("<="): advance(); return (.le, t.span)
        case .op(">"): advance(); return (.gt, t.span)
        case .op(">="): advance(); return (.ge, t.span)
        case .keyword("in"): advance(); return (.in, t.span)
        case .keyword("not") where peekToken().isKeyword("in"):
            advance(); let b = advance(); return (.notIn, t.span.to(b.span))
        case .keyword("is"):
            advance()
            if isKeyword("not") { let b = advance(); return (.isNot, t.span.to(b.span)) }
            return (.is, t.span)
        default: return nil
        }
    }

    mutating func parseComparison() throws -> Expr {
        let left = try parseBitOr()
        var chain: [Comparison] = []
        while let (op, span) = compareOp() {
            let right = try parseBitOr()
            chain.append(Comparison(op: op, right: right, opSpan: span))
        }
        if chain.isEmpty { return left }
        return Expr(.compare(left, chain), left.span.to(chain[chain.count - 1].right.span))
    }

    /// Left-associative binary levels, from `|` down to `*`.
    static let binaryLevels: [[String: BinaryOp]] = [
        ["|": .bitOr], ["^": .bitXor], ["&": .bitAnd], ["<<": .leftShift, ">>": .rightShift],
        ["+": .add, "-": .subtract],
        ["*": .multiply, "/": .divide, "//": .floorDivide, "%": .modulo, "@": .matmul],
    ]

    mutating func parseBitOr() throws -> Expr { try parseBinary(level: 0) }

    mutating func parseBinary(level: Int) throws -> Expr {
        if level == Self.binaryLevels.count { return try parseFactor() }
        var left = try parseBinary(level: level + 1)
        while case .op(let o) = tok.kind, let op = Self.binaryLevels[level][o] {
            let opToken = advance()
            let right = try parseBinary(level: level + 1)
            left = try limitHeight(Expr(.binary(op, left, right), left.span.to(right.span)), at: opToken.span)
        }
        return left
    }

    mutating func parseFactor() throws -> Expr {
        let t = tok
        let op: UnaryOp? = t.isOp("-") ? .negate : t.isOp("+") ? .plus : t.isOp("~") ? .invert : nil
        if let op {
            try enterNested()
            defer { nesting -= 1 }
            advance()
            let v = try parseFactor()
            return try limitHeight(Expr(.unary(op, v), t.span.to(v.span)), at: t.span)
        }
        return try parsePower()
    }

    mutating func parsePower() throws -> Expr {
        if isKeyword("await") { throw unsupported(Self.unsupportedStatements["await"]!, at: tok.span) }
        let base = try parsePrimary()
        guard isOp("**") else { return base }
        try enterNested()
        defer { nesting -= 1 }
        let op = advance()
        let exponent = try parseFactor()
        return try limitHeight(Expr(.binary(.power, base, exponent), base.span.to(exponent.span)), at: op.span)
    }

    mutating func parsePrimary() throws -> Expr {
        var e = try parseAtom()
        while true {
            if isOp(".") {
                advance()
                guard case .name(let n) = tok.kind else { throw invalid() }
                let nt = advance()
                e = try limitHeight(Expr(.attribute(e, name: n, nameSpan: nt.span), e.span.to(nt.span)), at: nt.span)
            } else if isOp("(") {
                let open = advance()
                let args = try parseArguments()
                e = try limitHeight(Expr(.call(e, args), Span(e.span.start, prevEnd)), at: open.span)
            } else if isOp("[") {
                let open = advance()
                bracketDepth += 1
                let index = try parseSubscriptIndex()
                bracketDepth -= 1
                if !isOp("]") { throw missingComma(after: index) }
                advance()
                e = try limitHeight(Expr(.subscript(e, index), Span(e.span.start, prevEnd)), at: open.span)
            } else {
                return e
            }
        }
    }

    /// Inside `[...]` after a primary: an expression, a slice, or a tuple of them.
    mutating func parseSubscriptIndex() throws -> Expr {
        var items: [Expr] = []
        var trailingComma = false
        repeat {
            if isOp("]") { trailingComma = true; break }
            items.append(try parseSliceItem())
        } while eatOp(",")
        if items.isEmpty { throw invalid() }
        if items.count == 1 && !trailingComma { return items[0] }
        return Expr(.tuple(items), Span(items[0].span.start, prevEnd))
    }

    mutating func parseSliceItem() throws -> Expr {
        let startTok = tok
        var lower: Expr? = nil
        if !isOp(":") {
            let e = try parseStarExpression()
            if !isOp(":") { return e }
            lower = e
        }
        advance()
        var upper: Expr? = nil, step: Expr? = nil
        if !isOp(":") && !isOp("]") && !isOp(",") { upper = try parseExpression() }
        if eatOp(":") {
            if !isOp("]") && !isOp(",") { step = try parseExpression() }
        }
        return Expr(.slice(lower: lower, upper: upper, step: step), Span(startTok.span.start, prevEnd))
    }

    /// Call arguments after `(`, through `)`.
    mutating func parseArguments() throws -> [Argument] {
        bracketDepth += 1
        defer { bracketDepth -= 1 }
        var args: [Argument] = []
        var sawKeyword = false, sawDoubleStar = false
        var keywords: Set<String> = []
        while !isOp(")") {
            let start = tok
            var arg: Argument
            if isOp("*") || isOp("**") {
                let double = advance().isOp("**")
                let v = try parseExpression()
                arg = Argument(kind: double ? .doubleStar : .star, value: v, span: start.span.to(v.span))
                if !double && sawDoubleStar {
                    throw SyntaxFailure(diagnostic: .syntax("iterable argument unpacking follows keyword argument unpacking", at: arg.span))
                }
                if double { sawDoubleStar = true }
            } else if case .name(let n) = tok.kind, peekToken().isOp("=") {
                advance(); advance()
                let v = try parseExpression()
                if keywords.contains(n) {
                    throw SyntaxFailure(diagnostic: .syntax("keyword argument repeated: \(n)", at: start.span))
                }
                keywords.insert(n)
                sawKeyword = true
                arg = Argument(kind: .keyword(n), value: v, span: start.span.to(v.span))
            } else {
                var v = try parseNamedExpression()
                if isKeyword("for") {
                    let clauses = try parseComprehensionClauses()
                    v = Expr(.comprehension(.generator, element: v, key: nil, clauses: clauses), Span(v.span.start, prevEnd))
                    if !args.isEmpty || !isOp(")") {
                        throw SyntaxFailure(diagnostic: .syntax("Generator expression must be parenthesized", at: v.span))
                    }
                }
                if isOp("=") {
                    let eq = advance()
                    let value = (try? parseExpression()) ?? Expr(.none, eq.span)
                    throw SyntaxFailure(diagnostic: .syntax("expression cannot contain assignment, perhaps you meant \"==\"?", at: v.span.to(value.span)))
                }
                if sawDoubleStar {
                    throw SyntaxFailure(diagnostic: .syntax("positional argument follows keyword argument unpacking", at: v.span))
                }
                if sawKeyword {
                    throw SyntaxFailure(diagnostic: .syntax("positional argument follows keyword argument", at: v.span))
                }
                arg = Argument(kind: .positional, value: v, span: v.span)
            }
            args.append(arg)
            if eatOp(",") { continue }
            if !isOp(")") { throw missingComma(after: arg.value) }
        }
        advance()
        return args
    }

    /// `for target in iterable if cond ...` clauses (at least one).
    mutating func parseComprehensionClauses() throws -> [ComprehensionClause] {
        var clauses: [ComprehensionClause] = []
        while isKeyword("for") {
            advance()
            let target = try parseTargetList()
            try checkTarget(target, context: .forTarget)
            guard isKeyword("in") else { throw invalid() }
            advance()
            let iterable = try parseDisjunction()
            var conditions: [Expr] = []
            while isKeyword("if") {
                advance()
                conditions.append(try parseDisjunction())
            }
            clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conditions))
        }
        if isKeyword("async") { throw unsupported(Self.unsupportedStatements["async"]!, at: tok.span) }
        return clauses
    }
}
