import Figures
import NeuralNet
import Rendering
import Testing

@Suite struct FormattingTests {
    @Test(arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1_000, "1,000"), (18_496, "18,496"), (100_480, "100,480"),
        (1_384_832, "1,384,832"), (138_357_544, "138,357,544"), (-1_234, "-1,234"),
    ])
    func thousands(n: Int, expected: String) {
        #expect(Formatting.thousands(n) == expected)
    }

    @Test(arguments: [
        (0, "0.00 B"), (1, "1.00 B"), (1_023, "1023.00 B"), (1_024, "1.00 KB"), (1_280, "1.25 KB"),
        (93_322 * 4, "364.54 KB"), (55_744 * 4, "217.75 KB"), (1_384_832 * 4, "5.28 MB"),
        (1_048_575, "1024.00 KB"), (1_048_576, "1.00 MB"), (138_357_544 * 4, "527.79 MB"),
        (1 << 30, "1.00 GB"), (3 << 30 + 1 << 29, "3.50 GB"), (1 << 40, "1.00 TB"),
    ])
    func byteSizes(bytes: Int, expected: String) {
        #expect(Formatting.byteSize(bytes) == expected)
    }

    @Test func byteSizesRoundLikePython() {
        // "{:.2f}" rounds the binary value: 0.125 is exact and goes to even, 0.375 likewise.
        #expect(Formatting.fixed(0.125, decimals: 2) == "0.12")
        #expect(Formatting.fixed(0.375, decimals: 2) == "0.38")
        #expect(Formatting.fixed(2.675, decimals: 2) == "2.67")  // 2.67499999... in binary
        #expect(Formatting.byteSize(128) == "128.00 B")
        #expect(Formatting.byteSize(1_024 + 128) == "1.12 KB")  // 1.125 exactly, half to even
    }

    @Test func shapes() {
        #expect(Formatting.shape([nil, 26, 26, 32]) == "(None, 26, 26, 32)")
        #expect(Formatting.shape([nil, 576]) == "(None, 576)")
        #expect(Formatting.shape([nil]) == "(None)")
        #expect(Formatting.shape([]) == "()")
        #expect(Formatting.shape(nil) == "?")
    }

    @Test func cellWidths() {
        #expect(Formatting.cellWidth("conv2d") == 6)
        #expect(Formatting.cellWidth("層") == 2)
        #expect(Formatting.cellWidth("e\u{301}") == 1)
    }

    @Test func kerasColumnWidths() {
        #expect(TextTable.columnWidths(lineLength: 88, positions: SummaryText.defaultPositions) == [36, 27, 15])
        // Keras's functional layout, for the record: 108 and [0.3, 0.56, 0.74, 1.0].
        // 32, 28, 19, 29 -> padded 34, 30, 21, 31 (116) into 103 -> minus 3, 3, 4, 3.
        let functional: [Int] = TextTable.columnWidths(lineLength: 108, positions: [0.3, 0.56, 0.74, 1.0])
        #expect(functional == [29, 25, 15, 26])
    }
}

@Suite struct WrappingTests {
    @Test func wordsThatFitStayOnOneLine() {
        #expect(TextTable.wrap("conv2d (Conv2D)", width: 20, justify: .left) == ["conv2d (Conv2D)     "])
        #expect(TextTable.wrap("0 (unbuilt)", width: 15, justify: .right) == ["    0 (unbuilt)"])
    }

    @Test func longTextBreaksBeforeTheWordThatDoesNotFit() {
        #expect(TextTable.wrap("my_rather_long_layer_name (Conv2D)", width: 30, justify: .left)
                == ["my_rather_long_layer_name     ", "(Conv2D)                      "])
        #expect(TextTable.wrap("(None, 1000, 1000, 1000)", width: 12, justify: .left)
                == ["(None, 1000,", "1000, 1000) "])
        #expect(TextTable.wrap("1,234 (unbuilt)", width: 8, justify: .right) == ["   1,234", "(unbuil…"])
    }

    @Test func aWordLongerThanTheColumnIsCutWithAnEllipsis() {
        let name = "a_layer_name_far_longer_than_its_column (Conv2D)"
        #expect(TextTable.wrap(name, width: 20, justify: .left) == ["a_layer_name_far_lo…", "(Conv2D)            "])
    }

    @Test func aLongNameInTheSummaryTakesExtraLinesInItsRow() {
        let s = ModelSummary(modelName: "sequential", modelClass: "Sequential", rows: [
            .init(name: "first_convolution_of_the_feature_extractor", className: "Conv2D", outputShape: [nil, 26, 26, 32], params: 320),
            .init(name: "a very long name with spaces that wraps over lines", className: "Dense", outputShape: [nil, 10], params: 650),
        ], trainableParams: 970, nonTrainableParams: 0)
        let expected = """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
        │ first_convolution_of_the_feature_ex… │ (None, 26, 26, 32)          │             320 │
        │ (Conv2D)                             │                             │                 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ a very long name with spaces that    │ (None, 10)                  │             650 │
        │ wraps over lines (Dense)             │                             │                 │
        └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
         Total params: 970 (3.79 KB)
         Trainable params: 970 (3.79 KB)
         Non-trainable params: 0 (0.00 B)

        """
        let actual = SummaryText.render(s)
        #expect(actual == expected, "\(lineDiff(expected: expected, actual: actual))")
    }

    @Test func everyLineOfTheTableIsEightyEightCharactersWide() throws {
        for name in Reference.allNames {
            let lines = SummaryText.render(try Reference.summary(name)).split(separator: "\n")
            for line in lines.dropFirst().prefix(while: { !$0.hasPrefix(" ") }) {
                #expect(line.count == 88, "\(name): \(line)")
            }
        }
    }
}

@Suite struct TotalsTests {
    static let trained = ModelSummary(modelName: "sequential", modelClass: "Sequential", rows: [
        .init(name: "dense", className: "Dense", outputShape: [nil, 10], params: 7_850),
    ], trainableParams: 7_850, nonTrainableParams: 0, optimizerParams: 15_702)

    @Test func optimizerLineComesLastAndCountsInTheTotal() {
        let lines = SummaryText.render(Self.trained).split(separator: "\n").suffix(4).map(String.init)
        #expect(lines == [
            " Total params: 23,552 (92.00 KB)",
            " Trainable params: 7,850 (30.66 KB)",
            " Non-trainable params: 0 (0.00 B)",
            " Optimizer params: 15,702 (61.34 KB)",
        ])
    }

    @Test func noOptimizerLineBeforeTheOptimizerIsBuilt() {
        var s = Self.trained
        s.optimizerParams = nil
        #expect(!SummaryText.render(s).contains("Optimizer"))
        #expect(SummaryText.render(s).contains(" Total params: 7,850 (30.66 KB)\n"))
    }

    @Test func nonTrainableParamsCountInTheTotal() {
        let s = ModelSummary(modelName: "sequential_1", modelClass: "Sequential", rows: [
            .init(name: "batch_normalization", className: "BatchNormalization", outputShape: [nil, 26, 26, 32], params: 128),
        ], trainableParams: 64, nonTrainableParams: 64)
        let text = SummaryText.render(s)
        #expect(text.hasPrefix("Model: \"sequential_1\"\n"))
        #expect(text.hasSuffix(" Total params: 128 (512.00 B)\n Trainable params: 64 (256.00 B)\n Non-trainable params: 64 (256.00 B)\n"))
    }

    @Test func anEmptyModelStillDrawsItsTable() {
        let s = ModelSummary(modelName: "sequential", modelClass: "Sequential", rows: [], trainableParams: 0, nonTrainableParams: 0)
        let lines = SummaryText.render(s).split(separator: "\n")
        #expect(lines.count == 8)
        #expect(lines[3].hasPrefix("┡") && lines[4].hasPrefix("└"))
    }
}
