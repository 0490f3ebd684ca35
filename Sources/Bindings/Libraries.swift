import FoveaLang
import PythonLibrary
import Tensor

/// Everything `import` finds in Fovea, and the picture built-ins: each library registers into a
/// session through FoveaLang's binding API.
public enum FoveaLibraries {
    /// Fovea's version: `fovea --version`, `kernel_info_reply`, and the `+fovea.` label of
    /// `tf.__version__` and `keras.__version__`.
    public static let version = "0.1.0"

    /// Installs Python's standard modules, tensorflow/keras, numpy and the picture calls into
    /// `session`.
    public static func install(into session: Session) {
        StandardModules.install(into: session)
        KerasModules.install(into: session)
        session.modules.register("zipfile") { _ in ZipfileModule.module() }
        MatplotlibModule.install(into: session)
        for f in PictureBuiltins.functions { session.registerBuiltin(f.name, .native(f)) }
        // Batch buffers kept for reuse within a cell go back to the system between cells.
        session.addCellEndHook { BufferCache.empty() }
    }
}
