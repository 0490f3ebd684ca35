/// `keras.applications.ResNet50`, `ResNet101`, `ResNet152` (v1: bottleneck blocks with the
/// shortcut added after batch normalization) and `ResNet50V2`, `ResNet101V2`, `ResNet152V2`
/// (pre-activation), layer for layer as Keras's `resnet.py` and `resnet_v2.py` build them.
public enum ResNet {
    /// Blocks per stage (conv2 .. conv5).
    static func stages(_ depth: Int) -> [Int] {
        switch depth {
        case 101: return [3, 4, 23, 3]
        case 152: return [3, 8, 36, 3]
        default: return [3, 4, 6, 3]
        }
    }

    public static func make(depth: Int, v2: Bool, _ options: ApplicationOptions, session s: Session) throws -> Sequential {
        try options.checkPooling()
        let shape = try options.resolvedInputShape(defaultSize: 224, minSize: 32)
        let g = GraphBuilder(session: s)
        let input = try InputLayer(shape: shape, session: s).placeholder
        var x = try g(ZeroPadding2D(padding: .items([[3, 3], [3, 3]]), name: "conv1_pad", session: s), input)
        x = try g(Conv2D(filters: 64, kernelSize: 7, strides: 2, name: "conv1_conv", session: s), x)
        if !v2 {
            x = try g(bn("conv1_bn", s), x)
            x = try g(ActivationLayer("relu", name: "conv1_relu", session: s), x)
        }
        x = try g(ZeroPadding2D(padding: .items([[1, 1], [1, 1]]), name: "pool1_pad", session: s), x)
        x = try g(MaxPooling2D(poolSize: 3, strides: 2, name: "pool1_pool", session: s), x)
        for (i, blocks) in stages(depth).enumerated() {
            let filters = 64 << i, name = "conv\(i + 2)"
            x = v2 ? try stackV2(g, x, filters: filters, blocks: blocks, stride1: i == 3 ? 1 : 2, name: name)
                : try stackV1(g, x, filters: filters, blocks: blocks, stride1: i == 0 ? 1 : 2, name: name)
        }
        if v2 {
            x = try g(bn("post_bn", s), x)
            x = try g(ActivationLayer("relu", name: "post_relu", session: s), x)
        }
        if options.includeTop {
            x = try g(GlobalAveragePooling2D(name: "avg_pool", session: s), x)
            x = try g(Dense(units: options.classes, activation: options.classifierActivation, name: "predictions", session: s), x)
        } else {
            x = try g.pooled(x, options, avgName: "avg_pool", maxName: "max_pool")
        }
        return try g.model(input, x, name: options.name ?? "resnet\(depth)\(v2 ? "v2" : "")")
    }

    static func bn(_ name: String, _ s: Session) throws -> BatchNormalization {
        try BatchNormalization(axis: 3, epsilon: 1.001e-5, name: name, session: s)
    }

    static func stackV1(_ g: GraphBuilder, _ x: SymbolicTensor, filters: Int, blocks: Int, stride1: Int, name: String) throws -> SymbolicTensor {
        var x = try blockV1(g, x, filters: filters, stride: stride1, convShortcut: true, name: name + "_block1")
        for i in 2...blocks { x = try blockV1(g, x, filters: filters, stride: 1, convShortcut: false, name: name + "_block\(i)") }
        return x
    }

    static func blockV1(_ g: GraphBuilder, _ input: SymbolicTensor, filters: Int, stride: Int, convShortcut: Bool,
                        name: String) throws -> SymbolicTensor {
        let s = g.session
        var shortcut = input
        if convShortcut {
            shortcut = try g(Conv2D(filters: 4 * filters, kernelSize: 1, strides: IntOrTuple(stride), name: name + "_0_conv", session: s), input)
            shortcut = try g(bn(name + "_0_bn", s), shortcut)
        }
        var x = try g(Conv2D(filters: filters, kernelSize: 1, strides: IntOrTuple(stride), name: name + "_1_conv", session: s), input)
        x = try g(bn(name + "_1_bn", s), x)
        x = try g(ActivationLayer("relu", name: name + "_1_relu", session: s), x)
        x = try g(Conv2D(filters: filters, kernelSize: 3, padding: "same", name: name + "_2_conv", session: s), x)
        x = try g(bn(name + "_2_bn", s), x)
        x = try g(ActivationLayer("relu", name: name + "_2_relu", session: s), x)
        x = try g(Conv2D(filters: 4 * filters, kernelSize: 1, name: name + "_3_conv", session: s), x)
        x = try g(bn(name + "_3_bn", s), x)
        x = try g.merge(ElementwiseMerge(.add, name: name + "_add", session: s), [shortcut, x])
        return try g(ActivationLayer("relu", name: name + "_out", session: s), x)
    }

    static func stackV2(_ g: GraphBuilder, _ x: SymbolicTensor, filters: Int, blocks: Int, stride1: Int, name: String) throws -> SymbolicTensor {
        var x = try blockV2(g, x, filters: filters, stride: 1, convShortcut: true, name: name + "_block1")
        for i in 2..<blocks { x = try blockV2(g, x, filters: filters, stride: 1, convShortcut: false, name: name + "_block\(i)") }
        return try blockV2(g, x, filters: filters, stride: stride1, convShortcut: false, name: name + "_block\(blocks)")
    }

    static func blockV2(_ g: GraphBuilder, _ input: SymbolicTensor, filters: Int, stride: Int, convShortcut: Bool,
                        name: String) throws -> SymbolicTensor {
        let s = g.session
        var preact = try g(bn(name + "_preact_bn", s), input)
        preact = try g(ActivationLayer("relu", name: name + "_preact_relu", session: s), preact)
        let shortcut: SymbolicTensor
        if convShortcut {
            shortcut = try g(Conv2D(filters: 4 * filters, kernelSize: 1, strides: IntOrTuple(stride), name: name + "_0_conv", session: s), preact)
        } else {
            shortcut = stride > 1 ? try g(MaxPooling2D(poolSize: 1, strides: IntOrTuple(stride), session: s), input) : input
        }
        var x = try g(Conv2D(filters: filters, kernelSize: 1, strides: 1, useBias: false, name: name + "_1_conv", session: s), preact)
        x = try g(bn(name + "_1_bn", s), x)
        x = try g(ActivationLayer("relu", name: name + "_1_relu", session: s), x)
        x = try g(ZeroPadding2D(padding: .items([[1, 1], [1, 1]]), name: name + "_2_pad", session: s), x)
        x = try g(Conv2D(filters: filters, kernelSize: 3, strides: IntOrTuple(stride), useBias: false, name: name + "_2_conv", session: s), x)
        x = try g(bn(name + "_2_bn", s), x)
        x = try g(ActivationLayer("relu", name: name + "_2_relu", session: s), x)
        x = try g(Conv2D(filters: 4 * filters, kernelSize: 1, name: name + "_3_conv", session: s), x)
        return try g.merge(ElementwiseMerge(.add, name: name + "_out", session: s), [shortcut, x])
    }
}
