import NeuralNet
import Tensor
import Testing

/// Functional graphs: the merge layers against naive element-by-element twins, Keras's layer
/// order, and the backward pass through merges and a shared layer against finite differences.
@Suite struct FunctionalGraphTests {
    /// Naive twin of ElementwiseMerge.combine: element by element, with the fold written out.
    static func naive(_ op: ElementwiseMerge.Operation, _ xs: [[Float]]) -> [Float] {
        (0..<xs[0].count).map { i in
            let column = xs.map { $0[i] }
            switch op {
            case .add: return column.reduce(0, +)
            case .subtract: return column[0] - column[1]
            case .multiply: return column.reduce(1, *)
            case .average: return column.reduce(0, +) / Float(column.count)
            case .maximum: return column.max()!
            case .minimum: return column.min()!
            }
        }
    }

    @Test(arguments: ElementwiseMerge.Operation.allCases)
    func mergeForwardMatchesItsNaiveTwin(_ op: ElementwiseMerge.Operation) throws {
        var rng = SeededGenerator(seed: 11)
        let count = op == .subtract ? 2 : 3
        let xs = (0..<count).map { _ in GradientCheck.random([2, 3, 4], &rng) }
        let layer = try ElementwiseMerge(op, session: Session(seed: 1))
        let y = try layer.forward(xs, training: false)
        let want = Self.naive(op, xs.map(\.floatArray))
        #expect(zip(y.floatArray, want).allSatisfy { abs($0 - $1) <= 1e-6 })
    }

    /// loss = Σ y · r through a merge: each input's gradient by central differences.
    @Test(arguments: ElementwiseMerge.Operation.allCases)
    func mergeBackwardMatchesFiniteDifferences(_ op: ElementwiseMerge.Operation) throws {
        var rng = SeededGenerator(seed: 12)
        let count = op == .subtract ? 2 : 3
        let xs = (0..<count).map { _ in GradientCheck.random([2, 5], &rng) }
        let layer = try ElementwiseMerge(op, session: Session(seed: 1))
        let r = GradientCheck.random([2, 5], &rng)
        _ = try layer.forward(xs, training: true)
        let grads = try layer.backwardMerged(r)
        for (k, x) in xs.enumerated() {
            try GradientCheck.check(grads[k], of: x, "\(op) dx\(k)", step: 1e-3, tolerance: 1e-2) {
                GradientCheck.dot(try layer.forward(xs, training: false), r)
            }
        }
    }

    @Test func concatenateSplitsItsGradientAlongTheAxis() throws {
        var rng = SeededGenerator(seed: 13)
        let a = GradientCheck.random([2, 3, 2], &rng), b = GradientCheck.random([2, 3, 4], &rng)
        let layer = try Concatenate(session: Session(seed: 1))
        #expect(try layer.mergedShape([[nil, 3, 2], [nil, 3, 4]]) == [nil, 3, 6])
        let y = try layer.forward([a, b], training: true)
        // Naive twin: each output row is a's row then b's row.
        let av = a.floatArray, bv = b.floatArray
        var want: [Float] = []
        for row in 0..<6 {
            want.append(contentsOf: av[(row * 2)..<(row * 2 + 2)])
            want.append(contentsOf: bv[(row * 4)..<(row * 4 + 4)])
        }
        #expect(y.floatArray == want)
        let r = GradientCheck.random([2, 3, 6], &rng)
        let grads = try layer.backwardMerged(r)
        try GradientCheck.check(grads[0], of: a, "concat da") { GradientCheck.dot(try layer.forward([a, b], training: false), r) }
        try GradientCheck.check(grads[1], of: b, "concat db") { GradientCheck.dot(try layer.forward([a, b], training: false), r) }
    }

    /// preprocess_input('caffe') on a KerasTensor: the channels picked in BGR order and stacked
    /// again, against the reversed channels, and both backward passes against finite differences.
    @Test func channelItemsAndStackReverseTheChannels() throws {
        var rng = SeededGenerator(seed: 14)
        let s = Session(seed: 1)
        let x = GradientCheck.random([2, 3, 2, 3], &rng)
        let items = try [2, 1, 0].map { try ChannelItem(index: $0, session: s) }
        #expect(items.map(\.name) == ["get_item", "get_item_1", "get_item_2"])
        #expect(try items[0].computeOutputShape([nil, 3, 2, 3]) == [nil, 3, 2])
        #expect(throws: LayerError.self) { try ChannelItem(index: 3, session: s).computeOutputShape([nil, 3]) }
        let stack = try ChannelStack(session: s)
        let parts = try items.map { try $0(x, training: true) }
        let y = try stack.forward(parts, training: true)
        let v = x.floatArray
        let reversed: [Float] = (0..<v.count).map { (i: Int) -> Float in v[i - i % 3 + 2 - i % 3] }
        #expect(y.floatArray == reversed)
        for item in items { try GradientCheck.layer(item, input: x) }
        let r = GradientCheck.random([2, 3, 2, 3], &rng)
        let grads = try stack.backwardMerged(r)
        for (k, part) in parts.enumerated() {
            try GradientCheck.check(grads[k], of: part, "stack d\(k)") { GradientCheck.dot(try stack.forward(parts, training: false), r) }
        }
    }

    /// x -> dense (shared) twice, Add, Concatenate with a third branch, then a Dense head:
    /// every weight's gradient and the input's against finite differences.
    @Test func backwardThroughMergesAndASharedLayerMatchesFiniteDifferences() throws {
        let s = Session(seed: 21)
        var rng = SeededGenerator(seed: 22)
        let input = try InputLayer(shape: [3], session: s).placeholder
        let shared = try Dense(units: 3, activation: "tanh", session: s)
        let first = try shared.callSymbolic([input], asList: false)
        let second = try shared.callSymbolic([first], asList: false)
        let other = try Dense(units: 2, activation: "sigmoid", session: s).callSymbolic([input], asList: false)
        let added = try ElementwiseMerge(.add, session: s).callSymbolic([first, second], asList: true)
        let joined = try Concatenate(session: s).callSymbolic([added, other], asList: true)
        let head = try Dense(units: 2, session: s)
        let output = try head.callSymbolic([joined], asList: false)
        let graph = try LayerGraph(inputs: [input], outputs: [output])
        #expect(graph.layers.map(\.name) == ["input_layer", "dense", "add", "dense_1", "concatenate", "dense_2"])
        #expect(!graph.isSequentialLike)
        #expect(graph.connections(of: shared) == ["input_layer[0][0]", "dense[0][0]"])

        let x = GradientCheck.random([3, 3], &rng)
        let y = try graph.forward([x], training: true)[0]
        let r = GradientCheck.random(y.shape.dims, &rng)
        let dx = try graph.backward([r], inputGradients: true)[0]
        let loss = { GradientCheck.dot(try graph.forward([x], training: false)[0], r) }
        let gradients = graph.layers.flatMap { layer in zip(layer.weights, layer.core.gradients).map { ($0, $1, layer.name) } }
        try GradientCheck.check(dx, of: x, "dx", step: 1e-3, tolerance: 2e-2, loss: loss)
        for (w, g, name) in gradients {
            try GradientCheck.check(g, of: w.value, "\(name) d\(w.name)", step: 1e-3, tolerance: 2e-2, loss: loss)
        }
        #expect(gradients.count == 6)
    }

    @Test func aModelOverTheGraphTrains() throws {
        let s = Session(seed: 31)
        let input = try InputLayer(shape: [6], session: s).placeholder
        let a = try Dense(units: 8, activation: "relu", session: s).callSymbolic([input], asList: false)
        let b = try Dense(units: 8, activation: "relu", session: s).callSymbolic([input], asList: false)
        let out = try Dense(units: 2, activation: "softmax", session: s)
            .callSymbolic([try ElementwiseMerge(.add, session: s).callSymbolic([a, b], asList: true)], asList: false)
        let model = try Sequential(graph: try LayerGraph(inputs: [input], outputs: [out]), session: s)
        #expect(model.name == "functional" && model.className == "Functional")
        try model.compile(optimizer: try Adam(learningRate: 0.05), loss: .sparseCategoricalCrossentropy(fromLogits: false))
        var rng = SeededGenerator(seed: 32)
        let x = GradientCheck.random([64, 6], &rng)
        let labels = (0..<64).map { UInt8(x.floatArray[$0 * 6] > 0 ? 1 : 0) }
        let y = try Tensor(shape: [64], bytes: labels)
        var options = FitOptions()
        options.epochs = 15
        options.batchSize = 16
        let history = try model.fit(x: x, y: y, options: options)
        let losses = history.values("loss")!
        #expect(losses.last! < losses.first! * 0.7)
    }

    @Test func aBuiltSequentialUsesUpAFunctionalNameAsKerasDoes() throws {
        let s = Session(seed: 1)
        _ = try Sequential(layers: [try Dense(units: 2, inputShape: [3], session: s)], session: s)
        let input = try InputLayer(shape: [3], session: s).placeholder
        let out = try Dense(units: 1, session: s).callSymbolic([input], asList: false)
        let model = try Sequential(graph: try LayerGraph(inputs: [input], outputs: [out]), session: s)
        #expect(model.name == "functional_1")
    }
}
