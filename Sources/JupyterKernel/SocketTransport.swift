import JupyterProtocol
import Logging
import Synchronization
import ZMQ

/// `KernelTransport` over the kernel's ZMQ sockets. Each socket is used by one thread only:
/// shell and stdin by the shell thread, control by the control thread, and each of those
/// threads hands its iopub messages to the publisher through a PAIR socket of its own.
final class SocketTransport: KernelTransport, @unchecked Sendable {
    let shell: ZMQSocket
    let control: ZMQSocket
    let stdin: ZMQSocket
    let shellToIOPub: ZMQSocket
    let controlToIOPub: ZMQSocket
    let encoder: WireCodec
    /// One decoder for every channel, so a message replayed on another channel is caught too.
    let decoder: Mutex<WireCodec>
    let logger: Logger

    init(context: ZMQContext, shell: ZMQSocket, control: ZMQSocket, stdin: ZMQSocket,
         iopub: IOPubPublisher, key: [UInt8], logger: Logger) throws {
        self.shell = shell
        self.control = control
        self.stdin = stdin
        shellToIOPub = try ZMQSocket(context: context, type: .pair)
        try shellToIOPub.connect(IOPubPublisher.shellEndpoint)
        controlToIOPub = try ZMQSocket(context: context, type: .pair)
        try controlToIOPub.connect(IOPubPublisher.controlEndpoint)
        encoder = WireCodec(key: key)
        decoder = Mutex(WireCodec(key: key))
        self.logger = logger
    }

    func publish(_ message: Message, from channel: Channel) {
        let socket = channel == .control ? controlToIOPub : shellToIOPub
        do { try socket.send(encoder.encode(message)) } catch {
            logger.error("could not hand a \(message.msgType) to iopub: \(error)")
        }
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
        do {
            return try decoder.withLock { try $0.decode(frames) }
        } catch {
            logger.warning("dropped a message on \(channel.rawValue): \(error)")
            return nil
        }
    }

    /// On the shell thread: tells the publisher to stop after what this thread handed over,
    /// and closes this thread's sockets.
    func closeShellSide() {
        try? shellToIOPub.send(IOPubPublisher.stopFrames)
        for socket in [shellToIOPub, shell, stdin] { socket.close() }
    }

    /// On the control thread, as it ends.
    func closeControlSide() {
        for socket in [controlToIOPub, control] { socket.close() }
    }
}
