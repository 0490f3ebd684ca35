import Figures
import NeuralNet

/// `model.summary()` as Keras 3 prints it in a terminal (`print_summary` for a Sequential model).
///
/// ```
/// Model: "sequential"
/// ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
/// ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
/// ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
/// │ conv2d (Conv2D)                      │ (None, 26, 26, 32)          │             320 │
/// └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
///  Total params: 320 (1.25 KB)
///  Trainable params: 320 (1.25 KB)
///  Non-trainable params: 0 (0.00 B)
/// ```
public enum SummaryText {
    /// Keras's default line length for a Sequential model (`default_line_length = 88`).
    public static let defaultLineLength = 88
    /// Keras's column positions for a Sequential model, as fractions of the line length.
    public static let defaultPositions: [Double] = [0.45, 0.80, 1.0]

    /// Keras's line length and column positions for a functional model with "Connected to".
    public static let connectedLineLength = 108
    public static let connectedPositions: [Double] = [0.3, 0.56, 0.74, 1.0]

    /// The summary exactly as Keras prints it, every line ending in a newline.
    public static func render(_ s: ModelSummary) -> String {
        s.showsConnections ? render(s, lineLength: connectedLineLength, positions: connectedPositions)
            : render(s, lineLength: defaultLineLength, positions: defaultPositions)
    }

    /// The same with Keras's `line_length` and `positions` arguments (positions as fractions).
    public static func render(_ s: ModelSummary, lineLength: Int, positions: [Double]) -> String {
        let widths = TextTable.columnWidths(lineLength: lineLength, positions: positions)
        var columns: [TextTable.Column] = [.init("Layer (type)"), .init("Output Shape"), .init("Param #", justify: .right)]
        if s.showsConnections { columns.append(.init("Connected to")) }
        var table = TextTable(columns: columns, widths: widths)
        for row in s.rows {
            var cells = [SummaryFields.layer(row), Formatting.shape(row.outputShape), SummaryFields.params(row)]
            if s.showsConnections { cells.append(SummaryFields.connections(row)) }
            table.addRow(cells)
        }
        var out = "Model: \"\(s.modelName)\"\n"
        out += table.render()
        for line in SummaryFields.totals(s) {
            out += " \(line.label): \(line.count) (\(line.size))\n"
        }
        return out
    }
}

/// The texts both renderings show, computed once.
public enum SummaryFields {
    public struct TotalLine: Sendable, Equatable {
        /// `Total params`, `Trainable params`, `Non-trainable params`, `Optimizer params`.
        public var label: String
        /// The count with thousands separators.
        public var count: String
        /// The byte size, e.g. `364.54 KB`.
        public var size: String
    }

    /// `conv2d (Conv2D)`
    public static func layer(_ row: ModelSummary.Row) -> String {
        "\(row.name) (\(row.className))"
    }

    /// `conv2d[0][0], batch_normalization[0][0]`, or `-` for an Input (rich wraps it at the spaces).
    public static func connections(_ row: ModelSummary.Row) -> String {
        let links = row.connections ?? []
        return links.isEmpty ? "-" : links.joined(separator: ", ")
    }

    /// `18,496`, or `0 (unbuilt)` while the layer is unbuilt.
    public static func params(_ row: ModelSummary.Row) -> String {
        row.params.map { Formatting.thousands($0) } ?? "0 (unbuilt)"
    }

    /// Keras's lines below the table. As in Keras, the total includes the optimizer's variables once
    /// the optimizer is built, and the optimizer line comes last.
    public static func totals(_ s: ModelSummary) -> [TotalLine] {
        let optimizer = s.optimizerParams ?? 0
        let total = s.trainableParams + s.nonTrainableParams + optimizer
        func line(_ label: String, _ n: Int, integers: Int = 0) -> TotalLine {
            TotalLine(label: label, count: Formatting.thousands(n), size: Formatting.byteSize((n + integers) * s.bytesPerParam))
        }
        var lines = [
            line("Total params", total, integers: s.integerParams),
            line("Trainable params", s.trainableParams),
            line("Non-trainable params", s.nonTrainableParams, integers: s.integerParams),
        ]
        if let optimizerParams = s.optimizerParams { lines.append(line("Optimizer params", optimizerParams)) }
        return lines
    }
}
