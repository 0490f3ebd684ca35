import Testing
import FoveaLang

@Suite("Library fixtures")
struct LibraryFixtureTests {
    @Test("fixtures exist") func fixturesExist() {
        #expect(runFixtures.files().count >= 3)
    }

    @Test("run fixture", arguments: runFixtures.files())
    func runFixture(_ name: String) {
        for p in runFixtures.run(name) { Issue.record(Comment(rawValue: p)) }
    }
}

