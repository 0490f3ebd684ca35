import CDownload
import Glibc
import SharedLibrary

/// HTTP(S) transfers through libcurl, opened with dlopen on the first download so that an idle
/// kernel never maps it (libcurl brings TLS, SSH, LDAP, ... libraries with it). Proxies come from
/// the environment as the curl tool honours them (`http_proxy`, `https_proxy`, `no_proxy`).
enum Curl {
    private typealias InitFn = @convention(c) () -> UnsafeMutableRawPointer?
    private typealias CleanupFn = @convention(c) (UnsafeMutableRawPointer?) -> Void
    private typealias PerformFn = @convention(c) (UnsafeMutableRawPointer?) -> Int32
    private typealias StrerrorFn = @convention(c) (Int32) -> UnsafePointer<CChar>?
    private typealias GlobalInitFn = @convention(c) (Int) -> Int32

    private struct Loaded: @unchecked Sendable {
        var library: SharedLibrary?
        var easyInit: InitFn?, cleanup: CleanupFn?, perform: PerformFn?, strerror: StrerrorFn?
        var setopt: UnsafeMutableRawPointer?, getinfo: UnsafeMutableRawPointer?
        var error: String?
    }

    private static let loaded: Loaded = {
        switch SharedLibrary.open(["libcurl.so.4", "libcurl-gnutls.so.4"], requiredSymbol: "curl_easy_init") {
        case .failure(let e):
            return Loaded(error: "libcurl could not be loaded (install Debian's libcurl4): \(e)")
        case .success(let lib):
            var l = Loaded(library: lib)
            l.easyInit = lib.function("curl_easy_init", as: InitFn.self)
            l.cleanup = lib.function("curl_easy_cleanup", as: CleanupFn.self)
            l.perform = lib.function("curl_easy_perform", as: PerformFn.self)
            l.strerror = lib.function("curl_easy_strerror", as: StrerrorFn.self)
            l.setopt = lib.function("curl_easy_setopt", as: UnsafeMutableRawPointer.self)
            l.getinfo = lib.function("curl_easy_getinfo", as: UnsafeMutableRawPointer.self)
            _ = lib.function("curl_global_init", as: GlobalInitFn.self)?(3)
            return l
        }
    }()

    /// Whether libcurl is mapped in this process (for the tests of lazy loading).
    static var isLoaded: Bool { loaded.library != nil }

    /// The outcome of one GET: a curl error, or the HTTP status (with what was written).
    enum Outcome { case done(status: Int), failed(code: Int32, message: String), aborted }

    /// What a transfer writes to and reports to; passed to libcurl's callbacks as user data.
    final class Transfer {
        let fd: Int32
        let progress: (Int64, Int64?) -> Bool
        var writeError: Int32 = 0
        var stopped = false
        init(fd: Int32, progress: @escaping (Int64, Int64?) -> Bool) { self.fd = fd; self.progress = progress }
    }

    private static let writeCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, user in
        let t = Unmanaged<Transfer>.fromOpaque(user!).takeUnretainedValue()
        let total = size * count
        var done = 0
        while done < total {
            let n = Glibc.write(t.fd, data! + done, total - done)
            if n < 0 { if errno == EINTR { continue }; t.writeError = errno; return 0 }
            done += n
        }
        return total
    }

    private static let progressCallback: @convention(c) (UnsafeMutableRawPointer?, Int64, Int64, Int64, Int64) -> Int32 = {
        user, dltotal, dlnow, _, _ in
        let t = Unmanaged<Transfer>.fromOpaque(user!).takeUnretainedValue()
        if t.progress(dlnow, dltotal > 0 ? dltotal : nil) { return 0 }
        t.stopped = true
        return 1
    }

    /// GETs `url` into the open file `transfer.fd`, following redirects.
    static func get(_ url: String, _ transfer: Transfer) throws -> Outcome {
        let l = loaded
        guard let easyInit = l.easyInit, let perform = l.perform, let setopt = l.setopt, let getinfo = l.getinfo else {
            throw DownloadError(.failed, l.error ?? "libcurl could not be loaded")
        }
        guard let h = easyInit() else { throw DownloadError(.failed, "libcurl could not start a transfer") }
        defer { l.cleanup?(h) }
        var errorBuffer = [CChar](repeating: 0, count: 256)
        let user = Unmanaged.passUnretained(transfer).toOpaque()
        let code: Int32 = url.withCString { u in
            errorBuffer.withUnsafeMutableBufferPointer { eb in
                _ = fovea_curl_setopt_pointer(setopt, h, 10002, u)            // CURLOPT_URL
                _ = fovea_curl_setopt_pointer(setopt, h, 10010, eb.baseAddress) // CURLOPT_ERRORBUFFER
                _ = fovea_curl_setopt_long(setopt, h, 52, 1)                  // CURLOPT_FOLLOWLOCATION
                _ = fovea_curl_setopt_long(setopt, h, 45, 1)                  // CURLOPT_FAILONERROR
                _ = fovea_curl_setopt_long(setopt, h, 99, 1)                  // CURLOPT_NOSIGNAL
                _ = fovea_curl_setopt_long(setopt, h, 78, 30)                 // CURLOPT_CONNECTTIMEOUT
                _ = fovea_curl_setopt_long(setopt, h, 19, 1)                  // CURLOPT_LOW_SPEED_LIMIT
                _ = fovea_curl_setopt_long(setopt, h, 20, 60)                 // CURLOPT_LOW_SPEED_TIME
                "Fovea (keras.utils.get_file)".withCString { _ = fovea_curl_setopt_pointer(setopt, h, 10018, $0) }
                _ = fovea_curl_setopt_pointer(setopt, h, 20011, unsafeBitCast(writeCallback, to: UnsafeRawPointer.self))
                _ = fovea_curl_setopt_pointer(setopt, h, 10001, user)         // CURLOPT_WRITEDATA
                _ = fovea_curl_setopt_long(setopt, h, 43, 0)                  // CURLOPT_NOPROGRESS
                _ = fovea_curl_setopt_pointer(setopt, h, 20219, unsafeBitCast(progressCallback, to: UnsafeRawPointer.self))
                _ = fovea_curl_setopt_pointer(setopt, h, 10057, user)         // CURLOPT_XFERINFODATA
                return perform(h)
            }
        }
        var status = 0
        _ = fovea_curl_getinfo_long(getinfo, h, 0x200002, &status)            // CURLINFO_RESPONSE_CODE
        if transfer.stopped { return .aborted }
        if code == 0 { return .done(status: status) }
        if transfer.writeError != 0 {
            throw DownloadError(.failed, "writing the file failed: \(String(cString: strerror(transfer.writeError)))")
        }
        var message = String(cString: errorBuffer)
        if message.isEmpty, let s = l.strerror?(code) { message = String(cString: s) }
        if code == 22, status >= 400 { return .done(status: status) }                  // CURLE_HTTP_RETURNED_ERROR
        return .failed(code: code, message: message)
    }
}
