import Figures
import NeuralNet

/// The HTML tables of the pictures: the numbers of a pooling patch and its result, a
/// convolution kernel, and the parameter formulas of `explain_params`. Inline styles only,
/// colours inherited from the notebook, every text escaped.
public enum PicturesHTML {
    static let border = "1px solid rgba(128, 128, 128, 0.45)"
    static let mono = "font-family: var(--jp-code-font-family, monospace)"
    static let cell = "padding: 0.2em 0.6em; color: inherit; background: transparent; text-align: right; border: 1px solid rgba(128, 128, 128, 0.45)"

    static func e(_ s: String) -> String { SummaryHTML.escape(s) }

    /// A table of numbers; cells in `highlight` (row, column) are bold on a tinted background.
    static func numbers(_ rows: [[Float]], caption: String, highlight: Set<[Int]> = [], cls: String) -> String {
        var out = "<table class=\"\(cls)\" style=\"border-collapse: collapse; margin: 0.3em 1.2em 0.3em 0; \(mono); color: inherit; background: transparent\">"
        out += "<caption style=\"caption-side: top; text-align: left; font-family: inherit; padding-bottom: 0.2em\">\(e(caption))</caption><tbody>"
        for (r, row) in rows.enumerated() {
            out += "<tr style=\"background: transparent\">"
            for (c, v) in row.enumerated() {
                let hot = highlight.contains([r, c])
                let style = hot ? "\(cell); font-weight: bold; background: rgba(214, 39, 40, 0.22)" : cell
                out += "<td style=\"\(style)\">\(e(PictureNumbers.format(v)))</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// The patch of the input with the winner of each window in bold, and the pooled numbers.
    public static func pooling(_ p: PoolingDemo) -> String {
        var winners = Set<[Int]>()
        for i in p.pooledPatch.indices {
            for j in p.pooledPatch[i].indices {
                search: for r in 0..<p.poolSize.0 {
                    for c in 0..<p.poolSize.1 {
                        let rr = i * p.strides.0 + r, cc = j * p.strides.1 + c
                        if p.patch[rr][cc] == p.pooledPatch[i][j] { winners.insert([rr, cc]); break search }
                    }
                }
            }
        }
        let rows = p.patch.count, cols = p.patch.first?.count ?? 0
        var out = "<div class=\"fovea-pooling\" style=\"color: inherit\">"
        out += "<div style=\"margin-bottom: 0.3em\">Max pooling picks the highest number in each \(p.poolSize.0)x\(p.poolSize.1) window. "
        out += "The \(rows)x\(cols) patch at row \(p.patchOrigin.row), column \(p.patchOrigin.column) (outlined in red above):</div>"
        out += "<div style=\"display: flex; flex-wrap: wrap; align-items: center\">"
        out += numbers(p.patch, caption: "input patch \(rows)x\(cols)", highlight: winners, cls: "fovea-pool-patch")
        out += "<div style=\"font-size: 1.5em; margin: 0 0.8em 0 0\">\u{2192}</div>"
        out += numbers(p.pooledPatch, caption: "after pooling \(p.pooledPatch.count)x\(p.pooledPatch.first?.count ?? 0)", cls: "fovea-pool-result")
        out += "</div></div>"
        return out
    }

    /// The kernel's numbers and the sizes.
    public static func convolution(_ d: ConvolutionDemo) -> String {
        var out = "<div class=\"fovea-convolution\" style=\"color: inherit\">"
        out += numbers(d.kernel, caption: "kernel \(d.kernel.count)x\(d.kernel.first?.count ?? 0)", cls: "fovea-kernel")
        out += "<div style=\"\(mono)\">\(e(d.sizeLine))</div></div>"
        return out
    }

    /// `explain_params`: one row per layer with its formula, then the total.
    public static func parameters(_ x: ParamExplanation) -> String {
        let left = "padding: 0.25em 0.9em; color: inherit; background: transparent; text-align: left; vertical-align: top"
        let right = "padding: 0.25em 0.9em; color: inherit; background: transparent; text-align: right; white-space: nowrap; \(mono)"
        var out = "<div class=\"fovea-params\" style=\"color: inherit; margin: 0.2em 0\">"
        out += "<div style=\"font-weight: bold; margin-bottom: 0.4em\">Where the parameters of \(e("\"" + x.modelName + "\"")) come from</div>"
        out += "<table style=\"border-collapse: collapse; border: \(border); color: inherit; background: transparent; margin: 0\">"
        out += "<thead><tr style=\"border-bottom: 2px solid rgba(128, 128, 128, 0.7); background: transparent\">"
        out += "<th style=\"\(left)\">Layer (type)</th><th style=\"\(left)\">How the count arises</th>"
        out += "<th style=\"\(right)\">Param #</th><th style=\"\(left)\">What the numbers are</th></tr></thead><tbody>"
        for r in x.rows {
            out += "<tr style=\"border-top: \(border); background: transparent\">"
            out += "<td style=\"\(left)\">\(e(r.name)) <span style=\"opacity: 0.7\">(\(e(r.className)))</span></td>"
            out += "<td style=\"\(left); \(mono); white-space: nowrap\">\(e(r.equation.replacingX()))</td>"
            out += "<td style=\"\(right)\">\(e(groupedDigits(r.params)))</td>"
            out += "<td style=\"\(left); opacity: 0.85\">\(e(r.meaning))</td></tr>"
        }
        let sum = x.rows.filter { $0.params > 0 }.map { groupedDigits($0.params) }.joined(separator: " + ")
        out += "<tr style=\"border-top: 2px solid rgba(128, 128, 128, 0.7); background: transparent; font-weight: bold\">"
        out += "<td style=\"\(left)\">Total</td><td style=\"\(left); \(mono)\">\(e(sum.isEmpty ? "0" : sum))</td>"
        out += "<td style=\"\(right)\">\(e(groupedDigits(x.total)))</td>"
        out += "<td style=\"\(left); font-weight: normal\">\(e("trainable: \(groupedDigits(x.trainable)), non-trainable: \(groupedDigits(x.nonTrainable))"))</td></tr>"
        out += "</tbody></table></div>"
        return out
    }
}

extension String {
    /// ` x ` between numbers shown as the multiplication sign.
    fileprivate func replacingX() -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: " x ") {
            out += rest[..<r.lowerBound] + " \u{00D7} "
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
