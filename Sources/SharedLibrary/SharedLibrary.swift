import Glibc

/// The one way Fovea loads a heavy C library: with `dlopen`, on first use, never at link time.
///
/// An idle kernel must stay small and start fast, so libraries that a learner may never need
/// (OpenBLAS today; Cairo, HDF5, libcurl and oneDNN as the features arrive) are opened the first
/// time a feature needs them. A library's own settings that are read from the environment when it
/// initialises (OPENBLAS_NUM_THREADS, ...) can then still be set before it loads. Keep the
/// returned value for the life of the process: its symbols are valid only while it is open.
public final class SharedLibrary: @unchecked Sendable {
    /// The file name that was opened (`libopenblas.so.0`).
    public let name: String
    private let handle: UnsafeMutableRawPointer

    private init(name: String, handle: UnsafeMutableRawPointer) {
        self.name = name
        self.handle = handle
    }

    /// Why no candidate could be opened: each candidate's `dlerror()` message, in order.
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public let attempts: [String]
        public var description: String { attempts.joined(separator: "; ") }
    }

    /// Opens the first of `candidates` (sonames such as `libcairo.so.2`) that loads and, when
    /// `requiredSymbol` is given, exports that symbol.
    public static func open(_ candidates: [String], requiredSymbol: String? = nil) -> Result<SharedLibrary, LoadError> {
        var attempts: [String] = []
        for name in candidates {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                attempts.append(dlerror().map { String(cString: $0) } ?? "\(name): cannot be opened")
                continue
            }
            if let requiredSymbol, dlsym(handle, requiredSymbol) == nil {
                attempts.append("\(name): no symbol \(requiredSymbol)")
                dlclose(handle)
                continue
            }
            return .success(SharedLibrary(name: name, handle: handle))
        }
        return .failure(LoadError(attempts: attempts))
    }

    /// Whether a library is already in the process (linked at build time, or opened by someone
    /// else), without loading it.
    public static func isInProcess(_ name: String) -> Bool {
        guard let h = dlopen(name, RTLD_NOW | RTLD_NOLOAD) else { return false }
        dlclose(h)
        return true
    }

    /// A function of the library as a C function type, e.g.
    /// `lib.function("cblas_sgemm", as: SgemmFn.self)`; nil when the library does not export it.
    public func function<F>(_ symbol: String, as type: F.Type) -> F? {
        guard let address = dlsym(handle, symbol) else { return nil }
        return unsafeBitCast(address, to: type)
    }

    /// A function already in the process (the C library's, or the executable's), such as
    /// `malloc_trim`; nil when there is none.
    public static func processFunction<F>(_ symbol: String, as type: F.Type) -> F? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), symbol) else { return nil }
        return unsafeBitCast(address, to: type)
    }
}
