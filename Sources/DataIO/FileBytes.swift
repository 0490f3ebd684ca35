import CZlib
import Glibc

/// Reading whole files, and zlib decompression for gzip files and zip entries.
public enum FileBytes {
    /// Whether a regular file exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Asks the kernel to start reading `paths` into the page cache now, all at once, so that a
    /// reader going through them one by one finds them there (a cold folder of images is read
    /// with many requests in flight instead of one).
    public static func prefetch(_ paths: some Sequence<String>) {
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
            close(fd)
        }
    }

    /// The bytes of a file, as stored (no decompression).
    public static func read(_ path: String) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else {
            throw DatasetError(.notFound, "\(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(f) }
        // A folder opens too, and its "size" is no size at all.
        var st = stat()
        guard fstat(fileno(f), &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw DatasetError.malformed(path, "is a folder or a device, not a file")
        }
        let size = Int(st.st_size)
        guard size >= 0 else { throw DatasetError.malformed(path, "cannot determine the file size") }
        var bytes = [UInt8](repeating: 0, count: size)
        let got = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, f) }
        guard got == size else { throw DatasetError.malformed(path, "read \(got) of \(size) bytes") }
        return bytes
    }

    /// A file opened through zlib's gzopen: gzip-compressed files are decompressed while reading,
    /// plain files are read as they are.
    final class GzipFile {
        let path: String
        private let handle: gzFile

        init(_ path: String) throws {
            self.path = path
            guard FileBytes.exists(path), let h = gzopen(path, "rb") else {
                throw DatasetError(.notFound, "\(path): no such file")
            }
            handle = h
            gzbuffer(handle, 1 << 18)
        }

        deinit { gzclose(handle) }

        /// Fills `count` bytes at `into`; throws, naming the file, when it ends early or is corrupt.
        func read(into buffer: UnsafeMutableRawPointer, count: Int, what: String) throws {
            var done = 0
            while done < count {
                let chunk = UInt32(min(count - done, 1 << 30))
                let n = gzread(handle, buffer + done, chunk)
                if n < 0 {
                    var code: Int32 = 0
                    let message = gzerror(handle, &code).map { String(cString: $0) } ?? "zlib error \(code)"
                    throw DatasetError.malformed(path, "corrupt gzip data (\(message)) while reading \(what)")
                }
                if n == 0 {
                    throw DatasetError.malformed(path, "the file ends after \(done) of the \(count) bytes of \(what) (truncated download?)")
                }
                done += Int(n)
            }
        }

        func readBytes(_ count: Int, what: String) throws -> [UInt8] {
            var out = [UInt8](repeating: 0, count: count)
            try out.withUnsafeMutableBytes { try read(into: $0.baseAddress!, count: count, what: what) }
            return out
        }
    }

    /// Raw-deflate data (a zip entry, method 8) inflated into exactly `expected` bytes.
    static func inflateRaw(_ input: ArraySlice<UInt8>, expected: Int, path: String, entry: String) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: expected)
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError.malformed(path, "zlib could not start inflating entry '\(entry)'")
        }
        defer { inflateEnd(&stream) }
        var status: Int32 = Z_OK
        var produced = 0
        input.withUnsafeBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { outp in
                stream.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
                stream.avail_in = UInt32(inp.count)
                stream.next_out = outp.baseAddress
                stream.avail_out = UInt32(outp.count)
                status = inflate(&stream, Z_FINISH)
                produced = outp.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END, produced == expected else {
            let why = status == Z_DATA_ERROR ? "corrupt deflate data" : "inflated to \(produced) bytes, expected \(expected)"
            throw DatasetError.malformed(path, "entry '\(entry)': \(why)")
        }
        return out
    }
}
