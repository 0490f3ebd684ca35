import Glibc
import JupyterProtocol
import Logging
import ZMQ

/// The one ordered publisher on iopub. The XPUB socket lives on this thread alone; the shell and
/// control threads hand it signed frames through their own inproc PAIR sockets, so each thread's
/// messages keep their order. Subscriptions arriving on the XPUB are greeted with `iopub_welcome`
/// (JEP 65), so a client knows its subscription is live.
final class IOPubPublisher: @unchecked Sendable {
    static let shellEndpoint = "inproc://fovea-iopub-shell"
    static let controlEndpoint = "inproc://fovea-iopub-control"
    /// A single empty frame from the shell side: flush and stop.
    static let stopFrames: [[UInt8]] = [[]]

    let xpub: ZMQSocket
    let fromShell: ZMQSocket
    let fromControl: ZMQSocket
    let codec: WireCodec
    let factory: MessageFactory
    let logger: Logger
    private var thread: pthread_t?

    init(context: ZMQContext, endpoint: String, key: [UInt8], factory: MessageFactory, logger: Logger) throws {
        xpub = try ZMQSocket(context: context, type: .xpub)
        try xpub.setLinger(1000)
        try xpub.setXPubVerbose(true)
        try xpub.bind(endpoint)
        fromShell = try ZMQSocket(context: context, type: .pair)
        try fromShell.bind(Self.shellEndpoint)
        fromControl = try ZMQSocket(context: context, type: .pair)
        try fromControl.bind(Self.controlEndpoint)
        codec = WireCodec(key: key)
        self.factory = factory
        self.logger = logger
    }

    func start() {
        thread = startThread("fovea-iopub") { [self] in serve() }
    }

    /// Waits until everything handed over before the stop frames went out, and the thread ended.
    func stopAndWait() {
        if let thread { pthread_join(thread, nil) }
    }

    private func serve() {
        var running = true
        while running {
            guard let ready = try? Poller.poll([xpub, fromShell, fromControl], timeoutMs: -1) else { break }
            if ready[0] { greetSubscribers() }
            if ready[2] { forward(from: fromControl) }
            if ready[1] { running = forward(from: fromShell) }
        }
        // Drain what control handed over before the stop.
        while forward(from: fromControl, nonBlocking: true) {}
        for socket in [fromShell, fromControl, xpub] { socket.close() }
    }

    /// Forwards one queued message; false when it was the stop signal or nothing was there.
    @discardableResult
    private func forward(from socket: ZMQSocket, nonBlocking: Bool = true) -> Bool {
        guard let frames = try? socket.receiveMultipart(nonBlocking: nonBlocking) else { return false }
        if frames == Self.stopFrames { return false }
        do { try xpub.send(frames) } catch { logger.error("iopub: could not publish: \(error)") }
        return true
    }

    private func greetSubscribers() {
        while let frames = try? xpub.receiveMultipart(nonBlocking: true) {
            for frame in frames where frame.first == 1 {
                let topic = Array(frame.dropFirst())
                var welcome = factory.make("iopub_welcome", content: ["subscription": .string(String(decoding: topic, as: UTF8.self))],
                                           parent: nil, identities: [])
                welcome.identities = [topic]
                do { try xpub.send(codec.encode(welcome)) } catch { logger.error("iopub: could not welcome: \(error)") }
            }
        }
    }
}
