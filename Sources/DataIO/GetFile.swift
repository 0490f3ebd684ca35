import Glibc

/// `keras.utils.get_file` as Keras 3 does it: the file goes to `<cache_dir>/<cache_subdir>/<fname>`,
/// where cache_dir defaults to `$KERAS_HOME` or `~/.keras` (and `/tmp/.keras` when that folder is
/// not writable); a file already there is trusted when it matches `file_hash` (or when no hash is
/// given) unless `force_download`. A download is written to `<fname>.part-<pid>` and renamed only
/// after its hash checks, so an interrupted or corrupted transfer never leaves a file a later call
/// would trust. With `extract`, an archive `x.tar.gz` (or `x.zip`, `x.tgz`, `x.tar`) unpacks into
/// the folder `x`; a name without an archive extension is stored as `<fname>_archive` and unpacks
/// into `<fname>`; the folder's path is returned.
public struct GetFile {
    public var fname: String?
    public var origin: String
    public var fileHash: String?
    public var hashAlgorithm = "auto"
    public var extract = false
    public var cacheDir: String?
    public var cacheSubdir = "datasets"
    public var forceDownload = false

    public init(fname: String?, origin: String) { self.fname = fname; self.origin = origin }

    /// Observes a transfer: told that it starts (url, path), then (bytes so far, total if known);
    /// returning false stops it (the kernel's interrupt).
    public struct Observer {
        public var started: (String) -> Void
        public var progress: (Int64, Int64?) -> Bool
        public var finished: (Int64) -> Void
        public init(started: @escaping (String) -> Void, progress: @escaping (Int64, Int64?) -> Bool,
                    finished: @escaping (Int64) -> Void) {
            self.started = started; self.progress = progress; self.finished = finished
        }
    }

    static let archiveExtensions = [".tar.gz", ".tgz", ".tar.bz2", ".tar.bz", ".tar.xz", ".tar", ".zip"]

    /// `$KERAS_HOME`, or `~/.keras`.
    public static func kerasHome() -> String {
        if let h = KerasDatasets.Places.env("KERAS_HOME") { return h }
        return (KerasDatasets.Places.env("HOME") ?? "/tmp") + "/.keras"
    }

    /// Where the file (and, with extract, the folder) will be: no network, no file changed.
    public func paths() throws -> (file: String, folder: String?) {
        var name = fname ?? ""
        if name.isEmpty {
            let path = origin.split(separator: "?", maxSplits: 1).first.map(String.init) ?? origin
            name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            if name.isEmpty || origin.hasSuffix("/") {
                throw DownloadError(.badArgument, "Can't parse the file name from the origin provided: '\(origin)'. Please specify the `fname` argument.")
            }
        }
        var base = cacheDir.map(Self.expandHome) ?? Self.kerasHome()
        if FileBytes.exists(base), access(base, W_OK) != 0 { base = "/tmp/.keras" }   // as Keras does
        let dir = cacheSubdir.hasPrefix("/") ? cacheSubdir : base + "/" + cacheSubdir
        let file = name.hasPrefix("/") ? name : dir + "/" + name
        guard extract else { return (file, nil) }
        if let ext = Self.archiveExtensions.first(where: { file.hasSuffix($0) }) {
            return (file, String(file.dropLast(ext.count)))
        }
        return (file + "_archive", file)
    }

    static func expandHome(_ p: String) -> String {
        p == "~" || p.hasPrefix("~/") ? (KerasDatasets.Places.env("HOME") ?? "") + p.dropFirst() : p
    }

    /// Gets the file (downloading it if needed) and returns its path, or the extracted folder's.
    public func run(_ observer: Observer) throws -> String {
        let (file, folder) = try paths()
        let algorithm = try fileHash.map { try FileHash.algorithm(hashAlgorithm, for: $0) }
        try FileBytes.makeDirectories(String(file[..<file.lastIndex(of: "/")!]))
        var trusted = FileBytes.exists(file) && !forceDownload
        if trusted, let hash = fileHash, let algorithm {
            trusted = try FileHash.hex(file, algorithm) == hash.lowercased()
        }
        if !trusted { try download(to: file, algorithm: algorithm, observer) }
        guard let folder else { return file }
        if trusted, FileBytes.exists(folder) { return folder }
        try ArchiveReader.extract(file, into: folder)
        return folder
    }

    private func download(to file: String, algorithm: FileHash.Algorithm?, _ observer: Observer) throws {
        let temporary = file + ".part-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw DownloadError(.failed, "Cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        var keep = false
        defer { if !keep { unlink(temporary) } }
        observer.started(origin)
        let transfer = Curl.Transfer(fd: fd, progress: observer.progress)
        let outcome: Curl.Outcome
        do { outcome = try Curl.get(origin, transfer) } catch { close(fd); throw error }
        close(fd)
        switch outcome {
        case .aborted:
            throw DownloadError(.interrupted, "The download of \(origin) was interrupted; no file was kept at \(file).")
        case .failed(_, let why):
            throw DownloadError(.failed, "URL fetch failure on \(origin): \(why)" + offlineHint(file))
        case .done(let status) where status >= 400:
            throw DownloadError(.failed, "URL fetch failure on \(origin): HTTP error \(status) \(Self.reason(status))" + offlineHint(file))
        case .done:
            break
        }
        if let hash = fileHash, let algorithm {
            let actual = try FileHash.hex(temporary, algorithm)
            if actual != hash.lowercased() {
                throw DownloadError(.hashMismatch, "Incomplete or corrupted file detected. The \(algorithm.rawValue) file hash of \(origin) is \(actual), which does not match the provided value of \(hash); the file was not kept." + offlineHint(file))
            }
        }
        guard rename(temporary, file) == 0 else {
            throw DownloadError(.failed, "Cannot rename \(temporary) to \(file): \(String(cString: strerror(errno)))")
        }
        keep = true
        observer.finished(Int64(FileBytes.size(file) ?? 0))
    }

    private func offlineHint(_ file: String) -> String {
        "\nTo work offline, download \(origin) on a machine that can reach it and copy it to \(file)"
            + (fileHash.map { " (its \(hashAlgorithm == "auto" ? ($0.count == 64 ? "sha256" : "md5") : hashAlgorithm) must be \($0))" } ?? "")
            + ", or set FOVEA_DATASETS_MIRROR to a server or folder URL (file://...) that has it."
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return ""
        }
    }
}
