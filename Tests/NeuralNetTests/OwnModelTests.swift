import Testing
import Tensor
import NeuralNet

/// Models beyond the reference ones, with hand-derived expectations.

private func rows(_ model: Sequential) -> [ModelSummary.Row] { model.summary().rows }

@Test func stridedSameBatchNormGlobalPoolingModel() throws {
    let s = Session(seed: 9)
    let model = try Sequential(layers: [
        InputLayer(shape: [32, 32, 3], session: s),
        Conv2D(filters: 16, kernelSize: 3, strides: 2, padding: "same", session: s),  // ceil(32/2)=16; 3*3*3*16+16
        BatchNormalization(session: s),                                            // 4*16, half non-trainable
        ReLU(session: s),
        Conv2D(filters: 32, kernelSize: 3, strides: 2, padding: "same", session: s),  // 8; 3*3*16*32+32
        MaxPooling2D(poolSize: 2, strides: 1, padding: "same", session: s),            // ceil(8/1)=8
        AveragePooling2D(session: s),                                              // (8-2)/2+1=4
        GlobalAveragePooling2D(session: s),
        Dropout(rate: 0.3, session: s),
        Dense(units: 10, activation: "softmax", session: s),                        // 33*10
    ], session: s)
    #expect(rows(model) == [
        .init(name: "conv2d", className: "Conv2D", outputShape: [nil, 16, 16, 16], params: 448),
        .init(name: "batch_normalization", className: "BatchNormalization", outputShape: [nil, 16, 16, 16], params: 64),
        .init(name: "re_lu", className: "ReLU", outputShape: [nil, 16, 16, 16], params: 0),
        .init(name: "conv2d_1", className: "Conv2D", outputShape: [nil, 8, 8, 32], params: 4640),
        .init(name: "max_pooling2d", className: "MaxPooling2D", outputShape: [nil, 8, 8, 32], params: 0),
        .init(name: "average_pooling2d", className: "AveragePooling2D", outputShape: [nil, 4, 4, 32], params: 0),
        .init(name: "global_average_pooling2d", className: "GlobalAveragePooling2D", outputShape: [nil, 32], params: 0),
        .init(name: "dropout", className: "Dropout", outputShape: [nil, 32], params: 0),
        .init(name: "dense", className: "Dense", outputShape: [nil, 10], params: 330),
    ])
    let summary = model.summary()
    #expect(summary.totalParams == 5482)
    #expect(summary.trainableParams == 5450)
    #expect(summary.nonTrainableParams == 32)
    #expect(model.weights.map(\.path) == [
        "sequential/conv2d/kernel", "sequential/conv2d/bias",
        "sequential/batch_normalization/gamma", "sequential/batch_normalization/beta",
        "sequential/batch_normalization/moving_mean", "sequential/batch_normalization/moving_variance",
        "sequential/conv2d_1/kernel", "sequential/conv2d_1/bias", "sequential/dense/kernel", "sequential/dense/bias",
    ])
    var g = SeededGenerator(seed: 2)
    let x = try Tensor(shape: [3, 32, 32, 3], floats: (0..<(3 * 32 * 32 * 3)).map { _ in g.uniformFloat(0, 1) })
    let y = try model.predict(x: x)
    #expect(y.shape.dims == [3, 10])
    #expect(abs(y.floatArray[0..<10].reduce(0, +) - 1) < 1e-5)
}

@Test func denseOnFourDimensionalInputThenConvolution() throws {
    let s = Session()
    let model = try Sequential(session: s)
    try model.add(InputLayer.input(shape: [6, 6, 3], session: s))
    try model.add(Dense(units: 8, session: s))                        // (3+1)*8 per pixel
    try model.add(Conv2D(filters: 4, kernelSize: 3, session: s))       // 3*3*8*4+4
    try model.add(Flatten(session: s))                                 // 4*4*4
    try model.add(Dense(units: 2, session: s))                         // 65*2
    #expect(rows(model).map(\.outputShape) == [[nil, 6, 6, 8], [nil, 4, 4, 4], [nil, 64], [nil, 2]])
    #expect(rows(model).map(\.params) == [32, 292, 0, 130])
    #expect(try model.countParams() == 454)
    #expect(model.weights[0].shape == [3, 8])
    #expect(try model.predict(x: try Tensor(repeating: 0.5, shape: [2, 6, 6, 3])).shape.dims == [2, 2])
}

@Test func activationLayersInAModel() throws {
    let s = Session()
    let model = try Sequential(layers: [
        Flatten(inputShape: [4, 4], session: s), Dense(units: 6, session: s), ActivationLayer("tanh", session: s),
        Dense(units: 3, session: s), Softmax(session: s),
    ], session: s)
    #expect(rows(model).map(\.name) == ["flatten", "dense", "activation", "dense_1", "softmax"])
    #expect(rows(model).map(\.params) == [0, 102, 0, 21, 0])
    let y = try model(try Tensor(repeating: 1, shape: [2, 4, 4]))
    #expect(abs(y.floatArray[0..<3].reduce(0, +) - 1) < 1e-5)
}
