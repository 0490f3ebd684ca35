import Glibc
import NeuralNet

/// Writing a file so that nothing is lost, and telling what a file is before reading it.
public enum FileChecks {
    /// Runs `body` to write a temporary file in the same folder as `path` (creating the folder),
    /// then fsyncs it and renames it into place, and fsyncs the folder: an interrupt or a full
    /// disk leaves the old file (if any) intact. The temporary file is removed on failure.
    public static func atomically(_ path: String, _ body: (String) throws -> Void) throws {
        let folder = directory(of: path)
        try makeDirectories(folder)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = (folder == "." && !path.hasPrefix("./") ? "" : folder + "/") + ".\(base).fovea-\(getpid())-\(nextCounter()).tmp"
        do {
            try body(temporary)
            let fd = open(temporary, O_RDONLY)
            guard fd >= 0 else { throw osError("Could not reopen the file written for \(path)") }
            let synced = fsync(fd)
            close(fd)
            guard synced == 0 else { throw osError("Could not write \(path) to disk") }
            guard rename(temporary, path) == 0 else { throw osError("Could not move the new file into place at \(path)") }
        } catch {
            unlink(temporary)
            throw error
        }
        let dfd = open(folder, O_RDONLY | O_DIRECTORY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    nonisolated(unsafe) private static var counter = 0
    private static func nextCounter() -> Int { counter += 1; return counter }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    static func makeDirectories(_ folder: String) throws {
        var current = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/") where part != "." {
            current += "/" + part
            if mkdir(current, 0o777) != 0 && errno != EEXIST {
                throw osError("Could not create the folder \(current)")
            }
        }
    }

    static func osError(_ what: String) -> LayerError {
        LayerError.value("\(what): \(String(cString: strerror(errno))).")
    }

    /// What a file's first bytes say it is.
    public enum Kind: Equatable {
        case missing, directory, empty, hdf5, zip, png, jpeg, other
    }

    public static func kind(of path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .directory }
        if st.st_size == 0 { return .empty }
        guard let f = fopen(path, "rb") else { return .other }
        defer { fclose(f) }
        var head = [UInt8](repeating: 0, count: 8)
        let n = fread(&head, 1, 8, f)
        let bytes = Array(head.prefix(n))
        if bytes.starts(with: [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]) { return .hdf5 }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return .other
    }

    static func describe(_ kind: Kind) -> String {
        switch kind {
        case .missing: return "no file"
        case .directory: return "a folder"
        case .empty: return "an empty file (0 bytes)"
        case .hdf5: return "an HDF5 file"
        case .zip: return "a zip archive"
        case .png: return "a PNG image"
        case .jpeg: return "a JPEG image"
        case .other: return "a file of another kind"
        }
    }

    /// Throws a clear error unless `path` is a file of `expected` kind.
    /// `what` says what was expected (`a Keras 3 model file (.keras, a zip archive)`).
    public static func require(_ path: String, is expected: Kind, what: String, missingMessage: String? = nil) throws {
        let found = kind(of: path)
        if found == expected { return }
        if found == .missing {
            throw LayerError.value(missingMessage ?? "File not found: filepath=\(path). Expected \(what).",
                                   hint: "Check the name and folder (os.listdir('.') lists the current folder), or save the model there first.")
        }
        throw LayerError.value(
            "\(path) is not \(what): it is \(describe(found)).",
            hint: found == .empty
                ? "The save that wrote it did not finish. Save the model again."
                : "Give the path of a file written by model.save(...) or model.save_weights(...).")
    }
}
