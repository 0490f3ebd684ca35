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

    static func distinctColours(_ png: DecodedPNG) -> Int {
        var set = Set<[UInt8]>()
        for y in stride(from: 0, to: png.height, by: 1) { for x in 0..<png.width { set.insert(png.rgb(x: x, y: y)) } }
        return set.count
    }

    @Test func imagesGridHasTheComputedSizeAndShowsTheDigit() throws {
        let batch = try Tensor(shape: [16, 28, 28], floats: Array(repeating: Self.digit, count: 16).flatMap { $0 })
        let f = PictureBuilders.images(batch, labels: Array(0..<16).map { $0 % 10 }, classNames: fashionMNISTClassNames, columns: 8)
        #expect(f.grids[0].tiles.count == 16)
        #expect(f.grids[0].tiles[9].caption == ["Ankle boot"])
        #expect(f.grids[0].normalization == .fixed(0, 1))
        let png = try Self.png(.images(f))
        // 8 columns of 28x28 at 3x (84 px) plus a 2 px border each side, 8 px apart, 12 px margins.
        #expect(png.width == 12 * 2 + 8 * 88 + 7 * 8)
        // The centre of the first tile is dark, its ring bright: nearest-neighbour upscaling of the data.
        let top = 12 + 2 * 9 + 4 + 9 + 4 + 2
        let left = 12 + 2
        #expect(png.rgb(x: left + 14 * 3 + 1, y: top + 14 * 3 + 1) == [0, 0, 0])
        #expect(png.rgb(x: left + 14 * 3 + 1, y: top + 6 * 3 + 1) == [255, 255, 255])
        #expect(Self.distinctColours(png) > 3)
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
        #expect(png.width == 2 * DemoDrawing.panelWidth + 10 + 24 && png.height == DemoDrawing.panelHeight + 24)
        #expect(Self.distinctColours(png) > 5)
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
        let png = try Self.png(.images(f))
        var red = 0
        for y in 0..<png.height { for x in 0..<png.width where png.rgb(x: x, y: y) == [200, 30, 30] { red += 1 } }
        #expect(red > 4 * 88)  // the 2-pixel frame of the wrong tile
    }
}
