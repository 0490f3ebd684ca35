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

    public init() {}

    /// Runs one cell. `executionCount` names it in diagnostics (`In[3]`).
    public func execute(_ code: String, executionCount: Int) -> ExecutionOutcome {
        fatalError("Session.execute: implemented by the runtime")
    }

    /// Completion at a cursor (offset in Unicode scalars).
    public func complete(_ code: String, cursor: Int) -> Completion {
        Completion(matches: [], cursorStart: cursor, cursorEnd: cursor)
    }

    /// Documentation for the name at the cursor, as plain text; nil when there is nothing to show.
    /// `detailLevel` 0 is signature and docstring, 1 adds more.
    public func inspect(_ code: String, cursor: Int, detailLevel: Int) -> String? { nil }

    /// Whether `code` is a complete cell (for consoles deciding between run and newline).
    public func isComplete(_ code: String) -> Completeness { .complete }
}
