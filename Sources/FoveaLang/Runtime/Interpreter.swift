import Glibc

/// Control flow out of a statement.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returnValue(Value)
}

/// The tree-walking interpreter behind a `Session`: the namespaces, the loaded modules, the
/// output buffer and the error bookkeeping. Statements, expressions and calls are in
/// extensions in their own files.
final class Interpreter {
    let globals = Scope(parent: nil)
    var builtins: [String: Value] = [:]
    /// Modules imported in this session, by dotted name.
    var modules: [String: ModuleValue] = [:]
    /// State shared by this session's modules.
    let store = SessionStore()
    /// The modules this session can import, as the installed libraries registered them.
    let moduleTable: ModuleTable
    let interrupt: InterruptFlag
    var output: (OutputEvent) -> Void = { _ in }
    var inputProvider: ((String, Bool) throws -> String)?
    /// The cell being run.
    var source = SourceFile(name: "In[0]", text: "")
    /// The cell the first raised error points into (a function defined in an earlier cell).
    var errorSource: SourceFile?
    var callDepth = 0
    /// The statement being run: where a call that no expression makes (a class's `__repr__` run
    /// by `print`) is said to be called from.
    var currentSpan = Span(0, 0)
    /// The user functions being run, innermost last, with their local scopes (what `super()`
    /// reads its class and instance from).
    var frames: [(function: FunctionValue, scope: Scope)] = []
    /// The generators running a step, innermost last (what `yield` hands its value to).
    var generators: [GeneratorChannel] = []
    /// The exceptions being handled, innermost last: what a bare `raise` re-raises.
    var handling: [Diagnostic] = []
    static let maxCallDepth = 1000
    /// The lowest stack address the running cell may reach before RecursionError (see
    /// `LargeStack.floorForCurrentThread`); 0: no check.
    var stackFloor: UInt = 0
    /// Line and cell magics, by name.
    var lineMagics: [String: LineMagic] = [:]
    var cellMagics: [String: CellMagic] = [:]
    /// The value of the last magic run (`%time expr` shows it as the cell's result).
    var lastMagicValue: Value?
    /// Pager payloads of the running cell (`name?`).
    var payloads: [Payload] = []
    var displayCounter = 0
    var typeCache: [String: TypeValue] = [:]
    /// When not nil, every `function(argument)` whose written argument the body never read.
    var ignoredArguments: Set<String>?

    // Output coalescing.
    private var pendingStream: StreamName?
    private var pendingText = ""
    private var lastFlush = HostSystem.monotonicSeconds()

    init(interrupt: InterruptFlag) {
        self.interrupt = interrupt
        moduleTable = ModuleTable(store: store)
        builtins = Builtins.make()
        Magics.install(in: self)
    }

    // MARK: output

    func write(_ text: String, to stream: StreamName) {
        if text.isEmpty { return }
        if pendingStream != stream { flushStreams() }
        pendingStream = stream
        pendingText += text
        if HostSystem.monotonicSeconds() - lastFlush >= 0.05 { flushStreams() }
    }

    func emit(_ event: OutputEvent) {
        flushStreams()
        output(event)
    }

    func flushStreams() {
        if let stream = pendingStream, !pendingText.isEmpty {
            output(.stream(stream, pendingText))
        }
        pendingStream = nil
        pendingText = ""
        lastFlush = HostSystem.monotonicSeconds()
    }

    func readLine(prompt: String, password: Bool, span: Span) throws -> String {
        flushStreams()
        guard let provider = inputProvider else {
            throw Diagnostic(.stdinNotImplementedError,
                             "input was called, but this frontend does not support input requests.",
                             at: span, notes: ["note: this frontend cannot send text to the kernel; set the value in the code instead"])
        }
        do {
            return try provider(prompt, password)
        } catch let d as Diagnostic {
            throw Diagnostic(d.kind, d.message, at: d.span ?? span, notes: d.notes)
        } catch {
            throw Diagnostic(.keyboardInterrupt, "input was interrupted before a line was entered", at: span)
        }
    }

    // MARK: errors

    /// RecursionError when the stack has come down to `stackFloor`. `maxCallDepth` bounds the
    /// calls and the parser each expression, but not their product: a recursive function whose
    /// call sits deep inside an expression takes the stack of both.
    @inline(__always)
    func checkStack(at span: Span) throws {
        if LargeStack.currentAddress() < stackFloor {
            throw Diagnostic(.recursionError, "maximum recursion depth exceeded", at: span,
                             notes: ["note: the calls and expressions here nest too deeply for Fovea's stack; a recursive function needs a case that stops it"])
        }
    }

    func checkInterrupt(at span: Span?) throws {
        if interrupt.isRaised {
            interrupt.clear()
            throw Diagnostic(.keyboardInterrupt, "interrupted by the user", at: span,
                             notes: ["note: the cell stopped here; variables assigned before this point keep their values"])
        }
    }

    /// Runs `body`; a Diagnostic thrown without a span gets `span`.
    @inline(__always)
    func located<T>(_ span: Span, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var d as Diagnostic {
            if d.span == nil { d.span = span }
            throw d
        }
    }

    func context(_ span: Span) -> CallContext { CallContext(self, span: span) }

    /// The source text of an expression, for signatures and messages.
    static func sourceText(of expr: Expr, in file: SourceFile) -> String { file.slice(expr.span) }

    // MARK: names

    func lookup(_ name: String, in scope: Scope) -> Value? {
        scope.lookup(name) ?? builtins[name]
    }

    func nameError(_ name: String, at span: Span, scope: Scope) -> Diagnostic {
        var candidates: [String] = []
        var s: Scope? = scope
        while let cur = s { candidates += cur.vars.keys; s = cur.parent }
        candidates += builtins.keys
        var notes: [String] = []
        if let line = moduleTable.importHint(for: name) {
            notes.append("help: '\(name)' comes from an import: add `\(line)` first")
        } else if let m = Suggest.closest(to: name, in: candidates) { notes.append("help: did you mean '\(m)'?") }
        else if let mod = moduleTable.topLevelNames.first(where: { $0 == name }) {
            notes.append("help: '\(mod)' is a module: add `import \(mod)` first")
        }
        return Diagnostic(.nameError, "name '\(name)' is not defined", at: span, notes: notes)
    }

    /// Runs a parsed cell in the globals; returns the value of a final expression statement
    /// (or of a final magic).
    func runModule(_ module: Module, file: SourceFile) throws -> Value? {
        let saved = source
        source = file
        defer { source = saved }
        lastMagicValue = nil
        for (i, stmt) in module.body.enumerated() {
            let isLast = i == module.body.count - 1
            if isLast, case .expression(let e) = stmt.kind {
                try checkInterrupt(at: stmt.span)
                return try eval(e, globals)
            }
            _ = try exec(stmt, globals)
            if isLast {
                switch stmt.kind {
                case .lineMagic, .cellMagic: return lastMagicValue
                default: return nil
                }
            }
        }
        return nil
    }

    /// Names the learner defined (for %who, completion).
    var userNames: [String] { globals.vars.keys.filter { !$0.hasPrefix("_") }.sorted() }
}
