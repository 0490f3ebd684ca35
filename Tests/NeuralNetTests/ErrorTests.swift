import Testing
import Tensor
import NeuralNet

/// Each argument error: its kind (the Python exception), the argument it points at, the text.

private func error(_ body: () throws -> Void) throws -> LayerError {
    try #require(throws: LayerError.self) { try body() }
}

@Test func nonPositiveFilters() throws {
    let s = Session()
    for filters in [0, -3] {
        let e = try error { _ = try Conv2D(filters: filters, kernelSize: 3, session: s) }
        #expect(e.kind == .valueError && e.kind.pythonName == "ValueError")
        #expect(e.argument == "filters")
        #expect(e.message == "Conv2D expects a positive number of filters. Received: filters=\(filters)")
        #expect(e.description == e.message)
    }
}

@Test func kernelLargerThanItsInput() throws {
    let s = Session()
    let model = try Sequential(layers: [
        InputLayer(shape: [3, 3, 64], session: s), Conv2D(filters: 64, kernelSize: 1, session: s),
        Conv2D(filters: 64, kernelSize: 1, session: s),
    ], session: s)
    let e = try error { try model.add(Conv2D(filters: 64, kernelSize: [5, 5], session: s)) }
    #expect(e.argument == "kernel_size")
    #expect(e.message == "Computed output size would be negative: the kernel (5, 5) is larger than the input (3, 3) "
        + "of conv2d_2; use padding='same' or a smaller kernel_size. Full shape received: (None, 3, 3, 64)")
    #expect(model.layers.count == 2)
    // The advice works: 'same' padding keeps 3x3.
    try model.add(Conv2D(filters: 8, kernelSize: 5, padding: "same", session: s))
    #expect(model.outputShape == [nil, 3, 3, 8])
    // Only one side too small still names both sizes.
    let tall = try error { try model.add(Conv2D(filters: 1, kernelSize: [1, 4], session: s)) }
    #expect(tall.message.contains("the kernel (1, 4) is larger than the input (3, 3) of conv2d_4"))
}

@Test func poolWindowLargerThanItsInput() throws {
    let s = Session()
    let model = try Sequential(layers: [InputLayer(shape: [1, 1, 8], session: s)], session: s)
    let e = try error { try model.add(MaxPooling2D(session: s)) }
    #expect(e.argument == "pool_size")
    #expect(e.message == "Computed output size would be negative: the pool window (2, 2) is larger than the input "
        + "(1, 1) of max_pooling2d; use padding='same' or a smaller pool_size. Full shape received: (None, 1, 1, 8)")
    let avg = try error { try model.add(AveragePooling2D(poolSize: 3, session: s)) }
    #expect(avg.message.contains("the pool window (3, 3) is larger than the input (1, 1) of average_pooling2d"))
    try model.add(MaxPooling2D(padding: "same", session: s))
    #expect(model.outputShape == [nil, 1, 1, 8])
}

@Test func invalidPaddingWithSuggestion() throws {
    let s = Session()
    let e = try error { _ = try Conv2D(filters: 1, kernelSize: 3, padding: "vaild", session: s) }
    #expect(e.argument == "padding")
    #expect(e.message == "Invalid padding: 'vaild'. Expected one of 'valid', 'same'")
    #expect(e.hint == "Did you mean 'valid'?")
    #expect(e.description == "Invalid padding: 'vaild'. Expected one of 'valid', 'same'\nDid you mean 'valid'?")
    let pool = try error { _ = try MaxPooling2D(padding: "smae", session: s) }
    #expect(pool.hint == "Did you mean 'same'?")
    let far = try error { _ = try AveragePooling2D(padding: "causal", session: s) }
    #expect(far.hint == nil)
    #expect(try Conv2D(filters: 1, kernelSize: 3, padding: "SAME", session: s).padding == .same)
}

@Test func unknownActivationWithSuggestion() throws {
    let s = Session()
    for make in [{ _ = try Dense(units: 3, activation: "relux", session: s) },
                 { _ = try Conv2D(filters: 3, kernelSize: 3, activation: "relux", session: s) },
                 { _ = try ActivationLayer("relux", session: s) }] {
        let e = try error(make)
        #expect(e.argument == "activation")
        #expect(e.message.hasPrefix("Could not interpret activation function identifier: 'relux'. Expected one of "
            + "'linear', 'relu', 'sigmoid', 'tanh', 'softmax'"))
        #expect(e.hint == "Did you mean 'relu'?")
    }
    #expect(try error { _ = try Dense(units: 3, activation: "sofmax", session: s) }.hint == "Did you mean 'softmax'?")
    #expect(try error { _ = try Dense(units: 3, activation: "leaky-relu", session: s) }.hint == "Did you mean 'leaky_relu'?")
    // None is linear; every listed name is accepted.
    #expect(try Dense(units: 3, session: s).activation == .linear)
    for name in activationNames { #expect(try Dense(units: 1, activation: name, session: s).activation.rawValue == name) }
}

@Test func nonPositiveUnits() throws {
    let e = try error { _ = try Dense(units: 0, session: Session()) }
    #expect(e.argument == "units")
    #expect(e.message == "Received an invalid value for `units`, expected a positive integer. Received: units=0")
}

@Test func dropoutRateOutsideZeroToOne() throws {
    let s = Session()
    for rate in [1.0, -0.1, 1.5] {
        let e = try error { _ = try Dropout(rate: rate, session: s) }
        #expect(e.argument == "rate")
        #expect(e.message == "Invalid value received for argument `rate`. Expected a float value between 0 and 1 "
            + "(0 included, 1 excluded). Received: rate=\(rate)")
    }
    #expect(try Dropout(rate: 0, session: s).rate == 0)
}

@Test func nonPositiveStridesAndPoolSizes() throws {
    let s = Session()
    let zero = try error { _ = try Conv2D(filters: 1, kernelSize: 3, strides: 0, session: s) }
    #expect(zero.argument == "strides")
    #expect(zero.message == "The `strides` argument must be a tuple of 2 integers. Received strides=0, "
        + "including values {0} that do not satisfy `value > 0`")
    let pair = try error { _ = try MaxPooling2D(poolSize: 2, strides: [2, -1], session: s) }
    #expect(pair.message == "The `strides` argument must be a tuple of 2 integers. Received strides=(2, -1), "
        + "including values {-1} that do not satisfy `value > 0`")
    let pool = try error { _ = try AveragePooling2D(poolSize: [0, 0], session: s) }
    #expect(pool.argument == "pool_size")
    #expect(pool.message.hasSuffix("Received pool_size=(0, 0), including values {0} that do not satisfy `value > 0`"))
    let kernel = try error { _ = try Conv2D(filters: 1, kernelSize: -2, session: s) }
    #expect(kernel.argument == "kernel_size")
}

@Test func kernelSizeOfTheWrongLength() throws {
    let s = Session()
    for (value, shown) in [(IntOrTuple([3, 3, 3]), "(3, 3, 3)"), (IntOrTuple([3]), "(3,)"), (IntOrTuple([]), "()")] {
        let e = try error { _ = try Conv2D(filters: 1, kernelSize: value, session: s) }
        #expect(e.argument == "kernel_size")
        #expect(e.message == "The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=\(shown)")
    }
    let pool = try error { _ = try MaxPooling2D(poolSize: [2, 2, 2], session: s) }
    #expect(pool.argument == "pool_size")
}

@Test func inputShapeWithoutAChannelAxis() throws {
    let s = Session()
    let model = try Sequential(session: s)
    let e = try error { try model.add(Conv2D(filters: 8, kernelSize: 3, inputShape: [28, 28], session: s)) }
    #expect(e.message == "Input 0 of layer \"conv2d\" is incompatible with the layer: expected ndim=4 (batch, height, "
        + "width, channels), found ndim=3. Full shape received: (None, 28, 28)")
    #expect(e.hint?.hasPrefix("Images need a channel axis: use input_shape=(28, 28, 1)") == true)
    #expect(!model.isBuilt && model.layers.isEmpty)
    let bad = try error { _ = try Dense(units: 1, inputShape: [28, 0], session: s) }
    #expect(bad.argument == "input_shape")
}

@Test func otherArgumentErrors() throws {
    let s = Session()
    #expect(try error { _ = try ReLU(maxValue: -1, session: s) }.argument == "max_value")
    #expect(try error { _ = try ReLU(negativeSlope: -0.5, session: s) }.argument == "negative_slope")
    #expect(try error { _ = try BatchNormalization(momentum: 1.5, session: s) }.argument == "momentum")
    #expect(try error { _ = try BatchNormalization(epsilon: 0, session: s) }.argument == "epsilon")
    let init_ = try error { _ = try Dense(units: 1, kernelInitializer: "glorot_unifrom", session: s) }
    #expect(init_.argument == "kernel_initializer")
    #expect(init_.hint == "Did you mean 'glorot_uniform'?")
    #expect(try error { try s.setRandomSeed(-1) }.argument == "seed")
    let softmax = try Softmax(axis: 3, session: s)
    #expect(try error { _ = try softmax.computeOutputShape([nil, 10]) }.argument == "axis")
    let bn = try BatchNormalization(axis: 5, session: s)
    #expect(try error { try bn.build([nil, 4, 4, 2]) }.argument == "axis")
    let dense = try Dense(units: 2, session: s)
    #expect(try error { try dense.build([nil]) }.message
        == "Input 0 of layer \"dense_1\" is incompatible with the layer: expected min_ndim=2, found ndim=1. "
        + "Full shape received: (None,)")
}
