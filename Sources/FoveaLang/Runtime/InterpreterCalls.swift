/// Calls (user functions, natives, classes, callable objects) and attribute access.
extension Interpreter {
    func call(_ callee: Value, _ args: [CallArgument], span: Span, calleeSpan: Span? = nil) throws -> Value {
        try checkInterrupt(at: span)
        switch callee {
        case .native(let f):
            return try located(span) { try f.call(args, context: context(span)) }
        case .function(let f):
            return try callFunction(f, args, span: span)
        case .type(let t) where !t.mro.isEmpty:
            return try instantiate(t, args, span: span)
        case .type(let t):
            guard let ctor = t.constructor else {
                throw Diagnostic(.typeError, "cannot create '\(t.name)' instances", at: calleeSpan ?? span)
            }
            return try located(span) { try ctor.call(args, context: context(span)) }
        case .object(let o) where o.isCallable:
            return try located(span) { try o.call(args, context: context(span)) }
        default:
            throw Diagnostic(.typeError, "'\(callee.typeName)' object is not callable", at: calleeSpan ?? span,
                             notes: callee.typeName == "module" ? ["note: a module holds functions; call one of them, e.g. module.name(...)"] : [])
        }
    }

    func callFunction(_ f: FunctionValue, _ args: [CallArgument], span: Span) throws -> Value {
        let local = try localScope(f, args, span: span)
        if callDepth >= Interpreter.maxCallDepth {
            throw Diagnostic(.recursionError, "maximum recursion depth exceeded", at: span,
                             notes: ["note: Fovea allows \(Interpreter.maxCallDepth) nested calls; a recursive function needs a case that stops it"])
        }
        if f.isGenerator { return .iterator(makeGenerator(f, local, span: span)) }
        return try runBody(f, local, span: span)
    }

    /// The call's arguments bound to the function's parameters, in a new local scope.
    private func localScope(_ f: FunctionValue, _ args: [CallArgument], span: Span) throws -> Scope {
        let local = Scope(parent: f.closure ?? globals)
        // The common call, f(x, y) to def f(a, b): each argument to its parameter, in order.
        if args.count == f.params.count, f.hasPlainParameters, args.allSatisfy({ $0.keyword == nil }) {
            for (p, a) in zip(f.params, args) { local.vars[p.name] = a.value }
            return local
        }
        let params = zip(f.params, f.defaults).map { p, d -> NativeParameter in
            switch p.kind {
            case .positionalOrKeyword: return NativeParameter(p.name, kind: .positionalOrKeyword, isRequired: d == nil, defaultValue: d)
            case .keywordOnly: return NativeParameter(p.name, kind: .keywordOnly, isRequired: d == nil, defaultValue: d)
            case .varPositional: return .varPositional(p.name)
            case .varKeyword: return .varKeyword(p.name)
            }
        }
        let bound = try BoundArguments.bind(functionName: f.qualifiedName, parameters: params, arguments: args, callSpan: span)
        for p in f.params {
            switch p.kind {
            case .varPositional: local.vars[p.name] = .tuple(bound.varPositional.map(\.value))
            case .varKeyword:
                let d = DictBox()
                for kw in bound.varKeyword { d.set(.str(kw.name), .str(kw.name), kw.value) }
                local.vars[p.name] = .dict(d)
            default: local.vars[p.name] = bound[p.name] ?? Value.none
            }
        }
        return local
    }

    /// Runs a function's body in its local scope; `span` is the call, for the traceback note.
    func runBody(_ f: FunctionValue, _ local: Scope, span: Span) throws -> Value {
        let callerSource = source
        callDepth += 1
        source = f.source
        frames.append((f, local))
        defer { callDepth -= 1; source = callerSource; frames.removeLast() }
        do {
            if let body = f.lambdaBody { return try eval(body, local) }
            if case .returnValue(let v) = try exec(f.body, local) { return v }
            return .none
        } catch var d as Diagnostic {
            if errorSource == nil { errorSource = f.source }
            if d.kind != .keyboardInterrupt && d.notes.filter({ $0.hasPrefix("note: in ") }).count < 5 {
                let (line, col) = callerSource.location(of: span.start)
                let note = "note: in \(f.qualifiedName)(), called at \(callerSource.name):\(line):\(col)"
                if d.notes.last != note { d.notes.append(note) }
            }
            throw d
        }
    }

    // MARK: attributes

    func getAttribute(_ value: Value, _ name: String, span: Span) throws -> Value {
        if let v = try findAttribute(value, name, span: span) { return v }
        throw attributeError(value, name, span: span)
    }

    func findAttribute(_ value: Value, _ name: String, span: Span) throws -> Value? {
        switch value {
        case .module(let m):
            if let v = m[name] { return v }
            if moduleTable.has("\(m.name).\(name)") { return .module(try importModule("\(m.name).\(name)", span: span)) }
            return nil
        case .object(let o as Instance):
            return try instanceAttribute(o, name, span: span)
        case .object(let s as SuperProxy):
            return try superAttribute(s, name, span: span)
        case .object(let o):
            if let c = o.hostClass, let v = try located(span, { try c.attribute(of: o, name, context: context(span)) }) { return v }
            if name == "__doc__" { return .str(o.doc) }
            return nil
        case .function(let f):
            switch name {
            case "__name__": return .str(f.name)
            case "__doc__": return f.doc.map { Value.str($0) } ?? Value.none
            default: return nil
            }
        case .native(let f):
            switch name {
            case "__name__": return .str(f.name)
            case "__doc__": return .str(f.doc)
            default: return nil
            }
        case .type(let t) where t.isUserClass:
            return try classAttribute(t, name)
        case .type(let t):
            if name == "__name__" { return .str(t.name) }
            if name == "__doc__" { return .str(t.doc) }
            if let c = Methods.classes[t.name],
               let f = c.unboundMethod(name, receiver: { $0.typeName == t.name ? $0 : nil }) { return .native(f) }
            return t.attributes[name]
        default:
            guard let c = Methods.classes[value.typeName] else { return nil }
            return try located(span) { try c.attribute(of: value, name, context: context(span)) }
        }
    }

    func attributeError(_ value: Value, _ name: String, span: Span) -> Diagnostic {
        let names = attributeNames(of: value)
        var notes: [String] = []
        if let m = Suggest.closest(to: name, in: names) { notes.append("help: did you mean '\(m)'?") }
        switch value {
        case .module(let m):
            return Diagnostic(.attributeError, "module '\(m.name)' has no attribute '\(name)'", at: span, notes: notes)
        case .type(let t):
            return Diagnostic(.attributeError, "type object '\(t.name)' has no attribute '\(name)'", at: span, notes: notes)
        default:
            return Diagnostic(.attributeError, "'\(value.typeName)' object has no attribute '\(name)'", at: span, notes: notes)
        }
    }

    /// Names for `dir()`, completion and did-you-mean.
    func attributeNames(of value: Value) -> [String] {
        switch value {
        case .module(let m):
            let subs = moduleTable.names.compactMap { n -> String? in
                guard n.hasPrefix(m.name + ".") else { return nil }
                let rest = n.dropFirst(m.name.count + 1)
                return rest.contains(".") ? nil : String(rest)
            }
            return Array(Set(m.memberNames + subs)).sorted()
        case .object(let o as Instance): return instanceAttributeNames(o)
        case .object(let o): return (o.hostClass?.memberNames ?? []).sorted()
        case .type(let t): return ((Methods.classes[t.name]?.memberNames ?? []) + Array(t.attributes.keys)).sorted()
        case .function, .native: return ["__doc__", "__name__"]
        default:
            return (Methods.classes[value.typeName]?.memberNames ?? []).sorted()
        }
    }

    func setAttribute(_ target: Value, _ name: String, _ value: Value, span: Span) throws {
        switch target {
        case .object(let o as Instance):
            return try setInstanceAttribute(o, name, value, span: span)
        case .type(let t) where t.isUserClass:
            t.attributes[name] = value
            return
        case .object(let o):
            if let c = o.hostClass, try located(span, { try c.setAttribute(of: o, name, value, context: context(span)) }) { return }
        case .module(let m):
            m.add(name, value)
            return
        default: break
        }
        if (try? findAttribute(target, name, span: span)) != nil {
            throw Diagnostic(.attributeError, "'\(target.typeName)' object attribute '\(name)' is read-only", at: span)
        }
        throw Diagnostic(.attributeError, "'\(target.typeName)' object has no attribute '\(name)'", at: span,
                         notes: ["note: attributes cannot be added to a \(target.typeName)"])
    }
}
