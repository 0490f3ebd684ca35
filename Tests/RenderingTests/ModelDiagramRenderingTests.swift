import Figures
import NeuralNet
import Rendering
import Testing

/// Model diagrams drawn through Cairo: a decodable PNG of the diagram's size at the dpi, growing
/// with the layers, black boxes with white cells and text inside, arrows between them.
@Suite("Model diagrams drawn")
struct ModelDiagramRenderingTests {
    static func options(_ change: (inout ModelDiagram.Options) -> Void = { _ in }) -> ModelDiagram.Options {
        var o = ModelDiagram.Options()
        change(&o)
        return o
    }

    static func draw(_ model: Sequential, _ options: ModelDiagram.Options, dpi: Double = 72) throws -> (ModelDiagram, DecodedPNG) {
        let (diagram, image, _) = try DiagramRendering.png(model, options: options, dpi: dpi)
        let png = try decodePNG(image.png)
        #expect(png.width == image.width && png.height == image.height)
        #expect(png.width == Int((diagram.width * dpi / 72).rounded(.up)))
        #expect(png.height == Int((diagram.height * dpi / 72).rounded(.up)))
        return (diagram, png)
    }

    static func pixels(_ png: DecodedPNG, in r: ModelDiagram.Rect, scale: Double) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for y in Int((r.y * scale).rounded(.up))..<Int((r.maxY * scale).rounded(.down)) {
            for x in Int((r.x * scale).rounded(.up))..<Int((r.maxX * scale).rounded(.down)) { out.append(png.rgb(x: x, y: y)) }
        }
        return out
    }

    static func dark(_ p: [UInt8]) -> Bool { p.allSatisfy { $0 < 100 } }
    static func light(_ p: [UInt8]) -> Bool { p.allSatisfy { $0 > 200 } }

    @Test func theImageGrowsWithTheLayers() throws {
        let short = try ModelDiagramTests.cnn(Session(seed: 1), convolutions: 1)
        let long = try ModelDiagramTests.cnn(Session(seed: 1), convolutions: 5)
        let (_, a) = try Self.draw(short, Self.options { $0.showShapes = true })
        let (_, b) = try Self.draw(long, Self.options { $0.showShapes = true })
        #expect(b.height > a.height)
        let (_, wide) = try Self.draw(long, Self.options { $0.showShapes = true; $0.direction = .LR })
        #expect(wide.width > b.width && wide.height < b.height)
    }

    @Test func boxesAreBlackWithWhiteCellsAndTextInside() throws {
        let model = try ModelDiagramTests.residual(Session(seed: 2))
        let dpi = 144.0, scale = dpi / 72
        let (d, png) = try Self.draw(model, Self.options { $0.showShapes = true; $0.showLayerNames = true }, dpi: dpi)
        for box in d.boxes {
            let header = Self.pixels(png, in: box.rows[0][0].frame, scale: scale)
            // Black, with the white text of "name (Class)".
            #expect(header.filter(Self.dark).count > header.count / 2, "\(box.layerName) header is not black")
            #expect(header.contains(where: Self.light), "\(box.layerName) header has no text")
            for cell in box.rows[1] {
                let inside = Self.pixels(png, in: cell.frame, scale: scale)
                #expect(inside.filter(Self.light).count > inside.count / 2, "\(box.layerName) cell is not white")
                #expect(inside.contains(where: Self.dark), "\(box.layerName) cell has no text")
            }
        }
        // The page is white outside the boxes, and the edges are drawn: the middle of each
        // edge's first segment is dark.
        #expect(Self.light(png.rgb(x: 1, y: 1)))
        for e in d.edges {
            let a = e.points[0], b = e.points[1]
            let mid = ((a.x + b.x) / 2 * scale, (a.y + b.y) / 2 * scale)
            #expect(Self.dark(png.rgb(x: Int(mid.0), y: Int(mid.1))), "edge \(e.from)->\(e.to) is not drawn")
        }
    }

    @Test func theArrowheadFillsTheEndOfEachEdge() throws {
        let model = try ModelDiagramTests.cnn(Session(seed: 1))
        let scale = 2.0
        let (d, png) = try Self.draw(model, Self.options(), dpi: 144)
        for e in d.edges {
            // 7 pt above the tip, the head is wider than the 2 pt line.
            let tip = e.points.last!
            let y = Int((tip.y - 7) * scale)
            let row = (Int((tip.x - 8) * scale)...Int((tip.x + 8) * scale)).filter { Self.dark(png.rgb(x: $0, y: y)) }
            #expect(row.count > Int(2 * 2 * scale), "no arrowhead at edge \(e.from)->\(e.to)")
        }
    }

    @Test func aDiagramTooLargeShrinksToTheLargestDpiThatFits() throws {
        let model = try ModelDiagramTests.cnn(Session(seed: 1), convolutions: 5)
        let limits = DiagramRendering.Limits(side: 600, pixels: 100_000)
        let (d, image, dpi) = try DiagramRendering.png(model, options: Self.options(), dpi: 200, shrinkToFit: true, limits: limits)
        #expect(dpi < 200 && dpi >= 1 && dpi == dpi.rounded())
        #expect(image.width <= 600 && image.height <= 600 && image.width * image.height <= 100_000)
        // Not much room is left over: one dpi more would not fit.
        #expect(Int((d.height * (dpi + 2) / 72).rounded(.up)) > 600 || Int((d.width * (dpi + 2) / 72).rounded(.up)) * Int((d.height * (dpi + 2) / 72).rounded(.up)) > 100_000)
        let png = try decodePNG(image.png)
        #expect(png.width == image.width && png.height == image.height)
        // A diagram that fits is drawn at the dpi asked for.
        #expect(try DiagramRendering.png(model, options: Self.options(), dpi: 30, shrinkToFit: true, limits: limits).dpi == 30)
    }

    @Test func aDiagramTooLargeToDrawSaysWhichDpiFits() throws {
        let model = try ModelDiagramTests.cnn(Session(seed: 1), convolutions: 5)
        #expect {
            _ = try DiagramRendering.png(model, options: Self.options(), dpi: 20000)
        } throws: { error in
            guard let e = error as? CairoError else { return false }
            return e.isSize && e.message.contains("Pass dpi=") && e.message.contains("at dpi=20000")
        }
    }
}
