import JSON
import JupyterProtocol

/// How the kernel's logic reaches the frontend. The ZMQ server implements it with sockets; the
/// tests implement it in memory, so the message order of every request is checked without any.
public protocol KernelTransport: AnyObject {
    /// Publish on iopub. `channel` says which thread publishes (shell or control), so that a
    /// socket-based transport can use that thread's own socket; per channel, order is kept.
    func publish(_ message: Message, from channel: Channel)
    /// Send a reply on shell or control, or a request on stdin.
    func send(_ message: Message, on channel: Channel)
    /// The next message from the stdin channel, or nil after `timeoutMs` without one.
    func receiveInput(timeoutMs: Int) -> Message?
    /// The shell requests that wait to be handled, taken off the queue: those already there and
    /// those arriving within a short window (a frontend's "run all" may still be sending).
    func takeQueuedShellRequests() -> [Message]
}
