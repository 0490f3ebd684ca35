import Figures
import NeuralNet
import Rendering
import Testing

@Suite struct SummaryHTMLTests {
    static let hostileName = "<script>alert(\"x\")</script> & 'quotes'"

    static let hostile = ModelSummary(modelName: "my <model> & \"friends\"", modelClass: "Sequential", rows: [
        .init(name: hostileName, className: "Conv2D", outputShape: [nil, 26, 26, 32], params: 320),
        .init(name: "dense", className: "Dense<T>", outputShape: nil, params: nil),
    ], trainableParams: 320, nonTrainableParams: 0, optimizerParams: 642)

    @Test func escapesEverythingTheUserNamed() throws {
        let html = SummaryHTML.render(Self.hostile)
        try HTMLCheck.wellFormed(html)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"))
        #expect(html.contains("Model: &quot;my &lt;model&gt; &amp; &quot;friends&quot;&quot;"))
        let rows = HTMLCheck.tableRows(html)
        #expect(rows[1] == ["\(Self.hostileName) (Conv2D)", "(None, 26, 26, 32)", "320"])
        #expect(rows[2] == ["dense (Dense<T>)", "?", "0 (unbuilt)"])
    }

    @Test func escapeFunction() {
        #expect(SummaryHTML.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(SummaryHTML.escape("plain (None, 10)") == "plain (None, 10)")
    }

    @Test func totalsIncludeTheOptimizerLine() throws {
        let text = HTMLCheck.text(SummaryHTML.render(Self.hostile))
        #expect(text.contains("Total params: 962 (3.76 KB)"))
        #expect(text.contains("Trainable params: 320 (1.25 KB)"))
        #expect(text.contains("Non-trainable params: 0 (0.00 B)"))
        #expect(text.contains("Optimizer params: 642 (2.51 KB)"))
    }

    @Test func layoutPieces() {
        let html = SummaryHTML.render(Self.hostile)
        #expect(html.contains("<thead>") && html.contains("<tbody>"))
        #expect(html.contains(" <span style=\"opacity: 0.7\">(Conv2D)</span>"))
        // Numbers right-aligned and monospaced; no colours of our own, so both themes read it.
        #expect(html.contains("text-align: right"))
        #expect(html.contains("monospace"))
        #expect(!html.contains("#fff") && !html.contains("white;") && !html.contains("black"))
        #expect(!html.contains("<style") && !html.contains("class=\"jp-"))
    }

    @Test func checkerRejectsBrokenHTML() {
        #expect(throws: HTMLCheck.Malformed.self) { try HTMLCheck.wellFormed("<table><tr></table>") }
        #expect(throws: HTMLCheck.Malformed.self) { try HTMLCheck.wellFormed("<div>a < b</div>") }
        #expect(throws: HTMLCheck.Malformed.self) { try HTMLCheck.wellFormed("<div>fish & chips</div>") }
        #expect(throws: HTMLCheck.Malformed.self) { try HTMLCheck.wellFormed("<div style=color:red>x</div>") }
        #expect(throws: HTMLCheck.Malformed.self) { try HTMLCheck.wellFormed("<div><span></div></span>") }
        #expect(throws: Never.self) { try HTMLCheck.wellFormed("<div class=\"a\">x<br>y &amp; z</div>") }
    }
}
