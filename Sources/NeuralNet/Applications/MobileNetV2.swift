/// `keras.applications.MobileNetV2(alpha=1.0, ...)`, layer for layer as Keras's
/// `mobilenet_v2.py` builds it: a strided 3x3 stem, 17 inverted residual blocks (1x1 expansion,
/// 3x3 depthwise, 1x1 projection, ReLU(6), residual Add when the shape allows), a 1x1 Conv to
/// 1280 channels, then the top.
public enum MobileNetV2 {
    /// (filters, stride, expansion) of blocks 0 ... 16.
    static let blocks: [(Int, Int, Int)] = [
        (16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6), (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6),
        (96, 1, 6), (96, 1, 6), (96, 1, 6), (160, 2, 6), (160, 1, 6), (160, 1, 6), (320, 1, 6),
    ]

    /// Keras's `_make_divisible`: the nearest multiple of `divisor`, never 10 % below `v`.
    static func divisible(_ v: Double, _ divisor: Int = 8) -> Int {
        var n = max(divisor, Int(v + Double(divisor) / 2) / divisor * divisor)
        if Double(n) < 0.9 * v { n += divisor }
        return n
    }

    /// Keras's ImageNet weights file for `alpha` and the input's size (224 for a size they do
    /// not come in): `mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224[_no_top].h5`.
    public static func weightsFileName(_ options: ApplicationOptions) throws -> String {
        let sizes = [96, 128, 160, 192, 224]
        let shape = try MobileNet.inputShape(options, sizes: sizes)
        let rows = shape[0] == shape[1] && (shape[0].map(sizes.contains) ?? false) ? shape[0]! : 224
        return "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_\(MobileNet.pythonFloat(options.alpha))_\(rows)"
            + (options.includeTop ? "" : "_no_top") + ".h5"
    }

    public static func make(alpha: Double = 1.0, _ options: ApplicationOptions, session s: Session) throws -> Sequential {
        try options.checkPooling()
        let sizes = [96, 128, 160, 192, 224]
        let shape = try MobileNet.inputShape(options, sizes: sizes)
        if options.imagenetWeights, ![0.35, 0.5, 0.75, 1.0, 1.3, 1.4].contains(alpha) {
            throw LayerError.value("If imagenet weights are being loaded, alpha must be one of `0.35`, `0.50`, `0.75`, `1.0`, `1.3` "
                                   + "or `1.4` only; Received `alpha=\(MobileNet.pythonFloat(alpha))`", argument: "alpha")
        }
        // Keras names the model after the input's rows (None when not given), or 224 where
        // ImageNet weights are loaded for a size they do not come in.
        let imagenetSize = shape[0] == shape[1] && (shape[0].map(sizes.contains) ?? false)
        let rows = options.imagenetWeights && !imagenetSize ? "224" : shape[0].map(String.init) ?? "None"
        let g = GraphBuilder(session: s)
        let input = try InputLayer(shape: shape, session: s).placeholder
        var x = try g(Conv2D(filters: divisible(32 * alpha), kernelSize: 3, strides: 2, padding: "same", useBias: false,
                             name: "Conv1", session: s), input)
        x = try g(bn("bn_Conv1", s), x)
        x = try g(ReLU(maxValue: 6, name: "Conv1_relu", session: s), x)
        for (id, (filters, stride, expansion)) in blocks.enumerated() {
            x = try block(g, x, filters: filters, alpha: alpha, stride: stride, expansion: expansion, id: id)
        }
        x = try g(Conv2D(filters: alpha > 1 ? divisible(1280 * alpha) : 1280, kernelSize: 1, useBias: false, name: "Conv_1", session: s), x)
        x = try g(bn("Conv_1_bn", s), x)
        x = try g(ReLU(maxValue: 6, name: "out_relu", session: s), x)
        if options.includeTop {
            x = try g(GlobalAveragePooling2D(session: s), x)
            x = try g(Dense(units: options.classes, activation: options.classifierActivation, name: "predictions", session: s), x)
        } else {
            x = try g.pooled(x, options)
        }
        let alphaText = String(format2(alpha))
        return try g.model(input, x, name: options.name ?? "mobilenetv2_\(alphaText)_\(rows)")
    }

    /// `f"{alpha:0.2f}"`.
    static func format2(_ v: Double) -> String {
        let hundredths = Int((v * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    static func bn(_ name: String, _ s: Session) throws -> BatchNormalization {
        try BatchNormalization(axis: -1, momentum: 0.999, epsilon: 1e-3, name: name, session: s)
    }

    static func block(_ g: GraphBuilder, _ input: SymbolicTensor, filters: Int, alpha: Double, stride: Int, expansion: Int,
                      id: Int) throws -> SymbolicTensor {
        let s = g.session
        let inChannels = input.shape.last.flatMap { $0 } ?? 0
        let pointwise = divisible(Double(Int(Double(filters) * alpha)))
        var prefix = "block_\(id)_"
        var x = input
        if id > 0 {
            x = try g(Conv2D(filters: expansion * inChannels, kernelSize: 1, padding: "same", useBias: false, name: prefix + "expand",
                             session: s), x)
            x = try g(bn(prefix + "expand_BN", s), x)
            x = try g(ReLU(maxValue: 6, name: prefix + "expand_relu", session: s), x)
        } else {
            prefix = "expanded_conv_"
        }
        if stride == 2 {
            // Keras's correct_pad: one less on the top and left for an even size.
            let adjust = (x.shape[1].map { 1 - $0 % 2 } ?? 1, x.shape[2].map { 1 - $0 % 2 } ?? 1)
            x = try g(ZeroPadding2D(padding: .items([[1 - adjust.0, 1], [1 - adjust.1, 1]]), name: prefix + "pad", session: s), x)
        }
        x = try g(DepthwiseConv2D(kernelSize: 3, strides: IntOrTuple(stride), padding: stride == 1 ? "same" : "valid", useBias: false,
                                  name: prefix + "depthwise", session: s), x)
        x = try g(bn(prefix + "depthwise_BN", s), x)
        x = try g(ReLU(maxValue: 6, name: prefix + "depthwise_relu", session: s), x)
        x = try g(Conv2D(filters: pointwise, kernelSize: 1, padding: "same", useBias: false, name: prefix + "project", session: s), x)
        x = try g(bn(prefix + "project_BN", s), x)
        if inChannels == pointwise, stride == 1 {
            return try g.merge(ElementwiseMerge(.add, name: prefix + "add", session: s), [input, x])
        }
        return x
    }
}
