import Glibc
import Synchronization

/// Keeps freed large buffers for reuse. A training step allocates the same few dozen buffers
/// (activations, gradients, im2col columns) every batch. Through malloc, each fresh buffer costs
/// page faults, which can take as long as the batch's arithmetic, and glibc's arenas kept the
/// freed ones in ways that let the resident set grow with every epoch (the README has the
/// figures). Handing back a buffer of the same rounded size avoids both.
///
/// Buffers from `minimumBytes` to `maximumBytes` are cached, keyed by their size rounded up to a
/// page, up to `capacityBytes` in all. `empty()` frees them: fit, evaluate and predict call it
/// when they end, and the kernel after every cell.
public enum BufferCache {
    /// Smaller buffers stay with malloc, which reuses them well.
    static let minimumBytes = 128 << 10
    /// Larger buffers are a data set's arrays, not a batch's: they go back to malloc at once.
    static let maximumBytes = 64 << 20
    /// At most this much free memory is kept.
    static let capacityBytes = 256 << 20

    private struct State: ~Copyable {
        var free: [Int: [UnsafeMutableRawPointer]] = [:]
        var cachedBytes = 0
    }

    private static let state = Mutex(State())

    /// The size a request of `bytes` is served with (and cached under).
    static func roundedSize(_ bytes: Int) -> Int {
        bytes < minimumBytes ? bytes : (bytes + 4095) & ~4095
    }

    /// Whether buffers of this rounded size go through the cache.
    static func isCached(_ size: Int) -> Bool { size >= minimumBytes && size <= maximumBytes }

    /// A 64-byte aligned buffer of at least `bytes` bytes, reused if one is cached. Its contents
    /// are arbitrary. Give it back with `release(_:bytes:)` with the same `bytes`.
    static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        let size = roundedSize(bytes)
        if isCached(size) {
            let reused: UnsafeMutableRawPointer? = state.withLock { s in
                guard var list = s.free[size], let p = list.popLast() else { return nil }
                s.free[size] = list.isEmpty ? nil : list
                s.cachedBytes -= size
                return p
            }
            if let reused { return reused }
        }
        return UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 64)
    }

    /// Returns a buffer from `allocate(bytes:)`: kept for reuse while there is room, else freed.
    static func release(_ p: UnsafeMutableRawPointer, bytes: Int) {
        let size = roundedSize(bytes)
        if isCached(size) {
            let kept = state.withLock { s -> Bool in
                guard s.cachedBytes + size <= capacityBytes else { return false }
                s.free[size, default: []].append(p)
                s.cachedBytes += size
                return true
            }
            if kept { return }
        }
        p.deallocate()
    }

    /// Frees every cached buffer.
    public static func empty() {
        let all = state.withLock { s -> [UnsafeMutableRawPointer] in
            let all = s.free.values.flatMap { $0 }
            s.free = [:]
            s.cachedBytes = 0
            return all
        }
        for p in all { p.deallocate() }
    }
}

extension BufferCache {
    /// A scratch buffer of `count` floats for a kernel's temporary work (contents arbitrary).
    /// Give it back with `releaseFloats(_:count:)`.
    static func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
        allocate(bytes: max(count, 1) * MemoryLayout<Float>.stride).bindMemory(to: Float.self, capacity: max(count, 1))
    }

    static func releaseFloats(_ p: UnsafeMutablePointer<Float>, count: Int) {
        release(UnsafeMutableRawPointer(p), bytes: max(count, 1) * MemoryLayout<Float>.stride)
    }
}
