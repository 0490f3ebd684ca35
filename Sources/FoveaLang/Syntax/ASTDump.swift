/// A compact s-expression dump of the AST, for tests and debugging.
///
/// Names print bare (`x`), literals as Python would write them (`1`, `2.5`, `"s"`, `None`),
/// operators as the head of a list (`(+ a b)`, `(not x)`), and statements as `(= targets... value)`,
/// `(for target iterable (body ...) (else ...))` and so on; statements are separated by `; `.
extension Module {
    public func dump() -> String { body.map { $0.dump() }.joined(separator: "; ") }
}

private func block(_ head: String, _ stmts: [Stmt]) -> String {
    "(\(head)" + stmts.map { " " + $0.dump() }.joined() + ")"
}

extension Stmt {
    public func dump() -> String {
        switch kind {
        case .expression(let e): return e.dump()
        case .assign(let targets, let value): return "(= " + (targets + [value]).map { $0.dump() }.joined(separator: " ") + ")"
        case .augmentedAssign(let t, let op, let v): return "(\(op.rawValue)= \(t.dump()) \(v.dump()))"
        case .annotatedAssign(let t, let annotation, let v): return "(: \(t.dump()) \(quote(annotation))\(v.map { " " + $0.dump() } ?? ""))"
        case .if(let branches, let orelse):
            var s = "(if"
            for b in branches { s += " " + block(b.test.dump(), b.body) }
            if let orelse { s += " " + block("else", orelse) }
            return s + ")"
        case .for(let t, let it, let body, let orelse):
            return "(for \(t.dump()) \(it.dump()) \(block("do", body))" + (orelse.map { " " + block("else", $0) } ?? "") + ")"
        case .while(let test, let body, let orelse):
            return "(while \(test.dump()) \(block("do", body))" + (orelse.map { " " + block("else", $0) } ?? "") + ")"
        case .break: return "break"
        case .continue: return "continue"
        case .pass: return "pass"
        case .del(let ts): return "(del" + ts.map { " " + $0.dump() }.joined() + ")"
        case .assert(let test, let msg): return "(assert \(test.dump())" + (msg.map { " " + $0.dump() } ?? "") + ")"
        case .try(let body, let handlers, let orelse, let finalbody):
            var s = "(try " + block("do", body)
            for h in handlers {
                let head = "except" + (h.type.map { " " + $0.dump() } ?? "") + (h.name.map { " as \($0)" } ?? "")
                s += " " + block(head, h.body)
            }
            if let orelse { s += " " + block("else", orelse) }
            if let finalbody { s += " " + block("finally", finalbody) }
            return s + ")"
        case .global(let names): return "(global " + names.joined(separator: " ") + ")"
        case .nonlocal(let names): return "(nonlocal " + names.joined(separator: " ") + ")"
        case .with(let items, let body):
            let heads = items.map { $0.context.dump() + ($0.target.map { " as " + $0.dump() } ?? "") }
            return "(with " + heads.joined(separator: ", ") + " " + block("do", body) + ")"
        case .raise(let e, let cause):
            return "(raise" + (e.map { " " + $0.dump() } ?? "") + (cause.map { " from " + $0.dump() } ?? "") + ")"
        case .import(let names): return "(import" + names.map { " " + $0.dump() }.joined() + ")"
        case .importFrom(let module, _, let names):
            return "(from \(module)" + (names.map { $0.map { " " + $0.dump() }.joined() } ?? " *") + ")"
        case .decorated(let decorators, _, let definition):
            return "(decorated (\(decorators.map { $0.dump() }.joined(separator: " "))) \(definition.dump()))"
        case .classDef(let name, let bases, let body):
            return "(class \(name) (\(bases.map { $0.value.dump() }.joined(separator: " "))) \(block("do", body)))"
        case .functionDef(let name, let params, let body, let isGenerator):
            return "(\(isGenerator ? "generator" : "def") \(name) (\(Parameter.dump(params))) \(block("do", body)))"
        case .return(let v): return v.map { "(return \($0.dump()))" } ?? "(return)"
        case .lineMagic(let name, let args): return "(%\(name) \(quote(args)))"
        case .cellMagic(let name, let args, let body, let offset): return "(%%\(name) \(quote(args)) \(quote(body)) @\(offset))"
        case .help(let e, let detail): return "(help \(e.dump()) \(detail))"
        case .shell(let cmd): return "(! \(quote(cmd)))"
        }
    }
}

extension ImportName {
    func dump() -> String { alias.map { "(\(name) as \($0))" } ?? name }
}

/// A string in double quotes with `\\`, `\"`, `\n`, `\t` escaped.
func quote(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if c.value < 0x20 || c.value == 0x7F { out += "\\u{" + String(c.value, radix: 16) + "}" } else { out.unicodeScalars.append(c) }
        }
    }
    return out + "\""
}

extension Expr {
    public func dump() -> String {
        func list(_ head: String, _ items: [Expr]) -> String { "(\(head)" + items.map { " " + $0.dump() }.joined() + ")" }
        switch kind {
        case .name(let n): return n
        case .int(let v): return String(v)
        case .float(let v): return String(v)
        case .string(let s): return quote(s)
        case .bytes(let b): return "(bytes" + b.map { " \($0)" }.joined() + ")"
        case .fstring(let parts): return "(f" + parts.map { " " + $0.dump() }.joined() + ")"
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .ellipsis: return "..."
        case .shellCapture(let cmd): return "(!= \(quote(cmd)))"
        case .magicValue(let name, let args): return "(%= \(name) \(quote(args)))"
        case .tuple(let items): return list("tuple", items)
        case .list(let items): return list("list", items)
        case .set(let items): return list("set", items)
        case .dict(let entries):
            return "(dict" + entries.map { e in e.key.map { " (\($0.dump()) \(e.value.dump()))" } ?? " (** \(e.value.dump()))" }.joined() + ")"
        case .unary(let op, let v): return "(\(op.rawValue) \(v.dump()))"
        case .binary(let op, let l, let r): return "(\(op.rawValue) \(l.dump()) \(r.dump()))"
        case .boolOp(let op, let l, let r): return "(\(op.rawValue) \(l.dump()) \(r.dump()))"
        case .compare(let l, let chain):
            return "(cmp \(l.dump())" + chain.map { " \($0.op.rawValue) \($0.right.dump())" }.joined() + ")"
        case .call(let f, let args):
            return "(call \(f.dump())" + args.map { a in
                switch a.kind {
                case .positional: return " " + a.value.dump()
                case .keyword(let k): return " (\(k)= \(a.value.dump()))"
                case .star: return " (* \(a.value.dump()))"
                case .doubleStar: return " (** \(a.value.dump()))"
                }
            }.joined() + ")"
        case .attribute(let v, let name, _): return "(. \(v.dump()) \(name))"
        case .subscript(let v, let index): return "([] \(v.dump()) \(index.dump()))"
        case .slice(let lo, let hi, let step):
            return "(: \(lo?.dump() ?? "_") \(hi?.dump() ?? "_") \(step?.dump() ?? "_"))"
        case .conditional(let test, let body, let orelse): return "(ifexp \(test.dump()) \(body.dump()) \(orelse.dump()))"
        case .comprehension(let kind, let element, let key, let clauses):
            let head = ["list": "listcomp", "set": "setcomp", "dict": "dictcomp", "generator": "genexp"]["\(kind)"]!
            var s = "(\(head) " + (key.map { $0.dump() + " " } ?? "") + element.dump()
            for c in clauses {
                s += " (for \(c.target.dump()) \(c.iterable.dump())" + c.conditions.map { " (if \($0.dump()))" }.joined() + ")"
            }
            return s + ")"
        case .starred(let v): return "(* \(v.dump()))"
        case .lambda(let params, let body): return "(lambda (\(Parameter.dump(params))) \(body.dump()))"
        case .yield(let e, let from): return "(yield\(from ? "-from" : "")\(e.map { " " + $0.dump() } ?? ""))"
        }
    }
}

extension FStringPart {
    public func dump() -> String {
        switch self {
        case .literal(let s): return quote(s)
        case .field(let e, let conversion, let spec, let selfDoc):
            var s = "{" + e.dump()
            if let selfDoc { s += " = " + quote(selfDoc) }
            if let conversion { s += " !\(conversion)" }
            if let spec { s += " :(" + spec.map { $0.dump() }.joined(separator: " ") + ")" }
            return s + "}"
        }
    }
}

extension Parameter {
    /// `a (b 1) *args kw:c **kwargs`: names, defaults in brackets, kinds marked.
    static func dump(_ params: [Parameter]) -> String {
        params.map { p -> String in
            let name = p.kind == .varPositional ? "*" + p.name : p.kind == .varKeyword ? "**" + p.name
                : p.kind == .keywordOnly ? "kw:" + p.name : p.name
            return p.defaultValue.map { "(\(name) \($0.dump()))" } ?? name
        }.joined(separator: " ")
    }
}
