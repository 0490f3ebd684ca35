import FixtureSupport
import FoveaLang
import Testing

@Suite("Arrays from nested lists")
struct ArrayNestingTests {
    @Test func arraysFromDeeplyNestedListsStopAtThirtyTwoDimensions() {
        let r = Recorder()
        r.run("import numpy as np\na = 1\nfor i in range(100000):\n    a = [a]")
        guard case .error(let ename, let evalue, _) = r.run("np.array(a)") else { Issue.record("expected an error"); return }
        #expect(ename == "ValueError")
        #expect(evalue.contains("maximum number of dimension of 32"))
        #expect(r.result("b = 1\nfor i in range(32):\n    b = [b]\nnp.array(b).ndim") == "32")
        r.run("a = None")
    }
}
