import Glibc

/// `keras.applications.EfficientNetB0` ... `B7`, layer for layer as Keras's `efficientnet.py`
/// builds them: Rescaling and Normalization inside the model, a strided 3x3 stem, 7 stages of
/// MBConv blocks (1x1 expansion, depthwise conv, squeeze-and-excitation, 1x1 projection, a
/// per-sample Dropout before the residual Add), a 1x1 conv to 1280 (scaled), then the top.
public enum EfficientNet {
    /// (kernel, repeats, filters in, filters out, expansion, stride) of the 7 stages; every block
    /// has squeeze-and-excitation ratio 0.25.
    static let stages: [(Int, Int, Int, Int, Int, Int)] = [
        (3, 1, 32, 16, 1, 1), (3, 2, 16, 24, 6, 2), (5, 2, 24, 40, 6, 2), (3, 3, 40, 80, 6, 2),
        (5, 3, 80, 112, 6, 1), (5, 4, 112, 192, 6, 2), (3, 1, 192, 320, 6, 1),
    ]

    /// (width, depth, default size, dropout) of B0 ... B7.
    static let variants: [(Double, Double, Int, Double)] = [
        (1.0, 1.0, 224, 0.2), (1.0, 1.1, 240, 0.2), (1.1, 1.2, 260, 0.3), (1.2, 1.4, 300, 0.3),
        (1.4, 1.8, 380, 0.4), (1.6, 2.2, 456, 0.4), (1.8, 2.6, 528, 0.5), (2.0, 3.1, 600, 0.5),
    ]

    /// ImageNet's per-channel standard deviations; with ImageNet weights Keras adds a Rescaling by
    /// 1 / sqrt(std) after the Normalization.
    public static let imagenetStddev: [Double] = [0.229, 0.224, 0.225]

    public static func make(variant: Int, _ options: ApplicationOptions, session s: Session) throws -> Sequential {
        let (width, depth, size, dropout) = variants[variant]
        try options.checkPooling()
        let shape = try options.resolvedInputShape(defaultSize: size, minSize: 32)
        let g = GraphBuilder(session: s)
        func filters(_ f: Int) -> Int { MobileNetV2.divisible(Double(f) * width) }
        let input = try InputLayer(shape: shape, session: s).placeholder
        var x = try g(Rescaling(scale: 1.0 / 255.0, session: s), input)
        x = try g(Normalization(axis: [3], session: s), x)
        if options.imagenetWeights {
            x = try g(Rescaling(scales: imagenetStddev.map { 1 / $0.squareRoot() }, session: s), x)
        }
        x = try g(ZeroPadding2D(padding: correctPad(x, 3), name: "stem_conv_pad", session: s), x)
        x = try g(Conv2D(filters: filters(32), kernelSize: 3, strides: 2, useBias: false, kernelInitializer: "he_normal",
                         name: "stem_conv", session: s), x)
        x = try g(BatchNormalization(axis: 3, name: "stem_bn", session: s), x)
        x = try g(ActivationLayer("swish", name: "stem_activation", session: s), x)
        let repeats = stages.map { Int((depth * Double($0.1)).rounded(.up)) }
        let total = Double(repeats.reduce(0, +))
        var b = 0
        for (i, stage) in stages.enumerated() {
            let (kernel, _, inFilters, outFilters, expansion, stride) = stage
            for j in 0..<repeats[i] {
                let name = "block\(i + 1)\(Character(UnicodeScalar(UInt8(97 + j))))_"
                x = try block(g, x, dropRate: 0.2 * Double(b) / total, name: name, filtersIn: j == 0 ? filters(inFilters) : filters(outFilters),
                              filtersOut: filters(outFilters), kernel: kernel, stride: j == 0 ? stride : 1, expansion: expansion)
                b += 1
            }
        }
        x = try g(Conv2D(filters: filters(1280), kernelSize: 1, padding: "same", useBias: false, kernelInitializer: "he_normal",
                         name: "top_conv", session: s), x)
        x = try g(BatchNormalization(axis: 3, name: "top_bn", session: s), x)
        x = try g(ActivationLayer("swish", name: "top_activation", session: s), x)
        if options.includeTop {
            x = try g(GlobalAveragePooling2D(name: "avg_pool", session: s), x)
            if dropout > 0 { x = try g(Dropout(rate: dropout, name: "top_dropout", session: s), x) }
            x = try g(Dense(units: options.classes, activation: options.classifierActivation, name: "predictions", session: s), x)
        } else {
            x = try g.pooled(x, options, avgName: "avg_pool", maxName: "max_pool")
        }
        return try g.model(input, x, name: options.name ?? "efficientnetb\(variant)")
    }

    /// Keras's `imagenet_utils.correct_pad`: one less on the top and left for an even size.
    static func correctPad(_ x: SymbolicTensor, _ kernel: Int) -> PairsArgument {
        let adjust = (x.shape[1].map { 1 - $0 % 2 } ?? 1, x.shape[2].map { 1 - $0 % 2 } ?? 1)
        let c = kernel / 2
        return .items([[c - adjust.0, c], [c - adjust.1, c]])
    }

    static func block(_ g: GraphBuilder, _ input: SymbolicTensor, dropRate: Double, name: String, filtersIn: Int, filtersOut: Int,
                      kernel: Int, stride: Int, expansion: Int) throws -> SymbolicTensor {
        let s = g.session
        let filters = filtersIn * expansion
        var x = input
        if expansion != 1 {
            x = try g(Conv2D(filters: filters, kernelSize: 1, padding: "same", useBias: false, kernelInitializer: "he_normal",
                             name: name + "expand_conv", session: s), x)
            x = try g(BatchNormalization(axis: 3, name: name + "expand_bn", session: s), x)
            x = try g(ActivationLayer("swish", name: name + "expand_activation", session: s), x)
        }
        if stride == 2 { x = try g(ZeroPadding2D(padding: correctPad(x, kernel), name: name + "dwconv_pad", session: s), x) }
        x = try g(DepthwiseConv2D(kernelSize: IntOrTuple(kernel), strides: IntOrTuple(stride), padding: stride == 2 ? "valid" : "same",
                                  useBias: false, name: name + "dwconv", session: s), x)
        x = try g(BatchNormalization(axis: 3, name: name + "bn", session: s), x)
        x = try g(ActivationLayer("swish", name: name + "activation", session: s), x)
        // Squeeze and excitation.
        let squeezed = max(1, Int(Double(filtersIn) * 0.25))
        var se = try g(GlobalAveragePooling2D(name: name + "se_squeeze", session: s), x)
        se = try g(Reshape(targetShape: [1, 1, filters], name: name + "se_reshape", session: s), se)
        se = try g(Conv2D(filters: squeezed, kernelSize: 1, padding: "same", activation: "swish", kernelInitializer: "he_normal",
                          name: name + "se_reduce", session: s), se)
        se = try g(Conv2D(filters: filters, kernelSize: 1, padding: "same", activation: "sigmoid", kernelInitializer: "he_normal",
                          name: name + "se_expand", session: s), se)
        x = try g.merge(ElementwiseMerge(.multiply, name: name + "se_excite", session: s), [x, se])
        x = try g(Conv2D(filters: filtersOut, kernelSize: 1, padding: "same", useBias: false, kernelInitializer: "he_normal",
                         name: name + "project_conv", session: s), x)
        x = try g(BatchNormalization(axis: 3, name: name + "project_bn", session: s), x)
        if stride == 1, filtersIn == filtersOut {
            if dropRate > 0 { x = try g(Dropout(rate: dropRate, noiseShape: [nil, 1, 1, 1], name: name + "drop", session: s), x) }
            x = try g.merge(ElementwiseMerge(.add, name: name + "add", session: s), [x, input])
        }
        return x
    }
}
