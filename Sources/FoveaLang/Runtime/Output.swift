/// What a running cell produces besides its result. FoveaLang never prints and never imports
/// Jupyter: the host (the `fovea` executable) turns these events into messages.

public enum StreamName: String, Sendable { case stdout, stderr }

/// One output in several representations, keyed by MIME type (`text/plain`, `text/html`,
/// `image/png` as base64). `metadata` holds per-MIME facts such as an image's width and height.
public struct DisplayData: Sendable, Equatable {
    public var data: [String: String]
    public var metadata: [String: [String: Int]]
    public init(data: [String: String], metadata: [String: [String: Int]] = [:]) {
        self.data = data
        self.metadata = metadata
    }
    public static func plain(_ text: String) -> DisplayData { DisplayData(data: ["text/plain": text]) }
}

public enum OutputEvent: Sendable, Equatable {
    case stream(StreamName, String)
    /// A new display; with a `displayID` it can be updated later.
    case display(DisplayData, displayID: String?)
    /// Replace what an earlier display with this id shows.
    case updateDisplay(DisplayData, displayID: String)
    case clearOutput(wait: Bool)
}

/// Extra results of an execute: `name?` opens the pager.
public enum Payload: Sendable, Equatable {
    case page(text: String)
}

public enum ExecutionOutcome: Sendable, Equatable {
    /// `result` is the value of the cell's last expression when it is shown (not None, and the
    /// line does not end with `;`).
    case ok(result: DisplayData?, payloads: [Payload])
    /// `traceback` lines are what a frontend shows; the first names the error, the rest point at it.
    case error(ename: String, evalue: String, traceback: [String])
}

public struct Completion: Sendable, Equatable {
    public var matches: [String]
    public var cursorStart: Int
    public var cursorEnd: Int
    public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
        self.matches = matches; self.cursorStart = cursorStart; self.cursorEnd = cursorEnd
    }
}

public enum Completeness: Sendable, Equatable {
    case complete
    /// More lines are needed; `indent` is what the next line should start with.
    case incomplete(indent: String)
    case invalid
}
