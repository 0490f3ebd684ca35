import Testing
import Glibc
import FixtureSupport
import FoveaLang

/// Raises an interrupt flag from a real thread after a delay (a Task could starve while the
/// cooperative pool's threads are blocked in execute).
func raiseLater(_ flag: InterruptFlag, milliseconds: Int) -> pthread_t {
    final class Box { let flag: InterruptFlag; let ms: Int; init(_ f: InterruptFlag, _ m: Int) { flag = f; ms = m } }
    let box = Unmanaged.passRetained(Box(flag, milliseconds)).toOpaque()
    var thread = pthread_t()
    pthread_create(&thread, nil, { raw in
        let b = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        usleep(useconds_t(b.ms * 1000))
        b.flag.raise()
        return nil
    }, box)
    return thread
}

func ename(_ o: ExecutionOutcome) -> String? {
    if case .error(let e, _, _) = o { return e }
    return nil
}

@Suite("Session")
struct RuntimeSessionTests {
    @Test func interruptStopsInfiniteLoopAndSessionSurvives() {
        let r = Recorder()
        r.run("kept = 41")
        let raiser = raiseLater(r.session.interrupt, milliseconds: 150)
        let outcome = r.run("n = 0\nwhile True:\n    n += 1")
        pthread_join(raiser, nil)
        guard case .error(let name, _, let tb) = outcome else { Issue.record("expected an error"); return }
        #expect(name == "KeyboardInterrupt")
        #expect(tb.contains { $0.contains("--> In[2]:") })
        #expect(!r.session.interrupt.isRaised)
        #expect(r.result("kept + 1") == "42")
        #expect(r.result("n > 0") == "True")
    }

    @Test func interruptStopsSleep() {
        let r = Recorder()
        let raiser = raiseLater(r.session.interrupt, milliseconds: 100)
        let outcome = r.run("import time\nprint('start')\ntime.sleep(30)")
        pthread_join(raiser, nil)
        #expect(ename(outcome) == "KeyboardInterrupt")
        #expect(r.stdout == "start\n")
    }

    @Test func staleInterruptIsClearedAtStart() {
        let r = Recorder()
        r.session.interrupt.raise()
        #expect(r.result("1 + 1") == "2")
    }

    @Test func inputUsesProviderAfterFlushingOutput() {
        let r = Recorder()
        var seenPrompt = ""
        var eventsBeforeInput = -1
        r.session.inputProvider = { prompt, password in
            seenPrompt = prompt
            eventsBeforeInput = r.events.count
            #expect(!password)
            return "Ada"
        }
        let outcome = r.run("print('hello')\nname = input('Your name: ')\nf'Hi {name}'")
        #expect(outcome == .ok(result: .plain("'Hi Ada'"), payloads: []))
        #expect(seenPrompt == "Your name: ")
        #expect(eventsBeforeInput == 1)
    }

    @Test func inputWithoutProviderAndFailingProvider() {
        let r = Recorder()
        guard case .error(let name, let message, _) = r.run("input()") else { Issue.record("expected error"); return }
        #expect(name == "StdinNotImplementedError")
        #expect(message == "input was called, but this frontend does not support input requests.")
        struct Gone: Error {}
        r.session.inputProvider = { _, _ in throw Gone() }
        #expect(ename(r.run("x = input('?')")) == "KeyboardInterrupt")
    }

    @Test func printsAreCoalescedButFlushedAfterPauses() {
        let r = Recorder()
        r.run("for i in range(5000):\n    print(i)")
        // Time-based flushing (every 50 ms) may add a few events on a slow machine, never 5000.
        #expect(r.events.count < 100)
        #expect(r.stdout.split(separator: "\n").count == 5000)
        r.events = []
        r.run("import time\nprint('a')\ntime.sleep(0.06)\nprint('b')")
        #expect(r.events == [.stream(.stdout, "a\n"), .stream(.stdout, "b\n")])
    }

    @Test func timeMagicPrintsIPythonTimingsAndKeepsTheValue() {
        let r = Recorder()
        let outcome = r.run("%time sum(range(1000))")
        #expect(outcome == .ok(result: .plain("499500"), payloads: []))
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("CPU times: user ") == true)
        #expect(lines.first?.contains(", sys: ") == true)
        #expect(lines.first?.contains(", total: ") == true)
        #expect(lines.last?.hasPrefix("Wall time: ") == true)
        let units = ["s", "ms", "µs", "ns"]
        #expect(units.contains { lines.last!.hasSuffix(" " + $0) })
        r.events = []
        let cell = r.run("%%time\nz = 2\nz * 21")
        #expect(cell == .ok(result: .plain("42"), payloads: []))
        #expect(r.stdout.hasPrefix("CPU times: "))
        guard case .error(let e, _, let tb) = r.run("%time 1 / 0") else { Issue.record("expected error"); return }
        #expect(e == "ZeroDivisionError")
        #expect(tb.contains { $0.contains("--> In[3]:1:") })
    }

    @Test func syntaxErrorsAreReportedWithAllDiagnostics() {
        let r = Recorder()
        guard case .error(let e, _, let tb) = r.run("x = (1,\n") else { Issue.record("expected error"); return }
        #expect(e == "SyntaxError" || e == "IndentationError")
        #expect(tb.first?.hasPrefix(e + ": ") == true)
    }

    @Test func helpStatementProducesPagePayload() {
        let r = Recorder()
        guard case .ok(nil, let payloads) = r.run("print?") else { Issue.record("expected ok"); return }
        guard case .page(let text)? = payloads.first else { Issue.record("expected a page"); return }
        #expect(text.hasPrefix("print(*values, sep=' ', end='\\n', file=None, flush=False)\n\nPrint the values"))
    }

    @Test func isCompleteDelegatesToTheChecker() {
        let s = makeSession()
        #expect(s.isComplete("x = 1") == CompletenessChecker.check("x = 1"))
        #expect(s.isComplete("for i in range(3):") == CompletenessChecker.check("for i in range(3):"))
    }

    @Test func deepRecursionIsARecursionErrorNotACrash() {
        let r = Recorder()
        r.run("def depth(n):\n    return depth(n + 1) + 1")
        guard case .error(let e, _, let tb) = r.run("depth(0)") else { Issue.record("expected error"); return }
        #expect(e == "RecursionError")
        #expect(tb.count < 20)
    }

    /// The kernel's path: a host thread created with `LargeStack.size` runs cells in place.
    @Test func inPlaceOnAHostThreadWithALargeStack() {
        final class Box: @unchecked Sendable { var outcome: ExecutionOutcome? }
        let box = Box()
        let unmanaged = Unmanaged.passRetained(box)
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        pthread_attr_setstacksize(&attr, LargeStack.size)
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attr, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            let s = makeSession()
            s.callerHasLargeStack = true
            _ = s.execute("def depth(n):\n    return depth(n + 1) + 1", executionCount: 1)
            box.outcome = s.execute("depth(0)", executionCount: 2)
            return nil
        }, unmanaged.toOpaque())
        #expect(rc == 0)
        pthread_join(thread, nil)
        pthread_attr_destroy(&attr)
        guard case .error(let e, _, _) = box.outcome else { Issue.record("expected an error"); return }
        #expect(e == "RecursionError")
    }

    @Test func hostileInputsDoNotCrash() {
        let r = Recorder()
        let cells = ["-9223372036854775807 - 2", "abs(-9223372036854775807 - 1)", "[1] * -5", "'x' * (2 ** 40)",
                     "int('9' * 40)", "round(1e308, -400)", "range(-2**63, 2**63 - 1)[5]", "len(range(-2**63, 2**63 - 1))",
                     "(-9223372036854775807 - 1) // -1", "(-9223372036854775807 - 1) % -1", "1 << 64", "chr(0x110000)",
                     "f'{1:{\"\"}}'", "'{:.100000f}'.format(1.0)[:5]", "[][::0]", "int(float('nan'))", "2.0 ** 5000",
                     "x = []\nx.append(x)\nx", "d = {}\nd['d'] = d\nd", "float('1e400')", "'%d' % 'a'", "'{0}'.format()"]
        for c in cells { _ = r.run(c) }
        #expect(r.result("1 + 1") == "2")
        #expect(r.result("x") == "[[...]]")
        #expect(r.result("d") == "{'d': {...}}")
    }
}
