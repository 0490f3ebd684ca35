import Figures
import NeuralNet
import Testing

/// The diagram `plot_model` draws, as data: boxes, ranks, order, positions and edges of real
/// Sequential and functional models, laid out with the approximate text measure.
@Suite("Model diagrams as data")
struct ModelDiagramTests {
    typealias D = ModelDiagram

    static func cnn(_ s: Session, convolutions: Int = 2) throws -> Sequential {
        var layers: [any Layer] = [try Conv2D(filters: 4, kernelSize: 3, activation: "relu", inputShape: [28, 28, 1], session: s)]
        for _ in 1..<convolutions { layers.append(try Conv2D(filters: 4, kernelSize: 3, activation: "relu", session: s)) }
        layers += [try MaxPooling2D(session: s), try Flatten(session: s), try Dense(units: 10, activation: "softmax", session: s)]
        return try Sequential(layers: layers, session: s)
    }

    /// input -> conv -> conv -> add(conv, input) -> flatten -> dense: a residual block.
    static func residual(_ s: Session) throws -> Sequential {
        let input = try InputLayer(shape: [8, 8, 4], session: s).placeholder
        let a = try Conv2D(filters: 4, kernelSize: 3, padding: "same", activation: "relu", session: s).callSymbolic([input], asList: false)
        let b = try Conv2D(filters: 4, kernelSize: 3, padding: "same", session: s).callSymbolic([a], asList: false)
        let added = try ElementwiseMerge(.add, session: s).callSymbolic([b, input], asList: true)
        let flat = try Flatten(session: s).callSymbolic([added], asList: false)
        let out = try Dense(units: 3, session: s).callSymbolic([flat], asList: false)
        return try Sequential(graph: try LayerGraph(inputs: [input], outputs: [out]), session: s)
    }

    static func options(_ change: (inout D.Options) -> Void = { _ in }) -> D.Options {
        var o = D.Options()
        change(&o)
        return o
    }

    static func box(_ d: D, _ name: String) throws -> Int { try #require(d.boxes.firstIndex { $0.layerName == name }) }

    /// Whether the segment a-b passes through the inside of `r` (shrunk by a hair).
    static func crosses(_ a: D.Point, _ b: D.Point, _ r: D.Rect) -> Bool {
        let inner = D.Rect(x: r.x + 0.5, y: r.y + 0.5, width: r.width - 1, height: r.height - 1)
        for k in 0...200 {
            let t = Double(k) / 200
            let p = D.Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
            if p.x > inner.x, p.x < inner.maxX, p.y > inner.y, p.y < inner.maxY { return true }
        }
        return false
    }

    /// Every edge starts on its source's border, ends on its target's, and passes through no
    /// box's inside; no two boxes overlap; everything lies inside the drawing.
    static func checkGeometry(_ d: D) {
        for e in d.edges {
            #expect(e.points.count >= 2)
            #expect(d.boxes[e.from].frame.onBorder(e.points.first!), "edge \(e.from)->\(e.to) starts off its box")
            #expect(d.boxes[e.to].frame.onBorder(e.points.last!), "edge \(e.from)->\(e.to) ends off its box")
            for (a, b) in zip(e.points, e.points.dropFirst()) {
                for (i, box) in d.boxes.enumerated() {
                    #expect(!crosses(a, b, box.frame), "edge \(d.boxes[e.from].layerName)->\(d.boxes[e.to].layerName) runs through \(d.boxes[i].layerName)")
                }
            }
            for p in e.points { #expect(p.x >= 0 && p.y >= 0 && p.x <= d.width && p.y <= d.height) }
        }
        for (i, a) in d.boxes.enumerated() {
            #expect(a.frame.x >= 0 && a.frame.y >= 0 && a.frame.maxX <= d.width + 1e-9 && a.frame.maxY <= d.height + 1e-9)
            for b in d.boxes[(i + 1)...] {
                let apart = a.frame.maxX <= b.frame.x || b.frame.maxX <= a.frame.x || a.frame.maxY <= b.frame.y || b.frame.maxY <= a.frame.y
                #expect(apart, "\(a.layerName) overlaps \(b.layerName)")
            }
        }
    }

    @Test func aSequentialModelIsOneBoxPerLayerInAChain() throws {
        let s = Session(seed: 1)
        let model = try Self.cnn(s)
        let d = try D(model, options: Self.options { $0.showLayerNames = true })
        // Keras draws no InputLayer box for a Sequential model.
        #expect(d.boxes.map(\.layerName) == ["conv2d", "conv2d_1", "max_pooling2d", "flatten", "dense"])
        #expect(d.boxes[0].lines == ["conv2d (Conv2D)"])
        #expect(d.boxes[0].rows[0][0].runs == [D.Run("conv2d", bold: true), D.Run(" (Conv2D)")])
        #expect(d.edges.map { [$0.from, $0.to] } == [[0, 1], [1, 2], [2, 3], [3, 4]])
        #expect(d.boxes.map(\.rank) == [0, 1, 2, 3, 4])
        // Top to bottom: one column, each box below the one before.
        let xs = d.boxes.map { $0.frame.center.x }
        #expect(xs.max()! - xs.min()! < 1e-9)
        for (a, b) in zip(d.boxes, d.boxes.dropFirst()) { #expect(a.frame.maxY + D.Metrics.rankSeparation <= b.frame.y + 1e-9) }
        #expect(d.height > d.width)
        Self.checkGeometry(d)
    }

    @Test func withoutLayerNamesTheHeaderIsTheClassAlone() throws {
        let d = try D(try Self.cnn(Session(seed: 1)))
        #expect(d.boxes.map(\.lines) == [["Conv2D"], ["Conv2D"], ["MaxPooling2D"], ["Flatten"], ["Dense"]])
        #expect(d.boxes[0].rows[0][0].runs == [D.Run("Conv2D", bold: true)])
        #expect(d.boxes[0].rows[0][0].fill == .black)
    }

    @Test func showShapesAddsInputAndOutputCellsAndWidensTheBoxes() throws {
        let s = Session(seed: 1)
        let model = try Self.cnn(s)
        let plain = try D(model, options: Self.options { $0.showLayerNames = true })
        let shaped = try D(model, options: Self.options { $0.showLayerNames = true; $0.showShapes = true })
        #expect(shaped.boxes[0].lines == ["conv2d (Conv2D)", "Input shape: (None, 28, 28, 1) | Output shape: (None, 26, 26, 4)"])
        #expect(shaped.boxes[3].lines[1] == "Input shape: (None, 12, 12, 4) | Output shape: (None, 576)")
        #expect(shaped.boxes[4].rows[1][1].runs == [D.Run("Output shape: "), D.Run("(None, 10)", bold: true)])
        #expect(shaped.boxes[4].rows[1].allSatisfy { $0.fill == .white })
        for (a, b) in zip(plain.boxes, shaped.boxes) {
            #expect(b.frame.width > a.frame.width)
            #expect(b.frame.height > a.frame.height)
            // The two cells share the header's width, side by side.
            #expect(abs(b.rows[1][0].frame.maxX + D.Metrics.cellSpacing - b.rows[1][1].frame.x) < 1e-9)
            #expect(abs(b.rows[1][1].frame.maxX - b.rows[0][0].frame.maxX) < 1e-9)
        }
        #expect(shaped.width > plain.width)
        Self.checkGeometry(shaped)
    }

    @Test func dtypeActivationAndTrainableRows() throws {
        let s = Session(seed: 1)
        let model = try Self.cnn(s)
        model.layers[0].trainable = false
        let d = try D(model, options: Self.options { $0.showDtype = true; $0.showLayerActivations = true; $0.showTrainable = true })
        #expect(d.boxes[0].lines == ["Conv2D", "Activation: relu", "Output dtype: float32 | Non-trainable"])
        #expect(d.boxes[0].rows[2][1].fill == .firebrick)
        #expect(d.boxes[1].rows[2][1].fill == .forestGreen)
        // No activation and no weights: neither row nor cell.
        #expect(d.boxes[2].lines == ["MaxPooling2D", "Output dtype: float32"])
        #expect(d.boxes[4].lines == ["Dense", "Activation: softmax", "Output dtype: float32 | Trainable"])
    }

    @Test func aResidualBlockRanksFollowTheDataAndTheSkipEdgeGoesAround() throws {
        let s = Session(seed: 2)
        let model = try Self.residual(s)
        let d = try D(model, options: Self.options { $0.showShapes = true; $0.showLayerNames = true })
        #expect(d.boxes.map(\.layerName) == ["input_layer", "conv2d", "conv2d_1", "add", "flatten", "dense"])
        // An InputLayer box has no input shape; Add's input is the list of its inputs.
        #expect(d.boxes[0].lines == ["input_layer (InputLayer)", "Output shape: (None, 8, 8, 4)"])
        #expect(d.boxes[3].lines[1] == "Input shape: [(None, 8, 8, 4), (None, 8, 8, 4)] | Output shape: (None, 8, 8, 4)")
        // One edge per connection, each once.
        let add = try Self.box(d, "add"), input = try Self.box(d, "input_layer")
        #expect(d.edges.count == 6)
        #expect(d.edges.filter { $0.to == add }.map(\.from).sorted() == [input, try Self.box(d, "conv2d_1")].sorted())
        for e in d.edges { #expect(d.boxes[e.from].rank < d.boxes[e.to].rank) }
        #expect(d.boxes.map(\.rank) == [0, 1, 2, 3, 4, 5])
        // The skip edge leaves the column of the convolutions and comes back: it has bends.
        let skip = try #require(d.edges.first { $0.from == input && $0.to == add })
        #expect(skip.points.count >= 4)
        let conv = d.boxes[1].frame
        #expect(skip.points.contains { $0.x > conv.maxX || $0.x < conv.x })
        // The chain runs straight: one segment from each box to the next.
        for (a, b) in [("input_layer", "conv2d"), ("conv2d", "conv2d_1"), ("add", "flatten"), ("flatten", "dense")] {
            let from = try Self.box(d, a), to = try Self.box(d, b)
            let e = try #require(d.edges.first { $0.from == from && $0.to == to })
            #expect(e.points.count == 2, "\(a) -> \(b) bends")
        }
        // Ortho: every segment is horizontal or vertical.
        for e in d.edges { for (a, b) in zip(e.points, e.points.dropFirst()) { #expect(a.x == b.x || a.y == b.y) } }
        Self.checkGeometry(d)
    }

    @Test func leftToRightSwapsTheAxes() throws {
        let s = Session(seed: 1)
        let model = try Self.cnn(s, convolutions: 4)
        let tb = try D(model, options: Self.options { $0.showShapes = true })
        let lr = try D(model, options: Self.options { $0.showShapes = true; $0.direction = .LR })
        #expect(lr.direction == .LR)
        #expect(tb.height > tb.width && lr.width > lr.height)
        let ys = lr.boxes.map { $0.frame.center.y }
        #expect(ys.max()! - ys.min()! < 1e-9)
        for (a, b) in zip(lr.boxes, lr.boxes.dropFirst()) { #expect(a.frame.maxX + D.Metrics.rankSeparation <= b.frame.x + 1e-9) }
        // The same boxes, turned only in where they sit.
        #expect(zip(tb.boxes, lr.boxes).allSatisfy { $0.frame.width == $1.frame.width && $0.frame.height == $1.frame.height })
        // Edges leave a box's right side and enter the next one's left side.
        for e in lr.edges {
            #expect(abs(e.points.first!.x - lr.boxes[e.from].frame.maxX) < 1e-9)
            #expect(abs(e.points.last!.x - lr.boxes[e.to].frame.x) < 1e-9)
        }
        Self.checkGeometry(lr)
        // Bottom to top and right to left mirror them.
        let bt = try D(model, options: Self.options { $0.direction = .BT })
        #expect(zip(bt.boxes, bt.boxes.dropFirst()).allSatisfy { $0.frame.y > $1.frame.maxY })
        let rl = try D(model, options: Self.options { $0.direction = .RL })
        #expect(zip(rl.boxes, rl.boxes.dropFirst()).allSatisfy { $0.frame.x > $1.frame.maxX })
    }

    @Test func aSharedLayerIsOneBoxWithAnEdgePerCall() throws {
        let s = Session(seed: 3)
        let a = try InputLayer(shape: [4], name: "left", session: s).placeholder
        let b = try InputLayer(shape: [4], name: "right", session: s).placeholder
        let shared = try Dense(units: 4, session: s)
        let ya = try shared.callSymbolic([a], asList: false), yb = try shared.callSymbolic([b], asList: false)
        // Called on its own output too: a loop onto itself.
        let again = try shared.callSymbolic([ya], asList: false)
        let out = try Concatenate(session: s).callSymbolic([again, yb], asList: true)
        let model = try Sequential(graph: try LayerGraph(inputs: [a, b], outputs: [out]), session: s)
        let d = try D(model, options: Self.options { $0.showLayerNames = true })
        #expect(d.boxes.filter { $0.layerName == "dense" }.count == 1)
        let dense = try Self.box(d, "dense"), concat = try Self.box(d, "concatenate")
        let into = d.edges.filter { $0.to == dense }.map { d.boxes[$0.from].layerName }
        #expect(Set(into) == ["left", "right", "dense"])
        // dense -> concatenate once, though two of its calls feed it.
        #expect(d.edges.filter { $0.from == dense && $0.to == concat }.count == 1)
        let loop = try #require(d.edges.first { $0.from == dense && $0.to == dense })
        let f = d.boxes[dense].frame
        #expect(loop.points.contains { $0.x > f.maxX })
        #expect(f.onBorder(loop.points.first!) && f.onBorder(loop.points.last!))
        for e in d.edges where e.from != e.to { #expect(d.boxes[e.from].rank < d.boxes[e.to].rank) }
        Self.checkGeometry(d)
    }

    @Test func aNestedModelIsOneBoxUnlessExpanded() throws {
        let s = Session(seed: 4)
        let inner = try Sequential(layers: [
            try Dense(units: 8, activation: "relu", inputShape: [4], session: s),
            try Dense(units: 6, session: s),
        ], name: "base", session: s)
        let outer = try Sequential(layers: [try NestedModel(inner, session: s), try Dense(units: 2, session: s)], session: s)
        let closed = try D(outer, options: Self.options { $0.showLayerNames = true; $0.showShapes = true })
        #expect(closed.boxes.map(\.lines) == [["base (Sequential)", "Input shape: (None, 4) | Output shape: (None, 6)"],
                                              ["dense_2 (Dense)", "Input shape: (None, 6) | Output shape: (None, 2)"]])
        #expect(closed.clusters.isEmpty && closed.edges.count == 1)

        let open = try D(outer, options: Self.options { $0.showLayerNames = true; $0.expandNested = true })
        #expect(open.boxes.map(\.layerName) == ["dense", "dense_1", "dense_2"])
        #expect(open.clusters.map(\.name) == ["base"])
        #expect(open.boxes.map(\.cluster) == [0, 0, nil])
        #expect(open.edges.map { [$0.from, $0.to] } == [[0, 1], [1, 2]])
        let frame = open.clusters[0].frame
        for b in open.boxes.prefix(2) { #expect(frame.contains(D.Point(b.frame.x, b.frame.y)) && frame.contains(D.Point(b.frame.maxX, b.frame.maxY))) }
        #expect(!frame.contains(open.boxes[2].frame.center))
        #expect(frame.contains(open.clusters[0].labelOrigin))
        Self.checkGeometry(open)
    }

    @Test func aFunctionalModelInsideAFunctionalModelOpensAtItsInput() throws {
        let s = Session(seed: 5)
        let innerInput = try InputLayer(shape: [4], name: "inner_in", session: s).placeholder
        let innerOut = try Dense(units: 3, session: s).callSymbolic([innerInput], asList: false)
        let inner = try Sequential(graph: try LayerGraph(inputs: [innerInput], outputs: [innerOut]), name: "encoder", session: s)
        let input = try InputLayer(shape: [4], name: "x", session: s).placeholder
        let encoded = try NestedModel(inner, session: s).callSymbolic([input], asList: false)
        let out = try Dense(units: 1, session: s).callSymbolic([encoded], asList: false)
        let model = try Sequential(graph: try LayerGraph(inputs: [input], outputs: [out]), session: s)
        let closed = try D(model, options: Self.options { $0.showLayerNames = true })
        #expect(closed.boxes.map(\.lines) == [["x (InputLayer)"], ["encoder (Functional)"], ["dense_1 (Dense)"]])
        let open = try D(model, options: Self.options { $0.showLayerNames = true; $0.expandNested = true })
        #expect(open.boxes.map(\.layerName) == ["x", "inner_in", "dense", "dense_1"])
        let names = Set(open.edges.map { open.boxes[$0.from].layerName + "->" + open.boxes[$0.to].layerName })
        #expect(names == ["x->inner_in", "inner_in->dense", "dense->dense_1"])
        Self.checkGeometry(open)
    }

    @Test func branchesAreOrderedWithoutCrossings() throws {
        // Two inputs, each through a chain of two layers, and a skip edge from the first input to
        // the end: barycentre sweeps leave no crossing.
        let s = Session(seed: 6)
        let a = try InputLayer(shape: [4], name: "a", session: s).placeholder
        let b = try InputLayer(shape: [4], name: "b", session: s).placeholder
        let a1 = try Dense(units: 4, name: "a1", session: s), b1 = try Dense(units: 4, name: "b1", session: s)
        let ya = try a1.callSymbolic([a], asList: false), yb = try b1.callSymbolic([b], asList: false)
        let ya2 = try Dense(units: 4, name: "a2", session: s).callSymbolic([yb], asList: false)
        let yb2 = try Dense(units: 4, name: "b2", session: s).callSymbolic([ya], asList: false)
        let joined = try Concatenate(session: s).callSymbolic([ya2, yb2, a], asList: true)
        let model = try Sequential(graph: try LayerGraph(inputs: [a, b], outputs: [joined]), session: s)
        let d = try D(model, options: Self.options { $0.showLayerNames = true })
        var crossings = 0
        for e in d.edges { for f in d.edges where e.from != f.from && e.to != f.to {
            let (ea, eb, fa, fb) = (d.boxes[e.from], d.boxes[e.to], d.boxes[f.from], d.boxes[f.to])
            if ea.rank == fa.rank, eb.rank == fb.rank, eb.rank == ea.rank + 1, (ea.order - fa.order) * (eb.order - fb.order) < 0 { crossings += 1 }
        } }
        #expect(crossings == 0)
        // The order within a rank matches the positions across.
        for r in Set(d.boxes.map(\.rank)) {
            let row = d.boxes.filter { $0.rank == r }.sorted { $0.order < $1.order }
            for (p, q) in zip(row, row.dropFirst()) { #expect(p.frame.maxX < q.frame.x) }
        }
        Self.checkGeometry(d)
    }

    /// Whether two segments cross at a point inside both.
    static func intersect(_ p1: D.Point, _ p2: D.Point, _ q1: D.Point, _ q2: D.Point) -> Bool {
        func orient(_ a: D.Point, _ b: D.Point, _ c: D.Point) -> Double { (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) }
        return orient(q1, q2, p1) * orient(q1, q2, p2) < 0 && orient(p1, p2, q1) * orient(p1, p2, q2) < 0
    }

    @Test func aLongEdgeIsMovedBesideItsOwnBranch() throws {
        // a -> r -> r2 and b -> p -> q, both into a Concatenate, with a skip edge a -> concatenate.
        // Keras's order puts the skip edge's dummies after p (across b -> p); the barycentre
        // sweeps move them beside r, so no two edges cross.
        let s = Session(seed: 7)
        let a = try InputLayer(shape: [4], name: "a", session: s).placeholder
        let b = try InputLayer(shape: [4], name: "b", session: s).placeholder
        let r2 = try Dense(units: 4, name: "r2", session: s).callSymbolic([try Dense(units: 4, name: "r", session: s).callSymbolic([a], asList: false)], asList: false)
        let q = try Dense(units: 4, name: "q", session: s).callSymbolic([try Dense(units: 4, name: "p", session: s).callSymbolic([b], asList: false)], asList: false)
        let out = try Concatenate(session: s).callSymbolic([r2, a, q], asList: true)
        let model = try Sequential(graph: try LayerGraph(inputs: [a, b], outputs: [out]), session: s)
        let d = try D(model, options: Self.options { $0.showLayerNames = true })
        #expect(d.boxes.map(\.layerName) == ["a", "b", "r", "p", "r2", "q", "concatenate"])
        #expect(d.boxes.map(\.rank) == [0, 0, 1, 1, 2, 2, 3])
        for (i, e) in d.edges.enumerated() {
            for f in d.edges[(i + 1)...] where Set([e.from, e.to]).isDisjoint(with: [f.from, f.to]) {
                for (p1, p2) in zip(e.points, e.points.dropFirst()) {
                    for (q1, q2) in zip(f.points, f.points.dropFirst()) {
                        #expect(!Self.intersect(p1, p2, q1, q2), "\(d.boxes[e.from].layerName)->\(d.boxes[e.to].layerName) crosses \(d.boxes[f.from].layerName)->\(d.boxes[f.to].layerName)")
                    }
                }
            }
        }
        Self.checkGeometry(d)
    }

    @Test func anUnbuiltModelIsRefusedWithKerasMessage() throws {
        let s = Session(seed: 1)
        let model = try Sequential(layers: [try Dense(units: 2, session: s)], session: s)
        #expect(throws: LayerError.self) { try D(model) }
        do { _ = try D(model) } catch let e as LayerError {
            #expect(e.message.hasPrefix("This model has not yet been built. Build the model first by calling `build()`"))
        }
    }
}
