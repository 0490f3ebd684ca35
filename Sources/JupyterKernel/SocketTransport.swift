import JSON
import JupyterProtocol
import Logging
import Synchronization
import ZMQ

/// `KernelTransport` over the kernel's ZMQ sockets. Shell and stdin are used by the shell thread
/// only, control by the control thread only; iopub is shared through the publisher's lock.
final class SocketTransport: KernelTransport, @unchecked Sendable {
    let shell: ZMQSocket
    let control: ZMQSocket
    let stdin: ZMQSocket
    let iopub: IOPubPublisher
    let encoder: WireCodec
    /// One decoder for every channel, so a message replayed on another channel is caught too.
    let decoder: Mutex<WireCodec>
    let logger: Logger

    init(context: ZMQContext, shell: ZMQSocket, control: ZMQSocket, stdin: ZMQSocket,
         iopub: IOPubPublisher, key: [UInt8], logger: Logger) throws {
        self.shell = shell
        self.control = control
        self.stdin = stdin
        self.iopub = iopub
        encoder = WireCodec(key: key)
        decoder = Mutex(WireCodec(key: key))
        self.logger = logger
    }

    func publish(_ message: Message, from channel: Channel) {
        iopub.publish(encoder.encode(message))
    }

    func send(_ message: Message, on channel: Channel) {
        let socket: ZMQSocket
        switch channel {
        case .control: socket = control
        case .stdin: socket = stdin
        default: socket = shell
        }
        do { try socket.send(encoder.encode(message)) } catch {
            logger.error("could not send a \(message.msgType) on \(channel.rawValue): \(error)")
        }
    }

    func takeQueuedShellRequests() -> [Message] {
        var queued: [Message] = []
        // A frontend running all cells sends them back to back, but a cell that fails at once
        // can fail before the next request is through the socket; like ipykernel's
        // `stop_on_error_timeout`, requests arriving within a short window still count as
        // queued. The window restarts with each arrival, up to `abortWindowLimitMs` in all.
        var waited = 0
        while true {
            while let frames = try? shell.receiveMultipart(nonBlocking: true) {
                if let m = decode(frames, channel: .shell) { queued.append(m) }
            }
            guard waited < Self.abortWindowLimitMs,
                  let ready = try? Poller.poll([shell], timeoutMs: Self.abortWindowMs), ready[0]
            else { return queued }
            waited += Self.abortWindowMs
        }
    }

    static let abortWindowMs = 20
    static let abortWindowLimitMs = 1000

    func receiveInput(timeoutMs: Int) -> Message? {
        receive(from: stdin, channel: .stdin, waitMs: timeoutMs)
    }

    /// The next valid message on `socket`, waiting up to `waitMs` (nil: only what is there now).
    /// Anything that fails verification or decoding is logged and dropped, never run.
    func receive(from socket: ZMQSocket, channel: Channel, waitMs: Int? = nil) -> Message? {
        if let waitMs {
            guard let ready = try? Poller.poll([socket], timeoutMs: waitMs), ready[0] else { return nil }
        }
        guard let frames = try? socket.receiveMultipart(nonBlocking: true) else { return nil }
        return decode(frames, channel: channel)
    }

    private func decode(_ frames: [[UInt8]], channel: Channel) -> Message? {
        do {
            return try decoder.withLock { try $0.decode(frames) }
        } catch {
            logger.warning("dropped a message on \(channel.rawValue): \(error)")
            return nil
        }
    }

    /// On the shell thread, as it ends.
    func closeShellSide() {
        for socket in [shell, stdin] { socket.close() }
    }

    /// On the control thread, as it ends.
    func closeControlSide() {
        control.close()
    }
}
