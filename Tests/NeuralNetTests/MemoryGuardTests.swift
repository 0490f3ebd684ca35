import Testing
import Tensor
import NeuralNet

/// The memory guard: a layer's weights are checked (and a whole model's, when built at once)
/// before anything is allocated, and a refused model stays as it was.
///
/// These tests do not change `MemoryGuard.limitBytes` (a process-wide setting other test targets
/// run against in parallel); the refused models are sized from the current limit, at least 3 GB.

/// VGG16 as Keras builds it: 13 convolutions and 3 Dense layers, 138,357,544 parameters.
private func vgg16(_ s: Session, classes: Int = 1000) throws -> Sequential {
    var layers: [any Layer] = [try InputLayer(shape: [224, 224, 3], session: s)]
    for (filters, count) in [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)] {
        for _ in 0..<count {
            layers.append(try Conv2D(filters: filters, kernelSize: 3, padding: "same", activation: "relu", session: s))
        }
        layers.append(try MaxPooling2D(session: s))
    }
    layers += [try Flatten(session: s), try Dense(units: 4096, activation: "relu", session: s),
               try Dense(units: 4096, activation: "relu", session: s),
               try Dense(units: classes, activation: "softmax", session: s)]
    return try Sequential(layers: layers, session: s)
}

@Test func aVGGSizedModelIsAllowed() throws {
    let model = try vgg16(Session(seed: 0))
    #expect(model.layers.filter { !$0.weights.isEmpty }.count == 16)
    #expect(try model.countParams() == 138_357_544)                 // 553 MB of float32
    #expect(try model.getLayer(name: "flatten").outputShape == [nil, 25088])
    #expect(model.layers.last!.outputShape == [nil, 1000])
    #expect(model.weights.count == 32)
    // Its largest allocation and its total stay far below any sensible limit (1 GiB here).
    #expect(model.weights.map(\.count).max()! * 4 < 1 << 30)
    #expect(138_357_544 * 4 < 1 << 30)
}

@Test func aLayerWhoseWeightsExceedTheLimitIsRefusedNamingItAndItsSize() throws {
    let s = Session()
    let model = try Sequential(layers: [InputLayer(shape: [224, 224, 64], session: s), Flatten(session: s)],
                               session: s)
    let inputs = 224 * 224 * 64                                       // 3,211,264
    let bytesWanted = max(3_000_000_000, MemoryGuard.limitBytes + 1)
    let units = bytesWanted / 4 / inputs + 1
    let dense = try Dense(units: units, session: s)
    let before = model.summary()
    let error = try #require(throws: MemoryError.self) { try model.add(dense) }
    #expect(error.what == "the weights of dense (Dense, 3,211,264 x \(groupedDigits(units)))")
    #expect(error.bytes == (inputs + 1) * units * 4)
    #expect(error.bytes >= 3_000_000_000)
    #expect(model.summary() == before)
    #expect(model.layers.count == 1)
    #expect(!dense.isBuilt)
    #expect(try model.countParams() == 0)
}

@Test func aModelWhoseLayersFitOneByOneButNotTogetherIsRefusedAtOnce() throws {
    let s = Session()
    // Three Dense layers of 40% of the limit each: each alone fits, together they do not.
    let width = 4096
    let units = Int(Double(MemoryGuard.limitBytes) * 0.4) / 4 / width
    let layers: [any Layer] = [
        try Dense(units: units, inputShape: [width], session: s),
        try Dense(units: width, session: s), try Dense(units: units, session: s),
    ]
    let error = try #require(throws: MemoryError.self) { _ = try Sequential(layers: layers, session: s) }
    #expect(error.what.hasPrefix("the weights of sequential (3 layers, "))
    #expect(layers.allSatisfy { !$0.isBuilt })
}

@Test func weightMemoryIsKnownBeforeBuilding() throws {
    let dense = try Dense(units: 4096, session: Session())
    let memory = try #require(dense.weightMemory(for: [nil, 25088]))
    #expect(memory.bytes == (25088 * 4096 + 4096) * 4)
    #expect(memory.what == "the weights of dense (Dense, 25,088 x 4,096)")
    #expect(try Flatten(session: Session()).weightMemory(for: [nil, 3, 3]) == nil)
}
