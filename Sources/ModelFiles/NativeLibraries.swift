import CModelFiles

/// HDF5 and libzip, opened on the first use (see CModelFiles).
public enum NativeLibraries {
    /// nil once both libraries are open; why not otherwise.
    public static let loadError: String? = {
        var buffer = [CChar](repeating: 0, count: 512)
        return fovea_modelfiles_load(&buffer, 512) == 0 ? nil : String(cString: buffer)
    }()

    static func require() throws {
        if let loadError { throw HDF5Error("Model files need HDF5 and libzip: \(loadError).") }
    }
}
