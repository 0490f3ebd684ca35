import ArgumentParser
import Glibc
import JSON
import JupyterProtocol

struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the Fovea kernelspec so Jupyter can start the kernel.",
        discussion: """
            Writes share/jupyter/kernels/NAME/kernel.json and the logos under the chosen prefix. \
            With no location option, installs for the current user (--user).
            """
    )

    @Flag(help: "Install for the current user (~/.local/share/jupyter).")
    var user = false

    @Flag(name: .customLong("sys-prefix"),
          help: "Install into the active virtual environment ($VIRTUAL_ENV or $CONDA_PREFIX).")
    var sysPrefix = false

    @Option(help: "Install under this prefix: PREFIX/share/jupyter/kernels.")
    var prefix: String?

    @Option(help: "The kernelspec's directory name.")
    var name = "fovea"

    @Option(name: .customLong("display-name"), help: "The name frontends show in their kernel menus.")
    var displayName = "Fovea (Swift)"

    func validate() throws {
        if [user, sysPrefix, prefix != nil].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --user, --sys-prefix and --prefix DIR; received more than one.")
        }
        if name.isEmpty || name.contains("/") || name.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            throw ValidationError("--name must be a plain directory name without '/' or spaces; received '\(name)'.")
        }
    }

    func run() throws {
        let root: String
        if let prefix {
            root = Installation.absolute(prefix) + "/share/jupyter/kernels"
        } else if sysPrefix {
            guard let env = Installation.environmentPrefix() else {
                throw ValidationError("--sys-prefix needs an active environment, but neither VIRTUAL_ENV nor CONDA_PREFIX is set. Activate one, or use --prefix DIR or --user.")
            }
            root = env + "/share/jupyter/kernels"
        } else {
            root = Installation.userDataDirectory() + "/jupyter/kernels"
        }
        let destination = root + "/" + name
        let binary = try Installation.executablePath()
        try Installation.makeDirectories(destination)
        let spec: JSON = [
            "argv": [.string(binary), "kernel", "-f", "{connection_file}"],
            "display_name": .string(displayName),
            "language": "python",
            "interrupt_mode": "message",
            "kernel_protocol_version": .string(protocolVersion),
            "metadata": ["debugger": false],
        ]
        try Installation.write(spec.serializedString() + "\n", to: destination + "/kernel.json")
        // Built in (Logos.swift, generated from kernelspec/fovea), so no source checkout is needed.
        for logo in Logos.files {
            try Installation.write(logo.bytes, to: destination + "/" + logo.name)
        }
        print("Installed kernelspec \(name) in \(destination)")
    }
}
