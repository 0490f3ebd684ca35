import JupyterKernel
import JSON
import JupyterProtocol

/// Records what the kernel sends, in order, for the order tests.
final class InMemoryTransport: KernelTransport, @unchecked Sendable {
    enum Sent: Equatable {
        case iopub(String, parent: String?)
        case reply(String, Channel, parent: String?)
    }
    var log: [Sent] = []
    var messages: [Message] = []
    var stdinQueue: [Message] = []
    /// Shell requests that "arrived" while the current one ran.
    var shellQueue: [Message] = []

    func publish(_ message: Message, from channel: Channel) {
        log.append(.iopub(message.msgType, parent: message.parentMsgId))
        messages.append(message)
    }

    func send(_ message: Message, on channel: Channel) {
        log.append(.reply(message.msgType, channel, parent: message.parentMsgId))
        messages.append(message)
    }

    func receiveInput(timeoutMs: Int) -> Message? {
        stdinQueue.isEmpty ? nil : stdinQueue.removeFirst()
    }

    func takeQueuedShellRequests() -> [Message] {
        defer { shellQueue = [] }
        return shellQueue
    }

    func last(_ type: String) -> Message? { messages.last { $0.msgType == type } }
}

/// A language whose cells say what to do: `print X`, `value X`, `fail`, `display`, `ask`.
final class ScriptedBackend: LanguageBackend {
    var ran: [String] = []
    var interrupted = false

    var info: KernelInfo {
        KernelInfo(implementation: "scripted", implementationVersion: "1", languageInfo: ["name": "python"],
                   banner: "", helpLinks: [])
    }

    func execute(_ request: ExecuteRequest, context: ExecutionContext) -> ExecuteResponse {
        ran.append(request.code)
        let words = request.code.split(separator: " ", maxSplits: 1).map(String.init)
        switch words.first ?? "" {
        case "print": context.stream("stdout", words.count > 1 ? words[1] : ""); return .ok(result: nil, payload: [])
        case "value": return .ok(result: ["text/plain": .string(words[1])], payload: [])
        case "fail": return .error(ename: "ValueError", evalue: "bad", traceback: ["ValueError: bad"])
        case "display":
            context.display(data: ["text/plain": "1"], metadata: [:], displayID: "d1")
            context.updateDisplay(data: ["text/plain": "2"], metadata: [:], displayID: "d1")
            context.clearOutput(wait: true)
            return .ok(result: nil, payload: [])
        case "ask":
            do {
                let answer = try context.input(prompt: "name? ", password: false)
                return .ok(result: ["text/plain": .string(answer)], payload: [])
            } catch {
                return .error(ename: "StdinNotImplementedError", evalue: "\(error)", traceback: [])
            }
        default: return .ok(result: nil, payload: [])
        }
    }

    func complete(code: String, cursorPos: Int) -> CompleteResponse {
        CompleteResponse(matches: ["print"], cursorStart: 0, cursorEnd: cursorPos)
    }

    func inspect(code: String, cursorPos: Int, detailLevel: Int) -> InspectResponse {
        InspectResponse(data: code == "print" ? ["text/plain": "print(*values)"] : nil)
    }

    func isComplete(code: String) -> IsCompleteResponse {
        code.hasSuffix(":") ? .incomplete(indent: "    ") : .complete
    }

    func interrupt() { interrupted = true }
}

let client = MessageFactory(session: "client-session", username: "test")

func request(_ type: String, _ content: JSON = [:]) -> Message {
    var m = client.make(type, content: content, parent: nil)
    m.identities = [Array("client-id".utf8)]
    return m
}

func executeRequest(_ code: String, silent: Bool = false, storeHistory: Bool = true,
                    allowStdin: Bool = true, stopOnError: Bool = true) -> Message {
    request("execute_request", ["code": .string(code), "silent": .bool(silent),
                                "store_history": .bool(storeHistory), "allow_stdin": .bool(allowStdin),
                                "stop_on_error": .bool(stopOnError), "user_expressions": [:]])
}

func makeCore() -> (KernelCore, InMemoryTransport, ScriptedBackend) {
    let transport = InMemoryTransport()
    let backend = ScriptedBackend()
    let core = KernelCore(backend: backend, factory: MessageFactory(session: "kernel-session"), transport: transport)
    return (core, transport, backend)
}
