import FoveaLang
import Testing

@Suite struct SyntaxParserTests {
    func parse(_ text: String) -> (SourceFile, ParseResult) {
        let s = SourceFile(name: "In[1]", text: text)
        return (s, Parser.parse(s))
    }

    @Test func spansAreTight() throws {
        let (s, r) = parse("x = model.fit(a, epochs=2)  # train\ny = (1, 2)\n")
        #expect(r.diagnostics.isEmpty)
        let first = r.module.body[0]
        #expect(s.slice(first.span) == "x = model.fit(a, epochs=2)")
        guard case .assign(let targets, let value) = first.kind, case .call(let callee, let args) = value.kind else {
            Issue.record("not an assignment of a call"); return
        }
        #expect(s.slice(targets[0].span) == "x")
        #expect(s.slice(callee.span) == "model.fit")
        if case .attribute(_, _, let nameSpan) = callee.kind { #expect(s.slice(nameSpan) == "fit") }
        #expect(s.slice(args[1].span) == "epochs=2")
        #expect(s.slice(args[1].value.span) == "2")
        if case .assign(_, let tuple) = r.module.body[1].kind { #expect(s.slice(tuple.span) == "(1, 2)") }
    }

    @Test func compoundStatementSpansEndAtTheirLastToken() {
        let (s, r) = parse("for i in range(3):\n    print(i)\n\n# done\nx = 1")
        #expect(s.slice(r.module.body[0].span) == "for i in range(3):\n    print(i)")
    }

    @Test func fstringFieldSpansPointIntoTheCell() {
        let (s, r) = parse("msg = f\"acc={acc:.2f} loss={loss}\"")
        guard case .assign(_, let v) = r.module.body[0].kind, case .fstring(let parts) = v.kind else {
            Issue.record("no f-string"); return
        }
        var fields: [String] = []
        for case .field(let e, _, _, _) in parts { fields.append(s.slice(e.span)) }
        #expect(fields == ["acc", "loss"])
    }

    @Test func comparisonOperatorSpans() {
        let (s, r) = parse("a is not b")
        guard case .expression(let e) = r.module.body[0].kind, case .compare(_, let chain) = e.kind else {
            Issue.record("no comparison"); return
        }
        #expect(s.slice(chain[0].opSpan) == "is not")
    }

    @Test func statementsThatParseAreKeptWhenOthersFail() {
        let (_, r) = parse("x = 1\ny = = 2\nz = 3")
        #expect(r.diagnostics.count == 1)
        #expect(r.module.dump() == "(= x 1); (= z 3)")
    }

    @Test func cellMagicBodyOffset() {
        let (s, r) = parse("%%time\nfor i in x:\n    f(i)")
        guard case .cellMagic(let name, _, let body, let offset) = r.module.body[0].kind else {
            Issue.record("no cell magic"); return
        }
        #expect(name == "time")
        #expect(body == "for i in x:\n    f(i)")
        #expect(s.location(of: offset) == (2, 1))
    }

    @Test func importSpans() {
        let (s, r) = parse("from tensorflow.keras import layers as L, models")
        guard case .importFrom(let module, let moduleSpan, let names) = r.module.body[0].kind else {
            Issue.record("no import"); return
        }
        #expect(module == "tensorflow.keras")
        #expect(s.slice(moduleSpan) == "tensorflow.keras")
        #expect(names?.map { s.slice($0.span) } == ["layers as L", "models"])
    }

    @Test func emptyCellParses() {
        #expect(parse("").1.module.body.isEmpty)
        #expect(parse("\n\n  \n# only a comment\n").1.diagnostics.isEmpty)
    }

    @Test func windowsLineEndings() {
        let (_, r) = parse("if x:\r\n    y = 1\r\nz = 2\r\n")
        #expect(r.diagnostics.isEmpty)
        #expect(r.module.dump() == "(if (x (= y 1))); (= z 2)")
    }
}

@Suite struct SyntaxLexerTests {
    func kinds(_ text: String) -> [TokenKind] { Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind) }

    @Test func indentationTokens() {
        #expect(kinds("if x:\n    y\nz") == [
            .keyword("if"), .name("x"), .op(":"), .newline, .indent, .name("y"), .newline, .dedent,
            .name("z"), .newline, .endOfFile,
        ])
    }

    @Test func bracketsJoinLinesAndDedentAtEnd() {
        #expect(kinds("f(1,\n  2)") == [.name("f"), .op("("), .int(1), .op(","), .int(2), .op(")"), .newline, .endOfFile])
        #expect(kinds("if x:\n  y").suffix(4) == [.name("y"), .newline, .dedent, .endOfFile])
    }

    @Test func operatorsLongestFirst() {
        #expect(kinds("a **= b // c ... d != e -> f") == [
            .name("a"), .op("**="), .name("b"), .op("//"), .name("c"), .op("..."), .name("d"), .op("!="),
            .name("e"), .op("->"), .name("f"), .newline, .endOfFile,
        ])
    }

    @Test func errorsAreTokensAndDiagnostics() {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "t", text: "x = 1)\ny = 'abc"))
        #expect(diagnostics.map(\.message) == ["unmatched ')'", "unterminated string literal (detected at line 2)"])
        #expect(tokens.filter { if case .error = $0.kind { return true }; return false }.count == 2)
    }
}

@Suite struct SyntaxRobustnessTests {
    /// Every prefix of every fixture cell, and each cell with one character removed, parses and
    /// checks without crashing or hanging, and every diagnostic has a span inside the cell.
    @Test func truncatedAndDamagedCellsDoNotCrash() {
        var count = 0
        for cell in Fixtures.allCells() {
            let scalars = Array(cell.code.unicodeScalars)
            var variants: [String] = []
            for n in 0...scalars.count { variants.append(String(String.UnicodeScalarView(scalars[0..<n]))) }
            for n in stride(from: 0, to: scalars.count, by: 3) {
                var v = scalars; v.remove(at: n)
                variants.append(String(String.UnicodeScalarView(v)))
            }
            for text in variants {
                let source = SourceFile(name: "In[1]", text: text)
                let result = Parser.parse(source)
                for d in result.diagnostics {
                    if let span = d.span { #expect(span.start >= 0 && span.end <= scalars.count + 1, "\(text.debugDescription)") }
                    _ = d.render(in: source)
                }
                _ = CompletenessChecker.check(text)
                _ = result.module.dump()
                count += 1
            }
        }
        #expect(count > 1000)
    }
}
