import Glibc

extension FileBytes {
    /// `mkdir -p`: creates `path` and its missing parents.
    static func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0, errno != EEXIST {
                throw DownloadError(.failed, "Cannot create the folder \(current): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The size of the file at `path` in bytes, nil if there is none.
    static func size(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }
}

/// Where an archive entry may be written: inside the target folder, never outside.
public enum ArchivePath {
    /// The entry's path joined to `folder`, or nil when it is absolute or its `..` parts leave the
    /// folder (`../x`, `a/../../x`, `/etc/passwd`). `.` and empty parts are dropped.
    public static func resolve(_ entry: String, in folder: String) -> String? {
        if entry.hasPrefix("/") { return nil }
        var parts: [Substring] = []
        for part in entry.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        if parts.isEmpty { return nil }
        return folder + "/" + parts.joined(separator: "/")
    }
}
