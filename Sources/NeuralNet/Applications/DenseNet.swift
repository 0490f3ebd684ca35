/// `keras.applications.DenseNet121`, `DenseNet169` and `DenseNet201`, layer for layer as Keras's
/// `densenet.py` builds them: a 7x7 stem, four dense blocks (each conv block's 32 new channels
/// concatenated onto its input) with transition blocks (1x1 conv halving the channels, 2x2
/// average pool) between them, then the top.
public enum DenseNet {
    /// Conv blocks per dense block, by depth.
    static func blocks(_ depth: Int) -> [Int] {
        switch depth {
        case 169: return [6, 12, 32, 32]
        case 201: return [6, 12, 48, 32]
        default: return [6, 12, 24, 16]
        }
    }

    public static func make(depth: Int, _ options: ApplicationOptions, session s: Session) throws -> Sequential {
        try options.checkPooling()
        let shape = try options.resolvedInputShape(defaultSize: 224, minSize: 32)
        let g = GraphBuilder(session: s)
        let input = try InputLayer(shape: shape, session: s).placeholder
        var x = try g(ZeroPadding2D(padding: .items([[3, 3], [3, 3]]), session: s), input)
        x = try g(Conv2D(filters: 64, kernelSize: 7, strides: 2, useBias: false, name: "conv1_conv", session: s), x)
        x = try g(bn("conv1_bn", s), x)
        x = try g(ActivationLayer("relu", name: "conv1_relu", session: s), x)
        x = try g(ZeroPadding2D(padding: .items([[1, 1], [1, 1]]), session: s), x)
        x = try g(MaxPooling2D(poolSize: 3, strides: 2, name: "pool1", session: s), x)
        let counts = blocks(depth)
        for (i, n) in counts.enumerated() {
            for b in 1...n { x = try convBlock(g, x, name: "conv\(i + 2)_block\(b)") }
            if i < counts.count - 1 { x = try transition(g, x, name: "pool\(i + 2)") }
        }
        x = try g(bn("bn", s), x)
        x = try g(ActivationLayer("relu", name: "relu", session: s), x)
        if options.includeTop {
            x = try g(GlobalAveragePooling2D(name: "avg_pool", session: s), x)
            x = try g(Dense(units: options.classes, activation: options.classifierActivation, name: "predictions", session: s), x)
        } else {
            x = try g.pooled(x, options, avgName: "avg_pool", maxName: "max_pool")
        }
        return try g.model(input, x, name: options.name ?? "densenet\(depth)")
    }

    static func bn(_ name: String, _ s: Session) throws -> BatchNormalization {
        try BatchNormalization(axis: 3, epsilon: 1.001e-5, name: name, session: s)
    }

    /// BN, ReLU, 1x1 conv to half the channels, 2x2 average pool.
    static func transition(_ g: GraphBuilder, _ input: SymbolicTensor, name: String) throws -> SymbolicTensor {
        let s = g.session
        var x = try g(bn(name + "_bn", s), input)
        x = try g(ActivationLayer("relu", name: name + "_relu", session: s), x)
        let channels = x.shape.last.flatMap { $0 } ?? 0
        x = try g(Conv2D(filters: channels / 2, kernelSize: 1, useBias: false, name: name + "_conv", session: s), x)
        return try g(AveragePooling2D(poolSize: 2, strides: 2, name: name + "_pool", session: s), x)
    }

    /// BN, ReLU, 1x1 conv to 128, BN, ReLU, 3x3 conv to 32, concatenated onto the input.
    static func convBlock(_ g: GraphBuilder, _ input: SymbolicTensor, name: String) throws -> SymbolicTensor {
        let s = g.session
        var x = try g(bn(name + "_0_bn", s), input)
        x = try g(ActivationLayer("relu", name: name + "_0_relu", session: s), x)
        x = try g(Conv2D(filters: 128, kernelSize: 1, useBias: false, name: name + "_1_conv", session: s), x)
        x = try g(bn(name + "_1_bn", s), x)
        x = try g(ActivationLayer("relu", name: name + "_1_relu", session: s), x)
        x = try g(Conv2D(filters: 32, kernelSize: 3, padding: "same", useBias: false, name: name + "_2_conv", session: s), x)
        return try g.merge(Concatenate(axis: 3, name: name + "_concat", session: s), [input, x])
    }
}
