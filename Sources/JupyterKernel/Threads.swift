import Glibc

/// Starts a POSIX thread running `body`, with the C library's default stack unless `stackSize`
/// is given. The kernel's threads (shell, heartbeat, control, iopub, signals, parent watch)
/// each live for the whole process.
@discardableResult
func startThread(_ name: String, stackSize: Int? = nil, _ body: @escaping () -> Void) -> pthread_t? {
    final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    defer { pthread_attr_destroy(&attr) }
    if let stackSize { pthread_attr_setstacksize(&attr, stackSize) }
    let rc = pthread_create(&thread, &attr, { raw in
        let box = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue() as! Box
        box.body()
        return nil
    }, context)
    guard rc == 0 else {
        Unmanaged<AnyObject>.fromOpaque(context).release()
        return nil
    }
    return thread
}

/// Blocks SIGINT in the calling thread and every thread it starts afterwards, so that one
/// thread can receive it with `sigwait` and interrupt cooperatively.
func blockSIGINT() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_BLOCK, &set, nil)
}

/// Waits for SIGINT forever, calling `onInterrupt` for each.
func waitForSIGINT(_ onInterrupt: @escaping () -> Void) {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    while true {
        var signal: Int32 = 0
        if sigwait(&set, &signal) == 0, signal == SIGINT { onInterrupt() }
    }
}
