import FixtureSupport
import FoveaLang
import Glibc

/// Fixture files of cells with inline expectations, under Fixtures/syntax/ next to this file.
///
/// Format: cells are separated by lines starting with `# ---` (the rest of the line names the
/// case). Lines starting with `#>` are expectations and are removed from the cell text (put them
/// after the code so line numbers are those of the code):
///
///     #> ok                                  no diagnostics
///     #> ast: (= x 1)                        Module.dump(); several `ast:` lines join with "; "
///     #> error 2:18: SyntaxError: message    a diagnostic starting at line 2, column 18 (1-based)
///     #> error 2:18-2:21: SyntaxError: msg   ... and ending (exclusive) at line 2, column 21
///     #> note: help: ...                     a note of the previous error
///     #> complete | invalid | incomplete "    "   CompletenessChecker.check of the cell
///
/// Every diagnostic must be listed, in order. A cell without `ok` or `error` lines is not checked
/// for diagnostics (e.g. completeness-only cases).
struct FixtureCell: CustomStringConvertible, Sendable {
    var file: String
    var name: String
    var line: Int
    var code: String
    var expectations: [String]
    var description: String { "\(file):\(line) \(name)" }
}

enum Fixtures {
    static let directory = FixtureFiles.directory("syntax")

    static func files() -> [String] { FixtureFiles.names(in: directory, endingWith: ".cells") }

    static func cells(of file: String) -> [FixtureCell] {
        guard let text = FixtureFiles.read(directory + "/" + file) else { return [] }
        var cells: [FixtureCell] = []
        var current: FixtureCell? = nil
        var codeLines: [String] = []
        func close() {
            if var c = current {
                c.code = codeLines.joined(separator: "\n")
                cells.append(c)
            }
            codeLines = []
        }
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            if line.hasPrefix("# ---") {
                close()
                let name = line.dropFirst(5).trimmingCharacters()
                current = FixtureCell(file: file, name: name, line: n + 1, code: "", expectations: [])
            } else if line.hasPrefix("#>") {
                current?.expectations.append(String(line.dropFirst(2)).trimmingCharacters())
            } else if current != nil {
                codeLines.append(line)
            }
        }
        close()
        // A cell's trailing blank lines (before the next separator) are not part of it.
        return cells.map { c in
            var c = c
            while c.code.hasSuffix("\n") { c.code.removeLast() }
            return c
        }
    }

    static func allCells() -> [FixtureCell] { files().flatMap { cells(of: $0) } }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}

/// "L:C" of an offset.
func position(_ source: SourceFile, _ offset: Int) -> String {
    let (l, c) = source.location(of: offset)
    return "\(l):\(c)"
}

/// What a cell's diagnostics look like in fixture notation.
func describe(_ d: Diagnostic, in source: SourceFile, withEnd: Bool) -> String {
    var s = "error "
    if let span = d.span {
        s += position(source, span.start)
        if withEnd { s += "-" + position(source, span.end) }
    } else {
        s += "-"
    }
    return s + ": \(d.ename): \(d.message)"
}

func describe(_ c: Completeness) -> String {
    switch c {
    case .complete: return "complete"
    case .invalid: return "invalid"
    case .incomplete(let indent): return "incomplete \"\(indent)\""
    }
}
