import JSON
import Figures
import NeuralNet
import Rendering
import Testing

/// `explain_params`: every formula, evaluated, equals Keras's count for every layer of every
/// reference model, and the totals equal the summary's.
@Suite("explain_params against the reference models")
struct ExplainParamsTests {
    /// The model a layers_NAME.json describes, built from its config as a lesson would write it.
    static func build(_ j: JSON) throws -> Sequential {
        let s = Session(seed: 1)
        let input = try #require(j["input_shape"]?.arrayValue).dropFirst().map { $0.isNull ? nil : $0.intValue }
        var layers: [any Layer] = []
        for (i, l) in try #require(j["layers"]?.arrayValue).enumerated() {
            let c = try #require(l["config"])
            let shape: [Int?]? = i == 0 ? Array(input) : nil
            func ints(_ key: String) -> IntOrTuple { IntOrTuple((c[key]?.arrayValue ?? []).compactMap(\.intValue)) }
            switch l["class"]?.stringValue {
            case "Conv2D":
                layers.append(try Conv2D(filters: try #require(c["filters"]?.intValue), kernelSize: ints("kernel_size"),
                                         activation: c["activation"]?.stringValue, useBias: c["use_bias"]?.boolValue ?? true,
                                         inputShape: shape, session: s))
            case "MaxPooling2D": layers.append(try MaxPooling2D(poolSize: ints("pool_size"), inputShape: shape, session: s))
            case "Flatten": layers.append(try Flatten(inputShape: shape, session: s))
            case "Dense":
                layers.append(try Dense(units: try #require(c["units"]?.intValue), activation: c["activation"]?.stringValue,
                                        useBias: c["use_bias"]?.boolValue ?? true, session: s))
            case let other: Issue.record("no builder for \(other ?? "?")")
            }
        }
        return try Sequential(layers: layers, session: s)
    }

    @Test(arguments: Reference.builtNames)
    func formulasEqualKerasCounts(name: String) throws {
        let j = try Reference.json(name)
        let x = try ParamExplanation(Self.build(j))
        let layers = try #require(j["layers"]?.arrayValue)
        #expect(x.rows.count == layers.count)
        for (row, ref) in zip(x.rows, layers) {
            #expect(row.name == ref["name"]?.stringValue)
            #expect(row.params == ref["params"]?.intValue)
            #expect(row.trainable == ref["trainable_params"]?.intValue)
            #expect(row.nonTrainable == ref["non_trainable_params"]?.intValue)
            #expect(try FormulaValue.evaluate(row.formula) == ref["params"]?.intValue, "\(row.name): \(row.formula)")
            if row.params == 0 { #expect(row.equation == "0: no weights") }
        }
        let summary = try Reference.summary(name)
        #expect(x.total == summary.totalParams)
        #expect(x.trainable == summary.trainableParams)
        #expect(x.nonTrainable == summary.nonTrainableParams)
        // The HTML shows each equation and the total.
        let html = PicturesHTML.parameters(x)
        try HTMLCheck.wellFormed(html)
        #expect(HTMLCheck.tableRows(html).count == layers.count + 2)
        #expect(html.contains(groupedDigits(x.total)))
    }

    @Test func theIssuesExamples() throws {
        let x = try ParamExplanation(Self.build(try Reference.json("d_pooling_cnn")))
        #expect(x.rows[0].equation == "(3 x 3 x 1 + 1) x 32 = 320")
        #expect(x.rows[1].equation == "0: no weights")
        #expect(x.rows[6].equation == "(576 + 1) x 64 = 36,928")
        let s = Session()
        let bn = try Sequential(layers: [
            Conv2D(filters: 64, kernelSize: 3, useBias: false, inputShape: [28, 28, 1], session: s),
            BatchNormalization(session: s),
        ], session: s)
        let y = try ParamExplanation(bn)
        #expect(y.rows[0].equation == "3 x 3 x 1 x 64 = 576")
        #expect(y.rows[1].equation == "4 x 64 = 256 (128 trainable)")
        #expect(y.rows[1].meaning.contains("gamma") && y.rows[1].meaning.contains("only gamma and beta are learned"))
        #expect(y.trainable == 576 + 128 && y.nonTrainable == 128)
        let html = PicturesHTML.parameters(y)
        #expect(html.contains("3 \u{00D7} 3 \u{00D7} 1 \u{00D7} 64 = 576"))
        #expect(html.contains("4 \u{00D7} 64 = 256 (128 trainable)"))
    }

    @Test func kernelsWhoseLastAxisIsNotTheOutput() throws {
        let s = Session()
        let m = try Sequential(layers: [
            Conv2DTranspose(filters: 16, kernelSize: 3, strides: 2, inputShape: [7, 7, 32], session: s),
            DepthwiseConv2D(kernelSize: 3, depthMultiplier: 2, session: s),
            DepthwiseConv2D(kernelSize: 3, useBias: false, session: s),
            SeparableConv2D(filters: 8, kernelSize: 3, session: s),
        ], session: s)
        let x = try ParamExplanation(m)
        #expect(x.rows.map(\.equation) == ["(3 x 3 x 32 + 1) x 16 = 4,624", "(3 x 3 + 1) x 32 = 320", "3 x 3 x 32 = 288",
                                           "3 x 3 x 32 x 1 + 1 x 1 x 32 x 8 + 8 = 552"])
        for row in x.rows { #expect(try FormulaValue.evaluate(row.formula) == row.params, "\(row.name): \(row.formula)") }
        #expect(x.rows[0].meaning == "3x3 kernel on 32 input channels, +1 bias, for each of 16 filters")
    }

    @Test func anUnbuiltModelIsAnError() throws {
        let s = Session()
        let m = try Sequential(layers: [Dense(units: 3, session: s)], session: s)
        #expect(throws: LayerError.self) { try ParamExplanation(m) }
    }
}

/// Evaluates `(3 x 3 x 1 + 1) x 32`: numbers (with thousands commas), `x`, `+`, parentheses.
enum FormulaValue {
    struct Bad: Error {}
    static func evaluate(_ s: String) throws -> Int {
        var tokens = s.replacingOccurrences(",", "").split(separator: " ").flatMap { t -> [String] in
            var out: [String] = []
            var number = ""
            for ch in t {
                if ch.isNumber { number.append(ch) } else {
                    if !number.isEmpty { out.append(number); number = "" }
                    out.append(String(ch))
                }
            }
            if !number.isEmpty { out.append(number) }
            return out
        }[...]
        func sum() throws -> Int {
            var v = try product()
            while tokens.first == "+" { tokens.removeFirst(); v += try product() }
            return v
        }
        func product() throws -> Int {
            var v = try atom()
            while tokens.first == "x" { tokens.removeFirst(); v *= try atom() }
            return v
        }
        func atom() throws -> Int {
            guard let t = tokens.popFirst() else { throw Bad() }
            if t == "(" {
                let v = try sum()
                guard tokens.popFirst() == ")" else { throw Bad() }
                return v
            }
            guard let n = Int(t) else { throw Bad() }
            return n
        }
        let v = try sum()
        guard tokens.isEmpty else { throw Bad() }
        return v
    }
}

extension String {
    fileprivate func replacingOccurrences(_ a: Character, _ b: String) -> String { String(filter { $0 != a }) }
}
