import JSON
import JupyterProtocol

extension KernelCore {
    func execute(_ request: Message) {
        let c = request.content
        let code = c["code"]?.stringValue ?? ""
        let silent = c["silent"]?.boolValue ?? false
        let storeHistory = silent ? false : (c["store_history"]?.boolValue ?? true)
        let stopOnError = c["stop_on_error"]?.boolValue ?? true

        if isAborting {
            // An earlier cell failed with stop_on_error: this one was queued behind it and
            // does not run. Spec 5.1+: an error reply rather than the deprecated "aborted".
            reply(to: request, on: .shell, "execute_reply", [
                "status": "error",
                "execution_count": .int(executionCount),
                "ename": "ExecutionAborted",
                "evalue": "Not run: an earlier cell raised an error (stop_on_error).",
                "traceback": [],
            ])
            return
        }

        if storeHistory { executionCount += 1 }
        // A cell that is not stored (silent, store_history false) runs as the current count
        // without advancing it, as ipykernel does.
        let count = executionCount
        if !silent {
            publish("execute_input", ["code": .string(code), "execution_count": .int(count)],
                    parent: request, from: .shell)
        }
        if storeHistory { history.append(line: count, input: code) }

        let sink = ExecutionSink(core: self, request: request, silent: silent,
                                 allowStdin: c["allow_stdin"]?.boolValue ?? false)
        interruptRequestedReset()
        let outcome = backend.execute(
            ExecuteRequest(code: code, silent: silent, storeHistory: storeHistory,
                           allowStdin: sink.allowStdin, stopOnError: stopOnError, executionCount: count),
            context: sink)

        switch outcome {
        case .ok(let result, let payload):
            if let result, !silent {
                publish("execute_result", ["execution_count": .int(count), "data": result,
                                           "metadata": .object(JSONObject())],
                        parent: request, from: .shell)
            }
            backend.afterExecute(context: sink)
            reply(to: request, on: .shell, "execute_reply", [
                "status": "ok",
                "execution_count": .int(count),
                "payload": .array(payload),
                "user_expressions": .object(JSONObject()),
            ])
        case .error(let ename, let evalue, let traceback):
            let tb = JSON.array(traceback.map { .string($0) })
            if !silent {
                publish("error", ["ename": .string(ename), "evalue": .string(evalue), "traceback": tb],
                        parent: request, from: .shell)
            }
            backend.afterExecute(context: sink)
            reply(to: request, on: .shell, "execute_reply", [
                "status": "error",
                "execution_count": .int(count),
                "ename": .string(ename),
                "evalue": .string(evalue),
                "traceback": tb,
            ])
            if stopOnError {
                // Before this request's idle: what is queued now was sent before the client
                // could know the cell failed.
                isAborting = true
                queuedBehindError = transport.takeQueuedShellRequests()
            }
        }
    }

    /// Waits for the frontend's `input_reply` to an `input_request` parented to `request`.
    func requestInput(prompt: String, password: Bool, request: Message) throws -> String {
        var ask = factory.make("input_request", content: ["prompt": .string(prompt), "password": .bool(password)],
                               parent: request)
        ask.identities = request.identities
        transport.send(ask, on: .stdin)
        while true {
            if interruptWasRequested { throw InputError.interrupted }
            guard let answer = transport.receiveInput(timeoutMs: 50) else { continue }
            guard answer.msgType == "input_reply" else {
                log("ignoring a \(answer.msgType) on stdin while waiting for input_reply")
                continue
            }
            return answer.content["value"]?.stringValue ?? ""
        }
    }
}

/// The `ExecutionContext` of one execute request: everything it publishes is parented to the
/// request and goes out on the shell thread's publisher, so it precedes the request's `idle`.
final class ExecutionSink: ExecutionContext {
    let core: KernelCore
    let request: Message
    let silent: Bool
    let allowStdin: Bool

    init(core: KernelCore, request: Message, silent: Bool, allowStdin: Bool) {
        self.core = core; self.request = request; self.silent = silent; self.allowStdin = allowStdin
    }

    func stream(_ name: String, _ text: String) {
        guard !silent else { return }
        core.publish("stream", ["name": .string(name), "text": .string(text)], parent: request, from: .shell)
    }

    func display(data: JSON, metadata: JSON, displayID: String?) {
        guard !silent else { return }
        let transient: JSON = displayID.map { ["display_id": .string($0)] } ?? .object(JSONObject())
        core.publish("display_data", ["data": data, "metadata": metadata, "transient": transient],
                     parent: request, from: .shell)
    }

    func updateDisplay(data: JSON, metadata: JSON, displayID: String) {
        guard !silent else { return }
        core.publish("update_display_data", ["data": data, "metadata": metadata,
                                             "transient": ["display_id": .string(displayID)]],
                     parent: request, from: .shell)
    }

    func clearOutput(wait: Bool) {
        guard !silent else { return }
        core.publish("clear_output", ["wait": .bool(wait)], parent: request, from: .shell)
    }

    func input(prompt: String, password: Bool) throws -> String {
        guard allowStdin else { throw InputError.stdinNotAllowed }
        return try core.requestInput(prompt: prompt, password: password, request: request)
    }
}
