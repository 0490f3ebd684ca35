/// Assignment, `for` and `del` targets, with Python's messages for what cannot be assigned to.
enum TargetContext { case assign, forTarget, del }

extension ParserState {
    /// Targets of `for` and comprehensions: `x`, `a, b`, `(a, b), *c` (no `in` consumed).
    mutating func parseTargetList() throws -> Expr {
        func one() throws -> Expr {
            if isOp("*") {
                let star = advance()
                let v = try parseBitOr()
                return Expr(.starred(v), star.span.to(v.span))
            }
            return try parseBitOr()
        }
        let first = try one()
        guard isOp(",") else { return first }
        var items = [first]
        while eatOp(",") {
            if isKeyword("in") || isOp("=") || atNewline { break }
            items.append(try one())
        }
        return Expr(.tuple(items), Span(first.span.start, prevEnd))
    }

    mutating func parseDelTargets() throws -> [Expr] {
        var targets: [Expr] = []
        repeat {
            if atNewline || isOp(";") { break }
            let t = try parseBitOr()
            try checkTarget(t, context: .del)
            targets.append(t)
        } while eatOp(",")
        if targets.isEmpty { throw invalid() }
        return targets
    }

    func checkTarget(_ target: Expr, context: TargetContext) throws {
        if case .starred = target.kind, context != .del {
            throw SyntaxFailure(diagnostic: .syntax("starred assignment target must be in a list or tuple", at: target.span))
        }
        if let bad = getInvalidTarget(target, context: context) {
            let verb = context == .del ? "delete" : "assign to"
            throw SyntaxFailure(diagnostic: .syntax("cannot \(verb) \(exprName(bad))", at: bad.span))
        }
    }

    /// The first part of `e` that cannot be a target, or nil.
    func getInvalidTarget(_ e: Expr, context: TargetContext) -> Expr? {
        switch e.kind {
        case .name, .attribute, .subscript: return nil
        case .tuple(let items), .list(let items):
            for item in items {
                if let bad = getInvalidTarget(item, context: context) { return bad }
            }
            return nil
        case .starred(let v):
            if context == .del { return e }
            return getInvalidTarget(v, context: context)
        case .compare(let left, _) where context == .forTarget:
            // `for x in y` parses `x in y` as a comparison only in broken code.
            return getInvalidTarget(left, context: context)
        default: return e
        }
    }

    /// Python's name for a kind of expression in error messages.
    func exprName(_ e: Expr) -> String {
        switch e.kind {
        case .name: return "name"
        case .attribute: return "attribute"
        case .subscript: return "subscript"
        case .starred: return "starred"
        case .list: return "list"
        case .tuple: return "tuple"
        case .lambda: return "lambda"
        case .yield: return "yield expression"
        case .call: return "function call"
        case .boolOp, .binary, .unary: return "expression"
        case .comprehension(let k, _, _, _):
            switch k {
            case .generator: return "generator expression"
            case .list: return "list comprehension"
            case .set: return "set comprehension"
            case .dict: return "dict comprehension"
            }
        case .dict: return "dict literal"
        case .set: return "set display"
        case .fstring: return "f-string expression"
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .ellipsis: return "ellipsis"
        case .shellCapture, .magicValue: return "expression"
        case .int, .float, .string, .bytes: return "literal"
        case .compare: return "comparison"
        case .conditional: return "conditional expression"
        case .slice: return "slice"
        }
    }
}
