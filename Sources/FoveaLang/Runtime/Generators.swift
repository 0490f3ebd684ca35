import Glibc

/// Generators: a function whose body has `yield` runs, when iterated, on a thread of its own, one
/// step per `next()`. The thread and the caller take turns (two `Handoff`s), so exactly one of
/// them runs the interpreter at any time, and the body keeps its place between steps without
/// rewriting the tree-walking interpreter into a resumable one.
///
/// While the body is suspended, what it had pushed onto the interpreter's stacks (its frame, the
/// exceptions being handled around the `yield`, its call depth and source) is taken off and kept
/// here; the next step puts it back on top of whoever calls `next()` then.
final class GeneratorChannel {
    private let resume = Handoff()
    private let suspend = Handoff()
    /// The caller's state when the step began: what a `yield` returns the interpreter to.
    var base = ExecutionState()
    /// What the body had pushed when it last yielded.
    var suspended: (frames: [(function: FunctionValue, scope: Scope)], handling: [Diagnostic], callDepth: Int, source: SourceFile)?
    var yielded: Value?
    var error: Error?
    var finished = false
    /// Set when the generator is dropped before its end: the `yield` raises GeneratorExit.
    var closing = false
    /// The generator thread's stack floor, for RecursionError in its steps.
    var stackFloor: UInt = 0

    func resumeBody() { resume.post() }
    func waitForResume() { resume.wait() }
    func suspendBody() { suspend.post() }
    func waitForSuspend() { suspend.wait() }
}

/// The interpreter state a generator's steps save and restore.
struct ExecutionState {
    var frameCount = 0, handlingCount = 0, callDepth = 0
    var source = SourceFile(name: "", text: "")
    var stackFloor: UInt = 0
    var currentSpan = Span(0, 0)
}

/// One generator object's body, started on the first `next()`.
final class GeneratorRunner {
    let function: FunctionValue
    let scope: Scope
    let span: Span
    let channel = GeneratorChannel()
    weak var interpreter: Interpreter?
    private var started = false
    private var running = false
    /// Generator threads need less stack than cells: a body that recurses deeply gets
    /// RecursionError at a quarter of it.
    static let stackSize = 32 << 20

    init(_ function: FunctionValue, _ scope: Scope, interpreter: Interpreter, span: Span) {
        self.function = function; self.scope = scope; self.interpreter = interpreter; self.span = span
    }

    deinit {
        // Dropped before its end: run the body's `finally` blocks and let its thread end.
        guard started, !channel.finished, interpreter != nil else { return }
        channel.closing = true
        _ = try? step()
    }

    /// Runs the body to its next `yield`: the value yielded, or nil when the body has ended.
    func step() throws -> Value? {
        guard let interpreter, !channel.finished else { return nil }
        // Its own body asking for its next value would wait for itself forever.
        guard !running else { throw Diagnostic(.valueError, "generator already executing", at: interpreter.currentSpan) }
        running = true
        defer { running = false }
        channel.base = interpreter.executionState
        interpreter.generators.append(channel)
        if started {
            if let s = channel.suspended {
                interpreter.frames += s.frames
                interpreter.handling += s.handling
                interpreter.callDepth += s.callDepth
                interpreter.source = s.source
                channel.suspended = nil
            }
            interpreter.stackFloor = channel.stackFloor
            channel.resumeBody()
        } else {
            started = true
            if !start(interpreter) {
                interpreter.generators.removeLast()
                throw Diagnostic(.runtimeError, "could not start the generator (no thread available)", at: span,
                                 notes: ["note: too many generators are running at once; finish or drop some"])
            }
        }
        channel.waitForSuspend()
        interpreter.generators.removeLast()
        if channel.finished {
            interpreter.restore(channel.base)
            if let error = channel.error { channel.error = nil; throw error }
            return nil
        }
        defer { channel.yielded = nil }
        return channel.yielded
    }

    private func start(_ interpreter: Interpreter) -> Bool {
        let channel = self.channel, function = self.function, scope = self.scope, span = self.span
        final class Job { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }
        let job = Job {
            channel.stackFloor = LargeStack.floorForCurrentThread()
            interpreter.stackFloor = channel.stackFloor
            do {
                _ = try interpreter.runBody(function, scope, span: span)
            } catch let d as Diagnostic where d.kind == .generatorExit && channel.closing {
            } catch {
                channel.error = error
            }
            channel.finished = true
            channel.suspendBody()
        }
        let unmanaged = Unmanaged.passRetained(job)
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstacksize(&attr, Self.stackSize)
        pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attr, { raw in
            Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, unmanaged.toOpaque())
        if rc != 0 { unmanaged.release(); return false }
        return true
    }
}

extension Interpreter {
    /// The generator object a call to a generator function returns: nothing runs until `next()`.
    func makeGenerator(_ f: FunctionValue, _ local: Scope, span: Span) -> IteratorBox {
        let runner = GeneratorRunner(f, local, interpreter: self, span: span)
        return IteratorBox("generator") { try runner.step() }
    }

    var executionState: ExecutionState {
        ExecutionState(frameCount: frames.count, handlingCount: handling.count, callDepth: callDepth,
                       source: source, stackFloor: stackFloor, currentSpan: currentSpan)
    }

    func restore(_ s: ExecutionState) {
        if frames.count > s.frameCount { frames.removeSubrange(s.frameCount...) }
        if handling.count > s.handlingCount { handling.removeSubrange(s.handlingCount...) }
        callDepth = s.callDepth
        source = s.source
        stackFloor = s.stackFloor
        currentSpan = s.currentSpan
    }

    /// `yield value` and `yield from iterable`, run on a generator's thread.
    func yieldValue(_ expr: Expr?, from: Bool, _ scope: Scope, span: Span) throws -> Value {
        if from {
            let it = try iterator(try eval(expr!, scope), span: expr!.span)
            while let v = try it.next() { try suspend(with: v, span: span) }
            return .none
        }
        try suspend(with: try expr.map { try eval($0, scope) } ?? .none, span: span)
        return .none
    }

    private func suspend(with value: Value, span: Span) throws {
        guard let channel = generators.last else {
            throw Diagnostic(.syntaxError, "'yield' outside function", at: span)
        }
        let base = channel.base
        channel.suspended = (Array(frames[base.frameCount...]), Array(handling[base.handlingCount...]),
                             callDepth - base.callDepth, source)
        restore(base)
        channel.yielded = value
        channel.suspendBody()
        channel.waitForResume()
        if channel.closing {
            throw Diagnostic(.generatorExit, "", at: span)
        }
    }
}
