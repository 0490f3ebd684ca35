/// Statements: assignment and unpacking, control flow, imports, `def`.
extension Interpreter {
    func exec(_ stmts: [Stmt], _ scope: Scope) throws -> Flow {
        for s in stmts {
            let flow = try exec(s, scope)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func exec(_ stmt: Stmt, _ scope: Scope) throws -> Flow {
        try checkInterrupt(at: stmt.span)
        currentSpan = stmt.span
        switch stmt.kind {
        case .expression(let e):
            _ = try eval(e, scope)
        case .assign(let targets, let valueExpr):
            let v = try eval(valueExpr, scope)
            for t in targets { try assign(t, v, scope) }
        case .augmentedAssign(let target, let op, let valueExpr):
            try augmentedAssign(target, op, valueExpr, scope, span: stmt.span)
        case .annotatedAssign(let target, let annotation, let valueExpr):
            if let valueExpr { try assign(target, try eval(valueExpr, scope), scope) }
            // A class body and the cell's namespace keep `__annotations__`, in order (dataclass
            // reads a class's fields from it); the annotation is its source text.
            if case .name(let name) = target.kind, scope.isClassBody || scope === globals {
                let annotations: DictBox
                if case .dict(let d)? = scope.vars["__annotations__"] { annotations = d } else {
                    annotations = DictBox()
                    scope.vars["__annotations__"] = .dict(annotations)
                }
                annotations.set(.str(name), .str(name), .str(annotation))
            }
        case .if(let branches, let orelse):
            for b in branches where try eval(b.test, scope).isTruthy {
                return try exec(b.body, scope)
            }
            if let orelse { return try exec(orelse, scope) }
        case .for(let target, let iterableExpr, let body, let orelse):
            let it = try iterator(try eval(iterableExpr, scope), span: iterableExpr.span)
            while let v = try it.next() {
                try checkInterrupt(at: stmt.span)
                try assign(target, v, scope)
                switch try exec(body, scope) {
                case .breakLoop: return .normal
                case .returnValue(let r): return .returnValue(r)
                default: continue
                }
            }
            if let orelse { return try exec(orelse, scope) }
        case .while(let test, let body, let orelse):
            while try eval(test, scope).isTruthy {
                try checkInterrupt(at: stmt.span)
                switch try exec(body, scope) {
                case .breakLoop: return .normal
                case .returnValue(let r): return .returnValue(r)
                default: continue
                }
            }
            if let orelse { return try exec(orelse, scope) }
        case .break: return .breakLoop
        case .continue: return .continueLoop
        case .pass: break
        case .del(let targets):
            for t in targets { try delete(t, scope) }
        case .assert(let test, let message):
            if !(try eval(test, scope).isTruthy) {
                let text = try message.map { try Repr.checkedStr(try eval($0, scope)) } ?? ""
                throw Diagnostic(.assertionError, text, at: test.span)
            }
        case .try(let body, let handlers, let orelse, let finalbody):
            return try execTry(body, handlers, orelse, finalbody, scope)
        case .global(let names):
            for n in names where scope !== globals { scope.redirected[n] = globals }
        case .nonlocal(let names):
            for n in names {
                var s = scope.parent
                while let cur = s, cur !== globals, cur.vars[n] == nil { s = cur.parent }
                guard let found = s, found !== globals else {
                    throw Diagnostic(.syntaxError, "no binding for nonlocal '\(n)' found", at: stmt.span)
                }
                scope.redirected[n] = found
            }
        case .with(let items, let body):
            return try execWith(items[...], body, scope)
        case .raise(let exception, let cause):
            try raise(exception, cause: cause, at: stmt.span, scope: scope)
        case .import(let names):
            for n in names {
                let module = try importModule(n.name, span: n.span)
                if let alias = n.alias {
                    scope.vars[alias] = .module(module)
                } else {
                    let top = String(n.name.split(separator: ".").first ?? Substring(n.name))
                    scope.vars[top] = .module(modules[top] ?? module)
                }
            }
        case .importFrom(let moduleName, let moduleSpan, let names):
            let module = try importModule(moduleName, span: moduleSpan)
            guard let names else {
                for name in module.memberNames where !name.hasPrefix("_") { scope.vars[name] = module[name] }
                return .normal
            }
            for n in names {
                if let v = module[n.name] {
                    scope.vars[n.alias ?? n.name] = v
                } else if moduleTable.has("\(moduleName).\(n.name)") {
                    scope.vars[n.alias ?? n.name] = .module(try importModule("\(moduleName).\(n.name)", span: n.span))
                } else {
                    var notes: [String] = []
                    if let m = Suggest.closest(to: n.name, in: module.memberNames) { notes.append("help: did you mean '\(m)'?") }
                    throw Diagnostic(.importError, "cannot import name '\(n.name)' from '\(moduleName)'", at: n.span, notes: notes)
                }
            }
        case .functionDef(let name, let params, let body, let isGenerator):
            let defaults = try params.map { p in try p.defaultValue.map { try eval($0, scope) } }
            let home = scope.closureHome
            scope.target(for: name).vars[name] = .function(FunctionValue(
                name: name, params: params, defaults: defaults, body: body, lambdaBody: nil,
                closure: home === globals ? nil : home, source: source, span: stmt.span, isGenerator: isGenerator))
        case .decorated(let decorators, let name, let definition):
            let functions = try decorators.map { try eval($0, scope) }
            _ = try exec(definition, scope)
            let home = scope.target(for: name)
            var value = home.vars[name] ?? .none
            for (f, e) in zip(functions, decorators).reversed() {
                value = try call(f, [CallArgument(value: value, span: e.span)], span: e.span)
            }
            home.vars[name] = value
        case .classDef(let name, let bases, let body):
            try defineClass(name, bases: bases, body: body, scope: scope, span: stmt.span)
        case .return(let e):
            if scope === globals {
                throw Diagnostic(.syntaxError, "'return' outside function", at: stmt.span)
            }
            return .returnValue(try e.map { try eval($0, scope) } ?? .none)
        case .lineMagic(let name, let args):
            lastMagicValue = try runLineMagic(name, args, span: stmt.span)
        case .cellMagic(let name, let args, let body, let bodyOffset):
            lastMagicValue = try runCellMagic(name, args, body: body, bodyOffset: bodyOffset, span: stmt.span)
        case .help(let e, let detail):
            try showHelp(e, detail: detail, scope)
        case .shell(let command):
            try runShell(command, span: stmt.span)
        }
        return .normal
    }

    // MARK: assignment

    func assign(_ target: Expr, _ value: Value, _ scope: Scope) throws {
        switch target.kind {
        case .name(let n):
            scope.target(for: n).vars[n] = value
        case .tuple(let targets), .list(let targets):
            try unpack(targets, value, scope, span: target.span)
        case .attribute(let base, let name, let nameSpan):
            try setAttribute(try eval(base, scope), name, value, span: nameSpan)
        case .subscript(let base, let index):
            let container = try eval(base, scope)
            try setItem(container, try evalIndex(index, scope), value, span: index.span)
        case .starred:
            throw Diagnostic(.syntaxError, "starred assignment target must be in a list or tuple", at: target.span)
        default:
            throw Diagnostic(.syntaxError, "cannot assign to this expression", at: target.span)
        }
    }

    private func unpack(_ targets: [Expr], _ value: Value, _ scope: Scope, span: Span) throws {
        let values = try collect(value, span: span)
        let starIndex = targets.firstIndex { if case .starred = $0.kind { return true } else { return false } }
        if let star = starIndex {
            let minimum = targets.count - 1
            guard values.count >= minimum else {
                throw Diagnostic(.valueError, "not enough values to unpack (expected at least \(minimum), got \(values.count))", at: span)
            }
            let after = targets.count - star - 1
            for i in 0..<star { try assign(targets[i], values[i], scope) }
            if case .starred(let inner) = targets[star].kind {
                try assign(inner, .list(Array(values[star..<(values.count - after)])), scope)
            }
            for i in 0..<after { try assign(targets[star + 1 + i], values[values.count - after + i], scope) }
            return
        }
        if values.count > targets.count {
            throw Diagnostic(.valueError, "too many values to unpack (expected \(targets.count))", at: span)
        }
        if values.count < targets.count {
            throw Diagnostic(.valueError, "not enough values to unpack (expected \(targets.count), got \(values.count))", at: span)
        }
        for (t, v) in zip(targets, values) { try assign(t, v, scope) }
    }

    private func augmentedAssign(_ target: Expr, _ op: BinaryOp, _ valueExpr: Expr, _ scope: Scope, span: Span) throws {
        let opSpan = operatorSpan(op.rawValue + "=", after: target.span, before: valueExpr.span) ?? span
        func combine(_ current: Value, _ v: Value) throws -> Value {
            if op == .add, case .list(let l) = current {      // `a += b` extends the list in place
                l.items += try collect(v, span: valueExpr.span)
                return current
            }
            return try binary(op, current, v, span: opSpan)
        }
        switch target.kind {
        case .name(let n):
            guard let current = lookup(n, in: scope) else { throw nameError(n, at: target.span, scope: scope) }
            scope.target(for: n).vars[n] = try combine(current, try eval(valueExpr, scope))
        case .attribute(let base, let name, let nameSpan):
            let obj = try eval(base, scope)
            let current = try getAttribute(obj, name, span: nameSpan)
            try setAttribute(obj, name, try combine(current, try eval(valueExpr, scope)), span: nameSpan)
        case .subscript(let base, let indexExpr):
            let obj = try eval(base, scope)
            let index = try evalIndex(indexExpr, scope)
            let current = try getItem(obj, index, span: indexExpr.span)
            try setItem(obj, index, try combine(current, try eval(valueExpr, scope)), span: indexExpr.span)
        default:
            throw Diagnostic(.syntaxError, "'\(source.slice(target.span))' is an illegal expression for augmented assignment", at: target.span)
        }
    }

    private func delete(_ target: Expr, _ scope: Scope) throws {
        switch target.kind {
        case .name(let n):
            if scope.target(for: n).vars.removeValue(forKey: n) == nil { throw nameError(n, at: target.span, scope: scope) }
        case .subscript(let base, let index):
            try deleteItem(try eval(base, scope), try evalIndex(index, scope), span: index.span)
        case .tuple(let ts), .list(let ts):
            for t in ts { try delete(t, scope) }
        case .attribute(let base, let name, let nameSpan):
            let v = try eval(base, scope)
            if case .object(let o as Instance) = v { return try deleteInstanceAttribute(o, name, span: nameSpan) }
            if case .type(let t) = v, t.isUserClass, t.attributes.removeValue(forKey: name) != nil { return }
            throw Diagnostic(.attributeError, "cannot delete attribute '\(name)' of '\(v.typeName)' object", at: nameSpan)
        default:
            throw Diagnostic(.syntaxError, "cannot delete this expression", at: target.span)
        }
    }

    /// The span of an operator written between two expressions (the AST keeps only the operands).
    func operatorSpan(_ op: String, after left: Span, before right: Span) -> Span? {
        let scalars = source.scalars
        let opScalars = Array(op.unicodeScalars)
        var i = left.end
        while i < right.start && i < scalars.count {
            let c = scalars[i]
            if c == " " || c == ")" || c == "\t" || c == "\n" || c == "\\" { i += 1; continue }
            if i + opScalars.count <= scalars.count && Array(scalars[i..<(i + opScalars.count)]) == opScalars {
                return Span(i, i + opScalars.count)
            }
            return nil
        }
        return nil
    }
}
