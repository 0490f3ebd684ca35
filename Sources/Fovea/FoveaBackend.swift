import Bindings
import FoveaLang
import JupyterKernel
import JSON
import JupyterProtocol

/// Connects a FoveaLang session to the kernel: output events become iopub messages, outcomes
/// become replies, and `input()` asks the frontend over stdin.
final class FoveaBackend: LanguageBackend {
    let session = FoveaLang.Session()

    /// `shellHasLargeStack`: the server runs shell requests on a thread with `LargeStack.size`
    /// of stack (see `KernelCommand`), so cells need no thread of their own.
    init(shellHasLargeStack: Bool) {
        session.callerHasLargeStack = shellHasLargeStack
        FoveaLibraries.install(into: session)
    }

    var info: KernelInfo {
        KernelInfo(
            implementation: "fovea",
            implementationVersion: foveaVersion,
            languageInfo: [
                "name": "python",
                "version": "3.12",
                "mimetype": "text/x-python",
                "file_extension": ".py",
                "codemirror_mode": ["name": "ipython", "version": 3],
                "pygments_lexer": "ipython3",
                "nbconvert_exporter": "python",
            ],
            banner: "Fovea \(foveaVersion): Keras-style convolutional networks in a Python-like language, run by Swift.",
            helpLinks: Installation.readmePath().map { [(text: "Fovea README", url: "file://\($0)")] } ?? []
        )
    }

    func execute(_ request: ExecuteRequest, context: ExecutionContext) -> ExecuteResponse {
        route(to: context)
        session.inputProvider = request.allowStdin
            ? { prompt, password in try context.input(prompt: prompt, password: password) }
            : nil
        defer {
            session.output = { _ in }
            session.inputProvider = nil
        }
        // The cell-end hooks (pyplot's inline figures) run in afterExecute, after the result.
        switch session.execute(request.code, executionCount: request.executionCount, runsCellEndHooks: false) {
        case .ok(let result, let payloads):
            return .ok(result: result.flatMap { FoveaRenderer.bundles($0).first?.dataJSON }, payload: payloads.map(Self.payload))
        case .error(let ename, let evalue, let traceback):
            return .error(ename: ename, evalue: evalue, traceback: traceback)
        }
    }

    /// After the cell's result or error is published, as IPython's post_execute: the inline
    /// backend's figures follow the result.
    func afterExecute(context: ExecutionContext) {
        route(to: context)
        defer { session.output = { _ in } }
        session.runCellEndHooks()
    }

    /// Sends the session's output events to the running request's context.
    private func route(to context: ExecutionContext) {
        session.output = { event in
            switch event {
            case .stream(let name, let text):
                context.stream(name.rawValue, text)
            case .richStream(let name, let value):
                context.stream(name.rawValue, FoveaRenderer.streamText(value))
            case .display(let display, let id):
                for b in FoveaRenderer.bundles(display) {
                    context.display(data: b.dataJSON, metadata: b.metadataJSON, displayID: id)
                }
            case .updateDisplay(let display, let id):
                // A display that is updated in place is one bundle (a progress bar).
                if let b = FoveaRenderer.bundles(display).first {
                    context.updateDisplay(data: b.dataJSON, metadata: b.metadataJSON, displayID: id)
                }
            case .clearOutput(let wait):
                context.clearOutput(wait: wait)
            }
        }
    }

    func complete(code: String, cursorPos: Int) -> CompleteResponse {
        let c = session.complete(code, cursor: cursorPos)
        return CompleteResponse(matches: c.matches, cursorStart: c.cursorStart, cursorEnd: c.cursorEnd)
    }

    func inspect(code: String, cursorPos: Int, detailLevel: Int) -> InspectResponse {
        InspectResponse(data: session.inspect(code, cursor: cursorPos, detailLevel: detailLevel)
            .map { ["text/plain": .string($0)] })
    }

    func isComplete(code: String) -> IsCompleteResponse {
        switch session.isComplete(code) {
        case .complete: return .complete
        case .incomplete(let indent): return .incomplete(indent: indent)
        case .invalid: return .invalid
        }
    }

    func interrupt() { session.interrupt.raise() }

    static func payload(_ p: Payload) -> JSON {
        switch p {
        case .page(let text):
            return ["source": "page", "data": ["text/plain": .string(text)], "start": 0]
        }
    }
}
