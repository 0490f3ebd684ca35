import NeuralNet
/// Everything the picture built-ins show, as data. FoveaLang computes it; Rendering draws it
/// (PNG and HTML); `text` is the plain fallback for terminals and headless runs.
public enum Picture: Sendable, Equatable {
    /// Grids of images: inputs, predictions, feature maps, filters.
    case images(ImageFigure)
    case pooling(PoolingDemo)
    case convolution(ConvolutionDemo)
    case curves(CurveFigure)
    case parameters(ParamExplanation)

    /// A plain-text account of the picture.
    public var text: String {
        switch self {
        case .images(let f):
            var lines = [f.title]
            if let note = f.note { lines.append(note) }
            for g in f.grids {
                let size = g.tiles.first.map { "\($0.height)x\($0.width)" } ?? "-"
                lines.append("\(g.title): \(g.tiles.count) image\(g.tiles.count == 1 ? "" : "s") of \(size)")
                let captions = g.tiles.map { $0.caption.joined(separator: " ") }.filter { !$0.isEmpty }
                if !captions.isEmpty, captions.count <= 100 { lines.append("  " + captions.joined(separator: " | ")) }
            }
            return lines.joined(separator: "\n")
        case .pooling(let p):
            var lines = ["Max pooling \(p.poolSize.0)x\(p.poolSize.1): \(p.before.height)x\(p.before.width) -> \(p.after.height)x\(p.after.width)",
                         "patch at row \(p.patchOrigin.row), column \(p.patchOrigin.column):"]
            lines += p.patch.map { "  " + $0.map(PictureNumbers.format).joined(separator: " ") }
            lines.append("max of each \(p.poolSize.0)x\(p.poolSize.1) window:")
            lines += p.pooledPatch.map { "  " + $0.map(PictureNumbers.format).joined(separator: " ") }
            return lines.joined(separator: "\n")
        case .convolution(let c):
            var lines = [c.sizeLine, "kernel:"]
            lines += c.kernel.map { "  " + $0.map(PictureNumbers.format).joined(separator: " ") }
            return lines.joined(separator: "\n")
        case .curves(let f):
            return f.panels.map { p in
                ([p.title] + p.series.map { s in
                    "  \(s.name): " + s.values.map { PictureNumbers.format(Float($0)) }.joined(separator: ", ")
                }).joined(separator: "\n")
            }.joined(separator: "\n")
        case .parameters(let e):
            return e.text
        }
    }
}

/// How pictures print numbers: whole numbers without a point, others with up to 3 decimals.
public enum PictureNumbers {
    public static func format(_ v: Float) -> String {
        if !v.isFinite { return v.isNaN ? "nan" : v < 0 ? "-inf" : "inf" }
        if v == v.rounded(), abs(v) < 1e7 { return String(Int(v)) }
        let scaled = (Double(v) * 1000).rounded() / 1000
        return String(scaled)
    }
}
