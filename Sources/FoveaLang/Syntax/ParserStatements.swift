/// Statements: compound statements with their blocks, simple statements, IPython lines.
extension ParserState {
    static let unsupportedStatements: [String: String] = [
        "async": "Fovea does not support asynchronous code ('async') yet",
        "await": "Fovea does not support asynchronous code ('await') yet",
    ]

    /// One statement line (several with `;`) or one compound statement.
    mutating func parseStatement() -> [Stmt] {
        let start = i
        switch tok.kind {
        case .indent:
            let next = peekToken()
            diagnostics.append(Diagnostic(.indentationError, "unexpected indent", at: next.span))
            _ = parseIndentedBlock()
            return []
        case .keyword("if"): return parseIf().map { [$0] } ?? []
        case .keyword("for"): return parseFor().map { [$0] } ?? []
        case .keyword("while"): return parseWhile().map { [$0] } ?? []
        case .keyword("def"): return parseDef().map { [$0] } ?? []
        case .keyword("class"): return parseClass().map { [$0] } ?? []
        case .keyword("try"): return parseTry().map { [$0] } ?? []
        case .keyword("with"): return parseWith().map { [$0] } ?? []
        case .keyword(let k) where ["except", "finally"].contains(k):
            report(invalid(), statementStart: start)
            skipLine(); if tok.isNewline { advance() }
            skipIndentedBlock()
            return []
        case .keyword("async"):
            skipUnsupportedCompound(Self.unsupportedStatements["async"]!, start: start)
            return []
        case .op("@"):
            return parseDecorated()
        case .name("match") where isMatchStatement():
            skipUnsupportedCompound("Fovea does not support 'match' statements yet; use if/elif/else instead", start: start)
            return []
        default:
            return parseSimpleLine()
        }
    }

    /// `match x:` as a statement rather than a name called `match`.
    func isMatchStatement() -> Bool {
        let next = peekToken()
        switch next.kind {
        case .name, .int, .float, .string, .op("("), .op("["), .op("{"), .op("-"), .keyword("None"),
             .keyword("True"), .keyword("False"), .keyword("not"):
            var j = i
            while j < tokens.count - 1, !tokens[j].isNewline { j += 1 }
            if case .op("(") = next.kind, j - i == 0 { return false }
            return tokens[j - 1].isOp(":") && !next.isOp("=")
        default: return false
        }
    }

    /// Reports an unsupported compound statement and skips it with its block (and, for `try`,
    /// its `except`/`else`/`finally` clauses).
    mutating func skipUnsupportedCompound(_ message: String, start: Int) {
        report(unsupported(message, at: tok.span), statementStart: start)
        let isTry = tok.isKeyword("try")
        let isDecorator = tok.isOp("@")
        skipLine()
        if tok.isNewline { advance() }
        skipIndentedBlock()
        if isDecorator {
            // The decorated definition belongs to the same error.
            while isOp("@") { skipLine(); if tok.isNewline { advance() } }
            if isKeyword("def") || isKeyword("class") { skipLine(); if tok.isNewline { advance() }; skipIndentedBlock() }
        }
        while isTry, isKeyword("except") || isKeyword("else") || isKeyword("finally") {
            skipLine(); if tok.isNewline { advance() }
            skipIndentedBlock()
        }
    }

    // MARK: compound statements

    /// The condition of `if`/`elif`/`while`, with Python's hints for `=` used instead of `==`.
    mutating func parseCondition() throws -> Expr {
        let test = try parseNamedExpression()
        if isOp("=") {
            let eq = advance()
            let value = (try? parseBitOr()) ?? Expr(.none, eq.span)
            if case .name = test.kind {
                throw SyntaxFailure(diagnostic: .syntax("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", at: test.span.to(value.span)))
            }
            throw SyntaxFailure(diagnostic: .syntax("cannot assign to \(exprName(test)) here. Maybe you meant '==' instead of '='?", at: test.span))
        }
        return test
    }

    mutating func parseIf() -> Stmt? {
        var branches: [IfBranch] = []
        var failed = false
        let first = tok
        var end = tok.span
        var keyword = "if"
        repeat {
            let start = i
            let kw = advance()
            do {
                let test = try parseCondition()
                _ = try expectOp(":")
                let body = parseBody(after: "'\(keyword)' statement", line: line(of: kw))
                branches.append(IfBranch(test: test, body: body))
            } catch let f as SyntaxFailure {
                failed = true
                _ = recoverHeader(f, statementStart: start)
            } catch {}
            end = Span(prevEnd, prevEnd)
            keyword = "elif"
        } while isKeyword("elif")
        var orelse: [Stmt]? = nil
        if isKeyword("else") {
            let start = i
            let kw = advance()
            do {
                _ = try expectOp(":")
                orelse = parseBody(after: "'else' statement", line: line(of: kw))
            } catch let f as SyntaxFailure {
                failed = true
                _ = recoverHeader(f, statementStart: start)
            } catch {}
            end = Span(prevEnd, prevEnd)
        }
        if failed { return nil }
        return Stmt(.if(branches: branches, orelse: orelse), first.span.to(Span(first.span.start, lastCodeEnd(end.end))))
    }

    /// The end of the last real token before `offset` (so spans do not swallow trailing newlines).
    func lastCodeEnd(_ offset: Int) -> Int {
        var j = i - 1
        while j >= 0 {
            switch tokens[j].kind {
            case .newline, .indent, .dedent, .endOfFile: j -= 1
            default: return min(offset, tokens[j].span.end)
            }
        }
        return offset
    }

    /// `else:` after a loop.
    mutating func parseLoopElse(_ failed: inout Bool) -> [Stmt]? {
        guard isKeyword("else") else { return nil }
        let start = i
        let kw = advance()
        do {
            _ = try expectOp(":")
            return parseBody(after: "'else' statement", line: line(of: kw))
        } catch let f as SyntaxFailure {
            failed = true
            _ = recoverHeader(f, statementStart: start)
        } catch {}
        return nil
    }

    mutating func parseFor() -> Stmt? {
        let start = i
        let kw = advance()
        var failed = false
        var header: (Expr, Expr)? = nil
        do {
            let target = try parseTargetList()
            try checkTarget(target, context: .forTarget)
            guard isKeyword("in") else { throw invalid() }
            advance()
            let iterable = try parseStarExpressions()
            _ = try expectOp(":")
            header = (target, iterable)
        } catch let f as SyntaxFailure {
            failed = true
            loopDepth += 1
            _ = recoverHeader(f, statementStart: start)
            loopDepth -= 1
        } catch {}
        var body: [Stmt] = []
        if header != nil {
            loopDepth += 1
            body = parseBody(after: "'for' statement", line: line(of: kw))
            loopDepth -= 1
        }
        let orelse = parseLoopElse(&failed)
        guard !failed, let (target, iterable) = header else { return nil }
        return Stmt(.for(target: target, iterable: iterable, body: body, orelse: orelse), Span(kw.span.start, lastCodeEnd(prevEnd)))
    }

    mutating func parseWhile() -> Stmt? {
        let start = i
        let kw = advance()
        var failed = false
        var test: Expr? = nil
        do {
            test = try parseCondition()
            _ = try expectOp(":")
        } catch let f as SyntaxFailure {
            failed = true
            test = nil
            loopDepth += 1
            _ = recoverHeader(f, statementStart: start)
            loopDepth -= 1
        } catch {}
        var body: [Stmt] = []
        if test != nil {
            loopDepth += 1
            body = parseBody(after: "'while' statement", line: line(of: kw))
            loopDepth -= 1
        }
        let orelse = parseLoopElse(&failed)
        guard !failed, let test else { return nil }
        return Stmt(.while(test: test, body: body, orelse: orelse), Span(kw.span.start, lastCodeEnd(prevEnd)))
    }

    mutating func parseDef() -> Stmt? {
        let start = i
        let kw = advance()
        let savedLoop = loopDepth, savedYield = sawYield
        loopDepth = 0
        sawYield = false
        functionDepth += 1
        defer { functionDepth -= 1; loopDepth = savedLoop; sawYield = savedYield }
        do {
            guard case .name(let name) = tok.kind else { throw invalid() }
            advance()
            _ = try expectOp("(")
            let params = try parseParameters()
            if eatOp("->") { _ = try parseAnnotation() }
            _ = try expectOp(":")
            let body = parseBody(after: "function definition", line: line(of: kw))
            return Stmt(.functionDef(name: name, params: params, body: body, isGenerator: sawYield),
                        Span(kw.span.start, lastCodeEnd(prevEnd)))
        } catch let f as SyntaxFailure {
            _ = recoverHeader(f, statementStart: start)
        } catch {}
        return nil
    }

    /// `class Name(Base, ...):` and its body, whose `def`s become methods.
    mutating func parseClass() -> Stmt? {
        let start = i
        let kw = advance()
        let savedLoop = loopDepth, savedFunction = functionDepth
        loopDepth = 0
        functionDepth = 0
        defer { functionDepth = savedFunction; loopDepth = savedLoop }
        do {
            guard case .name(let name) = tok.kind else { throw invalid() }
            advance()
            var bases: [Argument] = []
            if eatOp("(") { bases = try parseArguments() }
            _ = try expectOp(":")
            let body = parseBody(after: "class definition", line: line(of: kw))
            return Stmt(.classDef(name: name, bases: bases, body: body), Span(kw.span.start, lastCodeEnd(prevEnd)))
        } catch let f as SyntaxFailure {
            _ = recoverHeader(f, statementStart: start)
        } catch {}
        return nil
    }

    /// `def` parameters after `(` up to and including `)`.
    mutating func parseParameters() throws -> [Parameter] {
        var params: [Parameter] = []
        var sawDefault = false
        var keywordOnly = false
        var bareStar: Span?
        bracketDepth += 1
        defer { bracketDepth -= 1 }
        while !isOp(")") {
            if isOp("/") {
                throw unsupported("Fovea does not support positional-only parameters ('/') in def yet", at: tok.span)
            }
            if params.last?.kind == .varKeyword {
                throw SyntaxFailure(diagnostic: .syntax("arguments cannot follow var-keyword argument", at: tok.span))
            }
            var kind: Parameter.Kind = keywordOnly ? .keywordOnly : .positionalOrKeyword
            if isOp("*") {
                let star = advance()
                if keywordOnly { throw SyntaxFailure(diagnostic: .syntax("* argument may appear only once", at: star.span)) }
                keywordOnly = true
                if isOp(",") || isOp(")") {
                    bareStar = star.span
                    if eatOp(",") { continue }
                    break
                }
                kind = .varPositional
            } else if isOp("**") {
                advance()
                kind = .varKeyword
            }
            guard case .name(let name) = tok.kind else { throw invalid() }
            let nameTok = advance()
            if eatOp(":") { _ = try parseAnnotation() }
            var def: Expr? = nil
            if isOp("="), kind == .varPositional || kind == .varKeyword {
                throw SyntaxFailure(diagnostic: .syntax("var-\(kind == .varPositional ? "positional" : "keyword") argument cannot have default value", at: tok.span))
            }
            if eatOp("=") {
                def = try parseExpression()
                if kind == .positionalOrKeyword { sawDefault = true }
            } else if sawDefault && kind == .positionalOrKeyword {
                throw SyntaxFailure(diagnostic: .syntax("parameter without a default follows parameter with a default", at: nameTok.span))
            }
            if params.contains(where: { $0.name == name }) {
                throw SyntaxFailure(diagnostic: .syntax("duplicate argument '\(name)' in function definition", at: nameTok.span))
            }
            if kind == .keywordOnly || kind == .varKeyword { bareStar = nil }
            params.append(Parameter(name: name, defaultValue: def, span: Span(nameTok.span.start, prevEnd), kind: kind))
            if eatOp(",") { continue }
            if !isOp(")") { throw invalid() }
        }
        if let bareStar { throw SyntaxFailure(diagnostic: .syntax("named arguments must follow bare *", at: bareStar)) }
        advance()
        return params
    }

    /// A type annotation (`x: int`, `-> List[str]`): parsed, so its syntax is checked, and kept as
    /// its source text; Fovea does not evaluate annotations, as Python does not check them.
    mutating func parseAnnotation() throws -> String {
        let e = try parseExpression()
        return source.slice(e.span)
    }
}
