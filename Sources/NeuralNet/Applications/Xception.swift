/// `keras.applications.Xception(...)`, layer for layer as Keras's `xception.py` builds it: an
/// entry flow of two plain convolutions and three blocks of SeparableConv2D pairs with strided
/// 1x1 Conv2D shortcuts, a middle flow of eight residual blocks of three SeparableConv2D, an exit
/// flow, then the top. Input 299x299 by default, at least 71x71.
public enum Xception {
    public static func make(_ options: ApplicationOptions, session s: Session) throws -> Sequential {
        try options.checkPooling()
        let shape = try options.resolvedInputShape(defaultSize: 299, minSize: 71)
        let g = GraphBuilder(session: s)
        let input = try InputLayer(shape: shape, session: s).placeholder
        var x = try g(Conv2D(filters: 32, kernelSize: 3, strides: 2, useBias: false, name: "block1_conv1", session: s), input)
        x = try g(BatchNormalization(axis: -1, name: "block1_conv1_bn", session: s), x)
        x = try g(ActivationLayer("relu", name: "block1_conv1_act", session: s), x)
        x = try g(Conv2D(filters: 64, kernelSize: 3, useBias: false, name: "block1_conv2", session: s), x)
        x = try g(BatchNormalization(axis: -1, name: "block1_conv2_bn", session: s), x)
        x = try g(ActivationLayer("relu", name: "block1_conv2_act", session: s), x)

        // Entry flow: blocks 2 to 4 (block 2 starts without the ReLU, its input is already one).
        for (block, filters) in [(2, 128), (3, 256), (4, 728)] {
            x = try downsampling(g, x, block: block, filters: (filters, filters), leadingActivation: block != 2)
        }
        // Middle flow: blocks 5 to 12.
        for block in 5...12 {
            let prefix = "block\(block)"
            var y = x
            for i in 1...3 {
                y = try g(ActivationLayer("relu", name: "\(prefix)_sepconv\(i)_act", session: s), y)
                y = try g(separable(728, "\(prefix)_sepconv\(i)", s), y)
                y = try g(BatchNormalization(axis: -1, name: "\(prefix)_sepconv\(i)_bn", session: s), y)
            }
            x = try g.merge(ElementwiseMerge(.add, session: s), [y, x])
        }
        // Exit flow.
        x = try downsampling(g, x, block: 13, filters: (728, 1024), leadingActivation: true)
        for (i, filters) in [(1, 1536), (2, 2048)] {
            x = try g(separable(filters, "block14_sepconv\(i)", s), x)
            x = try g(BatchNormalization(axis: -1, name: "block14_sepconv\(i)_bn", session: s), x)
            x = try g(ActivationLayer("relu", name: "block14_sepconv\(i)_act", session: s), x)
        }
        if options.includeTop {
            x = try g(GlobalAveragePooling2D(name: "avg_pool", session: s), x)
            x = try g(Dense(units: options.classes, activation: options.classifierActivation, name: "predictions", session: s), x)
        } else {
            x = try g.pooled(x, options)
        }
        return try g.model(input, x, name: options.name ?? "xception")
    }

    static func separable(_ filters: Int, _ name: String, _ s: Session) throws -> SeparableConv2D {
        try SeparableConv2D(filters: filters, kernelSize: 3, padding: "same", useBias: false, name: name, session: s)
    }

    /// A strided 1x1 Conv2D shortcut beside [ReLU], SeparableConv2D, BN, ReLU, SeparableConv2D, BN
    /// and a 3x3 stride-2 max pool, added together. The shortcut is made first, as Keras does.
    static func downsampling(_ g: GraphBuilder, _ input: SymbolicTensor, block: Int, filters: (Int, Int),
                             leadingActivation: Bool) throws -> SymbolicTensor {
        let s = g.session, prefix = "block\(block)"
        var residual = try g(Conv2D(filters: filters.1, kernelSize: 1, strides: 2, padding: "same", useBias: false, session: s), input)
        residual = try g(BatchNormalization(axis: -1, session: s), residual)
        var x = input
        if leadingActivation { x = try g(ActivationLayer("relu", name: "\(prefix)_sepconv1_act", session: s), x) }
        x = try g(separable(filters.0, "\(prefix)_sepconv1", s), x)
        x = try g(BatchNormalization(axis: -1, name: "\(prefix)_sepconv1_bn", session: s), x)
        x = try g(ActivationLayer("relu", name: "\(prefix)_sepconv2_act", session: s), x)
        x = try g(separable(filters.1, "\(prefix)_sepconv2", s), x)
        x = try g(BatchNormalization(axis: -1, name: "\(prefix)_sepconv2_bn", session: s), x)
        x = try g(MaxPooling2D(poolSize: 3, strides: 2, padding: "same", name: "\(prefix)_pool", session: s), x)
        return try g.merge(ElementwiseMerge(.add, session: s), [x, residual])
    }
}
