import Testing
import Tensor
import NeuralNet

private func poolingCNN(_ s: Session) throws -> Sequential {
    try Sequential(layers: [
        Conv2D(filters: 32, kernelSize: [3, 3], activation: "relu", inputShape: [28, 28, 1], session: s),
        MaxPooling2D(poolSize: [2, 2], session: s),
        Conv2D(filters: 64, kernelSize: [3, 3], activation: "relu", session: s),
        MaxPooling2D(poolSize: [2, 2], session: s),
        Conv2D(filters: 64, kernelSize: [3, 3], activation: "relu", session: s),
        Flatten(session: s),
        Dense(units: 64, activation: "relu", session: s),
        Dense(units: 10, activation: "softmax", session: s),
    ], session: s)
}

private func images(_ n: Int, _ dims: [Int], seed: UInt64 = 1) throws -> Tensor {
    var g = SeededGenerator(seed: seed)
    let shape = [n] + dims
    return try Tensor(shape: Shape(shape), floats: (0..<shape.reduce(1, *)).map { _ in g.uniformFloat(0, 1) })
}

@Test func predictShapesAndSoftmaxRowsSumToOne() throws {
    let model = try poolingCNN(Session(seed: 3))
    let x = try images(70, [28, 28, 1])
    let y = try model.predict(x: x, batchSize: 32)
    #expect(y.shape.dims == [70, 10])
    let v = (y).floatArray
    for row in 0..<70 {
        let probabilities = v[(row * 10)..<(row * 10 + 10)]
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-5)
        #expect(probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })
    }
    // Batching does not change the answers.
    let whole = (try model(x)).floatArray
    let small = (try model.predict(x: x, batchSize: 7)).floatArray
    #expect(zip(whole, small).allSatisfy { abs($0 - $1) < 1e-5 })
    #expect(zip(whole, v).allSatisfy { abs($0 - $1) < 1e-5 })
}

@Test func predictOnDataWithoutTheChannelAxisSaysHowToAddIt() throws {
    let model = try poolingCNN(Session())
    let error = try #require(throws: LayerError.self) { try model.predict(x: try images(5, [28, 28])) }
    #expect(error.message == "Input 0 of layer \"sequential\" is incompatible with the layer: expected shape="
        + "(None, 28, 28, 1), found shape=(5, 28, 28)")
    #expect(error.hint == "The data has no channel axis: add it with x[..., None] or x.reshape(-1, 28, 28, 1).")
    #expect(error.argument == "x")
}

@Test func predictOnDataOfAnotherSizeNamesBothShapes() throws {
    let model = try poolingCNN(Session())
    let error = try #require(throws: LayerError.self) { try model.predict(x: try images(2, [32, 32, 3])) }
    #expect(error.message == "Input 0 of layer \"sequential\" is incompatible with the layer: expected shape="
        + "(None, 28, 28, 1), found shape=(2, 32, 32, 3)")
    #expect(error.hint == nil)
    #expect(throws: LayerError.self) { try model.predict(x: try images(2, [28, 28, 1]), batchSize: 0) }
    let bytes = try Tensor(zeros: [2, 28, 28, 1], dtype: .uint8)
    #expect(try #require(throws: LayerError.self) { try model.predict(x: bytes) }.kind == .typeError)
}

@Test func predictOnAnEmptyBatch() throws {
    let model = try Sequential(layers: [Dense(units: 3, inputShape: [4], session: Session())], session: Session())
    #expect(try model.predict(x: try Tensor(zeros: [0, 4])).shape.dims == [0, 3])
}
