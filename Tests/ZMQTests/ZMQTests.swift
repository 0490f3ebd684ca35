import Glibc
import Synchronization
import Testing
import ZMQ

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// A socket with linger 0 and a receive timeout, so a failing test cannot hang.
private func socket(_ ctx: ZMQContext, _ type: SocketType, timeoutMs: Int32 = 5000) throws -> ZMQSocket {
    let s = try ZMQSocket(context: ctx, type: type)
    try s.setLinger(0)
    try s.setReceiveTimeout(timeoutMs)
    return s
}

/// Runs `body` on a new POSIX thread; returns a function that joins it.
private func spawn(_ body: @escaping @Sendable () -> Void) -> () -> Void {
    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ b: @escaping @Sendable () -> Void) { body = b }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let rc = pthread_create(&thread, nil, { arg in
        let box = Unmanaged<Box>.fromOpaque(arg!).takeRetainedValue()
        box.body()
        return nil
    }, box)
    precondition(rc == 0)
    return { pthread_join(thread, nil) }
}

@Test func routerDealerMultipartWithIdentities() throws {
    let ctx = try ZMQContext()
    let router = try socket(ctx, .router)
    try router.setRouterHandover(true)
    try router.bind("tcp://127.0.0.1:*")
    let endpoint = try router.lastEndpoint()
    #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
    #expect(!endpoint.hasSuffix(":*") && !endpoint.hasSuffix(":0"))

    let dealer = try socket(ctx, .dealer)
    try dealer.setIdentity(bytes("client-1"))
    try dealer.connect(endpoint)

    let binary: [UInt8] = [0, 1, 2, 255, 254, 0]
    try dealer.send([bytes("<IDS|MSG>"), [], binary, bytes("last")])
    let got = try #require(try router.receiveMultipart())
    #expect(got == [bytes("client-1"), bytes("<IDS|MSG>"), [], binary, bytes("last")])

    try router.send([bytes("client-1"), bytes("reply"), bytes("two")])
    let reply = try #require(try dealer.receiveMultipart())
    #expect(reply == [bytes("reply"), bytes("two")])

    // A single-frame message and a large frame.
    let big = [UInt8](repeating: 7, count: 1 << 20)
    try dealer.send([big])
    #expect(try router.receiveMultipart() == [bytes("client-1"), big])
    router.close()
    dealer.close()
}

@Test func xpubSeesSubscriptionAndDelivers() throws {
    let ctx = try ZMQContext()
    let xpub = try socket(ctx, .xpub)
    try xpub.setXPubVerbose(true)
    try xpub.bind("inproc://xpub-test")
    let sub = try socket(ctx, .sub)
    try sub.connect("inproc://xpub-test")
    try sub.subscribe(bytes("topic"))

    let subscription = try #require(try xpub.receiveMultipart())
    #expect(subscription == [[1] + bytes("topic")])

    try xpub.send([bytes("other"), bytes("not for you")])
    try xpub.send([bytes("topic.a"), bytes("data")])
    #expect(try sub.receiveMultipart() == [bytes("topic.a"), bytes("data")])

    // Unsubscribing shows up as a 0 byte.
    try sub.unsubscribe(bytes("topic"))
    #expect(try xpub.receiveMultipart() == [[0] + bytes("topic")])
}

@Test func pubSubOverTCP() throws {
    let ctx = try ZMQContext()
    let xpub = try socket(ctx, .xpub)
    try xpub.bind("tcp://127.0.0.1:*")
    let sub = try socket(ctx, .sub)
    try sub.subscribe([])
    try sub.connect(try xpub.lastEndpoint())
    // Waiting for the subscription avoids the slow-joiner race.
    #expect(try xpub.receiveMultipart() == [[1]])
    try xpub.send([bytes("status"), bytes("{}")])
    #expect(try sub.receiveMultipart() == [bytes("status"), bytes("{}")])
}

@Test func receiveTimeoutReturnsNil() throws {
    let ctx = try ZMQContext()
    let a = try socket(ctx, .pair, timeoutMs: 30)
    try a.bind("inproc://timeout-test")
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    #expect(try a.receiveMultipart() == nil)
    clock_gettime(CLOCK_MONOTONIC, &end)
    let ms = (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1_000_000
    #expect(ms >= 20)
    #expect(try a.receiveMultipart(nonBlocking: true) == nil)
}

@Test func pollReportsReadability() throws {
    let ctx = try ZMQContext()
    let a = try socket(ctx, .pair), b = try socket(ctx, .pair)
    let c = try socket(ctx, .pair), d = try socket(ctx, .pair)
    try a.bind("inproc://poll-ab"); try b.connect("inproc://poll-ab")
    try c.bind("inproc://poll-cd"); try d.connect("inproc://poll-cd")

    #expect(try Poller.poll([a, c], timeoutMs: 0) == [false, false])
    try d.send([bytes("x")])
    #expect(try Poller.poll([a, c], timeoutMs: 2000) == [false, true])
    #expect(try Poller.poll([PollItem(a), PollItem(c)], timeoutMs: 0) == [false, true])
    #expect(try c.receiveMultipart(nonBlocking: true) == [bytes("x")])
    #expect(try Poller.poll([a, c], timeoutMs: 10) == [false, false])
    try b.send([bytes("y"), bytes("z")])
    #expect(try Poller.poll([a, c], timeoutMs: 2000) == [true, false])
}

@Test func badEndpointErrorCarriesZMQMessage() throws {
    let ctx = try ZMQContext()
    let s = try socket(ctx, .router)
    let error = try #require(throws: ZMQError.self) { try s.bind("nonsense://nowhere") }
    #expect(error.code == EPROTONOSUPPORT)
    #expect(error.message == "Protocol not supported")
    #expect(error.description.contains("Protocol not supported"))

    let error2 = try #require(throws: ZMQError.self) { try s.connect("tcp://") }
    #expect(error2.code == EINVAL)
    #expect(error2.message == "Invalid argument")
}

@Test func closeIsIdempotentAndUseAfterCloseThrows() throws {
    let ctx = try ZMQContext()
    let s = try socket(ctx, .dealer)
    s.close()
    s.close()
    #expect(s.isClosed)
    let error = try #require(throws: ZMQError.self) { try s.send([bytes("x")]) }
    #expect(error.code == ENOTSOCK)
}

@Test func shutdownUnblocksBlockedReceiveOnAnotherThread() throws {
    let ctx = try ZMQContext()
    let s = try ZMQSocket(context: ctx, type: .router)  // no timeout: blocks forever
    try s.setLinger(0)
    try s.bind("inproc://shutdown-test")
    let outcome = Mutex<String>("not finished")
    let started = Atomic<Bool>(false)
    let join = spawn {
        started.store(true, ordering: .releasing)
        do {
            let frames = try s.receiveMultipart()
            outcome.withLock { $0 = "returned \(String(describing: frames))" }
        } catch let e as ZMQError {
            outcome.withLock { $0 = e.isContextTerminated ? "ETERM" : "other error \(e)" }
        } catch {
            outcome.withLock { $0 = "unexpected \(error)" }
        }
    }
    while !started.load(ordering: .acquiring) { usleep(1000) }
    usleep(50_000)  // let it block in zmq_msg_recv
    #expect(outcome.withLock { $0 } == "not finished")
    ctx.shutdown()
    join()
    #expect(outcome.withLock { $0 } == "ETERM")
    s.close()
}

@Test func versionString() {
    let v = ZMQVersion.string
    #expect(v.split(separator: ".").count == 3)
    #expect(ZMQVersion.components.major == 4)
}
