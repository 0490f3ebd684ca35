import Figures
import FixtureSupport
import FoveaLang
import NeuralNet
import Testing

/// The picture built-ins seen from the language: the data they hand to the renderer, the
/// plain-text fallback, their argument errors and their docstrings.
@Suite("Picture built-ins")
struct PictureBuiltinTests {

    static let setup = """
        from tensorflow.keras import layers, models
        import tensorflow as tf
        tf.random.set_seed(3)
        model = models.Sequential([
            layers.Conv2D(4, (3, 3), activation='relu', input_shape=(28, 28, 1)),
            layers.MaxPooling2D((2, 2)),
            layers.Conv2D(6, (3, 3), activation='relu'),
            layers.Flatten(),
            layers.Dense(10, activation='softmax'),
        ])
        img = [[(r * 7 + c * 3) % 11 for c in range(28)] for r in range(28)]
        img3 = [[[v] for v in row] for row in img]
        batch = [img, img, img]
        """

    func session() -> Recorder {
        let r = Recorder()
        guard case .ok = r.run(Self.setup) else { Issue.record("setup failed: \(r.run(Self.setup))"); return r }
        return r
    }

    func error(_ o: ExecutionOutcome) -> (String, String, [String])? {
        if case .error(let e, let v, let tb) = o { return (e, v, tb) }
        return nil
    }

    func picture(_ code: String) throws -> Picture {
        let r = session()
        r.events = []
        let o = r.run(code)
        guard case .ok = o else { Issue.record("\(code): \(o)"); throw Failure() }
        #expect(r.pictures.count == 1)
        return try #require(r.pictures.first)
    }
    struct Failure: Error {}

    @Test func showImagesAcceptsEveryImageShapeAndNamesTheLabels() throws {
        for images in ["batch", "img", "img3", "[img3, img3]"] {
            guard case .images(let f) = try picture("show_images(\(images), labels=[9, 0, 7], cols=2)") else { Issue.record(); continue }
            let n = images == "batch" ? 3 : images.hasPrefix("[") ? 2 : 1
            #expect(f.grids[0].tiles.count == n, "\(images)")
            #expect(f.grids[0].tiles[0].height == 28 && f.grids[0].tiles[0].width == 28)
            #expect(f.grids[0].tiles[0].caption == ["Ankle boot"])
            #expect(f.grids[0].normalization == .fixed(0, 255))
        }
        guard case .images(let f) = try picture("show_images(batch, labels=[0, 1, 2], class_names=['a', 'b', 'c'])") else { return }
        #expect(f.grids[0].tiles.map(\.caption) == [["a"], ["b"], ["c"]])
        guard case .images(let one) = try picture("show_image(img3, label=1)") else { return }
        #expect(one.grids[0].tiles[0].caption == ["Trouser"])
        #expect(one.grids[0].tiles[0].values[1] == 3)
    }

    @Test func featureMapsOfEveryConvolutionAndPoolingLayerOrOne() throws {
        guard case .images(let all) = try picture("show_feature_maps(model, img)") else { Issue.record(); return }
        #expect(all.grids.map(\.title) == ["input: 28x28", "conv2d (Conv2D): 4 channels of 26x26",
                                           "max_pooling2d (MaxPooling2D): 4 channels of 13x13", "conv2d_1 (Conv2D): 6 channels of 11x11"])
        guard case .images(let one) = try picture("show_feature_maps(model, img3, layer='conv2d_1', cols=3)") else { Issue.record(); return }
        #expect(one.grids.count == 2 && one.grids[1].tiles.count == 6 && one.grids[1].columns == 3)
        guard case .images(let byIndex) = try picture("show_feature_maps(model, [img3], layer=1)") else { Issue.record(); return }
        #expect(byIndex.grids[1].title.hasPrefix("max_pooling2d"))
    }

    @Test func filtersPoolingConvolution() throws {
        guard case .images(let f) = try picture("show_filters(model)") else { Issue.record(); return }
        #expect(f.grids[0].tiles.count == 4 && f.grids[0].colors == .diverging)
        guard case .images(let g) = try picture("show_filters(model, 'conv2d_1', channel=2)") else { Issue.record(); return }
        #expect(g.grids[0].title == "conv2d_1 (Conv2D): 6 filters of 3x3, input channel 2 of 4")

        guard case .pooling(let p) = try picture("show_pooling(img)") else { Issue.record(); return }
        #expect(p.after.height == 14 && p.pooledPatch.count == 3)
        guard case .pooling(let q) = try picture("show_pooling(img3, pool_size=3)") else { Issue.record(); return }
        #expect(q.after.height == 9 && q.poolSize.0 == 3)

        guard case .convolution(let v) = try picture("show_convolution(img, [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])") else { Issue.record(); return }
        #expect(v.featureMap.height == 26 && v.kernel[1] == [-2, 0, 2])
        guard case .convolution(let s) = try picture("show_convolution(img, [[1, 1], [1, 1]], padding='same')") else { Issue.record(); return }
        #expect(s.featureMap.height == 28)
        // Row 0, column 0 of the valid map: the 3x3 sum by hand.
        let img: (Int, Int) -> Float = { r, c in Float((r * 7 + c * 3) % 11) }
        let k: [[Float]] = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
        var sum: Float = 0
        for r in 0..<3 { for c in 0..<3 { sum += img(r, c) * k[r][c] } }
        #expect(v.featureMap.values[0] == sum)
    }

    @Test func plotHistoryTakesADictOrAnObjectWithHistory() throws {
        guard case .curves(let f) = try picture("plot_history({'loss': [0.9, 0.5], 'accuracy': [0.6, 0.8], 'val_loss': [1.0, 0.7], 'val_accuracy': [0.5, 0.7]})") else { Issue.record(); return }
        #expect(f.panels.map(\.title) == ["Loss", "Accuracy"])
        #expect(f.panels[1].series.map(\.values) == [[0.6, 0.8], [0.5, 0.7]])

        let r = session()
        r.events = []
        let box = DictBox()
        box.set(.str("loss"), .str("loss"), .list([.float(0.5), .float(0.25)]))
        r.session.registerBuiltin("fitted", .object(FakeHistory(box)))
        guard case .ok = r.run("plot_history(fitted)") else { Issue.record(); return }
        guard case .curves(let g)? = r.pictures.first else { Issue.record(); return }
        #expect(g.panels[0].series[0].values == [0.5, 0.25])
    }

    @Test func predictionsAndParameters() throws {
        guard case .images(let p) = try picture("show_predictions(model, batch, labels=[1, 2, 3])") else { Issue.record(); return }
        #expect(p.grids[0].tiles.count == 3)
        #expect(p.grids[0].tiles.allSatisfy { $0.mark != .none && $0.caption[0].hasSuffix("%") })
        guard case .parameters(let x) = try picture("explain_params(model)") else { Issue.record(); return }
        #expect(x.rows.map(\.equation) == ["(3 x 3 x 1 + 1) x 4 = 40", "0: no weights", "(3 x 3 x 4 + 1) x 6 = 222",
                                           "0: no weights", "(726 + 1) x 10 = 7,270"])
        #expect(x.total == 7532)
    }

    @Test func thePlainFallbackIsText() {
        let r = session()
        r.events = []
        guard case .ok = r.run("explain_params(model)") else { Issue.record(); return }
        let texts = r.events.compactMap { e -> String? in if case .display(let d, _) = e { return d.plainText }; return nil }
        #expect(texts.count == 1)
        #expect(texts.first?.contains("(3 x 3 x 1 + 1) x 4 = 40") == true)
        #expect(texts.first?.contains("Total: 40 + 0 + 222 + 0 + 7,270 = 7,532") == true)
    }

    @Test(arguments: [
        ("show_feature_maps(model, img, layer='conv2')", "ValueError", "No such layer: conv2.", "did you mean 'conv2d'?"),
        ("show_filters(model, layer='dense')", "ValueError", "needs a Conv2D layer, but dense is a Dense layer", "'conv2d', 'conv2d_1'"),
        ("show_feature_maps(model, [[1, 2], [3, 4]])", "ValueError", "expects images of shape (None, 28, 28, 1)", "x_test[0]"),
        ("show_feature_maps(model, batch)", "ValueError", "expects one gray image of shape (28, 28)", "image[0]"),
        ("show_feature_maps(model, img, layer='dense')", "ValueError", "has no channels of an image", "'conv2d', 'max_pooling2d', 'conv2d_1'"),
        ("show_images([1, 2, 3])", "ValueError", "Received: images with shape (3,)", nil),
        ("show_convolution(img, [1, 2, 3])", "ValueError", "kernel must be a 2-D grid", nil),
        ("show_convolution(img, [[1]], padding='full')", "ValueError", "padding", nil),
        ("show_pooling(img, pool_size=0)", "ValueError", "pool_size", nil),
        ("plot_history([0.5, 0.4])", "TypeError", "plot_history() expects what fit() returns", nil),
        ("plot_history({})", "ValueError", "The history is empty", "model.fit"),
        ("explain_params(42)", "TypeError", "expects a Keras model", nil),
        ("show_images(batch, cols=0)", "ValueError", "cols must be a positive integer", nil),
    ] as [(String, String, String, String?)])
    func argumentErrors(code: String, ename: String, message: String, note: String?) {
        let r = session()
        guard let (e, v, tb) = error(r.run(code)) else { Issue.record("\(code) did not fail"); return }
        #expect(e == ename, "\(code)")
        #expect(v.contains(message), "\(code): \(v)")
        if let note { #expect(tb.contains { $0.contains(note) } || v.contains(note), "\(code): \(tb)") }
    }

    @Test func everyBuiltinHasADocstringShownByHelp() {
        let r = session()
        for name in ["show_images", "show_image", "show_feature_maps", "show_filters", "show_pooling", "show_convolution",
                     "plot_history", "show_predictions", "explain_params"] {
            r.events = []
            r.run("help(\(name))")
            #expect(r.stdout.contains("\(name)("), "\(name)")
            #expect(r.stdout.count > 150, "\(name)")
            #expect(r.session.inspect(name, cursor: name.count, detailLevel: 0)?.contains(name + "(") == true)
        }
    }
}

/// An object with a `history` dict, as `model.fit` returns.
final class FakeHistory: FoveaObject {
    let box: DictBox
    init(_ box: DictBox) { self.box = box }
    var typeName: String { "History" }
    var hostClass: AnyHostClass? { FakeHistory.binding }
    static let binding = HostClass<FakeHistory>("History", doc: "A stand-in for what fit returns.")
        .property("history", doc: "The per-epoch values.") { h, _ in .dict(h.box) }
}
