import FoveaLang

/// Runs cells in one session, numbering them as a notebook does, and records their output events.
public final class Recorder {
    public let session: Session
    public var events: [OutputEvent] = []
    public var count = 0

    public init(_ session: Session) {
        self.session = session
        session.output = { [unowned self] in self.events.append($0) }
    }

    @discardableResult
    public func run(_ code: String) -> ExecutionOutcome {
        count += 1
        return session.execute(code, executionCount: count)
    }

    /// Everything written to stdout so far.
    public var stdout: String {
        events.compactMap { if case .stream(.stdout, let t) = $0 { return t } else { return nil } }.joined()
    }

    /// The text of a cell's result; nil when it shows none, "<error>" when it fails.
    public func result(_ code: String) -> String? {
        if case .ok(let r, _) = run(code) { return r?.plainText }
        return "<error>"
    }
}
