import Figures
import NeuralNet
import Rendering
import Tensor
import Testing

/// Picture data from a small real model, drawn: every part is a decodable PNG of the expected
/// size that is not blank, or well-formed HTML.
@Suite("Pictures drawn")
struct PictureRenderingTests {
    /// A 28x28 "digit": a bright ring on a dark background, values 0...1.
    static let digit: [Float] = (0..<784).map { i in
        let (r, c) = (Float(i / 28) - 13.5, Float(i % 28) - 13.5)
        let d = (r * r + c * c).squareRoot()
        return d > 6 && d < 10 ? 1 : 0
    }

    static func model() throws -> Sequential {
        let s = Session(seed: 7)
        return try Sequential(layers: [
            Conv2D(filters: 4, kernelSize: 3, activation: "relu", inputShape: [28, 28, 1], session: s),
            MaxPooling2D(session: s),
            Conv2D(filters: 6, kernelSize: 3, activation: "relu", session: s),
            Flatten(session: s),
            Dense(units: 10, activation: "softmax", session: s),
        ], session: s)
    }

    static func png(_ p: Picture) throws -> DecodedPNG {
        let parts = PictureRendering.render(p)
        let part = try #require(parts.first)
        let file = try #require(part.png)
        let png = try decodePNG(file)
        #expect(png.width == part.width && png.height == part.height)
        #expect(!part.text.isEmpty)
        return png
    }

    /// How many pixels have exactly this colour.
    static func count(_ c: PlotColor, in png: DecodedPNG) -> Int {
        let b = Colormap.bytes(c), want = [b.0, b.1, b.2]
        var n = 0
        for y in 0..<png.height { for x in 0..<png.width where png.rgb(x: x, y: y) == want { n += 1 } }
        return n
    }

    static func distinctColours(_ png: DecodedPNG) -> Int {
        var set = Set<[UInt8]>()
        for y in stride(from: 0, to: png.height, by: 1) { for x in 0..<png.width { set.insert(png.rgb(x: x, y: y)) } }
        return set.count
    }

    @Test func imagesGridIsOneAxesPerTileWithItsCaption() throws {
        let batch = try Tensor(shape: [16, 28, 28], floats: Array(repeating: Self.digit, count: 16).flatMap { $0 })
        let f = PictureBuilders.images(batch, labels: Array(0..<16).map { $0 % 10 }, classNames: fashionMNISTClassNames, columns: 8)
        #expect(f.grids[0].tiles.count == 16)
        #expect(f.grids[0].tiles[9].caption == ["Ankle boot"])
        #expect(f.grids[0].normalization == .fixed(0, 1))
        let fig = PictureFigures.figure(f)
        #expect(fig.axes.count == 16)
        #expect(fig.axes.allSatisfy { $0.images.count == 1 && $0.x.ticks == [] && $0.y.ticks == [] })
        #expect(fig.texts.map(\.text).contains("Ankle boot"))
        // 8 tiles of 84 pixels (28 values at 3x) a row, so two rows; the second row lies under the first
        let boxes = fig.axes.map { Self.box($0, fig) }
        #expect(boxes.allSatisfy { abs($0.width - 84) < 1e-6 && abs($0.height - 84) < 1e-6 })
        #expect(Set(boxes.map(\.y)).count == 2 && boxes[8].y > boxes[0].y + 84)
        #expect(abs(boxes[8].x - boxes[0].x) < 1e-6 && boxes[1].x > boxes[0].x + 84)
        // drawn: the centre of the first tile is black and its ring white, pixels as squares
        let png = try Self.drawn(fig)
        let b = boxes[0]
        #expect(png.rgb(x: Int(b.x) + 14 * 3 + 1, y: Int(b.y) + 14 * 3 + 1) == [0, 0, 0])
        #expect(png.rgb(x: Int(b.x) + 14 * 3 + 1, y: Int(b.y) + 6 * 3 + 1) == [255, 255, 255])
        _ = try Self.png(.images(f))
    }

    @Test func captionsAreAntialiasedText() throws {
        let batch = try Tensor(shape: [2, 28, 28], floats: Self.digit + Self.digit)
        let fig = PictureFigures.figure(PictureBuilders.images(batch, labels: [9, 0], classNames: fashionMNISTClassNames, columns: 8))
        let caption = try #require(fig.texts.first { $0.text == "Ankle boot" })
        let png = try Self.drawn(fig)
        // the caption's box: centred on x, its top at y, about 14 pixels high
        let cx = Int(caption.x * fig.width * 100), top = Int((1 - caption.y) * fig.height * 100)
        var greys = Set<UInt8>(), dark = 0
        for y in top..<(top + 16) {
            for x in (cx - 40)..<(cx + 40) {
                let p = png.rgb(x: x, y: y)
                if p[0] == p[1] && p[1] == p[2] { greys.insert(p[0]) }
                if p[0] < 128 { dark += 1 }
            }
        }
        #expect(greys.count > 8, "text drawn with \(greys.count) grey levels")
        #expect(dark > 40)
    }

    /// An axes' box in pixels of the whole figure, y down.
    static func box(_ a: PlotAxes, _ fig: PlotFigure) -> (x: Double, y: Double, width: Double, height: Double) {
        guard case .rectangle(let l, let b, let w, let h) = a.placement else { return (0, 0, 0, 0) }
        let W = fig.width * fig.dpi, H = fig.height * fig.dpi
        return (l * W, (1 - b - h) * H, w * W, h * H)
    }

    /// The whole figure drawn, not cropped, so boxes are where the model puts them.
    static func drawn(_ fig: PlotFigure) throws -> DecodedPNG {
        let r = try PlotRendering.png(fig)
        let png = try decodePNG(r.png)
        #expect(png.width == r.width && png.height == r.height)
        return png
    }

    @Test func featureMapsOfEveryConvolutionAndPoolingLayer() throws {
        let m = try Self.model()
        let x = try Tensor(shape: [1, 28, 28, 1], floats: Self.digit)
        let acts = try m.activations(x)
        #expect(acts.count == 5)
        #expect(acts[0].output.shape.dims == [1, 26, 26, 4])
        #expect(acts[1].output.shape.dims == [1, 13, 13, 4])
        // The last activation is the model's output.
        #expect(acts[4].output.floatArray == (try m(x)).floatArray)
        let picked = acts.filter { $0.output.shape.rank == 4 }
        let f = PictureBuilders.featureMaps(picked, image: try Tensor(shape: [1, 28, 28], floats: Self.digit), columns: 8, modelName: m.name)
        #expect(f.grids.map(\.tiles.count) == [1, 4, 4, 6])
        #expect(f.grids[1].colors == .viridis && f.grids[1].normalization == .shared)
        #expect(f.grids[1].tiles[2].values == PictureBuilders.plane(acts[0].output, 0, channel: 2).values)
        let png = try Self.png(.images(f))
        #expect(png.height > 4 * 80)
        #expect(Self.distinctColours(png) > 10)
        // a pixel of channel 2 of conv2d has viridis's colour for its value on the layer's scale
        let fig = PictureFigures.figure(f)
        #expect(fig.axes.count == 1 + 4 + 4 + 6)
        let tile = fig.axes[1 + 2], b = Self.box(tile, fig)
        #expect(abs(b.width - 26 * 3) < 1e-6)
        let v = f.grids[1].normalized(2)[13 * 26 + 9]
        let expected = Colormap.bytes(Colormap.viridis.color(normalized: Double(v)))
        let drawn = try Self.drawn(fig).rgb(x: Int(b.x) + 9 * 3 + 1, y: Int(b.y) + 13 * 3 + 1)
        #expect(drawn == [expected.0, expected.1, expected.2])
    }

    @Test func filtersAreDivergingAndSymmetric() throws {
        let m = try Self.model()
        let conv = try #require(m.layers[2] as? Conv2D)
        let f = PictureBuilders.filters(conv, channel: 3, columns: 8)
        #expect(f.grids[0].tiles.count == 6)
        let k = conv.weights[0].value.floatArray
        // kernel (3, 3, 4, 6): tile j, row 1, column 2, input channel 3.
        #expect(f.grids[0].tiles[5].values[1 * 3 + 2] == k[((1 * 3 + 2) * 4 + 3) * 6 + 5])
        let n = f.grids[0].normalized(0)
        let m0 = f.grids[0].tiles.flatMap(\.values).map(abs).max()!
        #expect(abs(n[0] - (f.grids[0].tiles[0].values[0] / m0 + 1) / 2) < 1e-5)
        let png = try Self.png(.images(f))
        #expect(Self.distinctColours(png) > 10)
        // 3x3 kernels at 12 pixels a weight; weight 0 of filter 0 in RdBu_r (blue negative, red positive)
        let fig = PictureFigures.figure(f)
        let b = Self.box(fig.axes[0], fig)
        #expect(abs(b.width - 36) < 1e-6)
        let rdbu = try #require(Colormap.named("RdBu_r"))
        let expected = Colormap.bytes(rdbu.color(normalized: Double(n[0])))
        #expect(try Self.drawn(fig).rgb(x: Int(b.x) + 6, y: Int(b.y) + 6) == [expected.0, expected.1, expected.2])
    }

    @Test func poolingHalvesTheImageAndTheNumbersAgree() throws {
        let p = try PictureBuilders.pooling(Self.digit, height: 28, width: 28, pool: (2, 2), strides: (2, 2))
        #expect(p.after.height == 14 && p.after.width == 14)
        #expect(p.patch.count == 6 && p.pooledPatch.count == 3)
        // The pooled numbers of the patch are the kernel's pooled image at the same place.
        for i in 0..<3 {
            for j in 0..<3 {
                let r = p.patchOrigin.row / 2 + i, c = p.patchOrigin.column / 2 + j
                #expect(p.pooledPatch[i][j] == p.after.values[r * 14 + c])
            }
        }
        let parts = PictureRendering.render(.pooling(p))
        #expect(parts.count == 2)
        let png = try Self.png(.pooling(p))
        #expect(png.width >= 28 * 3 + 50 + 14 * 3)
        // both images at 3 pixels a value, each outlining the patch in red
        let fig = DemoFigures.pooling(p)
        #expect(fig.axes.map { Int(Self.box($0, fig).width.rounded()) } == [84, 42])
        #expect(fig.axes.map { $0.bars.first?.rectangles.first?.width } == [6, 3])
        #expect(fig.axes.allSatisfy { $0.bars.first?.rectangles.first?.edgeColor == PictureFigures.wrong })
        #expect(Self.count(PictureFigures.wrong, in: try Self.drawn(fig)) > 4 * (18 + 9))
        let html = try #require(parts[1].html)
        try HTMLCheck.wellFormed(html)
        let rows = HTMLCheck.tableRows(html)
        #expect(rows.count == 6 + 3)
        #expect(rows[0].count == 6 && rows[6].count == 3)
    }

    @Test(arguments: [("valid", 26), ("same", 28)])
    func convolutionSizes(padding: String, size: Int) throws {
        let d = try PictureBuilders.convolution(Self.digit, height: 28, width: 28, kernel: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
                                                padding: Padding(rawValue: padding)!, strides: (1, 1))
        #expect(d.featureMap.height == size && d.featureMap.width == size)
        #expect(d.sizeLine == "28x28 image * 3x3 kernel, padding='\(padding)', strides=1 -> \(size)x\(size) feature map")
        // A vertical edge detector: the left side of the ring is positive, the right negative.
        let off = padding == "same" ? 0 : 1
        #expect(d.featureMap.values[(13 - off) * size + (4 - off)] > 0)
        #expect(d.featureMap.values[(13 - off) * size + (23 - off)] < 0)
        let png = try Self.png(.convolution(d))
        #expect(Self.distinctColours(png) > 10)
        // the kernel as a heatmap: its numbers written on its cells, -2 the bluest of RdBu_r
        let fig = DemoFigures.convolution(d)
        #expect(fig.axes.count == 3)
        #expect(fig.axes[1].texts.map(\.text) == ["-1", "0", "1", "-2", "0", "2", "-1", "0", "1"])
        let k = Self.box(fig.axes[1], fig), cell = k.width / 3
        let blue = Colormap.bytes(try #require(Colormap.named("RdBu_r")).color(normalized: 0))
        #expect(try Self.drawn(fig).rgb(x: Int(k.x + 0.15 * cell), y: Int(k.y + 1.15 * cell)) == [blue.0, blue.1, blue.2])
        let html = try #require(PictureRendering.render(.convolution(d))[1].html)
        #expect(HTMLCheck.tableRows(html) == [["-1", "0", "1"], ["-2", "0", "2"], ["-1", "0", "1"]])
    }

    @Test func historyCurvesPairTrainingAndValidation() throws {
        let f = CurveFigure.history([("loss", [0.9, 0.5, 0.4]), ("accuracy", [0.6, 0.8, 0.85]),
                                     ("val_loss", [1.0, 0.7, 0.6]), ("val_accuracy", [0.55, 0.7, 0.75])])
        #expect(f.panels.map(\.title) == ["Loss", "Accuracy"])
        #expect(f.panels[0].series.map(\.name) == ["loss", "val_loss"])
        #expect(f.panels[0].series.map(\.dashed) == [false, true])
        let png = try Self.png(.curves(f))
        #expect(png.width > 800 && png.width <= 1000 && png.height > 300 && png.height <= 380)
        #expect(Self.distinctColours(png) > 5)
        // two axes side by side, tab10's blue solid and orange dashed, whole epochs, a legend
        let fig = CurveFigures.figure(f)
        #expect(fig.axes.count == 2 && fig.tightLayout)
        #expect(fig.axes[0].lines.map(\.color) == [PlotCycle.tab10[0], PlotCycle.tab10[1]])
        #expect(fig.axes[0].lines.map(\.style) == [.solid, .dashed])
        #expect(fig.axes[0].lines[1].label == "val_loss" && fig.axes[0].legend)
        #expect(fig.axes[0].x.ticks == [1, 2, 3] && fig.axes[1].title == "Accuracy")
        #expect(Self.count(PlotCycle.tab10[0], in: try Self.drawn(fig)) > 50)
        #expect(CurveFigures.epochTicks(20) == stride(from: 2, through: 20, by: 2).map(Double.init))
        #expect(CurveFigures.epochTicks(600) == [100, 200, 300, 400, 500, 600])
    }

    @Test func predictionsMarkWrongAnswers() throws {
        let batch = try Tensor(shape: [2, 28, 28], floats: Self.digit + Self.digit)
        var logits = [Float](repeating: 0, count: 20)
        logits[7] = 5; logits[10 + 3] = 4
        let out = try Tensor(shape: [2, 10], floats: logits)
        let f = PictureBuilders.predictions(batch, outputs: out, labels: [7, 1], classNames: fashionMNISTClassNames, columns: 8)
        let t = f.grids[0].tiles
        #expect(t[0].mark == .right && t[1].mark == .wrong)
        #expect(t[0].caption[0].hasPrefix("Sneaker "))
        #expect(t[1].caption == ["Dress 95%", "true: Trouser"] || t[1].caption[1] == "true: Trouser")
        #expect(f.grids[0].title.hasSuffix("1 of 2 right"))
        let fig = PictureFigures.figure(f)
        #expect(fig.axes.map(\.spineColor) == [PictureFigures.right, PictureFigures.wrong])
        #expect(fig.texts.first { $0.text == "true: Trouser" }?.style.color == PictureFigures.wrong)
        _ = try Self.png(.images(f))
        #expect(Self.count(PictureFigures.wrong, in: try Self.drawn(fig)) > 4 * 84)  // the 2-point frame of the wrong tile
    }
}
