import Testing
import FoveaLang

@Suite("Runtime fixtures")
struct RuntimeFixtureTests {
    @Test("fixtures exist") func fixturesExist() {
        #expect(RunFixtures.files().count >= 5)
    }

    @Test("run fixture", arguments: RunFixtures.files())
    func runFixture(_ name: String) {
        let problems = RunFixtures.run(name)
        for p in problems { Issue.record(Comment(rawValue: p)) }
    }
}
