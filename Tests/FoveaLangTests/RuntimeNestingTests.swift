import FixtureSupport
import FoveaLang
import Glibc
import Testing

/// Runs cells in one new session on a thread of its own with `stackSize` bytes of stack, in
/// place (as the kernel's shell thread runs them); the session is freed there too.
func runOnThread(stackSize: Int, _ cells: [String]) -> [ExecutionOutcome] {
    final class Box: @unchecked Sendable {
        let cells: [String]
        var outcomes: [ExecutionOutcome] = []
        init(_ cells: [String]) { self.cells = cells }
    }
    let box = Box(cells)
    let unmanaged = Unmanaged.passRetained(box)
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    defer { pthread_attr_destroy(&attr) }
    pthread_attr_setstacksize(&attr, stackSize)
    var thread = pthread_t()
    let rc = pthread_create(&thread, &attr, { raw in
        let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        let s = makeSession()
        s.callerHasLargeStack = true
        for (i, cell) in box.cells.enumerated() { box.outcomes.append(s.execute(cell, executionCount: i + 1)) }
        return nil
    }, unmanaged.toOpaque())
    guard rc == 0 else { unmanaged.release(); return [] }
    pthread_join(thread, nil)
    return box.outcomes
}

/// Deep recursion and deeply nested values end in RecursionError, never a stack overflow, and the
/// session goes on. (The messages and places are in Fixtures/run/errors.py.)
@Suite("Nesting at run time")
struct RuntimeNestingTests {
    func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    /// `maxCallDepth` calls, each with the next one deep inside an expression: the parser's limit
    /// and the call limit each allow it, but not necessarily the stack; the interpreter stops
    /// with RecursionError before the stack runs out.
    @Test func recursionInsideDeepExpressionsIsARecursionError() {
        let define = "def f(n):\n    if n == 0:\n        return 0\n    return " + repeated("-", 900) + "f(n - 1)"
        // The interpreter's own 256 MiB: enough in a release build, not in a debug one.
        let r = Recorder()
        r.run(define)
        #expect([nil, "RecursionError"].contains(ename(r.run("f(199)"))))
        #expect(r.result("1 + 1") == "2")
        // 32 MiB: not enough in either.
        let outcomes = runOnThread(stackSize: 32 << 20, [define, "f(1)", "f(199)", "1 + 1"])
        #expect(outcomes.map(ename) == [nil, nil, "RecursionError", nil])
        if case .error(_, _, let traceback)? = outcomes.dropFirst(2).first { #expect(traceback.count < 30) }
    }

    @Test func deeplyNestedValuesAreRecursionErrors() {
        let r = Recorder()
        r.run("a = []\nfor i in range(100000):\n    a = [a]\nb = []\nfor i in range(100000):\n    b = [b]")
        let cells: [(String, String)] = [
            ("repr(a)", "while getting the repr of an object"),
            ("print(a)", "while getting the repr of an object"),
            ("str(a)", "while getting the repr of an object"),
            ("len(str(a))", "while getting the repr of an object"),
            ("f'{a!r}'", "while getting the repr of an object"),
            ("'{}'.format(a)", "while getting the repr of an object"),
            ("'%s' % (a,)", "while getting the repr of an object"),
            ("a", "while getting the repr of an object"),
            ("a == b", "in comparison"),
            ("a != b", "in comparison"),
            ("a < b", "in comparison"),
            ("sorted([a, b])", "in comparison"),
            ("a in [b]", "in comparison"),
            ("[b].index(a)", "in comparison"),
            ("d = {}\nfor i in range(100000):\n    d = {'k': d}\nd", "while getting the repr of an object"),
            ("t = ()\nfor i in range(100000):\n    t = (t,)\nhash(t)", "while hashing a tuple"),
            ("{t: 1}", "while hashing a tuple"),
            ("{1: 2}[t]", "while hashing a tuple"),
            ("t in {1: 2}", "while hashing a tuple"),
            ("{t}", "while hashing a tuple"),
        ]
        for (code, context) in cells {
            guard case .error(let ename, let evalue, let traceback) = r.run(code) else {
                Issue.record("no error for \(code)"); continue
            }
            #expect(ename == "RecursionError", "\(code)")
            #expect(evalue == "maximum recursion depth exceeded " + context, "\(code)")
            #expect(traceback.contains { $0.contains("--> In[") }, "\(code): not located")
        }
        #expect(r.result("a == a") == "True")
        #expect(r.result("len(list(a)), len(a[0])") == "(1, 1)")
        // Freed here, on the interpreter's stack, not the test's (a tuple chain is freed by
        // recursion, one level at a time).
        #expect(r.result("a = b = d = t = None\n1 + 1") == "2")
    }

    @Test func nestingUpToTheLimitWorks() {
        let r = Recorder()
        r.run("a = []\nb = []\nt = ()\nfor i in range(999):\n    a = [a]\n    b = [b]\n    t = (t,)")
        #expect(r.result("len(repr(a)), a == b, a <= b, hash(t) == hash(t), len({t: 1})") == "(2000, True, True, True, 1)")
    }

    /// A dict view that shows itself (CPython: `{0: dict_values([...])}`) and views nested inside
    /// views, which a repr that forgot its depth at each view would follow forever.
    @Test func dictViewsAreFollowedWithTheirDepth() {
        let r = Recorder()
        #expect(r.result("d = {}\nd[0] = d.values()\nd") == "{0: dict_values([...])}")
        r.run("v = {}.values()\nw = {}.values()\nfor i in range(100000):\n    v = {0: v}.values()\n    w = {0: w}.values()")
        for code in ["v", "repr(v)", "str(v)", "v == w"] {
            #expect(ename(r.run(code)) == "RecursionError", "\(code)")
        }
        #expect(r.result("v = w = None\n1 + 1") == "2")
    }

    /// Freeing lists, dicts and dict views nested far deeper than the stack could follow takes
    /// them apart level by level (Swift alone recurses once per level). 8 MiB of stack, and
    /// 200,000 levels: several times what recursion would need.
    @Test func freeingDeeplyNestedValuesDoesNotRecurse() {
        let outcomes = runOnThread(stackSize: 8 << 20, [
            "a = []\nfor i in range(200000):\n    a = [a]",
            "a = None\nd = {}\nfor i in range(200000):\n    d = {'k': [(d, 1)]}",
            "d = None\nv = {}.values()\nfor i in range(200000):\n    v = {0: v}.values()",
            "v = None\nkeep = []\nfor i in range(1000):\n    keep = [keep]\nleft = keep[0][0]\nkeep = None\nlen(repr(left))",
            "a = []\nfor i in range(200000):\n    a = [a]",
            // `a` is still alive: freed with the session.
        ])
        #expect(outcomes.count == 5)
        for (i, o) in outcomes.enumerated() { #expect(ename(o) == nil, "cell \(i + 1)") }
        // Parts still referred to elsewhere are left whole.
        if case .ok(let result, _)? = outcomes.dropFirst(3).first { #expect(result?.plainText == "1998") }
    }
}
