import Synchronization

/// A cooperative cancellation flag: the host sets it (from the control thread or a SIGINT
/// handler); the interpreter checks it between statements, in loops and in long calls, and ends
/// the cell with a KeyboardInterrupt error.
public final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    public init() {}
    public func raise() { raised.store(true, ordering: .relaxed) }
    public func clear() { raised.store(false, ordering: .relaxed) }
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}

/// One persistent interpreter session: variables live from cell to cell until `%reset -f`.
/// Not thread-safe except `interrupt`, which may be raised from any thread.
public final class Session {
    /// Receives every output event of the running cell, in order.
    public var output: (OutputEvent) -> Void = { _ in }
    /// Reads a line for `input(prompt)`; nil when the frontend does not allow stdin.
    /// The Bool is `password`.
    public var inputProvider: ((_ prompt: String, _ password: Bool) throws -> String)? = nil
    public let interrupt = InterruptFlag()
    /// Set by a host that always calls `execute` from a thread it created with a stack of at
    /// least `LargeStack.size` bytes: cells then run in place instead of on a thread of their own.
    public var callerHasLargeStack = false
    /// The modules this session can import; libraries register theirs here.
    public var modules: ModuleTable { interpreter.moduleTable }
    private var cellEndHooks: [() -> Void] = []

    let interpreter: Interpreter

    public init() {
        interpreter = Interpreter(interrupt: interrupt)
    }

    /// Runs one cell. `executionCount` names it in diagnostics (`In[3]`). With
    /// `runsCellEndHooks: false` the caller runs them (`runCellEndHooks`) once it has shown the
    /// cell's result, as the kernel does.
    public func execute(_ code: String, executionCount: Int, runsCellEndHooks: Bool = true) -> ExecutionOutcome {
        defer { if runsCellEndHooks { runCellEndHooks() } }
        if callerHasLargeStack { return executeHere(code, executionCount: executionCount) }
        return LargeStack.run { executeHere(code, executionCount: executionCount) }
    }

    private func executeHere(_ code: String, executionCount: Int) -> ExecutionOutcome {
        interrupt.clear()
        let interp = interpreter
        interp.output = { [unowned self] event in self.output(event) }
        interp.inputProvider = inputProvider
        interp.errorSource = nil
        interp.payloads = []
        interp.callDepth = 0
        interp.stackFloor = LargeStack.floorForCurrentThread()
        let file = SourceFile(name: "In[\(executionCount)]", text: code)
        let parsed = Parser.parse(file)
        if let first = parsed.diagnostics.first {
            return .error(ename: first.ename, evalue: first.message,
                          traceback: parsed.diagnostics.flatMap { $0.render(in: file) })
        }
        do {
            let value = try interp.runModule(parsed.module, file: file)
            interp.flushStreams()
            var result: Display?
            if let value, !value.isNone, !Session.endsWithSemicolon(file, parsed.module) {
                let span = parsed.module.body.last?.span ?? Span(0, 0)
                result = try interp.located(span) { try interp.displayData(value) }
                interp.globals.vars["_"] = value
            }
            return .ok(result: result, payloads: interp.payloads)
        } catch let d as Diagnostic {
            interp.flushStreams()
            let source = interp.errorSource ?? file
            interp.errorSource = nil
            return .error(ename: d.ename, evalue: d.message, traceback: d.render(in: source))
        } catch {
            interp.flushStreams()
            return .error(ename: ExceptionClass.systemError.name, evalue: "internal error: \(error)", traceback: ["SystemError: internal error: \(error)"])
        }
    }

    /// Whether the last statement's line ends with `;` (IPython then shows no result).
    static func endsWithSemicolon(_ file: SourceFile, _ module: Module) -> Bool {
        guard let last = module.body.last else { return false }
        let s = file.scalars
        var i = min(max(0, last.span.end), s.count)
        if i > 0 && s[i - 1] == ";" { return true }
        while i < s.count && (s[i] == " " || s[i] == "\t") { i += 1 }
        return i < s.count && s[i] == ";"
    }

    /// Completion at a cursor (offset in Unicode scalars).
    public func complete(_ code: String, cursor: Int) -> Completion {
        interpreter.complete(code, cursor: cursor)
    }

    /// Documentation for the name at the cursor, as plain text; nil when there is nothing to show.
    /// `detailLevel` 0 is signature and docstring, 1 adds more.
    public func inspect(_ code: String, cursor: Int, detailLevel: Int) -> String? {
        interpreter.inspect(code, cursor: cursor, detail: detailLevel)
    }

    /// Whether `code` is a complete cell (for consoles deciding between run and newline).
    public func isComplete(_ code: String) -> Completeness { CompletenessChecker.check(code) }

    // MARK: extension points for later issues

    /// Adds or replaces a line magic (`%seed 42`).
    public func registerLineMagic(_ magic: LineMagic) { interpreter.lineMagics[magic.name] = magic }
    /// Adds or replaces a cell magic.
    public func registerCellMagic(_ magic: CellMagic) { interpreter.cellMagics[magic.name] = magic }
    /// Runs `hook` after every cell, e.g. to give memory kept for reuse within a cell back to the
    /// system.
    public func addCellEndHook(_ hook: @escaping () -> Void) { cellEndHooks.append(hook) }

    /// What libraries do at the end of every cell (pyplot shows and closes its figures).
    public func runCellEndHooks() { for hook in cellEndHooks { hook() } }
    /// Adds or replaces a built-in name visible in every cell (`show_feature_maps`).
    public func registerBuiltin(_ name: String, _ value: Value) { interpreter.builtins[name] = value }
    /// An audit for the tests: call `auditIgnoredArguments()` first, and `ignoredArguments` then
    /// lists each `function(argument)` where a caller wrote an argument that the function's body
    /// never read. Every declared parameter must work, or be `.unsupported` and refuse a value.
    public func auditIgnoredArguments() { interpreter.ignoredArguments = [] }
    public var ignoredArguments: Set<String> { interpreter.ignoredArguments ?? [] }
    /// The value of a global variable, for hosts and tests.
    public func global(_ name: String) -> Value? { interpreter.globals.vars[name] }
}
