import Testing
import FoveaLang

@Suite("Runtime fixtures")
struct RuntimeFixtureTests {
    @Test("fixtures exist") func fixturesExist() {
        #expect(runFixtures.files().count >= 5)
    }

    @Test("run fixture", arguments: runFixtures.files())
    func runFixture(_ name: String) {
        let problems = runFixtures.run(name)
        for p in problems { Issue.record(Comment(rawValue: p)) }
    }
}
