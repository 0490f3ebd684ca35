import ArgumentParser
import Bindings

/// Fovea's version, shown by `fovea --version` and in `kernel_info_reply`.
let foveaVersion = FoveaLibraries.version

@main
struct FoveaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fovea",
        abstract: "A Jupyter kernel for learning convolutional networks, written in Swift.",
        discussion: """
            Install the kernelspec once with `fovea install`, then pick "Fovea (Swift)" in \
            JupyterLab. Jupyter starts the kernel itself with `fovea kernel -f CONNECTION_FILE`.
            """,
        version: foveaVersion,
        subcommands: [KernelCommand.self, InstallCommand.self]
    )
}
