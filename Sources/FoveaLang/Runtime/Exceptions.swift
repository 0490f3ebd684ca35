/// Exceptions as values: what `except ValueError as e` binds and `raise` throws, and the built-in
/// exception classes (`ValueError`, `Exception`, ...) as the names a cell sees.
///
/// A raised exception travels as a `Diagnostic` (a Swift error): its class, its message, where it
/// happened and its notes. `ExceptionObject` is that Diagnostic seen from the language, so an
/// error raised by a library (`Conv2D(0, (3, 3))`) and one raised by the learner are caught alike.
public final class ExceptionObject: FoveaObject {
    public let diagnostic: Diagnostic
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    public var kind: ExceptionClass { diagnostic.kind }
    /// `e.args`: what the exception was made with; a library's error has its message.
    public var args: [Value] { diagnostic.args ?? [.str(diagnostic.message)] }

    public var typeName: String { kind.name }
    public var doc: String { "An exception of class \(kind.name): str(e) is its message, e.args what it was made with." }
    public func str() -> String {
        // str(OSError(2, 'No such file', 'x')) is "[Errno 2] No such file: 'x'".
        if osFields != nil { return diagnostic.message }
        switch args.count {
        case 0: return ""
        // str(KeyError('k')) is "'k'": a key shows as its repr.
        case 1: return diagnostic.args != nil && kind.isSubclass(of: .keyError) ? Repr.repr(args[0]) : Repr.str(args[0])
        default: return Repr.repr(.tuple(args))
        }
    }
    public func repr() -> String {
        args.count == 1 ? "\(kind.name)(\(Repr.repr(args[0])))" : "\(kind.name)\(Repr.repr(.tuple(args)))"
    }
    public var hostClass: AnyHostClass? { ExceptionObject.binding }

    /// errno and strerror of an OSError made with them (as every OSError Fovea raises is).
    var osFields: (errno: Value, strerror: Value)? {
        guard kind.isSubclass(of: .osError), args.count == 2, case .int = args[0] else { return nil }
        return (args[0], args[1])
    }

    static let binding = HostClass<ExceptionObject>("BaseException", doc: "The base of every exception.")
        .property("args", doc: "The arguments the exception was made with, as a tuple.") { e, _ in .tuple(e.args) }
        .property("errno", doc: "OSError: the error number, e.g. 2 (ENOENT) for a file that does not exist.") { e, ctx in
            try e.osAttribute("errno", ctx) { $0.osFields?.errno ?? .none }
        }
        .property("strerror", doc: "OSError: the system's words for the error, e.g. 'No such file or directory'.") { e, ctx in
            try e.osAttribute("strerror", ctx) { $0.osFields?.strerror ?? .none }
        }
        .property("filename", doc: "OSError: the file the failed call was about.") { e, ctx in
            try e.osAttribute("filename", ctx) { $0.diagnostic.filename ?? .none }
        }

    /// An attribute only OSError and its subclasses have.
    private func osAttribute(_ name: String, _ ctx: CallContext, _ get: (ExceptionObject) -> Value) throws -> Value {
        guard kind.isSubclass(of: .osError) else {
            throw Diagnostic(.attributeError, "'\(kind.name)' object has no attribute '\(name)'", at: ctx.span)
        }
        return get(self)
    }
}

extension ExceptionClass {
    /// The class as the language sees it: calling it makes an exception, `isinstance` and
    /// `except` match it and its subclasses.
    public func typeValue() -> TypeValue {
        let cls = self
        let constructor = NativeFunction(name, doc: "\(name)(*args): an exception to raise.", parameters: [.varPositional("args")]) { args, _ in
            let values = args.varPositional.map(\.value)
            let message = values.count == 1 ? (cls.isSubclass(of: .keyError) ? Repr.repr(values[0]) : Repr.str(values[0]))
                : (values.isEmpty ? "" : Repr.repr(.tuple(values)))
            var d = Diagnostic(cls, message)
            d.args = values
            // OSError(errno, strerror[, filename]): args keep the first two, as in Python.
            if cls.isSubclass(of: .osError), (2...5).contains(values.count), case .int(let code) = values[0] {
                d.args = Array(values.prefix(2))
                d.message = "[Errno \(code)] \(Repr.str(values[1]))"
                if values.count >= 3, !values[2].isNone {
                    d.filename = values[2]
                    d.message += ": " + Repr.repr(values[2])
                }
            }
            return .object(ExceptionObject(d))
        }
        let t = TypeValue(name, doc: "The built-in exception class \(name)" + (base.map { ", a kind of \($0.name)." } ?? "."),
                          constructor: constructor) { v in
            switch v {
            case .object(let e as ExceptionObject): return e.kind.isSubclass(of: cls)
            case .object(let i as Instance): return i.cls.exceptionClass?.isSubclass(of: cls) ?? false
            default: return false
            }
        }
        t.exceptionClass = self
        return t
    }
}

extension Interpreter {
    /// `raise`, `raise E`, `raise E(...)`, `raise E from C`.
    func raise(_ exceptionExpr: Expr?, cause causeExpr: Expr?, at span: Span, scope: Scope) throws -> Never {
        guard let exceptionExpr else {
            guard let current = handling.last else {
                throw Diagnostic(.runtimeError, "No active exception to reraise", at: span)
            }
            throw current
        }
        var d = try exceptionDiagnostic(try eval(exceptionExpr, scope), at: exceptionExpr.span)
        d.span = span
        if let causeExpr {
            let cause = try eval(causeExpr, scope)
            if !cause.isNone {
                let c = try exceptionDiagnostic(cause, at: causeExpr.span)
                d.notes.append("note: raised from \(c.ename)" + (c.message.isEmpty ? "" : ": \(c.message)"))
            }
        }
        throw d
    }

    /// The Diagnostic an exception value or class raises; TypeError for anything else.
    func exceptionDiagnostic(_ v: Value, at span: Span) throws -> Diagnostic {
        switch v {
        case .object(let o as ExceptionObject):
            return o.diagnostic
        case .object(let o as Instance) where o.cls.exceptionClass != nil:
            var d = Diagnostic(o.cls.exceptionClass!, try located(span) { try o.checkedStr() })
            d.args = o.exceptionArgs
            d.raised = v
            return d
        case .type(let t) where t.exceptionClass != nil:
            return try exceptionDiagnostic(try call(v, [], span: span), at: span)
        default: break
        }
        throw Diagnostic(.typeError, "exceptions must derive from BaseException", at: span,
                         notes: ["help: raise an exception class or instance, e.g. raise ValueError('what went wrong')"])
    }

    /// `try` with its handlers, `else` and `finally`.
    func execTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt]?, _ finalbody: [Stmt]?,
                 _ scope: Scope) throws -> Flow {
        var flow = Flow.normal
        var pending: Error?
        let savedErrorSource = errorSource
        do {
            var raised: Diagnostic?
            do {
                flow = try exec(body, scope)
            } catch let d as Diagnostic {
                raised = d
            }
            if let d = raised {
                guard let handler = try matchingHandler(d, handlers, scope) else { throw d }
                errorSource = savedErrorSource
                if let name = handler.name { try assign(Expr(.name(name), handler.span), try exceptionValue(d), scope) }
                handling.append(d)
                defer {
                    handling.removeLast()
                    if let name = handler.name { scope.target(for: name).vars[name] = nil }
                }
                flow = try exec(handler.body, scope)
            } else if let orelse, case .normal = flow {
                flow = try exec(orelse, scope)
            }
        } catch {
            pending = error
        }
        if let finalbody {
            let finalFlow = try exec(finalbody, scope)
            // A return, break or continue in finally replaces what was pending, as in Python.
            if case .normal = finalFlow {} else { return finalFlow }
        }
        if let pending { throw pending }
        return flow
    }

    /// The first handler that catches `d`. The interrupt button's KeyboardInterrupt is caught only
    /// by a handler that names KeyboardInterrupt, so that a bare `except:` cannot keep a cell
    /// from stopping.
    private func matchingHandler(_ d: Diagnostic, _ handlers: [ExceptHandler], _ scope: Scope) throws -> ExceptHandler? {
        for h in handlers {
            guard let typeExpr = h.type else {
                if d.kind == .keyboardInterrupt { continue }
                return h
            }
            let classes = try exceptionClasses(try eval(typeExpr, scope), at: typeExpr.span)
            if d.kind == .keyboardInterrupt, !classes.contains(.keyboardInterrupt) { continue }
            if classes.contains(where: { d.kind.isSubclass(of: $0) }) { return h }
        }
        return nil
    }

    private func exceptionClasses(_ v: Value, at span: Span) throws -> [ExceptionClass] {
        switch v {
        case .type(let t) where t.exceptionClass != nil: return [t.exceptionClass!]
        case .tuple(let items): return try items.flatMap { try exceptionClasses($0, at: span) }
        default:
            throw Diagnostic(.typeError, "catching classes that do not inherit from BaseException is not allowed", at: span,
                             notes: ["help: name an exception class, e.g. except ValueError:, or a tuple of them"])
        }
    }
}

extension Interpreter {
    /// `with a as x, b:`: each manager entered in order and exited in reverse, on every way out;
    /// an exit that returns true swallows the error, as `__exit__` returning True does.
    func execWith(_ items: ArraySlice<WithItem>, _ body: [Stmt], _ scope: Scope) throws -> Flow {
        guard let item = items.first else { return try exec(body, scope) }
        let manager = try eval(item.context, scope)
        let ctx = context(item.context.span)
        guard case .object(let o) = manager, let entered = try located(item.context.span, { try o.enter(context: ctx) }) else {
            throw Diagnostic(.typeError, "'\(manager.typeName)' object does not support the context manager protocol",
                             at: item.context.span, notes: ["help: with works with files (open(...)) and other context managers"])
        }
        if let target = item.target { try assign(target, entered, scope) }
        let flow: Flow
        do {
            flow = try execWith(items.dropFirst(), body, scope)
        } catch let d as Diagnostic {
            if d.kind != .keyboardInterrupt, try o.exit(error: d, context: ctx) { return .normal }
            if d.kind == .keyboardInterrupt { _ = try? o.exit(error: d, context: ctx) }
            throw d
        }
        _ = try o.exit(error: nil, context: ctx)
        return flow
    }
}
