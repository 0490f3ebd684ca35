import JSON
import JupyterProtocol
import Synchronization

/// The kernel's behaviour, independent of sockets: for each request, `busy`, the handler's
/// outputs and reply, then `idle`, all parented to the request.
///
/// `handle(_:on:)` is called from the shell thread for shell requests and from the control thread
/// for control requests; only `interrupt_request`, `kernel_info_request` and `shutdown_request`
/// touch state from the control thread, and that state is atomic.
public final class KernelCore: @unchecked Sendable {
    public enum Outcome: Equatable, Sendable {
        case keepGoing
        case shutdown(restart: Bool)
    }

    public let backend: LanguageBackend
    public let factory: MessageFactory
    public let transport: KernelTransport
    /// Shell-thread state.
    public internal(set) var executionCount = 0
    public internal(set) var history = History()
    /// After an error in a cell run with `stop_on_error`, the executes that were already queued
    /// are answered with an error and not run. They are taken off the queue before the failed
    /// request's `idle`, as ipykernel does, so a request sent after that `idle` always runs.
    public internal(set) var isAborting = false
    var queuedBehindError: [Message] = []
    private let interruptRequested = Atomic<Bool>(false)
    let log: (String) -> Void

    public init(backend: LanguageBackend, factory: MessageFactory, transport: KernelTransport,
                log: @escaping (String) -> Void = { _ in }) {
        self.backend = backend
        self.factory = factory
        self.transport = transport
        self.log = log
    }

    /// The `starting` status a kernel sends once at boot.
    public func announceStarting() {
        transport.publish(factory.make("status", content: ["execution_state": "starting"], parent: nil),
                          from: .shell)
    }


    var interruptWasRequested: Bool { interruptRequested.load(ordering: .relaxed) }
    func interruptRequestedReset() { interruptRequested.store(false, ordering: .relaxed) }

    /// Interrupt the running cell (from control or a signal).
    public func interrupt() {
        interruptRequested.store(true, ordering: .relaxed)
        backend.interrupt()
    }

    public func handle(_ request: Message, on channel: Channel) -> Outcome {
        let outcome = handleOne(request, on: channel)
        // Only shell requests run cells; the abort state belongs to the shell thread.
        guard channel == .shell, isAborting else { return outcome }
        let queued = queuedBehindError
        queuedBehindError = []
        defer { isAborting = false }
        for next in queued {
            let nextOutcome = handleOne(next, on: .shell)
            if case .shutdown = nextOutcome { return nextOutcome }
        }
        return outcome
    }

    func handleOne(_ request: Message, on channel: Channel) -> Outcome {
        publish("status", ["execution_state": "busy"], parent: request, from: channel)
        defer { publish("status", ["execution_state": "idle"], parent: request, from: channel) }
        switch request.msgType {
        case "kernel_info_request":
            reply(to: request, on: channel, "kernel_info_reply", kernelInfoContent())
        case "execute_request" where channel == .shell:
            execute(request)
        case "complete_request":
            complete(request, on: channel)
        case "inspect_request":
            inspect(request, on: channel)
        case "is_complete_request":
            isComplete(request, on: channel)
        case "history_request":
            historyReply(request, on: channel)
        case "comm_info_request":
            reply(to: request, on: channel, "comm_info_reply", ["status": "ok", "comms": .object(JSONObject())])
        case "comm_open":
            // No comm targets exist: close the comm at once, as the spec asks.
            let id = request.content["comm_id"] ?? ""
            publish("comm_close", ["comm_id": id, "data": .object(JSONObject())], parent: request, from: channel)
        case "comm_msg", "comm_close":
            break
        case "interrupt_request":
            interrupt()
            reply(to: request, on: channel, "interrupt_reply", ["status": "ok"])
        case "shutdown_request":
            let restart = request.content["restart"]?.boolValue ?? false
            reply(to: request, on: channel, "shutdown_reply", ["status": "ok", "restart": .bool(restart)])
            return .shutdown(restart: restart)
        default:
            log("ignoring a \(request.msgType) on \(channel.rawValue): Fovea does not handle it")
        }
        return .keepGoing
    }

    // MARK: - Replies

    func kernelInfoContent() -> JSON {
        let info = backend.info
        var links: [JSON] = []
        for link in info.helpLinks { links.append(["text": .string(link.text), "url": .string(link.url)]) }
        return [
            "status": "ok",
            "protocol_version": .string(protocolVersion),
            "implementation": .string(info.implementation),
            "implementation_version": .string(info.implementationVersion),
            "language_info": info.languageInfo,
            "banner": .string(info.banner),
            "help_links": .array(links),
            "debugger": false,
        ]
    }

    func complete(_ request: Message, on channel: Channel) {
        let code = request.content["code"]?.stringValue ?? ""
        let cursor = request.content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
        let r = backend.complete(code: code, cursorPos: cursor)
        reply(to: request, on: channel, "complete_reply", [
            "status": "ok",
            "matches": .array(r.matches.map { .string($0) }),
            "cursor_start": .int(r.cursorStart),
            "cursor_end": .int(r.cursorEnd),
            "metadata": .object(JSONObject()),
        ])
    }

    func inspect(_ request: Message, on channel: Channel) {
        let code = request.content["code"]?.stringValue ?? ""
        let cursor = request.content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
        let level = request.content["detail_level"]?.intValue ?? 0
        let r = backend.inspect(code: code, cursorPos: cursor, detailLevel: level)
        reply(to: request, on: channel, "inspect_reply", [
            "status": "ok",
            "found": .bool(r.data != nil),
            "data": r.data ?? .object(JSONObject()),
            "metadata": .object(JSONObject()),
        ])
    }

    func isComplete(_ request: Message, on channel: Channel) {
        let code = request.content["code"]?.stringValue ?? ""
        var content: JSON
        switch backend.isComplete(code: code) {
        case .complete: content = ["status": "complete"]
        case .incomplete(let indent): content = ["status": "incomplete", "indent": .string(indent)]
        case .invalid: content = ["status": "invalid"]
        case .unknown: content = ["status": "unknown"]
        }
        reply(to: request, on: channel, "is_complete_reply", content)
    }

    func historyReply(_ request: Message, on channel: Channel) {
        let c = request.content
        let entries: [History.Entry]
        switch c["hist_access_type"]?.stringValue ?? "tail" {
        case "range":
            entries = history.range(session: c["session"]?.intValue ?? 0,
                                    start: c["start"]?.intValue ?? 1, stop: c["stop"]?.intValue)
        case "search":
            entries = history.search(pattern: c["pattern"]?.stringValue ?? "*", n: c["n"]?.intValue,
                                     unique: c["unique"]?.boolValue ?? false)
        default:
            entries = history.tail(c["n"]?.intValue ?? 10)
        }
        let output = c["output"]?.boolValue ?? false
        let rows: [JSON] = entries.map { e in
            output ? [.int(e.session), .int(e.line), [.string(e.input), .null]]
                   : [.int(e.session), .int(e.line), .string(e.input)]
        }
        reply(to: request, on: channel, "history_reply", ["status": "ok", "history": .array(rows)])
    }

    // MARK: - Sending

    func reply(to request: Message, on channel: Channel, _ type: String, _ content: JSON) {
        transport.send(factory.make(type, content: content, parent: request), on: channel)
    }

    func publish(_ type: String, _ content: JSON, parent: Message?, from channel: Channel,
                 metadata: JSON = [:]) {
        var message = factory.make(type, content: content, parent: parent, metadata: metadata, identities: [])
        message.identities = [Array("kernel.\(factory.session).\(type)".utf8)]
        transport.publish(message, from: channel)
    }
}
