/// What a running cell produces besides its result. FoveaLang never prints and never imports
/// Jupyter: the host (the `fovea` executable) turns these events into messages.

public enum StreamName: String, Sendable { case stdout, stderr }

/// A value the host shows richly: a model summary, a figure, a progress state. The language core
/// does not know what it is; the host (the `fovea` executable) renders each kind once, through
/// Rendering, into HTML, PNG and text. `plainText` is what a host without a renderer shows.
public protocol RichValue: Sendable {
    var plainText: String { get }
}

/// A display given as MIME data, as IPython's display objects carry it (`HTML`, `Markdown`,
/// `Image`): text by MIME type, and binary data (an image's bytes) that the host encodes.
public struct MimeBundle: RichValue {
    public var text: [String: String]
    public var binary: [String: [UInt8]]
    public var metadata: [String: [String: Int]]
    public init(text: [String: String], binary: [String: [UInt8]] = [:], metadata: [String: [String: Int]] = [:]) {
        self.text = text; self.binary = binary; self.metadata = metadata
    }
    public var plainText: String { text["text/plain"] ?? "" }
}

/// One thing shown: a value's text (its repr), or a rich value.
public enum Display: Sendable {
    case text(String)
    case rich(any RichValue)

    /// The text a plain-text frontend shows.
    public var plainText: String {
        switch self {
        case .text(let t): return t
        case .rich(let r): return r.plainText
        }
    }
}

public enum OutputEvent: Sendable {
    case stream(StreamName, String)
    /// Text the host formats from a rich value (Keras's per-epoch line), written to a stream.
    case richStream(StreamName, any RichValue)
    /// A new display; with a `displayID` it can be updated later.
    case display(Display, displayID: String?)
    /// Replace what an earlier display with this id shows.
    case updateDisplay(Display, displayID: String)
    case clearOutput(wait: Bool)
}

/// Extra results of an execute: `name?` opens the pager.
public enum Payload: Sendable, Equatable {
    case page(text: String)
}

public enum ExecutionOutcome: Sendable {
    /// `result` is the value of the cell's last expression when it is shown (not None, and the
    /// line does not end with `;`).
    case ok(result: Display?, payloads: [Payload])
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
