import Figures
import NeuralNet

/// `model.summary()` as an HTML fragment for a notebook's `text/html` output: the title, a real
/// table with one row per layer, then the totals. Self-contained: inline styles only, no scripts,
/// colours inherited from the notebook so it reads in light and dark themes alike, and every piece
/// of text escaped (layer and model names are the user's).
public enum SummaryHTML {
    public static func render(_ s: ModelSummary) -> String {
        let border = "1px solid rgba(128, 128, 128, 0.45)"
        let mono = "font-family: var(--jp-code-font-family, monospace); font-size: 0.95em"
        let cell = "padding: 0.25em 0.9em; color: inherit; background: transparent; vertical-align: top"
        let left = "\(cell); text-align: left"
        let right = "\(cell); text-align: right; white-space: nowrap; \(mono)"

        var out = "<div class=\"fovea-summary\" style=\"color: inherit; margin: 0.2em 0\">\n"
        out += "<div style=\"font-weight: bold; margin-bottom: 0.4em\">Model: \(escape("\"" + s.modelName + "\""))</div>\n"
        out += "<table style=\"border-collapse: collapse; table-layout: auto; border: \(border); color: inherit; background: transparent; margin: 0\">\n"
        out += "<thead><tr style=\"border-bottom: 2px solid rgba(128, 128, 128, 0.7); background: transparent\">"
        out += "<th style=\"\(left); font-weight: bold\">Layer (type)</th>"
        out += "<th style=\"\(left); font-weight: bold\">Output Shape</th>"
        out += "<th style=\"\(cell); text-align: right; font-weight: bold\">Param #</th>"
        if s.showsConnections { out += "<th style=\"\(left); font-weight: bold\">Connected to</th>" }
        out += "</tr></thead>\n"
        out += "<tbody>\n"
        for row in s.rows {
            out += "<tr style=\"border-top: \(border); background: transparent\">"
            out += "<td style=\"\(left); overflow-wrap: anywhere\">\(escape(row.name))"
            out += " <span style=\"opacity: 0.7\">(\(escape(row.className)))</span></td>"
            out += "<td style=\"\(left); white-space: nowrap; \(mono)\">\(escape(Formatting.shape(row.outputShape)))</td>"
            out += "<td style=\"\(right)\">\(escape(SummaryFields.params(row)))</td>"
            if s.showsConnections {
                let links = (row.connections ?? []).map(escape)
                out += "<td style=\"\(left); \(mono)\">\(links.isEmpty ? "-" : links.joined(separator: "<br>"))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<ul style=\"list-style: none; padding: 0; margin: 0.5em 0 0 0\">\n"
        for line in SummaryFields.totals(s) {
            out += "<li style=\"margin: 0.1em 0\"><span style=\"font-weight: bold\">\(escape(line.label)):</span> "
            out += "<span style=\"\(mono)\">\(escape(line.count))</span> (\(escape(line.size)))</li>\n"
        }
        out += "</ul>\n</div>\n"
        return out
    }

    /// Text for HTML content or a quoted attribute: `&`, `<`, `>`, `"` and `'` become entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
