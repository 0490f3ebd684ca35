import ArgumentParser
import FoveaLang
import Glibc
import JupyterKernel
import JSON
import JupyterProtocol
import Logging

struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Run the kernel for a Jupyter frontend (Jupyter starts this for you)."
    )

    @Option(name: [.customShort("f"), .customLong("connection-file")],
            help: "The connection file Jupyter wrote (ports, transport and signing key).")
    var connectionFile: String

    func run() throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = getenv("FOVEA_LOG_LEVEL").flatMap { Logger.Level(rawValue: String(cString: $0)) } ?? .warning
            return handler
        }
        let logger = Logger(label: "fovea")
        let connection: ConnectionInfo
        do {
            connection = try ConnectionInfo.load(path: connectionFile)
        } catch {
            throw ValidationError("cannot use the connection file: \(error)")
        }
        let server = try KernelServer(connection: connection, backend: FoveaBackend(shellHasLargeStack: true), logger: logger)
        // The shell thread gets the stack the interpreter wants, so cells run in place on it.
        server.run(shellStackSize: LargeStack.size)
        // Leave without tearing down globals: every socket is closed and flushed by now.
        Glibc.exit(0)
    }
}
