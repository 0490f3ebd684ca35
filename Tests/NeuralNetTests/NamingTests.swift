import Testing
import NeuralNet

@Test func snakeCaseAsKeras() {
    let cases = [
        ("Conv2D", "conv2d"), ("MaxPooling2D", "max_pooling2d"), ("Dense", "dense"),
        ("BatchNormalization", "batch_normalization"), ("GlobalAveragePooling2D", "global_average_pooling2d"),
        ("ReLU", "re_lu"), ("InputLayer", "input_layer"), ("Sequential", "sequential"),
        ("AveragePooling2D", "average_pooling2d"), ("Conv2DTranspose", "conv2d_transpose"), ("PReLU", "p_re_lu"),
    ]
    for (name, snake) in cases { #expect(NameRegistry.snakeCase(name) == snake, "\(name)") }
}

@Test func namesCountUpPerNameAcrossModels() throws {
    let s = Session()
    let first = try Sequential(layers: [
        Conv2D(filters: 8, kernelSize: 3, inputShape: [10, 10, 1], session: s),
        Conv2D(filters: 8, kernelSize: 3, session: s),
        MaxPooling2D(session: s), Flatten(session: s), Dense(units: 4, session: s),
    ], session: s)
    let second = try Sequential(session: s)
    try second.add(Conv2D(filters: 8, kernelSize: 3, inputShape: [10, 10, 1], session: s))
    try second.add(MaxPooling2D(session: s))
    try second.add(Flatten(session: s))
    try second.add(Dense(units: 4, session: s))
    try second.add(Dense(units: 2, session: s))
    #expect(first.name == "sequential")
    #expect(second.name == "sequential_1")
    #expect(first.layers.map(\.name) == ["conv2d", "conv2d_1", "max_pooling2d", "flatten", "dense"])
    #expect(second.layers.map(\.name) == ["conv2d_2", "max_pooling2d_1", "flatten_1", "dense_1", "dense_2"])
    #expect(second.weights.map(\.path) == [
        "sequential_1/conv2d_2/kernel", "sequential_1/conv2d_2/bias",
        "sequential_1/dense_1/kernel", "sequential_1/dense_1/bias",
        "sequential_1/dense_2/kernel", "sequential_1/dense_2/bias",
    ])
}

@Test func clearSessionStartsNamesAgain() throws {
    let s = Session()
    _ = try Sequential(layers: [Dense(units: 1, session: s), Dense(units: 1, session: s)], session: s)
    s.clear()
    let model = try Sequential(layers: [Dense(units: 1, session: s)], session: s)
    #expect(model.name == "sequential")
    #expect(model.layers[0].name == "dense")
}

@Test func sessionsAreIndependent() throws {
    let a = Session(), b = Session()
    _ = try Dense(units: 1, session: a)
    #expect(try Dense(units: 1, session: b).name == "dense")
    #expect(try Dense(units: 1, session: a).name == "dense_1")
}

/// Keras takes a layer's name in Layer.__init__, before the layer checks its own arguments, so
/// `Conv2D(0, 3)` uses up `conv2d` although it fails. Fovea does the same, so that names keep
/// matching what Keras would print for the same cells.
@Test func aLayerThatFailsValidationHasUsedUpItsName() throws {
    let s = Session()
    #expect(throws: LayerError.self) { try Conv2D(filters: 0, kernelSize: 3, session: s) }
    #expect(try Conv2D(filters: 1, kernelSize: 3, session: s).name == "conv2d_1")
}

@Test func explicitNamesAreNotCountedButMustBeUniqueInAModel() throws {
    let s = Session()
    let model = try Sequential(name: "my_model", session: s)
    try model.add(Dense(units: 2, inputShape: [3], name: "dense", session: s))
    #expect(model.name == "my_model")
    #expect(model.weights[0].path == "my_model/dense/kernel")
    // The default name is still `dense`: a clash, refused with the model unchanged.
    let clash = try Dense(units: 2, session: s)
    #expect(clash.name == "dense")
    let error = try #require(throws: LayerError.self) { try model.add(clash) }
    #expect(error.argument == "name")
    #expect(error.message == "The name \"dense\" is used 2 times in the model. All layer names should be unique.")
    #expect(model.layers.count == 1)
    #expect(try Sequential(session: s).name == "sequential")
}

@Test func suggestionsComeFromTheSharedSpellingEngine() {
    #expect(closestMatch(to: "vaild", in: ["valid", "same"]) == "valid")
    #expect(closestMatch(to: "relux", in: activationNames) == "relu")
    #expect(closestMatch(to: "Softmax", in: activationNames) == "softmax")
    #expect(closestMatch(to: "banana", in: activationNames) == nil)
}
