import Glibc
import JSON
import JupyterProtocol
import Logging
import Synchronization
import ZMQ

/// The kernel process's sockets and threads: shell and stdin on the calling thread, control,
/// heartbeat and iopub each on their own thread, SIGINT on a thread of its own, and a watch on
/// the parent process when `JPY_PARENT_PID` is set.
public final class KernelServer: @unchecked Sendable {
    let connection: ConnectionInfo
    let logger: Logger
    let context: ZMQContext
    let shell: ZMQSocket
    let control: ZMQSocket
    let stdin: ZMQSocket
    let heartbeat: ZMQSocket
    let iopub: IOPubPublisher
    let transport: SocketTransport
    public let core: KernelCore
    private let stopping = Atomic<Bool>(false)

    public init(connection: ConnectionInfo, backend: LanguageBackend, logger: Logger) throws {
        // First of all: every thread started from here on (libzmq's, OpenBLAS's, ours) inherits
        // a blocked SIGINT, which only the signal thread takes, to interrupt cooperatively.
        blockSIGINT()
        self.connection = connection
        self.logger = logger
        let key = Array(connection.key.utf8)
        let factory = MessageFactory()
        context = try ZMQContext()
        shell = try ZMQSocket(context: context, type: .router)
        control = try ZMQSocket(context: context, type: .router)
        stdin = try ZMQSocket(context: context, type: .router)
        heartbeat = try ZMQSocket(context: context, type: .rep)
        for (socket, channel) in [(shell, Channel.shell), (control, .control), (stdin, .stdin), (heartbeat, .heartbeat)] {
            try socket.setLinger(1000)
            if socket !== heartbeat { try socket.setRouterHandover(true) }
            try socket.bind(connection.endpoint(channel))
        }
        iopub = try IOPubPublisher(context: context, endpoint: connection.endpoint(.iopub), key: key,
                                   factory: factory, logger: logger)
        transport = try SocketTransport(context: context, shell: shell, control: control, stdin: stdin,
                                        iopub: iopub, key: key, logger: logger)
        let log = logger
        core = KernelCore(backend: backend, factory: factory, transport: transport,
                          log: { log.warning("\($0)") })
    }

    /// Serves until a `shutdown_request`; returns then, after the last messages went out.
    /// Shell requests (and so the language's code) run on a thread with a stack of
    /// `shellStackSize` bytes, reserved but touched only as used: interpreters recurse deeply.
    public func run(shellStackSize: Int = 256 << 20) {
        blockSIGINT()
        iopub.start()
        startThread("fovea-heartbeat") { [heartbeat] in
            // Echo until the context shuts down.
            while let frames = try? heartbeat.receiveMultipart() {
                try? heartbeat.send(frames)
            }
            heartbeat.close()
        }
        startThread("fovea-control") { [self] in serveControl() }
        startThread("fovea-sigint") { [core] in waitForSIGINT { core.interrupt() } }
        if let text = getenv("JPY_PARENT_PID").map({ String(cString: $0) }), let pid = Int32(text), pid > 1 {
            startThread("fovea-parent") { [logger] in watchParent(pid, logger: logger) }
        }
        core.announceStarting()
        if let shellThread = startThread("fovea-shell", stackSize: shellStackSize, { [self] in serveShell() }) {
            pthread_join(shellThread, nil)
        } else {
            serveShell()
        }
        finish()
    }

    private func serveShell() {
        while !stopping.load(ordering: .relaxed) {
            guard let ready = try? Poller.poll([shell], timeoutMs: 200), ready[0] else { continue }
            guard let request = transport.receive(from: shell, channel: .shell) else { continue }
            if case .shutdown = core.handle(request, on: .shell) {
                stopping.store(true, ordering: .relaxed)
                return
            }
        }
    }

    private func serveControl() {
        defer { transport.closeControlSide() }
        while !stopping.load(ordering: .relaxed) {
            guard let ready = try? Poller.poll([control], timeoutMs: 200), ready[0] else { continue }
            guard let request = transport.receive(from: control, channel: .control) else { continue }
            if case .shutdown = core.handle(request, on: .control) {
                stopping.store(true, ordering: .relaxed)
                // A cell may still be running on the shell thread: stop it.
                core.interrupt()
                return
            }
        }
    }

    /// Sends what is still queued on iopub, lets every thread close its sockets, and waits
    /// (bounded by the sockets' linger) until what was sent has left the process.
    private func finish() {
        transport.closeShellSide()
        iopub.stop()
        context.shutdown()
        context.terminate()
    }
}

/// Exits the process when the frontend that started the kernel is gone.
private func watchParent(_ pid: Int32, logger: Logger) {
    let originalParent = getppid()
    while true {
        usleep(500_000)
        let gone = kill(pid, 0) != 0 && errno == ESRCH
        if gone || getppid() != originalParent {
            logger.warning("parent process \(pid) is gone; the kernel exits")
            exit(0)
        }
    }
}
