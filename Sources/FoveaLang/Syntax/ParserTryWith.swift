/// The compound statements around other statements: `try` with its clauses, `with`, and
/// decorated definitions.
extension ParserState {
    /// `try:` with its `except`, `else` and `finally` clauses.
    mutating func parseTry() -> Stmt? {
        let start = i
        let kw = advance()
        var failed = false
        do { _ = try expectOp(":") } catch let f as SyntaxFailure {
            failed = true
            _ = recoverHeader(f, statementStart: start)
        } catch {}
        let body = parseBody(after: "'try' statement", line: line(of: kw))
        var handlers: [ExceptHandler] = []
        var sawBare: Span?
        while isKeyword("except") {
            let clauseStart = i
            let ex = advance()
            if let bare = sawBare {
                diagnostics.append(.syntax("default 'except:' must be last", at: bare))
                failed = true
            }
            var type: Expr? = nil
            var name: String? = nil
            do {
                if !isOp(":") {
                    type = try parseExpression()
                    if isKeyword("as") {
                        advance()
                        guard case .name(let n) = tok.kind else { throw invalid() }
                        name = n
                        advance()
                    } else if isOp(",") {
                        throw SyntaxFailure(diagnostic: .syntax("multiple exception types must be parenthesized", at: type!.span))
                    }
                } else {
                    sawBare = ex.span
                }
                _ = try expectOp(":")
            } catch let f as SyntaxFailure {
                failed = true
                _ = recoverHeader(f, statementStart: clauseStart)
            } catch {}
            let handlerBody = parseBody(after: "'except' statement", line: line(of: ex))
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, span: Span(ex.span.start, type?.span.end ?? ex.span.end)))
        }
        var orelse: [Stmt]? = nil
        if isKeyword("else") {
            let elseTok = tok
            if handlers.isEmpty {
                diagnostics.append(.syntax("expected 'except' or 'finally' block", at: elseTok.span))
                failed = true
            }
            orelse = parseLoopElse(&failed)
        }
        var finalbody: [Stmt]? = nil
        if isKeyword("finally") {
            let clauseStart = i
            let fin = advance()
            do {
                _ = try expectOp(":")
                finalbody = parseBody(after: "'finally' statement", line: line(of: fin))
            } catch let f as SyntaxFailure {
                failed = true
                _ = recoverHeader(f, statementStart: clauseStart)
            } catch {}
        }
        if handlers.isEmpty && finalbody == nil && !failed {
            diagnostics.append(.syntax("expected 'except' or 'finally' block", at: tok.span))
            failed = true
        }
        guard !failed else { return nil }
        return Stmt(.try(body: body, handlers: handlers, orelse: orelse, finalbody: finalbody), Span(kw.span.start, lastCodeEnd(prevEnd)))
    }

    /// `with a as x, b as y:` and its body.
    mutating func parseWith() -> Stmt? {
        let start = i
        let kw = advance()
        var items: [WithItem] = []
        var failed = false
        do {
            repeat {
                let context = try parseExpression()
                var target: Expr? = nil
                if isKeyword("as") {
                    advance()
                    let t = try parseBitOr()
                    try checkTarget(t, context: .assign)
                    target = t
                }
                items.append(WithItem(context: context, target: target))
            } while eatOp(",")
            _ = try expectOp(":")
        } catch let f as SyntaxFailure {
            failed = true
            _ = recoverHeader(f, statementStart: start)
        } catch {}
        let body = parseBody(after: "'with' statement", line: line(of: kw))
        guard !failed else { return nil }
        return Stmt(.with(items: items, body: body), Span(kw.span.start, lastCodeEnd(prevEnd)))
    }

    /// `@decorator` lines before a `def`: the function is defined, then replaced by
    /// `decorator(function)`, innermost decorator first, as Python applies them.
    mutating func parseDecorated() -> [Stmt] {
        let start = i
        var decorators: [Expr] = []
        while isOp("@") {
            advance()
            do {
                decorators.append(try parseNamedExpression())
                guard atNewline else { throw invalid() }
                if tok.isNewline { advance() }
            } catch let f as SyntaxFailure {
                report(f, statementStart: start)
                skipLine(); if tok.isNewline { advance() }
                return []
            } catch { return [] }
        }
        let definition: Stmt?
        if isKeyword("def") {
            definition = parseDef()
        } else if isKeyword("class") {
            definition = parseClass()
        } else {
            diagnostics.append(.syntax("a decorator must be followed by def or class", at: tok.span))
            skipLine(); if tok.isNewline { advance() }
            return []
        }
        guard let definition else { return [] }
        let name: String
        switch definition.kind {
        case .functionDef(let n, _, _, _), .classDef(let n, _, _): name = n
        default: return []
        }
        let result = [Stmt(.decorated(decorators: decorators, name: name, definition: definition),
                           Span(decorators[0].span.start, definition.span.end))]
        return result
    }
}
