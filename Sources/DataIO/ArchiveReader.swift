import Glibc
import SharedLibrary

/// Unpacks tar (plain, gzip, bzip2, xz) and zip archives through libarchive, opened with dlopen
/// on the first extract. Only folders and regular files are written; an entry whose path leaves
/// the target folder, and any link or device entry, stops the extraction with an error (what was
/// written so far is removed).
enum ArchiveReader {
    private typealias NewFn = @convention(c) () -> OpaquePointer?
    private typealias FreeFn = @convention(c) (OpaquePointer?) -> Int32
    private typealias SupportFn = @convention(c) (OpaquePointer?) -> Int32
    private typealias OpenFn = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int) -> Int32
    private typealias NextFn = @convention(c) (OpaquePointer?, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    private typealias ReadFn = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int) -> Int
    private typealias ErrorFn = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    private typealias PathFn = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    private typealias TypeFn = @convention(c) (OpaquePointer?) -> UInt32

    private struct Loaded: @unchecked Sendable {
        var library: SharedLibrary?
        var new: NewFn?, free: FreeFn?, filters: SupportFn?, formats: SupportFn?, open: OpenFn?
        var next: NextFn?, read: ReadFn?, error: ErrorFn?, path: PathFn?, type: TypeFn?
        var loadError: String?
    }

    private static let loaded: Loaded = {
        switch SharedLibrary.open(["libarchive.so.13"], requiredSymbol: "archive_read_new") {
        case .failure(let e): return Loaded(loadError: "libarchive could not be loaded (install Debian's libarchive13): \(e)")
        case .success(let lib):
            return Loaded(library: lib,
                          new: lib.function("archive_read_new", as: NewFn.self),
                          free: lib.function("archive_read_free", as: FreeFn.self),
                          filters: lib.function("archive_read_support_filter_all", as: SupportFn.self),
                          formats: lib.function("archive_read_support_format_all", as: SupportFn.self),
                          open: lib.function("archive_read_open_filename", as: OpenFn.self),
                          next: lib.function("archive_read_next_header", as: NextFn.self),
                          read: lib.function("archive_read_data", as: ReadFn.self),
                          error: lib.function("archive_error_string", as: ErrorFn.self),
                          path: lib.function("archive_entry_pathname", as: PathFn.self),
                          type: lib.function("archive_entry_filetype", as: TypeFn.self))
        }
    }()

    static var isLoaded: Bool { loaded.library != nil }

    /// Unpacks `archive` into `folder` (created). On any error the folder is removed again.
    static func extract(_ archive: String, into folder: String) throws {
        let l = loaded
        guard let new = l.new, let free = l.free, let open = l.open, let next = l.next, let read = l.read,
              let path = l.path, let type = l.type else {
            throw DownloadError(.failed, l.loadError ?? "libarchive could not be loaded")
        }
        let temporary = folder + ".part-\(getpid())"
        removeTree(temporary)
        try FileBytes.makeDirectories(temporary)
        var done = false
        defer { if !done { removeTree(temporary) } }
        guard let a = new() else { throw DownloadError(.failed, "libarchive could not start reading \(archive)") }
        defer { _ = free(a) }
        _ = l.filters?(a)
        _ = l.formats?(a)
        func failure() -> String { l.error?(a).map { String(cString: $0) } ?? "unreadable archive" }
        guard open(a, archive, 1 << 16) == 0 else {
            throw DownloadError(.failed, "Cannot extract \(archive): \(failure())")
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            var entry: OpaquePointer?
            let r = next(a, &entry)
            if r == 1 { break }                                     // ARCHIVE_EOF
            if r < -10 { throw DownloadError(.failed, "Cannot extract \(archive): \(failure())") }   // below ARCHIVE_WARN
            let name = path(entry).map { String(cString: $0) } ?? ""
            guard let target = ArchivePath.resolve(name, in: temporary) else {
                throw DownloadError(.unsafeArchive, "Refusing to extract \(archive): its entry '\(name)' would be written outside \(folder)")
            }
            let kind = type(entry) & 0o170000
            if kind == 0o040000 { try FileBytes.makeDirectories(target); continue }
            guard kind == 0o100000 else {
                throw DownloadError(.unsafeArchive, "Refusing to extract \(archive): its entry '\(name)' is a link or special file, not a regular file or folder")
            }
            try FileBytes.makeDirectories(String(target[..<target.lastIndex(of: "/")!]))
            let fd = Glibc.open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw DownloadError(.failed, "Cannot write \(target): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            while true {
                let n = buffer.withUnsafeMutableBytes { read(a, $0.baseAddress, $0.count) }
                if n == 0 { break }
                if n < 0 { throw DownloadError(.failed, "Cannot extract \(name) from \(archive): \(failure())") }
                guard buffer.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress, n) }) == n else {
                    throw DownloadError(.failed, "Cannot write \(target): \(String(cString: strerror(errno)))")
                }
            }
        }
        removeTree(folder)
        guard rename(temporary, folder) == 0 else {
            throw DownloadError(.failed, "Cannot rename \(temporary) to \(folder): \(String(cString: strerror(errno)))")
        }
        done = true
    }

    /// `rm -rf path` (no links followed: extraction writes none).
    static func removeTree(_ path: String) {
        guard let dir = opendir(path) else { unlink(path); return }
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            removeTree(path + "/" + name)
        }
        closedir(dir)
        rmdir(path)
    }
}
