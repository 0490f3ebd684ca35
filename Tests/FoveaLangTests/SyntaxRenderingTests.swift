import FoveaLang
import Testing

@Suite struct SyntaxRenderingTests {
    @Test func boxLayoutAsInTheDesign() {
        let source = SourceFile(name: "In[3]", text: "import keras\nmodel.add(Conv2D(0, (3, 3)))")
        let d = Diagnostic(.valueError, "Conv2D expects a positive number of filters. Received: filters=0",
                           at: Span(30, 31), notes: ["help: did you mean 'print'?"])
        #expect(d.render(in: source) == [
            "ValueError: Conv2D expects a positive number of filters. Received: filters=0",
            "  --> In[3]:2:18",
            "   |",
            " 2 | model.add(Conv2D(0, (3, 3)))",
            "   |                  ^",
            "   = help: did you mean 'print'?",
        ])
    }

    @Test func twoDigitLineNumberWidensTheGutter() {
        let text = (1...11).map { "x\($0) = \($0)" }.joined(separator: "\n") + "\nprint(\"a\" \"b\" x)"
        let source = SourceFile(name: "In[12]", text: text)
        let result = Parser.parse(source)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics[0].render(in: source) == [
            "SyntaxError: invalid syntax",
            "   --> In[12]:12:7",
            "    |",
            " 12 | print(\"a\" \"b\" x)",
            "    |       ^^^^^^^^^",
            "    = help: Perhaps you forgot a comma?",
        ])
    }

    @Test func noSpanGivesOnlyTheMessageAndNotes() {
        let d = Diagnostic(.keyboardInterrupt, "interrupted", notes: ["help: run the cell again"])
        #expect(d.render(in: SourceFile(name: "In[1]", text: "x")) == [
            "KeyboardInterrupt: interrupted",
            "   = help: run the cell again",
        ])
    }

    @Test func spanAcrossLinesUnderlinesToTheEndOfTheFirstLine() {
        let source = SourceFile(name: "In[1]", text: "x = f(1,\n      2)")
        let d = Diagnostic(.typeError, "bad call", at: Span(4, 17))
        #expect(d.render(in: source) == [
            "TypeError: bad call",
            "  --> In[1]:1:5",
            "   |",
            " 1 | x = f(1,",
            "   |     ^^^^",
        ])
    }

    @Test func tabsAreExpandedInCodeAndCarets() {
        let source = SourceFile(name: "In[1]", text: "if x:\n\ty = zz")
        let d = Diagnostic(.nameError, "name 'zz' is not defined", at: Span(11, 13))
        #expect(d.render(in: source) == [
            "NameError: name 'zz' is not defined",
            "  --> In[1]:2:6",
            "   |",
            " 2 |     y = zz",
            "   |         ^^",
        ])
    }

    @Test func emptySpanAtEndOfLineStillHasACaret() {
        let source = SourceFile(name: "In[1]", text: "if x\n    y = 1")
        let d = Parser.parse(source).diagnostics[0]
        #expect(d.render(in: source) == [
            "SyntaxError: expected ':'",
            "  --> In[1]:1:5",
            "   |",
            " 1 | if x",
            "   |     ^",
        ])
    }
}
