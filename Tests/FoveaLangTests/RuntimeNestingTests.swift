import FoveaLang
import Testing

/// Deep recursion and deeply nested values end in RecursionError, never a stack overflow, and the
/// session goes on. (The messages and places are in Fixtures/run/errors.py.)
@Suite("Nesting at run time")
struct RuntimeNestingTests {
    func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

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
}
