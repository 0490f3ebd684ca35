/// `keras.applications.MobileNet(input_shape=None, alpha=1.0, depth_multiplier=1, dropout=1e-3, ...)`
/// (v1), layer for layer as Keras's `mobilenet.py` builds it: a strided 3x3 Conv, then 13
/// depthwise separable blocks (3x3 DepthwiseConv2D, BatchNormalization, ReLU(6), 1x1 Conv2D,
/// BatchNormalization, ReLU(6)), and a top of pooling, dropout and a 1x1 Conv2D classifier.
public enum MobileNet {
    /// (pointwise filters, stride) of blocks 1 ... 13.
    static let blocks: [(Int, Int)] = [
        (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1),
    ]
    /// The input sizes Keras has ImageNet weights for.
    public static let imagenetSizes = [128, 160, 192, 224]

    /// The rows Keras names the model (and its weights file) after: the input's, or 224 where
    /// ImageNet weights are loaded for a size they do not come in.
    public static func rows(_ options: ApplicationOptions) throws -> Int? {
        let shape = try inputShape(options)
        if options.imagenetWeights, shape[0] != shape[1] || !(shape[0].map(imagenetSizes.contains) ?? false) { return 224 }
        return shape[0]
    }

    /// What Keras warns when ImageNet weights are loaded for an input size they do not come in.
    public static func imagenetSizeWarning(_ options: ApplicationOptions) -> String? {
        guard options.imagenetWeights, let shape = try? inputShape(options),
              shape[0] != shape[1] || !(shape[0].map(imagenetSizes.contains) ?? false) else { return nil }
        return "`input_shape` is undefined or non-square, or `rows` is not in [128, 160, 192, 224]. "
            + "Weights for input shape (224, 224) will be loaded as the default."
    }

    /// `obtain_input_shape` with MobileNet's (and MobileNetV2's) default size: the given square size
    /// when it is one of the ImageNet sizes, else 224.
    static func inputShape(_ options: ApplicationOptions, sizes: [Int] = imagenetSizes) throws -> [Int?] {
        var defaultSize = 224
        if let given = options.inputShape, given.count >= 2, given[0] == given[1], let rows = given[0], sizes.contains(rows) {
            defaultSize = rows
        }
        return try options.resolvedInputShape(defaultSize: defaultSize, minSize: 32)
    }

    /// The weights file Keras fetches: `mobilenet_1_0_224_tf.h5`, `mobilenet_5_0_160_tf_no_top.h5`, ...
    public static func weightsFileName(_ options: ApplicationOptions) throws -> String {
        let alphaText = [1.0: "1_0", 0.75: "7_5", 0.5: "5_0"][options.alpha] ?? "2_5"
        return "mobilenet_\(alphaText)_\(try rows(options) ?? 224)_tf" + (options.includeTop ? "" : "_no_top") + ".h5"
    }

    public static func make(_ options: ApplicationOptions, session s: Session) throws -> Sequential {
        try options.checkPooling()
        let shape = try inputShape(options)
        if options.imagenetWeights {
            if options.depthMultiplier != 1 {
                throw LayerError.value("If imagenet weights are being loaded, depth multiplier must be 1.  "
                                       + "Received depth_multiplier=\(options.depthMultiplier)", argument: "depth_multiplier")
            }
            if ![0.25, 0.5, 0.75, 1.0].contains(options.alpha) {
                throw LayerError.value("If imagenet weights are being loaded, alpha can be one of`0.25`, `0.50`, `0.75` or `1.0` only.  "
                                       + "Received alpha=\(pythonFloat(options.alpha))", argument: "alpha")
            }
        }
        let alpha = options.alpha
        let g = GraphBuilder(session: s)
        let input = try InputLayer(shape: shape, session: s).placeholder
        var x = try g(Conv2D(filters: Int(32 * alpha), kernelSize: 3, strides: 2, padding: "same", useBias: false, name: "conv1", session: s),
                      input)
        x = try g(BatchNormalization(axis: -1, name: "conv1_bn", session: s), x)
        x = try g(ReLU(maxValue: 6, name: "conv1_relu", session: s), x)
        for (i, (filters, stride)) in blocks.enumerated() {
            x = try block(g, x, filters: Int(Double(filters) * alpha), depthMultiplier: options.depthMultiplier, stride: stride, id: i + 1)
        }
        if options.includeTop {
            x = try g(GlobalAveragePooling2D(keepdims: true, session: s), x)
            x = try g(Dropout(rate: options.dropout, name: "dropout", session: s), x)
            x = try g(Conv2D(filters: options.classes, kernelSize: 1, padding: "same", name: "conv_preds", session: s), x)
            x = try g(Reshape(targetShape: [options.classes], name: "reshape_2", session: s), x)
            x = try g(ActivationLayer(options.classifierActivation, name: "predictions", session: s), x)
        } else {
            x = try g.pooled(x, options)
        }
        let rowsText = try rows(options).map(String.init) ?? "None"
        return try g.model(input, x, name: options.name ?? "mobilenet_\(MobileNetV2.format2(alpha))_\(rowsText)")
    }

    static func block(_ g: GraphBuilder, _ input: SymbolicTensor, filters: Int, depthMultiplier: Int, stride: Int, id: Int) throws
        -> SymbolicTensor {
        let s = g.session
        var x = input
        if stride != 1 {
            x = try g(ZeroPadding2D(padding: .items([[0, 1], [0, 1]]), name: "conv_pad_\(id)", session: s), x)
        }
        x = try g(DepthwiseConv2D(kernelSize: 3, strides: IntOrTuple(stride), padding: stride == 1 ? "same" : "valid",
                                  depthMultiplier: depthMultiplier, useBias: false, name: "conv_dw_\(id)", session: s), x)
        x = try g(BatchNormalization(axis: -1, name: "conv_dw_\(id)_bn", session: s), x)
        x = try g(ReLU(maxValue: 6, name: "conv_dw_\(id)_relu", session: s), x)
        x = try g(Conv2D(filters: filters, kernelSize: 1, padding: "same", useBias: false, name: "conv_pw_\(id)", session: s), x)
        x = try g(BatchNormalization(axis: -1, name: "conv_pw_\(id)_bn", session: s), x)
        return try g(ReLU(maxValue: 6, name: "conv_pw_\(id)_relu", session: s), x)
    }

    /// Python's repr of a float: `0.3`, `1.0`.
    static func pythonFloat(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? "\(Int(v)).0" : "\(v)"
    }
}
