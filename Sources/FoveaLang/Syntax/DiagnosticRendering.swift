/// The traceback lines a frontend shows for a diagnostic:
///
///     ValueError: Conv2D expects a positive number of filters. Received: filters=0
///       --> In[3]:2:18
///        |
///      2 | model.add(Conv2D(0, (3, 3)))
///        |                  ^
///        = help: did you mean 'print'?
extension Diagnostic {
    /// Tabs in the code line are shown as this many columns (to the next multiple).
    public static let renderTabWidth = 4

    public func render(in source: SourceFile) -> [String] {
        var out = ["\(ename): \(message)"]
        guard let span else {
            return out + notes.map { "   = " + $0 }
        }
        let (line, column) = source.location(of: span.start)
        let number = String(line)
        let width = number.count
        let pad = String(repeating: " ", count: width + 2)
        out.append(String(repeating: " ", count: width + 1) + "--> \(source.name):\(line):\(column)")
        out.append(pad + "|")
        let code = Array(source.lineText(line).unicodeScalars)
        // Display columns with tabs expanded, for the code line and the carets alike.
        // (Counted as it goes: recounting `expanded` per character is quadratic on a long line.)
        var expanded = "", displayColumn: [Int] = [], shown = 0
        for c in code {
            displayColumn.append(shown)
            if c == "\t" {
                let n = Self.renderTabWidth - shown % Self.renderTabWidth
                expanded += String(repeating: " ", count: n)
                shown += n
            } else {
                expanded.unicodeScalars.append(c)
                shown += 1
            }
        }
        displayColumn.append(shown)
        func display(_ col: Int) -> Int {
            col < displayColumn.count ? displayColumn[col] : displayColumn[displayColumn.count - 1] + (col - displayColumn.count + 1)
        }
        let startCol = column - 1
        let (endLine, endColumn) = source.location(of: span.end)
        let endCol = endLine == line ? endColumn - 1 : code.count
        let from = display(startCol), to = display(max(endCol, startCol))
        let carets = String(repeating: "^", count: max(1, to - from))
        out.append(" " + number + " | " + expanded)
        out.append(pad + "| " + String(repeating: " ", count: from) + carets)
        return out + notes.map { pad + "= " + $0 }
    }
}
