import Testing
import Tensor
import NeuralNet

/// Forward values on tiny inputs, against hand computations; and Keras's initial weights.

private func tensor(_ dims: [Int], _ values: [Float]) throws -> Tensor {
    try Tensor(shape: Shape(dims), floats: values)
}

private func close(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
}

@Test func conv2dValidAndSameAgainstHandComputation() throws {
    let s = Session()
    let x = try tensor([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9])
    // kernel[0,0] = 1, kernel[1,1] = 1: each output is x[i][j] + x[i+1][j+1], plus the bias.
    let kernel = try tensor([2, 2, 1, 1], [1, 0, 0, 1])
    let bias = try tensor([1], [0.5])

    let valid = try Conv2D(filters: 1, kernelSize: 2, session: s)
    try valid.build([nil, 3, 3, 1])
    try valid.setWeights([kernel, bias])
    let y = try valid(x)
    #expect(y.shape.dims == [1, 2, 2, 1])
    #expect(close((y).floatArray, [6.5, 8.5, 12.5, 14.5]))

    // 'same' with an even kernel pads like TensorFlow: nothing before, one after.
    let same = try Conv2D(filters: 1, kernelSize: 2, padding: "same", session: s)
    try same.build([nil, 3, 3, 1])
    try same.setWeights([kernel, bias])
    let z = try same(x)
    #expect(z.shape.dims == [1, 3, 3, 1])
    #expect(close((z).floatArray, [6.5, 8.5, 3.5, 12.5, 14.5, 6.5, 7.5, 8.5, 9.5]))
}

@Test func conv2dKernelLayoutIsHeightWidthInOut() throws {
    let s = Session()
    // One pixel with channels (1, 10); a 1x1 kernel [[1, 2], [3, 4]] (in x out).
    let conv = try Conv2D(filters: 2, kernelSize: 1, strides: 2, activation: "relu", session: s)
    try conv.build([nil, 3, 3, 2])
    try conv.setWeights([try tensor([1, 1, 2, 2], [1, 2, 3, 4]), try tensor([2], [0, -100])])
    var values = [Float](repeating: 0, count: 18)
    values[0] = 1; values[1] = 10          // pixel (0, 0)
    values[4] = -1; values[5] = -1         // pixel (0, 2)
    let y = try conv(try tensor([1, 3, 3, 2], values))
    #expect(y.shape.dims == [1, 2, 2, 2])
    // pixel (0, 0): (1 + 30, 2 + 40 - 100) -> relu; pixel (0, 2): (-4, -6 - 100) -> relu
    #expect(close((y).floatArray, [31, 0, 0, 0, 0, 0, 0, 0]))
}

@Test func denseOn2DAnd4DInput() throws {
    let s = Session()
    let dense = try Dense(units: 2, session: s)
    try dense.build([nil, 3])
    try dense.setWeights([try tensor([3, 2], [1, 0, 0, 1, 1, 1]), try tensor([2], [0.5, -1])])
    #expect(close((try dense(try tensor([1, 3], [1, 2, 3]))).floatArray, [4.5, 4]))

    let perPixel = try Dense(units: 2, activation: "relu", session: s)
    try perPixel.build([nil, 1, 2, 3])
    try perPixel.setWeights([try tensor([3, 2], [1, 0, 0, 1, 1, 1]), try tensor([2], [0.5, -1])])
    let y = try perPixel(try tensor([1, 1, 2, 3], [1, 2, 3, -1, -2, -3]))
    #expect(y.shape.dims == [1, 1, 2, 2])
    #expect(close((y).floatArray, [4.5, 4, 0, 0]))
}

@Test func poolingAgainstHandComputation() throws {
    let s = Session()
    let x = try tensor([1, 4, 4, 1], (0..<16).map(Float.init))
    #expect((try MaxPooling2D(session: s)(x)).floatArray == [5, 7, 13, 15])
    #expect((try AveragePooling2D(session: s)(x)).floatArray == [2.5, 4.5, 10.5, 12.5])
    // 3x3 window, stride 2, valid on 4x4: one window at (0, 0).
    #expect((try MaxPooling2D(poolSize: 3, strides: 2, session: s)(x)).floatArray == [10])

    let c = try tensor([1, 2, 2, 2], [1, 10, 2, 20, 3, 30, 4, 40])
    #expect((try GlobalAveragePooling2D(session: s)(c)).floatArray == [2.5, 25])
    #expect((try GlobalMaxPooling2D(session: s)(c)).floatArray == [4, 40])
    #expect(try GlobalMaxPooling2D(keepdims: true, session: s)(c).shape.dims == [1, 1, 1, 2])
}

@Test func flattenKeepsRowMajorOrder() throws {
    let x = try tensor([2, 2, 1, 2], (0..<8).map(Float.init))
    let y = try Flatten(session: Session())(x)
    #expect(y.shape.dims == [2, 4])
    #expect((y).floatArray == (0..<8).map(Float.init))
}

@Test func batchNormalizationInference() throws {
    let bn = try BatchNormalization(session: Session())
    try bn.build([nil, 2])
    // Initial weights: gamma 1, beta 0, moving mean 0, moving variance 1.
    #expect(bn.weights.map { ($0.value).floatArray } == [[1, 1], [0, 0], [0, 0], [1, 1]])
    try bn.setWeights([try tensor([2], [2, 1]), try tensor([2], [1, 0]), try tensor([2], [3, 0]),
                       try tensor([2], [4, 1])])
    let y = try bn(try tensor([1, 2], [5, 2]))
    let expected: [Float] = [(5 - 3) / (4.001 as Float).squareRoot() * 2 + 1, 2 / (1.001 as Float).squareRoot()]
    #expect(close((y).floatArray, expected))
}

@Test func reluArgumentsAndSoftmaxAxis() throws {
    let s = Session()
    let relu = try ReLU(maxValue: 6, negativeSlope: 0.1, threshold: 1, session: s)
    #expect(close((try relu(try tensor([1, 4], [-2, 0.5, 3, 10]))).floatArray, [-0.3, -0.05, 3, 6]))
    #expect((try ReLU(session: s)(try tensor([1, 3], [-1, 0, 2]))).floatArray == [0, 0, 2])

    let y = try Softmax(axis: 1, session: s)(try tensor([1, 3, 2], [1, 5, 2, 5, 3, 5]))
    let v = (y).floatArray
    #expect(abs(v[0] + v[2] + v[4] - 1) < 1e-6)
    let third: Float = 1.0 / 3.0
    let column: [Float] = [v[1], v[3], v[5]]
    #expect(close(column, [third, third, third]))
    #expect(v[0] < v[2] && v[2] < v[4])
}

@Test func dropoutIsIdentityAtInferenceAndScalesInTraining() throws {
    let s = Session(seed: 5)
    let dropout = try Dropout(rate: 0.5, session: s)
    let x = try Tensor(repeating: 1, shape: [1, 1000])
    #expect((try dropout(x)).floatArray == (x).floatArray)
    let trained = (try dropout(x, training: true)).floatArray
    #expect(trained.allSatisfy { $0 == 0 || $0 == 2 })
    let kept = trained.filter { $0 == 2 }.count
    #expect(kept > 400 && kept < 600)
}

@Test func glorotUniformKernelsZeroBiasesReproducibleFromTheSeed() throws {
    func kernel(seed: Int) throws -> (kernel: [Float], bias: [Float]) {
        let s = Session()
        try s.setRandomSeed(seed)
        let model = try Sequential(layers: [Conv2D(filters: 32, kernelSize: 3, inputShape: [28, 28, 1], session: s)],
                                   session: s)
        return ((model.weights[0].value).floatArray, (model.weights[1].value).floatArray)
    }
    let (k, b) = try kernel(seed: 42)
    let limit = (6 / Float(9 * 1 + 9 * 32)).squareRoot()   // fan_in = 3*3*1, fan_out = 3*3*32
    #expect(Initializer.glorotLimit([3, 3, 1, 32]) == limit)
    #expect(k.allSatisfy { abs($0) <= limit })
    #expect(k.contains { abs($0) > limit * 0.9 })            // uses the whole range
    #expect(Set(k).count > 250)
    #expect(b == [Float](repeating: 0, count: 32))
    #expect(try kernel(seed: 42).kernel == k)
    #expect(try kernel(seed: 43).kernel != k)

    #expect(Initializer.fans([784, 128]) == (784, 128))
    #expect(Initializer.fans([3, 3, 32, 64]) == (288, 576))
    let dense = try Dense(units: 128, session: Session(seed: 1))
    try dense.build([nil, 784])
    let denseLimit = (6 / Float(784 + 128)).squareRoot()
    #expect(dense.weights[0].value.floatArray.allSatisfy { abs($0) <= denseLimit })
}
