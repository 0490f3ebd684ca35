import Testing
import Tensor
import NeuralNet

/// A model's observable state, to show that a failed call changed nothing.
private struct Snapshot: Equatable {
    var names: [String]
    var output: [Int?]?
    var params: Int?
    var summary: ModelSummary
    init(_ model: Sequential) {
        names = model.layers.map(\.name)
        output = model.outputShape
        params = try? model.countParams()
        summary = model.summary()
    }
}

private func convModel(_ s: Session) throws -> Sequential {
    let model = try Sequential(session: s)
    try model.add(Conv2D(filters: 32, kernelSize: [3, 3], activation: "relu", inputShape: [28, 28, 1], session: s))
    try model.add(MaxPooling2D(poolSize: [2, 2], session: s))
    try model.add(Flatten(session: s))
    try model.add(Dense(units: 64, activation: "relu", session: s))
    return model
}

@Test func aFailedAddLeavesTheModelExactlyAsItWas() throws {
    let s = Session()
    let model = try convModel(s)
    let before = Snapshot(model)
    let conv = try Conv2D(filters: 64, kernelSize: [3, 3], session: s)   // conv2d_1
    let error = try #require(throws: LayerError.self) { try model.add(conv) }
    #expect(error.kind == .valueError)
    #expect(error.message == "Input 0 of layer \"conv2d_1\" is incompatible with the layer: expected ndim=4 "
        + "(batch, height, width, channels), found ndim=2. Full shape received: (None, 64)")
    #expect(error.hint == "The layer before it, \"dense\" (Dense), outputs (None, 64), which has no height, width "
        + "and channels: put convolution and pooling layers before Flatten and Dense.")
    #expect(Snapshot(model) == before)
    #expect(!conv.isBuilt)
    // The model still works: a valid layer goes on after the failure.
    try model.add(Dense(units: 10, activation: "softmax", session: s))
    #expect(model.outputShape == [nil, 10])
    #expect(model.layers.map(\.name) == ["conv2d", "max_pooling2d", "flatten", "dense", "dense_1"])
}

@Test func everyPoolingAndGlobalPoolingLayerGetsTheSameHint() throws {
    let s = Session()
    let model = try convModel(s)
    for layer in [try MaxPooling2D(session: s), try AveragePooling2D(session: s) as any Layer,
                  try GlobalAveragePooling2D(session: s), try GlobalMaxPooling2D(session: s)] {
        let error = try #require(throws: LayerError.self) { try model.add(layer) }
        #expect(error.message.contains("expected ndim=4 (batch, height, width, channels), found ndim=2"))
        #expect(error.hint?.contains("\"dense\" (Dense), outputs (None, 64)") == true)
    }
    #expect(model.layers.count == 4)
}

@Test func popGetLayerAndShapes() throws {
    let s = Session()
    let model = try convModel(s)
    #expect(model.inputShape == [nil, 28, 28, 1])
    #expect(model.outputShape == [nil, 64])
    #expect(try model.getLayer(name: "flatten").outputShape == [nil, 5408])
    #expect(try model.getLayer(index: 0).name == "conv2d")
    #expect(try model.getLayer(index: -1).name == "dense")
    let popped = try model.pop()
    #expect(popped.name == "dense")
    #expect(model.outputShape == [nil, 5408])
    #expect(try model.countParams() == 320)
    let missing = try #require(throws: LayerError.self) { try model.getLayer(name: "dense") }
    #expect(missing.message == "No such layer: dense. Existing layers are: ['conv2d', 'max_pooling2d', 'flatten'].")
    let far = try #require(throws: LayerError.self) { try model.getLayer(index: 3) }
    #expect(far.message == "Was asked to retrieve layer at index 3 but model only has 3 layers.")
    #expect(far.argument == "index")
    _ = try model.pop(); _ = try model.pop(); _ = try model.pop()
    #expect(model.outputShape == [nil, 28, 28, 1])
    let empty = try #require(throws: LayerError.self) { try model.pop() }
    #expect(empty.kind == .typeError)
    #expect(empty.message == "There are no layers in the model.")
}

@Test func inputLayerAndInputDeclareTheShape() throws {
    let s = Session()
    let model = try Sequential(layers: [InputLayer.input(shape: [28, 28, 1], session: s),
                                        Conv2D(filters: 4, kernelSize: 3, session: s)], session: s)
    #expect(model.layers.map(\.name) == ["conv2d"])      // not the InputLayer, as in Keras 3
    #expect(model.outputShape == [nil, 26, 26, 4])
    #expect(model.summary().rows.count == 1)

    let added = try Sequential(session: s)
    try added.add(InputLayer(shape: [4], session: s))
    #expect(added.isBuilt && added.outputShape == [nil, 4])
    try added.add(Dense(units: 3, session: s))
    #expect(try added.countParams() == 15)
    let twice = try #require(throws: LayerError.self) { try added.add(InputLayer(shape: [4], session: s)) }
    #expect(twice.message.hasPrefix("An InputLayer can only be the first layer"))
}

@Test func unbuiltModelSummaryAndBuild() throws {
    let s = Session()
    let model = try Sequential(layers: [Conv2D(filters: 32, kernelSize: 3, session: s), Flatten(session: s),
                                        Dense(units: 10, session: s)], session: s)
    #expect(!model.isBuilt)
    #expect(model.outputShape == nil)
    #expect(throws: LayerError.self) { try model.countParams() }
    let unbuilt = model.summary()
    #expect(unbuilt.rows.map(\.outputShape) == [nil, nil, nil])
    #expect(unbuilt.rows.map(\.params) == [nil, nil, nil])
    #expect(unbuilt.totalParams == 0)

    // A failing build changes nothing either.
    #expect(throws: LayerError.self) { try model.build(inputShape: [nil, 2, 2, 1]) }
    #expect(!model.isBuilt && model.layers.allSatisfy { !$0.isBuilt })

    try model.build(inputShape: [nil, 28, 28, 1])
    #expect(model.outputShape == [nil, 10])
    #expect(try model.countParams() == 320 + 21632 * 10 + 10)
    #expect(model.summary().rows.map(\.params) == [320, 0, 216330])
}

@Test func addingToAnUnbuiltModelBuildsNothingUntilTheInputIsKnown() throws {
    let s = Session()
    let model = try Sequential(session: s)
    try model.add(Dense(units: 8, session: s))
    try model.add(Dense(units: 2, session: s))
    #expect(!model.isBuilt)
    let y = try model(try Tensor(repeating: 1, shape: [3, 5]))   // builds from the data, as Keras does
    #expect(y.shape.dims == [3, 2])
    #expect(model.inputShape == [nil, 5])
    #expect(try model.countParams() == 6 * 8 + 9 * 2)
}

@Test func trainableFlagsMoveParamsToNonTrainable() throws {
    let s = Session()
    let model = try Sequential(layers: [
        Conv2D(filters: 8, kernelSize: 3, inputShape: [8, 8, 3], session: s),
        BatchNormalization(session: s), Flatten(session: s), Dense(units: 2, session: s),
    ], session: s)
    var summary = model.summary()
    #expect(summary.trainableParams == 224 + 16 + 578)
    #expect(summary.nonTrainableParams == 16)
    model.layers[0].trainable = false
    summary = model.summary()
    #expect(summary.trainableParams == 16 + 578)
    #expect(summary.nonTrainableParams == 224 + 16)
    model.trainable = false
    #expect(model.summary().trainableParams == 0)
    #expect(model.summary().totalParams == 224 + 32 + 578)
}

@Test func weightsGetAndSetWithShapeChecks() throws {
    let s = Session()
    let model = try Sequential(layers: [Dense(units: 2, inputShape: [3], session: s)], session: s)
    let dense = model.layers[0]
    let count = try #require(throws: LayerError.self) { try dense.setWeights([try Tensor(zeros: [3, 2])]) }
    #expect(count.message == "You called `set_weights(weights)` on layer \"dense\" with a weight list of length 1, "
        + "but the layer was expecting 2 weights.")
    let shape = try #require(throws: LayerError.self) {
        try dense.setWeights([try Tensor(zeros: [2, 3]), try Tensor(zeros: [2])])
    }
    #expect(shape.message == "Layer dense weight shape (3, 2) is not compatible with provided weight shape (2, 3).")
    #expect(shape.argument == "weights")
    let kernel = try Tensor(repeating: 0.5, shape: [3, 2])
    try dense.setWeights([kernel, try Tensor(repeating: 1, shape: [2])])
    kernel.floats[0] = 99                                  // set_weights copies
    #expect((dense.getWeights()[0]).floatArray == [Float](repeating: 0.5, count: 6))
    #expect((try model(try Tensor(repeating: 1, shape: [1, 3]))).floatArray == [2.5, 2.5])
}

@Test func aLayerBuiltForAnotherShapeIsRefused() throws {
    let s = Session()
    let dense = try Dense(units: 4, session: s)
    try dense.build([nil, 10])
    let model = try Sequential(layers: [Flatten(inputShape: [2, 3], session: s)], session: s)
    let error = try #require(throws: LayerError.self) { try model.add(dense) }
    #expect(error.message == "Layer \"dense\" was built for input shape (None, 10) and cannot take input shape (None, 6).")
    #expect(model.layers.count == 1)
    let again = try #require(throws: LayerError.self) { try model.add(model.layers[0]) }
    #expect(again.message == "Layer \"flatten\" is already in the model \"sequential\".")
}
