import FixtureSupport
import FoveaLang
import Testing

@Suite struct SyntaxFixtureTests {
    @Test func fixturesExist() {
        #expect(Fixtures.files().count >= 3, "fixtures in \(Fixtures.directory)")
    }

    @Test(arguments: Fixtures.allCells())
    func cell(_ cell: FixtureCell) {
        let source = SourceFile(name: "In[1]", text: cell.code)
        let result = Parser.parse(source)
        var expectedErrors: [(String, [String])] = []
        var expectedAST: [String] = []
        var checkDiagnostics = false
        var completeness: String? = nil
        for e in cell.expectations {
            if e == "ok" { checkDiagnostics = true }
            else if e.hasPrefix("error ") { checkDiagnostics = true; expectedErrors.append((e, [])) }
            else if e.hasPrefix("note: ") {
                if !expectedErrors.isEmpty { expectedErrors[expectedErrors.count - 1].1.append(String(e.dropFirst(6))) }
            }
            else if e.hasPrefix("ast: ") { expectedAST.append(String(e.dropFirst(5))) }
            else if e == "complete" || e == "invalid" || e.hasPrefix("incomplete") { completeness = e }
            else { Issue.record("\(cell): unknown expectation '\(e)'") }
        }
        if checkDiagnostics {
            let actual = result.diagnostics
            let withEnd = expectedErrors.map { e in
                // "error L:C-L:C: ..." gives the end too.
                let pos = e.0.dropFirst(6).prefix { $0 != " " }
                return pos.contains("-")
            }
            var lines: [String] = []
            for (n, d) in actual.enumerated() {
                lines.append(describe(d, in: source, withEnd: n < withEnd.count && withEnd[n]))
            }
            #expect(lines == expectedErrors.map { $0.0 }, "\(cell)")
            for (n, d) in actual.enumerated() where n < expectedErrors.count {
                #expect(d.notes == expectedErrors[n].1, "\(cell): notes of \(lines[n])")
            }
        }
        if !expectedAST.isEmpty {
            #expect(result.module.dump() == expectedAST.joined(separator: "; "), "\(cell)")
        }
        if let completeness {
            #expect(describe(CompletenessChecker.check(cell.code)) == completeness, "\(cell)")
        }
    }
}
