/// A box-drawn table laid out the way Keras's `print_summary` gets it from rich
/// (`rich.table.Table(*columns, width=line_length, show_lines=True)`, box `HEAVY_HEAD`, one space of
/// padding each side of a cell, fixed-width columns whose text wraps at spaces and is cut with `…`).
public struct TextTable: Sendable {
    public enum Justify: Sendable { case left, right }

    public struct Column: Sendable {
        public var header: String
        public var justify: Justify
        public init(_ header: String, justify: Justify = .left) {
            self.header = header; self.justify = justify
        }
    }

    public var columns: [Column]
    /// The text widths of the columns (without padding).
    public var widths: [Int]
    public var rows: [[String]] = []

    public init(columns: [Column], widths: [Int]) {
        precondition(columns.count == widths.count)
        self.columns = columns; self.widths = widths
    }

    /// Keras's column rule. Each column gets `int(p * lineLength) - (sum so far)` for the positions
    /// `p`, then rich fits the padded columns (width + 2) into `lineLength` minus the borders
    /// (columns + 1) by taking the excess off them evenly with `ratio_reduce` (Python rounding, half
    /// to even). For 88 and `[0.45, 0.80, 1.0]`: 39, 31, 18 -> padded 41, 33, 20 (94) -> 84 allowed ->
    /// minus 3, 4, 3 -> 38, 29, 17 padded, text widths 36, 27, 15; the line is 88 characters.
    public static func columnWidths(lineLength: Int, positions: [Double]) -> [Int] {
        var requested: [Int] = []
        var current = 0
        for p in positions {
            let width = Int((p * Double(lineLength)).rounded(.towardZero)) - current
            requested.append(width)
            current += width
        }
        let padded = requested.map { $0 + 2 }
        let available = lineLength - (positions.count + 1)
        let total = padded.reduce(0, +)
        var result = padded
        if total > available {
            var remaining = total - available
            var ratioLeft = padded.count
            for i in padded.indices {
                let share = (Double(remaining) / Double(ratioLeft)).rounded(.toNearestOrEven)
                let distributed = min(padded[i], Int(share))
                result[i] = padded[i] - distributed
                remaining -= distributed
                ratioLeft -= 1
            }
        }
        return result.map { max(0, $0 - 2) }
    }

    public mutating func addRow(_ cells: [String]) {
        precondition(cells.count == columns.count)
        rows.append(cells)
    }

    /// The table's lines, each ending in a newline.
    public func render() -> String {
        var out = ""
        out += rule("┏", "━", "┳", "┓")
        out += renderRow(columns.map(\.header), bar: "┃")
        out += rule("┡", "━", "╇", "┩")
        for (i, row) in rows.enumerated() {
            if i > 0 { out += rule("├", "─", "┼", "┤") }
            out += renderRow(row, bar: "│")
        }
        out += rule("└", "─", "┴", "┘")
        return out
    }

    private func rule(_ left: String, _ line: String, _ cross: String, _ right: String) -> String {
        left + widths.map { String(repeating: line, count: $0 + 2) }.joined(separator: cross) + right + "\n"
    }

    private func renderRow(_ cells: [String], bar: String) -> String {
        let wrapped = cells.indices.map { TextTable.wrap(cells[$0], width: widths[$0], justify: columns[$0].justify) }
        let height = wrapped.map(\.count).max() ?? 1
        var out = ""
        for line in 0..<height {
            out += bar
            for (i, cell) in wrapped.enumerated() {
                let text = line < cell.count ? cell[line] : String(repeating: " ", count: widths[i])
                out += " " + text + " " + bar
            }
            out += "\n"
        }
        return out
    }

    /// One cell's text as lines of exactly `width` cells, as rich's `Text.wrap` does with
    /// `overflow="ellipsis"` (a rich `Column`'s default, which Keras keeps): lines break before a word
    /// (a run of non-spaces with its trailing spaces) that does not fit; a word longer than the width
    /// gets a line of its own and is cut to `width - 1` cells plus `…`. Newlines in the text start new
    /// lines. Left-justified lines are padded on the right, right-justified ones on the left.
    public static func wrap(_ text: String, width: Int, justify: Justify) -> [String] {
        var result: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for var piece in divide(Array(line), width: width) {
                // rich's rstrip_end: drop trailing spaces that stick out past the width.
                var excess = Formatting.cellWidth(String(piece)) - width
                while excess > 0, let last = piece.last, last.isWhitespace {
                    piece.removeLast(); excess -= 1
                }
                result.append(justified(piece, width: width, justify: justify))
            }
        }
        return result
    }

    /// rich's `divide_line` without folding: the pieces of a line, split before words that do not fit.
    static func divide(_ chars: [Character], width: Int) -> [[Character]] {
        var breaks: [Int] = []
        var offset = 0
        var i = 0
        while i < chars.count {
            // A word: leading spaces (only at the start of the line), non-spaces, trailing spaces.
            let start = i
            while i < chars.count && chars[i].isWhitespace { i += 1 }
            if i == chars.count && start > 0 { break }
            while i < chars.count && !chars[i].isWhitespace { i += 1 }
            let stemEnd = i
            while i < chars.count && chars[i].isWhitespace { i += 1 }
            let stemLength = Formatting.cellWidth(String(chars[start..<stemEnd]))
            let wordLength = Formatting.cellWidth(String(chars[start..<i]))
            if width - offset >= stemLength {
                offset += wordLength
            } else if stemLength > width {
                if start > 0 { breaks.append(start) }
                offset = wordLength
            } else if offset > 0 && start > 0 {
                breaks.append(start)
                offset = wordLength
            }
        }
        var pieces: [[Character]] = []
        var from = 0
        for b in breaks { pieces.append(Array(chars[from..<b])); from = b }
        pieces.append(Array(chars[from...]))
        return pieces
    }

    static func justified(_ piece: [Character], width: Int, justify: Justify) -> String {
        var chars = piece
        if justify == .right {
            while let last = chars.last, last.isWhitespace { chars.removeLast() }
        }
        var text = String(chars)
        if Formatting.cellWidth(text) > width {
            text = cropped(text, to: max(0, width - 1)) + (width > 0 ? "…" : "")
        }
        let pad = String(repeating: " ", count: max(0, width - Formatting.cellWidth(text)))
        return justify == .left ? text + pad : pad + text
    }

    /// rich's `set_cell_size` when shrinking: the longest prefix within `cells`, padded with a space
    /// when a wide character would straddle the edge.
    static func cropped(_ text: String, to cells: Int) -> String {
        var out = ""
        var used = 0
        for c in text {
            let w = Formatting.cellWidth(c)
            if used + w > cells { break }
            out.append(c); used += w
        }
        return out + String(repeating: " ", count: cells - used)
    }
}
