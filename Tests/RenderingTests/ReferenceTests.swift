import Figures
import NeuralNet
import Rendering
import JSON
import Testing

/// The models real Keras summarised, in Tests/Fixtures/keras-reference (copies of shared/reference/keras).
enum Reference {
    static let builtNames = ["a_conv1", "b_conv_flatten_dense", "c_deeper", "d_pooling_cnn", "e_dense128", "e_dense64"]
    static let allNames = builtNames + ["unbuilt_sequential"]

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func directory() throws -> String {
        guard let dir = TestFiles.referenceDirectory else {
            throw Failure(description: "Tests/Fixtures/keras-reference not found in the repository")
        }
        return dir
    }

    static func text(_ name: String) throws -> String {
        let path = try directory() + "/summary_\(name).txt"
        guard let text = TestFiles.read(path) else { throw Failure(description: "cannot read \(path)") }
        return text
    }

    static func json(_ name: String) throws -> JSON {
        let path = try directory() + "/layers_\(name).json"
        guard let text = TestFiles.read(path) else { throw Failure(description: "cannot read \(path)") }
        return try JSON.parse(text)
    }

    /// The summary a model's layers_NAME.json describes; the unbuilt model, which has no JSON, by hand.
    static func summary(_ name: String) throws -> ModelSummary {
        if name == "unbuilt_sequential" {
            return ModelSummary(modelName: "sequential", modelClass: "Sequential", rows: [
                .init(name: "conv2d", className: "Conv2D", outputShape: nil, params: nil),
                .init(name: "flatten", className: "Flatten", outputShape: nil, params: nil),
                .init(name: "dense", className: "Dense", outputShape: nil, params: nil),
            ], trainableParams: 0, nonTrainableParams: 0)
        }
        let j = try json(name)
        func need<T>(_ v: T?, _ what: String) throws -> T {
            guard let v else { throw Failure(description: "layers_\(name).json: missing \(what)") }
            return v
        }
        var rows: [ModelSummary.Row] = []
        for layer in try need(j["layers"]?.arrayValue, "layers") {
            let shape = try need(layer["output_shape"]?.arrayValue, "output_shape").map { $0.isNull ? nil : $0.intValue }
            rows.append(.init(name: try need(layer["name"]?.stringValue, "name"),
                              className: try need(layer["class"]?.stringValue, "class"),
                              outputShape: shape, params: try need(layer["params"]?.intValue, "params")))
        }
        return ModelSummary(modelName: try need(j["model_name"]?.stringValue, "model_name"),
                            modelClass: try need(j["model_class"]?.stringValue, "model_class"), rows: rows,
                            trainableParams: try need(j["trainable_params"]?.intValue, "trainable_params"),
                            nonTrainableParams: try need(j["non_trainable_params"]?.intValue, "non_trainable_params"))
    }
}

/// A line-by-line account of where two texts differ, for failure messages.
func lineDiff(expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out = ""
    for i in 0..<max(e.count, a.count) {
        let el = i < e.count ? String(e[i]) : "<none>"
        let al = i < a.count ? String(a[i]) : "<none>"
        if el != al { out += "line \(i + 1):\n  keras: \(el.debugDescription)\n  ours:  \(al.debugDescription)\n" }
    }
    return out.isEmpty ? "(texts differ only in line endings)" : out
}

@Suite struct ReferenceSummaryTests {
    @Test(arguments: Reference.allNames)
    func textMatchesKerasByteForByte(name: String) throws {
        var expected = try Reference.text(name)
        // summary_unbuilt_sequential.txt alone ends in an extra empty line. Keras's print_summary
        // cannot print one (its last line is the Non-trainable one), so it came from the capture.
        if name == "unbuilt_sequential" && expected.hasSuffix("\n\n") { expected.removeLast() }
        let actual = SummaryText.render(try Reference.summary(name))
        #expect(Array(actual.utf8) == Array(expected.utf8), "summary_\(name).txt differs:\n\(lineDiff(expected: expected, actual: actual))")
    }

    @Test func onlyTheUnbuiltReferenceHasTheExtraBlankLine() throws {
        for name in Reference.allNames {
            #expect(try Reference.text(name).hasSuffix("\n\n") == (name == "unbuilt_sequential"), "\(name)")
        }
    }

    @Test(arguments: Reference.builtNames)
    func totalsAgreeWithTheJSON(name: String) throws {
        let j = try Reference.json(name)
        let s = try Reference.summary(name)
        #expect(s.totalParams == j["total_params"]?.intValue)
        #expect(s.rows.compactMap(\.params).reduce(0, +) == s.totalParams)
        let lines = try #require(j["summary_total_lines"]?.arrayValue).compactMap(\.stringValue)
        let rendered = SummaryText.render(s).split(separator: "\n").suffix(3).map(String.init)
        #expect(rendered == lines)
        #expect(j["summary_line_width"]?.intValue == SummaryText.defaultLineLength)
    }

    @Test(arguments: Reference.allNames)
    func htmlHasEveryLayerAndTheTotals(name: String) throws {
        let s = try Reference.summary(name)
        let html = SummaryHTML.render(s)
        try HTMLCheck.wellFormed(html)
        let rows = HTMLCheck.tableRows(html)
        #expect(rows.count == s.rows.count + 1)
        #expect(rows.first == ["Layer (type)", "Output Shape", "Param #"])
        for (row, layer) in zip(rows.dropFirst(), s.rows) {
            #expect(row == [SummaryFields.layer(layer), Formatting.shape(layer.outputShape), SummaryFields.params(layer)])
        }
        for line in SummaryFields.totals(s) {
            #expect(HTMLCheck.text(html).contains("\(line.label): \(line.count) (\(line.size))"))
        }
        #expect(HTMLCheck.text(html).hasPrefix("Model: \"\(s.modelName)\""))
    }
}
