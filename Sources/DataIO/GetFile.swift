import Glibc

/// `keras.utils.get_file` as Keras 3 does it: the file goes to `<cache_dir>/<cache_subdir>/<fname>`,
/// where cache_dir defaults to `$KERAS_HOME` or `~/.keras` (and `/tmp/.keras` when that folder is
/// not writable); a file already there is trusted when it matches `file_hash` (or when no hash is
/// given) unless `force_download`. A download is written to `<fname>.part-<pid>` and renamed only
/// after its hash checks, so an interrupted or corrupted transfer never leaves a file a later call
/// would trust. With `extract`, the archive (tar, gzip/bzip2/xz tar, zip) is unpacked into the
/// folder `paths()` names, whose path is returned.
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
        public var message: (String) -> Void
        public init(started: @escaping (String) -> Void, progress: @escaping (Int64, Int64?) -> Bool,
                    finished: @escaping (Int64) -> Void, message: @escaping (String) -> Void) {
            self.started = started; self.progress = progress; self.finished = finished; self.message = message
        }
    }

    static let archiveExtensions = [".tar.gz", ".tgz", ".tar.bz2", ".tar.bz", ".tar.xz", ".tar", ".zip"]

    /// `$KERAS_HOME`, or `~/.keras`.
    /// (Created if missing, as importing Keras does.)
    public static func kerasHome() -> String {
        let home = KerasDatasets.Places.env("KERAS_HOME") ?? ((KerasDatasets.Places.env("HOME") ?? "/tmp") + "/.keras")
        try? FileBytes.makeDirectories(home)
        return home
    }

    /// Where the file (and, with extract, the folder) will be, as Keras 3 names them: no network,
    /// no file changed. With extract, a given `fname` with a dot (`pack.tar.gz`) is downloaded
    /// under that name and unpacked into `pack_extracted`; one without (`cifar-10-batches-py-target`)
    /// is downloaded as `<fname>_archive` and unpacked into `<fname>`; a name taken from the URL is
    /// downloaded as `<name>_archive` and unpacked into `<name>`.
    public func paths() throws -> (file: String, folder: String?) {
        var name = fname ?? ""
        if name.isEmpty {
            let path = origin.split(separator: "?", maxSplits: 1).first.map(String.init) ?? origin
            let afterHost = path.components(afterScheme: true)
            name = afterHost.last ?? ""
            if name.isEmpty {
                throw DownloadError(.badArgument, "Can't parse the file name from the origin provided: '\(origin)'.Please specify the `fname` argument.")
            }
        } else if name.contains("/") {
            throw DownloadError(.badArgument, "Paths are no longer accepted as the `fname` argument. To specify the file's parent directory, use the `cache_dir` argument. Received: fname=\(name)")
        }
        var base = cacheDir.map(Self.expandHome) ?? Self.kerasHome()
        if access(base, W_OK) != 0 { base = "/tmp/.keras" }   // as Keras does
        let dir = cacheSubdir.hasPrefix("/") ? cacheSubdir : base + "/" + cacheSubdir
        guard extract else { return (dir + "/" + name, nil) }
        if let f = fname, !f.isEmpty, let dot = f.firstIndex(of: ".") {
            return (dir + "/" + f, dir + "/" + f[..<dot] + "_extracted")
        }
        return (dir + "/" + name + "_archive", dir + "/" + name)
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
            if !trusted {
                observer.message("A local file was found, but it seems to be incomplete or outdated because the \(hashAlgorithm) file hash does not match the original value of \(hash) so we will re-download the data.")
            }
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
        case .failed(let code, let why):
            throw DownloadError(.failed, "URL fetch failure on \(origin): \(code) -- \(why)" + offlineHint(file))
        case .done(let status) where status >= 400:
            throw DownloadError(.failed, "URL fetch failure on \(origin): \(status) -- \(Self.reason(status))" + offlineHint(file))
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
        default: return "HTTP error"
        }
    }
}

private extension String {
    /// The path parts of a URL after `scheme://host`, or of a plain path.
    func components(afterScheme: Bool) -> [String] {
        var rest = Substring(self)
        let parts = self.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if afterScheme, parts.count == 2, parts[1].hasPrefix("//") {
            let afterSlashes = parts[1].dropFirst(2)
            rest = afterSlashes.firstIndex(of: "/").map { afterSlashes[$0...] } ?? ""
        }
        return rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }
}
