import Glibc
import JSON
import JupyterProtocol
import Logging
import Synchronization
import ZMQ

/// The one publisher on iopub. Shell and control threads publish on the XPUB socket directly,
/// under a lock, so a message costs no hand-over to another thread; each thread's messages keep
/// their order. New subscriptions are greeted with `iopub_welcome` (JEP 65): by whichever
/// thread publishes next, or by a small watcher thread woken by the socket's `ZMQ_FD`, so a
/// client is welcomed at once even while the kernel is idle or busy in a long cell.
final class IOPubPublisher: @unchecked Sendable {
    private let xpub: ZMQSocket
    private let lock = Mutex<Void>(())
    private let stopping = Atomic<Bool>(false)
    private let codec: WireCodec
    private let factory: MessageFactory
    private let logger: Logger
    private var watcher: pthread_t?

    init(context: ZMQContext, endpoint: String, key: [UInt8], factory: MessageFactory, logger: Logger) throws {
        xpub = try ZMQSocket(context: context, type: .xpub)
        try xpub.setLinger(1000)
        try xpub.setXPubVerbose(true)
        try xpub.bind(endpoint)
        codec = WireCodec(key: key)
        self.factory = factory
        self.logger = logger
    }

    func publish(_ frames: [[UInt8]]) {
        lock.withLock { _ in
            guard !xpub.isClosed else { return }
            do { try xpub.send(frames) } catch { logger.error("iopub: could not publish: \(error)") }
            greetSubscribers()
        }
    }

    func start() {
        guard let fd = try? xpub.fileDescriptor() else {
            logger.error("iopub: no ZMQ_FD; new subscribers are welcomed when the kernel next publishes")
            return
        }
        watcher = startThread("fovea-iopub") { [self] in
            var item = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while !stopping.load(ordering: .relaxed) {
                // The timeout is a safety net for the edge-triggered descriptor.
                _ = poll(&item, 1, 250)
                lock.withLock { _ in if !xpub.isClosed { greetSubscribers() } }
            }
        }
    }

    /// Stops the watcher and closes the socket; what was published is flushed when the context
    /// terminates (within the socket's linger).
    func stop() {
        stopping.store(true, ordering: .relaxed)
        if let watcher { pthread_join(watcher, nil) }
        lock.withLock { _ in xpub.close() }
    }

    /// Call with the lock held.
    private func greetSubscribers() {
        while let frames = try? xpub.receiveMultipart(nonBlocking: true) {
            for frame in frames where frame.first == 1 {
                let topic = Array(frame.dropFirst())
                var welcome = factory.make("iopub_welcome",
                                           content: ["subscription": .string(String(decoding: topic, as: UTF8.self))],
                                           parent: nil, identities: [])
                welcome.identities = [topic]
                do { try xpub.send(codec.encode(welcome)) } catch { logger.error("iopub: could not welcome: \(error)") }
            }
        }
    }
}
