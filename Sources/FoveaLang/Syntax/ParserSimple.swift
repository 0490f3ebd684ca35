/// Simple statements: expressions, assignments, imports, del/assert/return/pass/break/continue,
/// IPython lines and help (`name?`).
extension ParserState {
    /// Simple statements separated by `;` up to the end of the line.
    mutating func parseSimpleLine() -> [Stmt] {
        let start = i
        var out: [Stmt] = []
        do {
            while true {
                out.append(try parseSmallStatement())
                if eatOp(";") {
                    if atNewline { break }
                    continue
                }
                break
            }
            if tok.isNewline { advance() } else if !tok.isEOF { throw unexpectedAfterStatement(out.last) }
        } catch let f as SyntaxFailure {
            recover(from: f, statementStart: start)
        } catch {}
        return out
    }

    /// The error for a token where a statement should have ended.
    func unexpectedAfterStatement(_ last: Stmt?) -> SyntaxFailure {
        if case .error = tok.kind { return invalid() }
        if isOp(":=") { return unsupported(walrusMessage, at: tok.span) }
        if let last, case .expression(let e) = last.kind, case .name(let n) = e.kind, n == "print" || n == "exec",
           canStartExpression(tok) {
            return SyntaxFailure(diagnostic: .syntax("Missing parentheses in call to '\(n)'. Did you mean \(n)(...)?", at: e.span.to(tok.span)))
        }
        return invalid()
    }

    var walrusMessage: String { "Fovea does not support the walrus operator ':=' yet; assign with '=' on its own line" }

    mutating func parseSmallStatement() throws -> Stmt {
        let t = tok
        switch t.kind {
        case .keyword("pass"): advance(); return Stmt(.pass, t.span)
        case .keyword("break"):
            if loopDepth == 0 { throw SyntaxFailure(diagnostic: .syntax("'break' outside loop", at: t.span)) }
            advance(); return Stmt(.break, t.span)
        case .keyword("continue"):
            if loopDepth == 0 { throw SyntaxFailure(diagnostic: .syntax("'continue' not properly in loop", at: t.span)) }
            advance(); return Stmt(.continue, t.span)
        case .keyword("return"):
            if functionDepth == 0 { throw SyntaxFailure(diagnostic: .syntax("'return' outside function", at: t.span)) }
            advance()
            if atNewline || isOp(";") { return Stmt(.return(nil), t.span) }
            let value = try parseStarExpressions()
            return Stmt(.return(value), t.span.to(value.span))
        case .keyword("del"):
            advance()
            let targets = try parseDelTargets()
            return Stmt(.del(targets), Span(t.span.start, prevEnd))
        case .keyword("assert"):
            advance()
            let test = try parseExpression()
            var message: Expr? = nil
            if eatOp(",") { message = try parseExpression() }
            return Stmt(.assert(test: test, message: message), Span(t.span.start, prevEnd))
        case .keyword("global"), .keyword("nonlocal"):
            let isGlobal = t.isKeyword("global")
            if !isGlobal && functionDepth == 0 {
                throw SyntaxFailure(diagnostic: .syntax("nonlocal declaration not allowed at module level", at: t.span))
            }
            advance()
            var names: [String] = []
            repeat {
                guard case .name(let n) = tok.kind else { throw invalid() }
                names.append(n)
                advance()
            } while eatOp(",")
            return Stmt(isGlobal ? .global(names) : .nonlocal(names), Span(t.span.start, prevEnd))
        case .keyword("raise"):
            advance()
            if atNewline || isOp(";") { return Stmt(.raise(exception: nil, cause: nil), t.span) }
            let exception = try parseExpression()
            var cause: Expr? = nil
            if isKeyword("from") { advance(); cause = try parseExpression() }
            return Stmt(.raise(exception: exception, cause: cause), Span(t.span.start, prevEnd))
        case .keyword("import"): return try parseImport()
        case .keyword("from"): return try parseFromImport()
        case .keyword(let k) where Self.unsupportedStatements[k] != nil:
            throw unsupported(Self.unsupportedStatements[k]!, at: t.span)
        case .keyword("elif"), .keyword("else"):
            throw invalid()
        case .lineMagic(let name, let args):
            advance(); return Stmt(.lineMagic(name: name, args: args), t.span)
        case .cellMagic(let name, let args, let body, let offset):
            advance(); return Stmt(.cellMagic(name: name, args: args, body: body, bodyOffset: offset), t.span)
        case .shell(let cmd):
            advance(); return Stmt(.shell(cmd), t.span)
        case .op("?"):
            var detail = 0
            while isOp("?") { advance(); detail += 1 }
            let e = try parseHelpTarget()
            if detail > 2 || !atNewline { throw invalid() }
            return Stmt(.help(e, detail: detail), Span(t.span.start, e.span.end))
        default:
            return try parseExpressionStatement()
        }
    }

    /// `obj.attr` after `?`.
    mutating func parseHelpTarget() throws -> Expr {
        guard case .name(let n) = tok.kind else { throw invalid() }
        var e = Expr(.name(n), advance().span)
        while isOp(".") {
            advance()
            guard case .name(let a) = tok.kind else { throw invalid() }
            let at = advance()
            e = Expr(.attribute(e, name: a, nameSpan: at.span), e.span.to(at.span))
        }
        return e
    }

    static let augmentedOps: [String: BinaryOp] = [
        "+=": .add, "-=": .subtract, "*=": .multiply, "/=": .divide, "//=": .floorDivide, "%=": .modulo,
        "**=": .power, "@=": .matmul, "&=": .bitAnd, "|=": .bitOr, "^=": .bitXor, "<<=": .leftShift, ">>=": .rightShift,
    ]

    mutating func parseExpressionStatement() throws -> Stmt {
        let first = try parseStarExpressions()
        if isOp("=") {
            var items = [first]
            while eatOp("=") {
                if atNewline { throw invalid() }
                items.append(try parseStarExpressions())
            }
            let value = items.removeLast()
            for (n, target) in items.enumerated() {
                if n == 0 && items.count == 1, let msg = hereMessage(target, value: value) {
                    throw SyntaxFailure(diagnostic: .syntax(msg, at: target.span))
                }
                try checkTarget(target, context: .assign)
            }
            return Stmt(.assign(targets: items, value: value), first.span.to(value.span))
        }
        if case .op(let o) = tok.kind, let op = Self.augmentedOps[o] {
            switch first.kind {
            case .name, .attribute, .subscript: break
            default:
                throw SyntaxFailure(diagnostic: .syntax("'\(exprName(first))' is an illegal expression for augmented assignment", at: first.span))
            }
            advance()
            let value = try parseStarExpressions()
            return Stmt(.augmentedAssign(target: first, op: op, value: value), first.span.to(value.span))
        }
        if isOp(":") {
            switch first.kind {
            case .name, .attribute, .subscript: break
            case .tuple:
                throw SyntaxFailure(diagnostic: .syntax("only single target (not tuple) can be annotated", at: first.span))
            case .list:
                throw SyntaxFailure(diagnostic: .syntax("only single target (not list) can be annotated", at: first.span))
            default:
                throw SyntaxFailure(diagnostic: .syntax("illegal target for annotation", at: first.span))
            }
            advance()
            let annotation = try parseAnnotation()
            var value: Expr? = nil
            if eatOp("=") { value = isKeyword("yield") ? try parseYield() : try parseStarExpressions() }
            return Stmt(.annotatedAssign(target: first, annotation: annotation, value: value), first.span.to(value?.span ?? Span(first.span.start, prevEnd)))
        }
        if isOp("?") {
            var detail = 0
            var end = first.span.end
            let mark = tok.span
            while isOp("?") { end = advance().span.end; detail += 1 }
            guard isDottedName(first), detail <= 2, atNewline else {
                if case .error = tok.kind { throw invalid() }
                throw SyntaxFailure(diagnostic: .syntax("invalid syntax", at: mark))
            }
            return Stmt(.help(first, detail: detail), Span(first.span.start, end))
        }
        return Stmt(.expression(first), first.span)
    }

    func isDottedName(_ e: Expr) -> Bool {
        switch e.kind {
        case .name: return true
        case .attribute(let v, _, _): return isDottedName(v)
        default: return false
        }
    }

    /// Python's "cannot assign to X here. Maybe you meant '==' instead of '='?" for `f() = 1`.
    func hereMessage(_ target: Expr, value: Expr) -> String? {
        guard getInvalidTarget(target, context: .assign) != nil else { return nil }
        switch target.kind {
        case .tuple, .list, .bool, .none, .compare, .boolOp, .conditional, .lambda, .starred: return nil
        case .unary(.not, _): return nil
        case .comprehension(.generator, _, _, _): return nil
        default: break
        }
        var v = value
        if case .tuple(let items) = value.kind, let f = items.first { v = f }
        switch v.kind {
        case .compare, .boolOp, .conditional, .lambda, .starred: return nil
        case .unary(.not, _): return nil
        default: break
        }
        return "cannot assign to \(exprName(target)) here. Maybe you meant '==' instead of '='?"
    }

    // MARK: imports

    mutating func parseDottedName() throws -> (String, Span) {
        guard case .name(let first) = tok.kind else { throw invalid() }
        let start = advance().span
        var name = first
        var end = start
        while isOp(".") {
            advance()
            guard case .name(let n) = tok.kind else { throw invalid() }
            end = advance().span
            name += "." + n
        }
        return (name, start.to(end))
    }

    mutating func parseAlias() throws -> String? {
        guard isKeyword("as") else { return nil }
        advance()
        guard case .name(let a) = tok.kind else { throw invalid() }
        advance()
        return a
    }

    mutating func parseImport() throws -> Stmt {
        let kw = advance()
        var names: [ImportName] = []
        repeat {
            let (name, span) = try parseDottedName()
            let alias = try parseAlias()
            names.append(ImportName(name: name, alias: alias, span: Span(span.start, prevEnd)))
        } while eatOp(",")
        return Stmt(.import(names), Span(kw.span.start, prevEnd))
    }

    mutating func parseFromImport() throws -> Stmt {
        let kw = advance()
        if isOp(".") || isOp("...") {
            throw unsupported("Fovea does not support relative imports ('from .') ; import tensorflow or keras modules by name", at: tok.span)
        }
        let (module, moduleSpan) = try parseDottedName()
        guard isKeyword("import") else { throw invalid() }
        advance()
        if isOp("*") {
            advance()
            return Stmt(.importFrom(module: module, moduleSpan: moduleSpan, names: nil), Span(kw.span.start, prevEnd))
        }
        let paren = eatOp("(")
        if paren { bracketDepth += 1 }
        defer { if paren { bracketDepth -= 1 } }
        var names: [ImportName] = []
        while true {
            guard case .name(let n) = tok.kind else { throw invalid() }
            let nt = advance()
            let alias = try parseAlias()
            names.append(ImportName(name: n, alias: alias, span: Span(nt.span.start, prevEnd)))
            guard isOp(",") else { break }
            let comma = advance()
            if paren && isOp(")") { break }
            if !paren && atNewline {
                throw SyntaxFailure(diagnostic: .syntax("trailing comma not allowed without surrounding parentheses", at: comma.span))
            }
        }
        if paren { _ = try expectOp(")") }
        return Stmt(.importFrom(module: module, moduleSpan: moduleSpan, names: names), Span(kw.span.start, prevEnd))
    }
}
