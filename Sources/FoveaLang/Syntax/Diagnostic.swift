/// Every error Fovea reports to a learner: a Python exception name they know, a message that says
/// what was expected, what was received and how to fix it, and the place in the cell it is about.
public struct Diagnostic: Error, Sendable, Equatable {
    /// The Python exception class: `.syntaxError`, `.nameError`, `.typeError`, `.valueError`, ...
    public var kind: ExceptionClass
    /// Its name, as a frontend shows it: `ValueError`.
    public var ename: String { kind.name }
    public var message: String
    /// Where in the cell; nil when the error is not about a place (e.g. an interrupt between lines).
    public var span: Span?
    /// Extra lines shown under the code, e.g. "help: did you mean 'print'?".
    public var notes: [String]
    /// What `raise E(*args)` gave, for `e.args`; nil for errors Fovea raises (their message).
    public var args: [Value]?
    /// The exception object raised, when the learner's own class made it (`raise MyError(...)`):
    /// what `except MyError as e` binds, with its attributes.
    public var raised: Value?
    /// For OSError and its subclasses: the file the failed call was about (`e.filename`).
    public var filename: Value?

    public init(_ kind: ExceptionClass, _ message: String, at span: Span? = nil, notes: [String] = []) {
        self.kind = kind
        self.message = message
        self.span = span
        self.notes = notes
    }

    public static func syntax(_ message: String, at span: Span, notes: [String] = []) -> Diagnostic {
        Diagnostic(.syntaxError, message, at: span, notes: notes)
    }
}

extension Diagnostic {
    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.kind == b.kind && a.message == b.message && a.span == b.span && a.notes == b.notes
            && a.args.map { $0.map(Repr.repr) } == b.args.map { $0.map(Repr.repr) }
    }
}
