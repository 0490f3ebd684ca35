import Testing
import Tensor
import NeuralNet

/// One harness for every layer: the pure output-shape rule, the shape after building, the
/// parameter count and its trainable split, each weight's name, shape and path, and the shape
/// of a real forward pass. Expectations are derived by hand from Keras's rules
/// (valid: floor((n - k) / s) + 1, same: ceil(n / s); conv params kh*kw*in*out + out; Dense
/// (in + 1) * units on the last axis; BatchNormalization 4 per channel, 2 trainable).
struct LayerCase: Sendable, CustomTestStringConvertible {
    var label: String
    var make: @Sendable (Session) throws -> any Layer
    var input: [Int?]
    var output: [Int?]
    var weights: [(String, [Int])] = []
    var nonTrainable: Int = 0

    var testDescription: String { label }
    var params: Int { weights.reduce(0) { $0 + $1.1.reduce(1, *) } }
}

let layerCases: [LayerCase] = [
    LayerCase(label: "Conv2D(32, (3, 3))", make: { try Conv2D(filters: 32, kernelSize: [3, 3], session: $0) },
              input: [nil, 28, 28, 1], output: [nil, 26, 26, 32], weights: [("kernel", [3, 3, 1, 32]), ("bias", [32])]),
    LayerCase(label: "Conv2D(16, 3, strides=2, padding='same')",
              make: { try Conv2D(filters: 16, kernelSize: 3, strides: 2, padding: "same", session: $0) },
              input: [nil, 28, 28, 3], output: [nil, 14, 14, 16], weights: [("kernel", [3, 3, 3, 16]), ("bias", [16])]),
    LayerCase(label: "Conv2D(8, (5, 3), strides=(2, 1))",
              make: { try Conv2D(filters: 8, kernelSize: [5, 3], strides: [2, 1], activation: "relu", session: $0) },
              input: [nil, 11, 9, 2], output: [nil, 4, 7, 8], weights: [("kernel", [5, 3, 2, 8]), ("bias", [8])]),
    LayerCase(label: "Conv2D(6, 1, use_bias=False)",
              make: { try Conv2D(filters: 6, kernelSize: 1, useBias: false, session: $0) },
              input: [nil, 8, 8, 4], output: [nil, 8, 8, 6], weights: [("kernel", [1, 1, 4, 6])]),
    LayerCase(label: "Conv2D(4, 3, strides=2, padding='same') on odd size",
              make: { try Conv2D(filters: 4, kernelSize: 3, strides: 2, padding: "same", session: $0) },
              input: [nil, 7, 5, 1], output: [nil, 4, 3, 4], weights: [("kernel", [3, 3, 1, 4]), ("bias", [4])]),
    LayerCase(label: "MaxPooling2D()", make: { try MaxPooling2D(session: $0) },
              input: [nil, 26, 26, 32], output: [nil, 13, 13, 32]),
    LayerCase(label: "MaxPooling2D(3, strides=2)", make: { try MaxPooling2D(poolSize: 3, strides: 2, session: $0) },
              input: [nil, 7, 7, 1], output: [nil, 3, 3, 1]),
    LayerCase(label: "MaxPooling2D(2, padding='same')", make: { try MaxPooling2D(poolSize: 2, padding: "same", session: $0) },
              input: [nil, 5, 5, 3], output: [nil, 3, 3, 3]),
    LayerCase(label: "AveragePooling2D((2, 2))", make: { try AveragePooling2D(poolSize: [2, 2], session: $0) },
              input: [nil, 5, 5, 2], output: [nil, 2, 2, 2]),
    LayerCase(label: "AveragePooling2D(3, strides=1, padding='same')",
              make: { try AveragePooling2D(poolSize: 3, strides: 1, padding: "same", session: $0) },
              input: [nil, 4, 4, 1], output: [nil, 4, 4, 1]),
    LayerCase(label: "GlobalAveragePooling2D()", make: { try GlobalAveragePooling2D(session: $0) },
              input: [nil, 7, 7, 64], output: [nil, 64]),
    LayerCase(label: "GlobalMaxPooling2D(keepdims=True)", make: { try GlobalMaxPooling2D(keepdims: true, session: $0) },
              input: [nil, 3, 5, 8], output: [nil, 1, 1, 8]),
    LayerCase(label: "Flatten()", make: { try Flatten(session: $0) }, input: [nil, 3, 3, 64], output: [nil, 576]),
    LayerCase(label: "Dense(10)", make: { try Dense(units: 10, activation: "softmax", session: $0) },
              input: [nil, 64], output: [nil, 10], weights: [("kernel", [64, 10]), ("bias", [10])]),
    LayerCase(label: "Dense(5) on 4-D input", make: { try Dense(units: 5, activation: "relu", session: $0) },
              input: [nil, 4, 4, 3], output: [nil, 4, 4, 5], weights: [("kernel", [3, 5]), ("bias", [5])]),
    LayerCase(label: "Dense(7, use_bias=False)", make: { try Dense(units: 7, useBias: false, session: $0) },
              input: [nil, 3], output: [nil, 7], weights: [("kernel", [3, 7])]),
    LayerCase(label: "Dropout(0.5)", make: { try Dropout(rate: 0.5, session: $0) }, input: [nil, 10], output: [nil, 10]),
    LayerCase(label: "Activation('tanh')", make: { try ActivationLayer("tanh", session: $0) },
              input: [nil, 4, 4, 2], output: [nil, 4, 4, 2]),
    LayerCase(label: "ReLU()", make: { try ReLU(session: $0) }, input: [nil, 6], output: [nil, 6]),
    LayerCase(label: "Softmax()", make: { try Softmax(session: $0) }, input: [nil, 10], output: [nil, 10]),
    LayerCase(label: "BatchNormalization()", make: { try BatchNormalization(session: $0) },
              input: [nil, 8, 8, 16], output: [nil, 8, 8, 16],
              weights: [("gamma", [16]), ("beta", [16]), ("moving_mean", [16]), ("moving_variance", [16])],
              nonTrainable: 32),
    LayerCase(label: "BatchNormalization(center=False)", make: { try BatchNormalization(center: false, session: $0) },
              input: [nil, 5], output: [nil, 5],
              weights: [("gamma", [5]), ("moving_mean", [5]), ("moving_variance", [5])], nonTrainable: 10),
    LayerCase(label: "InputLayer(shape=(28, 28, 1))", make: { try InputLayer(shape: [28, 28, 1], session: $0) },
              input: [nil, 28, 28, 1], output: [nil, 28, 28, 1]),
]

@Test(arguments: layerCases)
func layerHarness(_ c: LayerCase) throws {
    let session = Session(seed: 7)
    let layer = try c.make(session)
    // The pure rule, before and independent of building.
    #expect(try layer.computeOutputShape(c.input) == c.output)
    if !(layer is InputLayer) {
        #expect(!layer.isBuilt)
        #expect(throws: LayerError.self) { try layer.countParams() }
    }
    try layer.build(c.input)
    #expect(layer.inputShape == c.input)
    #expect(layer.outputShape == c.output)
    #expect(try layer.countParams() == c.params)
    #expect(layer.nonTrainableWeights.reduce(0) { $0 + $1.count } == c.nonTrainable)
    #expect(layer.trainableWeights.reduce(0) { $0 + $1.count } == c.params - c.nonTrainable)
    #expect(layer.weights.map(\.name) == c.weights.map(\.0))
    #expect(layer.weights.map(\.shape) == c.weights.map(\.1))
    #expect(layer.weights.map(\.path) == c.weights.map { "\(layer.name)/\($0.0)" })
    // Building again with the same shape changes nothing.
    let before = layer.weights.map { ObjectIdentifier($0) }
    try layer.build(c.input)
    #expect(layer.weights.map { ObjectIdentifier($0) } == before)

    // A real forward pass on a batch of 2.
    var generator = SeededGenerator(seed: 3)
    let dims = [2] + c.input.dropFirst().map { $0! }
    let x = try Tensor(shape: Shape(dims), floats: (0..<dims.reduce(1, *)).map { _ in generator.uniformFloat(-1, 1) })
    let y = try layer(x)
    #expect(y.shape.dims == [2] + c.output.dropFirst().map { $0! })
    #expect(y.floatArray.allSatisfy { $0.isFinite })
    // trainable=False moves every weight to non-trainable.
    layer.trainable = false
    #expect(layer.trainableWeights.isEmpty)
    #expect(layer.nonTrainableWeights.reduce(0) { $0 + $1.count } == c.params)
}

@Test func classNamesAndDefaultNames() throws {
    let s = Session()
    let layers: [any Layer] = [
        try Conv2D(filters: 1, kernelSize: 1, session: s), try MaxPooling2D(session: s),
        try AveragePooling2D(session: s), try GlobalAveragePooling2D(session: s), try GlobalMaxPooling2D(session: s),
        try Flatten(session: s), try Dense(units: 1, session: s), try Dropout(rate: 0, session: s),
        try ActivationLayer("relu", session: s), try ReLU(session: s), try Softmax(session: s),
        try BatchNormalization(session: s), try InputLayer(shape: [2], session: s),
    ]
    #expect(layers.map(\.className) == [
        "Conv2D", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "Flatten",
        "Dense", "Dropout", "Activation", "ReLU", "Softmax", "BatchNormalization", "InputLayer",
    ])
    #expect(layers.map(\.name) == [
        "conv2d", "max_pooling2d", "average_pooling2d", "global_average_pooling2d", "global_max_pooling2d",
        "flatten", "dense", "dropout", "activation", "re_lu", "softmax", "batch_normalization", "input_layer",
    ])
}
