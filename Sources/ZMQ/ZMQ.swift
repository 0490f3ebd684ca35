// A thin Swift wrapper over libzmq. No Jupyter words here.
//
// Threading: a `ZMQContext` may be shared by all threads. A `ZMQSocket` must be
// used from one thread at a time (that is libzmq's rule); the only calls that may
// come from another thread are `ZMQContext.shutdown()` (which makes blocked calls
// on every socket of the context throw `ETERM`) and, once the owning thread has
// stopped using the socket, `close()`.

import CZMQ
import Glibc
import Synchronization

// MARK: - Errors

/// An error reported by libzmq: `zmq_errno()` and `zmq_strerror()` of it.
public struct ZMQError: Error, CustomStringConvertible, Equatable, Sendable {
    public let code: Int32
    public let message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// The error for `code`, with libzmq's message for it.
    public init(code: Int32) {
        self.code = code
        self.message = String(cString: zmq_strerror(code))
    }

    /// The current `zmq_errno()`.
    static func last() -> ZMQError { ZMQError(code: zmq_errno()) }

    public var description: String { "ZMQError(\(code)): \(message)" }

    /// libzmq's `ETERM`: the context was shut down or terminated.
    public static let contextTerminatedCode: Int32 = 156_384_712 + 53
    /// True when the context was shut down (the usual way to stop a blocked thread).
    public var isContextTerminated: Bool { code == ZMQError.contextTerminatedCode }
    /// True for `EAGAIN` (a timeout or a non-blocking call with nothing to do).
    public var isWouldBlock: Bool { code == EAGAIN }
}

// MARK: - Context

/// A libzmq context. `shutdown()` may be called from any thread.
/// `deinit` calls `zmq_ctx_term`, which waits until every socket of the context is
/// closed; sockets keep their context alive, so that happens after the last socket goes.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init() throws {
        guard let h = zmq_ctx_new() else { throw ZMQError.last() }
        handle = h
    }

    /// `zmq_ctx_shutdown`: every blocking call on a socket of this context, in any
    /// thread, returns with `ETERM` (`ZMQError.isContextTerminated`), and so do later
    /// calls. Sockets must still be closed. Idempotent.
    public func shutdown() {
        _ = zmq_ctx_shutdown(handle)
    }

    private var terminated = false

    /// `zmq_ctx_term` now: waits until every socket of the context is closed (by whichever
    /// thread owns it) and their pending messages are sent or their linger ran out. Call it
    /// once, after `shutdown()`, from a thread that holds no open socket.
    public func terminate() {
        guard !terminated else { return }
        terminated = true
        while zmq_ctx_term(handle) == -1 && zmq_errno() == EINTR {}
    }

    deinit {
        terminate()
    }
}

// MARK: - Socket

public enum SocketType: Sendable {
    case router, dealer, pub, xpub, sub, rep, req, pair

    var zmqValue: Int32 {
        switch self {
        case .router: return ZMQ_ROUTER
        case .dealer: return ZMQ_DEALER
        case .pub: return ZMQ_PUB
        case .xpub: return ZMQ_XPUB
        case .sub: return ZMQ_SUB
        case .rep: return ZMQ_REP
        case .req: return ZMQ_REQ
        case .pair: return ZMQ_PAIR
        }
    }
}

/// A libzmq socket.
///
/// A socket must be used from one thread at a time (libzmq sockets are not thread
/// safe); hand it over between threads only with a happens-before edge (a lock, a
/// queue, thread start). `close()` is idempotent and is also done by `deinit`.
/// Using a socket after `close()` throws `ENOTSOCK`.
public final class ZMQSocket: @unchecked Sendable {
    /// The context, kept alive as long as the socket lives.
    public let context: ZMQContext
    public let type: SocketType
    let handle: UnsafeMutableRawPointer
    private let closed = Atomic<Bool>(false)

    public init(context: ZMQContext, type: SocketType) throws {
        guard let h = zmq_socket(context.handle, type.zmqValue) else { throw ZMQError.last() }
        self.context = context
        self.type = type
        self.handle = h
    }

    deinit { close() }

    /// Closes the socket (`zmq_close`). Idempotent. Unsent messages are kept for the
    /// linger period (`setLinger`); the default linger of libzmq is infinite, which
    /// makes the context's termination wait for them.
    public func close() {
        if closed.exchange(true, ordering: .acquiringAndReleasing) { return }
        _ = zmq_close(handle)
    }

    public var isClosed: Bool { closed.load(ordering: .relaxed) }

    @inline(__always)
    private func live() throws -> UnsafeMutableRawPointer {
        if closed.load(ordering: .relaxed) { throw ZMQError(code: ENOTSOCK) }
        return handle
    }

    // MARK: Endpoints

    public func bind(_ endpoint: String) throws {
        let h = try live()
        if zmq_bind(h, endpoint) != 0 { throw ZMQError.last() }
    }

    public func connect(_ endpoint: String) throws {
        let h = try live()
        if zmq_connect(h, endpoint) != 0 { throw ZMQError.last() }
    }

    /// `ZMQ_LAST_ENDPOINT`: the endpoint actually bound, e.g. after binding
    /// `tcp://127.0.0.1:*` it names the port the system chose.
    public func lastEndpoint() throws -> String {
        let h = try live()
        var buffer = [UInt8](repeating: 0, count: 1024)
        var size = buffer.count
        let rc = buffer.withUnsafeMutableBytes { zmq_getsockopt(h, ZMQ_LAST_ENDPOINT, $0.baseAddress, &size) }
        if rc != 0 { throw ZMQError.last() }
        let length = buffer.firstIndex(of: 0) ?? min(size, buffer.count)
        return String(decoding: buffer[..<length], as: UTF8.self)
    }

    // MARK: Options

    private func setInt(_ option: Int32, _ value: Int32) throws {
        let h = try live()
        var v = value
        if zmq_setsockopt(h, option, &v, MemoryLayout<Int32>.size) != 0 { throw ZMQError.last() }
    }

    private func setBytes(_ option: Int32, _ value: [UInt8]) throws {
        let h = try live()
        let rc = value.withUnsafeBytes { zmq_setsockopt(h, option, $0.baseAddress, $0.count) }
        if rc != 0 { throw ZMQError.last() }
    }

    /// `ZMQ_LINGER` in milliseconds (-1: forever, 0: drop unsent messages at close).
    public func setLinger(_ ms: Int32) throws { try setInt(ZMQ_LINGER, ms) }
    /// `ZMQ_RCVTIMEO` in milliseconds (-1: block forever, the default).
    public func setReceiveTimeout(_ ms: Int32) throws { try setInt(ZMQ_RCVTIMEO, ms) }
    /// `ZMQ_SNDTIMEO` in milliseconds (-1: block forever, the default).
    public func setSendTimeout(_ ms: Int32) throws { try setInt(ZMQ_SNDTIMEO, ms) }
    /// `ZMQ_SNDHWM`: messages queued per peer before sends block or drop.
    public func setSendHighWaterMark(_ n: Int32) throws { try setInt(ZMQ_SNDHWM, n) }
    /// `ZMQ_RCVHWM`.
    public func setReceiveHighWaterMark(_ n: Int32) throws { try setInt(ZMQ_RCVHWM, n) }
    /// `ZMQ_ROUTER_HANDOVER` (router sockets): a new peer with a known identity takes it over.
    public func setRouterHandover(_ on: Bool) throws { try setInt(ZMQ_ROUTER_HANDOVER, on ? 1 : 0) }
    /// `ZMQ_ROUTER_MANDATORY` (router sockets): unroutable messages fail with
    /// `EHOSTUNREACH` instead of being dropped silently.
    public func setRouterMandatory(_ on: Bool) throws { try setInt(ZMQ_ROUTER_MANDATORY, on ? 1 : 0) }
    /// `ZMQ_XPUB_VERBOSE` (xpub sockets): pass every subscription up, not only new ones.
    public func setXPubVerbose(_ on: Bool) throws { try setInt(ZMQ_XPUB_VERBOSE, on ? 1 : 0) }
    /// `ZMQ_SUBSCRIBE` (sub sockets); an empty prefix subscribes to everything.
    public func subscribe(_ prefix: [UInt8]) throws { try setBytes(ZMQ_SUBSCRIBE, prefix) }
    /// `ZMQ_UNSUBSCRIBE` (sub sockets).
    public func unsubscribe(_ prefix: [UInt8]) throws { try setBytes(ZMQ_UNSUBSCRIBE, prefix) }
    /// `ZMQ_ROUTING_ID` (formerly `ZMQ_IDENTITY`); set before connect/bind.
    public func setIdentity(_ id: [UInt8]) throws { try setBytes(ZMQ_ROUTING_ID, id) }

    // MARK: Sending

    /// Sends a multipart message: `ZMQ_SNDMORE` on every frame but the last.
    /// Blocks if the socket's send queue is full (PUB sockets drop instead);
    /// retries on `EINTR`. An empty `frames` sends nothing.
    public func send(_ frames: [[UInt8]]) throws {
        _ = try send(frames, nonBlocking: false)
    }

    /// Like `send(_:)`; with `nonBlocking` it returns false instead of blocking when the
    /// first frame cannot be queued (`EAGAIN`). Once the first frame is queued the rest
    /// always follow (libzmq queues multipart messages atomically).
    @discardableResult
    public func send(_ frames: [[UInt8]], nonBlocking: Bool) throws -> Bool {
        let h = try live()
        let last = frames.count - 1
        var i = 0
        while i <= last {
            var flags: Int32 = i < last ? ZMQ_SNDMORE : 0
            if nonBlocking && i == 0 { flags |= ZMQ_DONTWAIT }
            let rc = frames[i].withUnsafeBytes { raw -> Int32 in
                // zmq_send copies the buffer into a message of its own.
                var dummy: UInt8 = 0
                if let base = raw.baseAddress {
                    return zmq_send(h, base, raw.count, flags)
                }
                return zmq_send(h, &dummy, 0, flags)
            }
            if rc == -1 {
                let e = zmq_errno()
                if e == EINTR { continue }
                if e == EAGAIN && nonBlocking && i == 0 { return false }
                throw ZMQError(code: e)
            }
            i += 1
        }
        return true
    }

    // MARK: Receiving

    /// Receives one whole multipart message, blocking until one arrives or the receive
    /// timeout (`setReceiveTimeout`) passes, in which case it returns nil.
    /// Retries on `EINTR`; throws on other errors (`ETERM` after the context's shutdown).
    public func receiveMultipart() throws -> [[UInt8]]? {
        try receiveMultipart(nonBlocking: false)
    }

    /// With `nonBlocking`, returns nil at once when no message is waiting.
    public func receiveMultipart(nonBlocking: Bool) throws -> [[UInt8]]? {
        let h = try live()
        var frames: [[UInt8]] = []
        var msg = zmq_msg_t()
        var first = true
        while true {
            zmq_msg_init(&msg)
            // Later frames of a multipart message are already there: never wait for them.
            let flags: Int32 = (first && nonBlocking) ? ZMQ_DONTWAIT : 0
            let rc = zmq_msg_recv(&msg, h, flags)
            if rc == -1 {
                let e = zmq_errno()
                zmq_msg_close(&msg)
                if e == EINTR { continue }
                if e == EAGAIN && first { return nil }
                throw ZMQError(code: e)
            }
            let size = zmq_msg_size(&msg)
            let frame: [UInt8]
            if size == 0 {
                frame = []
            } else {
                let src = zmq_msg_data(&msg)!
                frame = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
                    memcpy(buf.baseAddress!, src, size)
                    count = size
                }
            }
            let more = zmq_msg_more(&msg) != 0
            zmq_msg_close(&msg)
            frames.append(frame)
            first = false
            if !more { return frames }
        }
    }
}


// MARK: - Polling

/// A socket to poll for readability (`ZMQ_POLLIN`).
public struct PollItem {
    public let socket: ZMQSocket
    public init(_ socket: ZMQSocket) { self.socket = socket }
}

public enum Poller {
    /// `zmq_poll` for `ZMQ_POLLIN`: which of `sockets` have a message waiting, in order.
    /// `timeoutMs` -1 waits forever, 0 returns at once. Retries on `EINTR` with the
    /// time that is left. Throws `ETERM` after the context's shutdown.
    public static func poll(_ sockets: [ZMQSocket], timeoutMs: Int) throws -> [Bool] {
        var items = [zmq_pollitem_t]()
        items.reserveCapacity(sockets.count)
        for s in sockets {
            if s.isClosed { throw ZMQError(code: ENOTSOCK) }
            items.append(zmq_pollitem_t(socket: s.handle, fd: -1, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        let deadline = timeoutMs > 0 ? monotonicMs() + timeoutMs : 0
        var timeout = timeoutMs
        while true {
            let rc = items.withUnsafeMutableBufferPointer {
                zmq_poll($0.baseAddress, Int32($0.count), timeout)
            }
            if rc >= 0 { break }
            let e = zmq_errno()
            if e != EINTR { throw ZMQError(code: e) }
            if timeoutMs > 0 { timeout = max(0, deadline - monotonicMs()) }
        }
        return items.map { ($0.revents & Int16(ZMQ_POLLIN)) != 0 }
    }

    /// Same as `poll(_:timeoutMs:)` for `PollItem`s.
    public static func poll(_ items: [PollItem], timeoutMs: Int) throws -> [Bool] {
        try poll(items.map(\.socket), timeoutMs: timeoutMs)
    }

    private static func monotonicMs() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }
}

// MARK: - Version

public enum ZMQVersion {
    /// (major, minor, patch) of the libzmq in use.
    public static var components: (major: Int, minor: Int, patch: Int) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }

    /// The libzmq version, e.g. "4.3.4".
    public static var string: String {
        let v = components
        return "\(v.major).\(v.minor).\(v.patch)"
    }
}
