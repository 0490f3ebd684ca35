import JSON
import JupyterProtocol

/// What a language implements to become a Jupyter kernel. The server calls every method on the
/// shell thread, except `interrupt`, which comes from the control thread or the signal thread.
public protocol LanguageBackend: AnyObject {
    /// The `kernel_info_reply` facts that depend on the language.
    var info: KernelInfo { get }
    func execute(_ request: ExecuteRequest, context: ExecutionContext) -> ExecuteResponse
    func complete(code: String, cursorPos: Int) -> CompleteResponse
    func inspect(code: String, cursorPos: Int, detailLevel: Int) -> InspectResponse
    func isComplete(code: String) -> IsCompleteResponse
    /// Ask the running cell to stop. Must be safe to call from any thread.
    func interrupt()
    /// After the cell's execute_result or error is published and before its reply, as IPython's
    /// post_execute: output sent through `context` here follows the result.
    func afterExecute(context: ExecutionContext)
}

extension LanguageBackend {
    public func afterExecute(context: ExecutionContext) {}
}

public struct KernelInfo: Sendable {
    public var implementation: String
    public var implementationVersion: String
    /// The `language_info` object (name, version, mimetype, file_extension, ...).
    public var languageInfo: JSON
    public var banner: String
    /// `[{"text": ..., "url": ...}]`
    public var helpLinks: [(text: String, url: String)]

    public init(implementation: String, implementationVersion: String, languageInfo: JSON,
                banner: String, helpLinks: [(text: String, url: String)]) {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.languageInfo = languageInfo
        self.banner = banner
        self.helpLinks = helpLinks
    }
}

public struct ExecuteRequest: Sendable {
    public var code: String
    public var silent: Bool
    public var storeHistory: Bool
    public var allowStdin: Bool
    public var stopOnError: Bool
    /// The count this cell runs as (`In[n]`).
    public var executionCount: Int
}

public enum ExecuteResponse: Sendable {
    /// `result` is a MIME bundle for `execute_result`, when the cell has a value to show.
    /// `payload` entries go into `execute_reply.payload` (e.g. the pager).
    case ok(result: JSON?, payload: [JSON])
    case error(ename: String, evalue: String, traceback: [String])
}

public struct CompleteResponse: Sendable {
    public var matches: [String]
    public var cursorStart: Int
    public var cursorEnd: Int
    public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
        self.matches = matches; self.cursorStart = cursorStart; self.cursorEnd = cursorEnd
    }
}

public struct InspectResponse: Sendable {
    /// A MIME bundle, or nil when nothing was found.
    public var data: JSON?
    public init(data: JSON?) { self.data = data }
}

public enum IsCompleteResponse: Sendable {
    case complete
    case incomplete(indent: String)
    case invalid
    case unknown
}

/// Thrown by `ExecutionContext.input` when the frontend does not allow stdin, or when the
/// kernel is interrupted while waiting for the answer.
public enum InputError: Error, Equatable {
    case stdinNotAllowed
    case interrupted
}

/// What a running cell may do besides returning: publish outputs on iopub (parented to its
/// request, ordered before the request's `idle`) and ask the frontend for a line of input.
public protocol ExecutionContext: AnyObject {
    func stream(_ name: String, _ text: String)
    /// `display_data`; with a display id, later updatable.
    func display(data: JSON, metadata: JSON, displayID: String?)
    func updateDisplay(data: JSON, metadata: JSON, displayID: String)
    func clearOutput(wait: Bool)
    /// Sends `input_request` on stdin and waits for `input_reply`.
    func input(prompt: String, password: Bool) throws -> String
}
