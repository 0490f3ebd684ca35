import Glibc

/// Starts a detached POSIX thread running `body`. The kernel's threads (heartbeat, control,
/// iopub, signals, parent watch) each live for the whole process.
@discardableResult
func startThread(_ name: String, _ body: @escaping () -> Void) -> pthread_t? {
    final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let rc = pthread_create(&thread, nil, { raw in
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
