/// What a native function, method or host object may do while it runs: write output, show
/// displays, read input, check for an interrupt, and call back into FoveaLang values.
public struct CallContext {
    unowned let interpreter: Interpreter
    /// The code this call is about: the call expression, or for attributes, subscripts and
    /// operators the name, index or operator. Errors thrown without a span are placed here.
    public var span: Span

    init(_ interpreter: Interpreter, span: Span) { self.interpreter = interpreter; self.span = span }

    /// The same context pointing at another span (e.g. one argument).
    public func at(_ span: Span) -> CallContext { CallContext(interpreter, span: span) }

    /// Writes text to the cell's stdout or stderr (coalesced into few stream messages).
    public func write(_ text: String, to stream: StreamName = .stdout) { interpreter.write(text, to: stream) }
    /// Shows rich output; with a `displayID` it can be updated later.
    public func display(_ value: any RichValue, displayID: String? = nil) { interpreter.emit(.display(.rich(value), displayID: displayID)) }
    /// A display id unique in this session, for a display that will be updated in place.
    public func newDisplayID() -> String { interpreter.newDisplayID() }
    public func updateDisplay(_ value: any RichValue, displayID: String) { interpreter.emit(.updateDisplay(.rich(value), displayID: displayID)) }
    /// Writes text that the host formats from a rich value (Keras's per-epoch line).
    public func write(_ value: any RichValue, to stream: StreamName = .stdout) { interpreter.emit(.richStream(stream, value)) }
    public func clearOutput(wait: Bool) { interpreter.emit(.clearOutput(wait: wait)) }
    /// Sends what `write` has gathered now (text is otherwise coalesced for up to 50 ms).
    public func flush() { interpreter.flushStreams() }

    /// Whether the user asked to stop; long-running natives should check it regularly.
    public var isInterrupted: Bool { interpreter.interrupt.isRaised }
    /// Throws KeyboardInterrupt (at this context's span) when the user asked to stop.
    public func checkInterrupt() throws { try interpreter.checkInterrupt(at: span) }

    /// Calls any callable value (a user function, a built-in, a class, a callable object).
    public func call(_ callee: Value, _ arguments: [Value], keywords: [(String, Value)] = []) throws -> Value {
        var args = arguments.map { CallArgument(value: $0, span: span) }
        args += keywords.map { CallArgument(keyword: $0.0, value: $0.1, span: span) }
        return try interpreter.call(callee, args, span: span)
    }
    public func repr(_ value: Value) -> String { Repr.repr(value) }
    /// `value.name`, with Python's AttributeError when there is no such attribute.
    public func getAttribute(_ value: Value, _ name: String) throws -> Value {
        try interpreter.getAttribute(value, name, span: span)
    }
    /// `l op r` with Python's rules (`a * b`, `x ** y`, ...).
    public func binary(_ op: BinaryOp, _ l: Value, _ r: Value) throws -> Value {
        try interpreter.binary(op, l, r, span: span)
    }
    /// `l op r` for a comparison (`a < b`, `a == b`, `x in xs`) with Python's rules.
    public func compare(_ op: CompareOp, _ l: Value, _ r: Value) throws -> Value {
        try interpreter.compare(op, l, r, span: span)
    }
    /// Forgets an interrupt that a long call has already acted on (fit stops after the batch and
    /// returns normally).
    public func clearInterrupt() { interpreter.interrupt.clear() }
    public func str(_ value: Value) -> String { Repr.str(value) }
    /// `l == r` with Python's rules (numbers across types, containers element by element).
    public static func equal(_ l: Value, _ r: Value) throws -> Bool { try Interpreter.equal(l, r) }
    /// All the values of an iterable (TypeError "'int' object is not iterable" otherwise).
    public func iterate(_ value: Value) throws -> [Value] { try interpreter.collect(value, span: span) }
    /// A lazy iterator over an iterable.
    public func iterator(_ value: Value) throws -> IteratorBox { try interpreter.iterator(value, span: span) }
    /// Reads a line from the frontend, as `input()` does.
    public func readLine(prompt: String, password: Bool = false) throws -> String {
        try interpreter.readLine(prompt: prompt, password: password, span: span)
    }
}
