/// A box's size from its text, as Graphviz sizes Keras's HTML table: each cell its text plus
/// 10 pt of padding and a 1 pt border, 2 pt between cells and around them; a row narrower than
/// the widest shares the difference among its cells. Cell frames are relative to the box.
enum DiagramBoxSizing {
    static func size(_ box: inout ModelDiagram.Box, _ measure: any DiagramTextMeasure) {
        typealias M = ModelDiagram.Metrics
        let natural = box.rows.map { row in
            row.map { cell -> (width: Double, height: Double) in
                let text = cell.runs.map { measure.advance($0.text, size: cell.size, bold: $0.bold) }.reduce(0, +)
                let line = measure.lineMetrics(size: cell.size)
                return (text + 2 * M.cellPadding + 2, line.ascent + line.descent + 2 * M.cellPadding + 2)
            }
        }
        let rowWidths = natural.map { cells in cells.map(\.width).reduce(0, +) + M.cellSpacing * Double(max(0, cells.count - 1)) }
        let inner = rowWidths.max() ?? 0
        var y = M.cellSpacing
        for (r, cells) in natural.enumerated() {
            let height = cells.map(\.height).max() ?? 0
            let extra = cells.isEmpty ? 0 : (inner - rowWidths[r]) / Double(cells.count)
            var x = M.cellSpacing
            for (c, cell) in cells.enumerated() {
                box.rows[r][c].frame = ModelDiagram.Rect(x: x, y: y, width: cell.width + extra, height: height)
                x += cell.width + extra + M.cellSpacing
            }
            y += height + M.cellSpacing
        }
        box.frame = ModelDiagram.Rect(x: 0, y: 0, width: inner + 2 * M.cellSpacing, height: y)
    }
}
