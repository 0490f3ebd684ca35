/// Expressions: literals, names, operators, attributes, subscripts, f-strings, comprehensions.
extension Interpreter {
    func eval(_ expr: Expr, _ scope: Scope) throws -> Value {
        try checkStack(at: expr.span)
        switch expr.kind {
        case .name(let n):
            guard let v = lookup(n, in: scope) else { throw nameError(n, at: expr.span, scope: scope) }
            return v
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .str(s)
        case .bytes(let b): return .object(BytesObject(b))
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .ellipsis: return .object(EllipsisObject.shared)
        case .shellCapture(let command):
            return .list(ListBox((try runShell(command, span: expr.span, capture: true) ?? []).map { .str($0) }))
        case .magicValue(let name, let args): return try runLineMagic(name, args, span: expr.span) ?? .none
        case .fstring(let parts): return .str(try fstring(parts, scope))
        case .tuple(let items): return .tuple(try evalElements(items, scope))
        case .list(let items): return .list(try evalElements(items, scope))
        case .set(let items):
            return .object(try SetObject.make(try evalElements(items, scope), span: expr.span))
        case .dict(let entries):
            let d = DictBox()
            for e in entries {
                if let keyExpr = e.key {
                    let k = try eval(keyExpr, scope)
                    guard let h = try k.checkedHashKey(at: keyExpr.span) else { throw Diagnostic(.typeError, "unhashable type: '\(k.typeName)'", at: keyExpr.span) }
                    d.set(k, h, try eval(e.value, scope))
                } else {
                    let m = try eval(e.value, scope)
                    guard case .dict(let other) = m.unwrappedBuiltin else {
                        throw Diagnostic(.typeError, "'\(m.typeName)' object is not a mapping", at: e.value.span)
                    }
                    for (k, v) in other.entries { if let h = k.hashKey { d.set(k, h, v) } }
                }
            }
            return .dict(d)
        case .unary(let op, let operand):
            let v = try eval(operand, scope)
            return try unary(op, v, span: Span(expr.span.start, operand.span.start))
        case .binary(let op, let l, let r):
            let a = try eval(l, scope)
            let b = try eval(r, scope)
            return try binary(op, a, b, span: operatorSpan(op.rawValue, after: l.span, before: r.span) ?? expr.span)
        case .boolOp(let op, let l, let r):
            let a = try eval(l, scope)
            switch op {
            case .and: return a.isTruthy ? try eval(r, scope) : a
            case .or: return a.isTruthy ? a : try eval(r, scope)
            }
        case .compare(let first, let comparisons):
            var left = try eval(first, scope)
            var result: Value = .bool(true)
            for c in comparisons {
                let right = try eval(c.right, scope)
                result = try compare(c.op, left, right, span: c.opSpan)
                if !result.isTruthy { return result }
                left = right
            }
            return result
        case .call(let calleeExpr, let args):
            // obj.method(...) on an instance: call the class's function with obj first, without
            // making the bound method that `obj.method` alone would be.
            if case .attribute(let base, let name, let nameSpan) = calleeExpr.kind {
                let receiver = try eval(base, scope)
                if case .object(let obj as Instance) = receiver, obj[attribute: name] == nil, case .function(let f)? = obj.cls.lookup(name) {
                    let arguments = try evalArguments(args, scope)
                    try checkInterrupt(at: expr.span)
                    return try callFunction(f, [CallArgument(value: receiver, span: base.span)] + arguments, span: expr.span)
                }
                let callee = try getAttribute(receiver, name, span: nameSpan)
                return try call(callee, try evalArguments(args, scope), span: expr.span, calleeSpan: calleeExpr.span)
            }
            let callee = try eval(calleeExpr, scope)
            let arguments = try evalArguments(args, scope)
            return try call(callee, arguments, span: expr.span, calleeSpan: calleeExpr.span)
        case .attribute(let base, let name, let nameSpan):
            return try getAttribute(try eval(base, scope), name, span: nameSpan)
        case .subscript(let base, let index):
            let container = try eval(base, scope)
            return try getItem(container, try evalIndex(index, scope), span: index.span)
        case .slice:
            return try evalIndex(expr, scope)
        case .conditional(let test, let body, let orelse):
            return try eval(test, scope).isTruthy ? try eval(body, scope) : try eval(orelse, scope)
        case .comprehension(let kind, let element, let key, let clauses):
            return try comprehension(kind, element, key, clauses, scope, span: expr.span)
        case .starred:
            throw Diagnostic(.syntaxError, "can't use starred expression here", at: expr.span)
        case .lambda(let params, let body):
            let defaults = try params.map { p in try p.defaultValue.map { try eval($0, scope) } }
            let home = scope.closureHome
            return .function(FunctionValue(
                name: "<lambda>", params: params, defaults: defaults, body: [], lambdaBody: body,
                closure: home === globals ? nil : home, source: source, span: expr.span))
        case .yield(let value, let from):
            return try yieldValue(value, from: from, scope, span: expr.span)
        }
    }

    /// Elements of a list or tuple display, with `*iterable` expanded.
    func evalElements(_ items: [Expr], _ scope: Scope) throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for item in items {
            if case .starred(let inner) = item.kind {
                out += try collect(try eval(inner, scope), span: inner.span)
            } else {
                out.append(try eval(item, scope))
            }
        }
        return out
    }

    /// An index expression; slices become `SliceValue`s (also inside a tuple: `x[:, 0]`).
    func evalIndex(_ expr: Expr, _ scope: Scope) throws -> Value {
        switch expr.kind {
        case .slice(let lower, let upper, let step):
            return .object(SliceValue(lower: try lower.map { try eval($0, scope) } ?? .none,
                                      upper: try upper.map { try eval($0, scope) } ?? .none,
                                      step: try step.map { try eval($0, scope) } ?? .none))
        case .tuple(let items):
            return .tuple(try items.map { try evalIndex($0, scope) })
        default:
            return try eval(expr, scope)
        }
    }

    func evalArguments(_ args: [Argument], _ scope: Scope) throws -> [CallArgument] {
        var out: [CallArgument] = []
        for a in args {
            switch a.kind {
            case .positional:
                out.append(CallArgument(value: try eval(a.value, scope), span: a.span))
            case .keyword(let k):
                out.append(CallArgument(keyword: k, value: try eval(a.value, scope), span: a.span))
            case .star:
                for v in try collect(try eval(a.value, scope), span: a.value.span) {
                    out.append(CallArgument(value: v, span: a.span))
                }
            case .doubleStar:
                let m = try eval(a.value, scope)
                guard case .dict(let d) = m else {
                    throw Diagnostic(.typeError, "argument after ** must be a mapping, not \(m.typeName)", at: a.value.span)
                }
                for (k, v) in d.entries {
                    guard case .str(let key) = k else {
                        throw Diagnostic(.typeError, "keywords must be strings", at: a.value.span)
                    }
                    out.append(CallArgument(keyword: key, value: v, span: a.span))
                }
            }
        }
        return out
    }

    // MARK: f-strings

    func fstring(_ parts: [FStringPart], _ scope: Scope) throws -> String {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s): out += s
            case .field(let e, let conversion, let specParts, let selfDoc):
                let v = try eval(e, scope)
                let spec = try specParts.map { try fstring($0, scope) } ?? ""
                if let selfDoc { out += selfDoc }
                var shown = v
                switch conversion {
                case "r": shown = .str(try located(e.span) { try Repr.checkedRepr(v) })
                case "s": shown = .str(try located(e.span) { try Repr.checkedStr(v) })
                case "a": shown = .str(Strings.ascii(try located(e.span) { try Repr.checkedRepr(v) }))
                default:
                    if selfDoc != nil && spec.isEmpty { shown = .str(try located(e.span) { try Repr.checkedRepr(v) }) }
                }
                out += try located(e.span) { try Format.format(shown, spec) }
            }
        }
        return out
    }

    // MARK: comprehensions

    private func comprehension(_ kind: ComprehensionKind, _ element: Expr, _ key: Expr?,
                               _ clauses: [ComprehensionClause], _ scope: Scope, span: Span) throws -> Value {
        let inner = Scope(parent: scope)
        if kind == .generator { return try lazyGenerator(element, clauses, scope, inner, span: span) }
        var items: [Value] = []
        let dict = DictBox()
        func run(_ depth: Int) throws {
            if depth == clauses.count {
                if let key {
                    let k = try eval(key, inner)
                    guard let h = try k.checkedHashKey(at: key.span) else { throw Diagnostic(.typeError, "unhashable type: '\(k.typeName)'", at: key.span) }
                    dict.set(k, h, try eval(element, inner))
                } else {
                    items.append(try eval(element, inner))
                    if items.count & 0xFFFF == 0 { try Limits.check(elements: items.count, times: 1, span: span) }
                }
                return
            }
            let clause = clauses[depth]
            // The first iterable is evaluated in the enclosing scope, as in Python.
            let iterable = try eval(clause.iterable, depth == 0 ? scope : inner)
            let it = try iterator(iterable, span: clause.iterable.span)
            outer: while let v = try it.next() {
                try checkInterrupt(at: span)
                try assign(clause.target, v, inner)
                for c in clause.conditions where !(try eval(c, inner).isTruthy) { continue outer }
                try run(depth + 1)
            }
        }
        try run(0)
        switch kind {
        case .list: return .list(items)
        case .set: return .object(try SetObject.make(items, span: span))
        case .dict: return .dict(dict)
        case .generator: return .list(items)  // generator expressions are lazy (lazyGenerator)
        }
    }

    /// A generator expression yields one element per next(), as in Python, so it can run over an
    /// infinite generator: a stack holds one iterator per `for` clause. The first iterable is
    /// evaluated now, in the enclosing scope; the others when their clause is reached.
    private func lazyGenerator(_ element: Expr, _ clauses: [ComprehensionClause], _ scope: Scope,
                               _ inner: Scope, span: Span) throws -> Value {
        var stack = [try iterator(try eval(clauses[0].iterable, scope), span: clauses[0].iterable.span)]
        return .iterator(IteratorBox("generator") { [unowned self] in
            while let top = stack.last {
                let clause = clauses[stack.count - 1]
                guard let v = try top.next() else { stack.removeLast(); continue }
                try self.checkInterrupt(at: span)
                try self.assign(clause.target, v, inner)
                var kept = true
                for c in clause.conditions where !(try self.eval(c, inner).isTruthy) { kept = false; break }
                if !kept { continue }
                if stack.count == clauses.count { return try self.eval(element, inner) }
                let nextClause = clauses[stack.count]
                stack.append(try self.iterator(try self.eval(nextClause.iterable, inner), span: nextClause.iterable.span))
            }
            return nil
        })
    }
}
