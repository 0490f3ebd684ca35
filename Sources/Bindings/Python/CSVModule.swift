import FoveaLang

/// `csv.writer(f).writerow(...)` and `csv.reader(f)`: Python's default dialect (comma, double
/// quotes where a field needs them, `\r\n` line ends on writing), over any file-like object with
/// `write` or any iterable of lines.
enum CSVModule {
    final class Writer: FoveaObject {
        let write: Value
        let delimiter: String
        init(write: Value, delimiter: String) { self.write = write; self.delimiter = delimiter }
        var typeName: String { "_csv.writer" }
        var hostClass: AnyHostClass? { Writer.binding }

        func line(_ row: [Value]) -> String {
            row.map { v -> String in
                let text = v.isNone ? "" : Repr.str(v)
                let needsQuotes = text.contains(delimiter) || text.contains("\"") || text.contains("\n") || text.contains("\r")
                return needsQuotes ? "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : text
            }.joined(separator: delimiter) + "\r\n"
        }

        static let binding = HostClass<Writer>("writer", module: "_csv", doc: "Writes rows of values as CSV lines.")
            .method("writerow", [.required("row", positionalOnly: true)], doc: "Write one row (a list of values).") { w, a, ctx in
                try ctx.call(w.write, [.str(w.line(try ctx.at(a.span(of: "row")).iterate(a["row"]!)))])
            }
            .method("writerows", [.required("rows", positionalOnly: true)], doc: "Write every row of an iterable of rows.") { w, a, ctx in
                for row in try ctx.at(a.span(of: "rows")).iterate(a["rows"]!) {
                    _ = try ctx.call(w.write, [.str(w.line(try ctx.at(a.span(of: "rows")).iterate(row)))])
                }
                return .none
            }
    }

    /// One CSV line split into fields, with quoted fields unquoted.
    static func fields(_ line: String, delimiter: Character) -> [Value] {
        var fields: [Value] = []
        var field = ""
        var quoted = false
        // The line end, "\n" or "\r\n" (one Character in Swift), is not part of the last field.
        var scalars = line.unicodeScalars[...]
        while let last = scalars.last, last == "\n" || last == "\r" { scalars = scalars.dropLast() }
        let chars = String(String.UnicodeScalarView(scalars))
        var i = chars.startIndex
        while i < chars.endIndex {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    let next = chars.index(after: i)
                    if next < chars.endIndex, chars[next] == "\"" { field.append("\""); i = next } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == delimiter {
                fields.append(.str(field)); field = ""
            } else {
                field.append(c)
            }
            i = chars.index(after: i)
        }
        fields.append(.str(field))
        return fields
    }

    static func module() -> ModuleValue {
        let m = ModuleValue("csv", doc: "Read and write CSV files: csv.writer(f).writerow([...]) and csv.reader(f).")
        m.add(NativeFunction("writer", doc: "A writer of CSV rows into a file opened for writing.",
                             parameters: [.required("csvfile"), .keywordOnly("delimiter", default: .str(","))]) { a, ctx in
            let delimiter = try a.string("delimiter")
            let write = try ctx.at(a.span(of: "csvfile")).getAttribute(a["csvfile"]!, "write")
            return .object(Writer(write: write, delimiter: delimiter))
        })
        m.add(NativeFunction("reader", doc: "The rows of a CSV file (or any iterable of lines), each a list of strings.",
                             parameters: [.required("csvfile"), .keywordOnly("delimiter", default: .str(","))]) { a, ctx in
            let delimiter = try a.string("delimiter")
            guard delimiter.count == 1, let d = delimiter.first else {
                throw Diagnostic(.typeError, "\"delimiter\" must be a 1-character string", at: a.span(of: "delimiter"))
            }
            let lines = try ctx.at(a.span(of: "csvfile")).iterator(a["csvfile"]!)
            return .iterator(IteratorBox("_csv.reader") {
                guard let line = try lines.next() else { return nil }
                guard case .str(let s) = line else {
                    throw Diagnostic(.typeError, "iterator should return strings, not \(line.typeName)")
                }
                return .list(fields(s, delimiter: d))
            })
        })
        return m
    }
}
