import FixtureSupport
import FoveaLang
import Testing

/// Deep nesting in a cell ends in a located SyntaxError, never a stack overflow: brackets stop at
/// CPython's 200, indentation at its 100 levels, other nesting at `ParserState.maxNesting`.
@Suite struct SyntaxNestingTests {
    func parse(_ text: String) -> (SourceFile, ParseResult) {
        let s = SourceFile(name: "In[1]", text: text)
        return (s, Parser.parse(s))
    }

    func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    /// The first diagnostic, with its text and where it points.
    func firstError(_ text: String) -> (ename: String, message: String, located: String, line: Int, column: Int)? {
        let (s, r) = parse(text)
        guard let d = r.diagnostics.first, let span = d.span else { return nil }
        let (line, column) = s.location(of: span.start)
        return (d.ename, d.message, s.slice(span), line, column)
    }

    @Test func tenLevelsOfEverythingRun() {
        let r = Recorder()
        #expect(r.result(repeated("[", 10) + "7" + repeated("]", 10)) == "[[[[[[[[[[7]]]]]]]]]]")
        #expect(r.result(repeated("(", 10) + "7" + repeated(")", 10)) == "7")
        #expect(r.result(repeated("{'k': ", 10) + "7" + repeated("}", 10) + repeated("['k']", 10)) == "7")
        #expect(r.result(repeated("-", 10) + "7") == "7")
        #expect(r.result(repeated("not ", 10) + "0") == "False")
        #expect(r.result("(" + repeated("lambda: ", 10) + "7)" + repeated("()", 10)) == "7")
        #expect(r.result(repeated("0 if 0 else ", 10) + "7") == "7")
        #expect(r.result("2" + repeated(" ** 1", 10)) == "2")
        #expect(r.result("1" + repeated(" + 1", 10)) == "11")
        #expect(r.result("'a'" + repeated(".upper()", 10)) == "'A'")
        var blocks = ""
        for level in 0..<10 { blocks += repeated("    ", level) + "if True:\n" }
        blocks += repeated("    ", 10) + "deep = 7\n"
        #expect(r.result(blocks + "deep") == "7")
    }

    @Test func bracketsPastTwoHundredAreTooManyNestedParentheses() {
        #expect(parse("x = " + repeated("[", 200) + repeated("]", 200)).1.diagnostics.isEmpty)
        for (open, close) in [("[", "]"), ("(", ")"), ("{", "}"), ("([{", "}])")] {
            for n in [201, 1_000] {
                let text = "x = " + repeated(open, n) + repeated(close, n)
                guard let e = firstError(text) else { Issue.record("no error for \(n) '\(open)'"); continue }
                #expect(e.ename == "SyntaxError" && e.message == "too many nested parentheses")
                // At the 201st bracket, as CPython.
                #expect(e.line == 1 && e.column == 5 + 200, "\(open) x \(n)")
                #expect(e.located.count == 1 && open.contains(e.located))
            }
        }
    }

    @Test func aHundredThousandOpenBracketsAreOneLocatedError() {
        let (s, r) = parse(repeated("[", 100_000))
        #expect(r.diagnostics.count == 1)
        let d = r.diagnostics[0]
        #expect(d.ename == "SyntaxError" && d.message == "too many nested parentheses")
        #expect(d.span.map { s.location(of: $0.start) } ?? (0, 0) == (1, 201))
        #expect(d.render(in: s).contains { $0.contains("--> In[1]:1:201") })
        #expect(CompletenessChecker.check(repeated("[", 100_000)) == .invalid)
        // The cell after it is fine.
        let r2 = Recorder()
        guard case .error(let ename, let evalue, _) = r2.run(repeated("[", 100_000)) else { Issue.record("ran"); return }
        #expect(ename == "SyntaxError" && evalue == "too many nested parentheses")
        #expect(r2.result("1 + 1") == "2")
    }

    @Test func otherDeepNestingIsTooComplex() {
        let n = 100_000
        let cases: [(String, String)] = [
            (repeated("-", n) + "1", "-"),
            (repeated("~", n) + "1", "~"),
            (repeated("not ", n) + "1", "not"),
            (repeated("lambda: ", n) + "1", "lambda"),
            (repeated("1 if 1 else ", n) + "1", "1"),
            ("2" + repeated(" ** 2", n), "**"),
            ("a" + repeated(".b", n), "b"),
            ("f" + repeated("()", n), "("),
            ("a" + repeated("[0]", n), "["),
            ("1" + repeated(" + 1", n), "+"),
            ("1" + repeated(" and 1", n), "and"),
            ("1" + repeated(" or 1", n), "or"),
            (repeated("-(", 150) + repeated("-", n) + "1" + repeated(")", 150), "-"),
            ("x = f'{" + repeated("-", n) + "1}'", "-"),
        ]
        for (code, at) in cases {
            guard let e = firstError(code) else { Issue.record("no error for \(code.prefix(20))"); continue }
            #expect(e.ename == "SyntaxError", "\(code.prefix(20))")
            #expect(e.message == "expression too complex: nested more than \(1_000) levels deep", "\(code.prefix(20))")
            #expect(e.line == 1 && e.located == at, "\(code.prefix(20)): at \(e.located.debugDescription)")
        }
        // Below the limit they parse.
        for code in [repeated("-", 900) + "1", "1" + repeated(" + 1", 900), "a" + repeated(".b", 900), repeated("not ", 900) + "1"] {
            #expect(parse(code).1.diagnostics.isEmpty, "\(code.prefix(20))")
        }
    }

    @Test func indentationPastNinetyNineLevelsIsAnIndentationError() {
        func nestedIfs(_ levels: Int) -> String {
            var code = ""
            for level in 0..<levels { code += repeated(" ", level) + "if x:\n" }
            return code + repeated(" ", levels) + "y = 1\n"
        }
        #expect(parse(nestedIfs(99)).1.diagnostics.isEmpty)
        for levels in [100, 1_000] {
            let (s, r) = parse(nestedIfs(levels))
            #expect(r.diagnostics.count == 1, "\(levels)")
            guard let d = r.diagnostics.first, let span = d.span else { Issue.record("no error"); continue }
            #expect(d.ename == "IndentationError" && d.message == "too many levels of indentation")
            #expect(s.location(of: span.start) == (101, 101))
        }
    }

    @Test func formatSpecsNestTwoDeep() {
        #expect(parse("f'{3:{4:>3}}'").1.diagnostics.isEmpty)
        guard let e = firstError("x = f'{3:{4:{5}}}'") else { Issue.record("no error"); return }
        #expect(e.ename == "SyntaxError" && e.message == "f-string: expressions nested too deeply")
        #expect(e.column == 13 && e.located == "{")
        let deep = "x = f'{3:" + repeated("{3:", 100_000) + repeated("}", 100_001) + "'"
        #expect(firstError(deep)?.message == "f-string: expressions nested too deeply")
    }
}
