import JSON
import NeuralNet

/// The configs of SeparableConv2D and Conv2DTranspose, keys in Keras 3.15's order (a key Fovea
/// does not implement is written with Keras's default and refused when a file sets it otherwise).
enum ConvolutionCodecs {
    typealias K = KerasObjects

    static let all: [String: LayerConfig.Codec] = [
        "SeparableConv2D": codec(SeparableConv2D.self, encode: { l in
            [("depth_multiplier", .int(l.depthMultiplier)), ("filters", .int(l.filters)), ("kernel_size", K.pair(l.kernelSize)),
             ("strides", K.pair(l.strides)), ("padding", .string(l.padding.rawValue)), ("data_format", "channels_last"),
             ("dilation_rate", K.ints([1, 1])), ("activation", .string(l.activation.rawValue)), ("use_bias", .bool(l.useBias)),
             ("depthwise_initializer", K.initializer(l.depthwiseInitializer)),
             ("pointwise_initializer", K.initializer(l.pointwiseInitializer)), ("bias_initializer", K.initializer(l.biasInitializer)),
             ("depthwise_regularizer", .null), ("pointwise_regularizer", .null), ("bias_regularizer", .null),
             ("activity_regularizer", .null), ("depthwise_constraint", .null), ("pointwise_constraint", .null), ("bias_constraint", .null)]
        }, decode: { r, s in
            try unitDilation(r, "SeparableConv2D")
            try r.requireUnset(["depthwise_regularizer", "pointwise_regularizer", "bias_regularizer", "activity_regularizer",
                                "depthwise_constraint", "pointwise_constraint", "bias_constraint"])
            return try SeparableConv2D(filters: r.int("filters"), kernelSize: r.intOrTuple("kernel_size"),
                                       strides: r.has("strides") ? r.intOrTuple("strides") : 1, padding: r.string("padding", default: "valid"),
                                       depthMultiplier: r.has("depth_multiplier") ? r.int("depth_multiplier") : 1,
                                       activation: r.activation(), useBias: r.bool("use_bias", default: true),
                                       depthwiseInitializer: r.initializer("depthwise_initializer", default: "glorot_uniform"),
                                       pointwiseInitializer: r.initializer("pointwise_initializer", default: "glorot_uniform"),
                                       biasInitializer: r.initializer("bias_initializer", default: "zeros"),
                                       inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
        "Conv2DTranspose": codec(Conv2DTranspose.self, encode: { l in
            [("filters", .int(l.filters)), ("kernel_size", K.pair(l.kernelSize)), ("strides", K.pair(l.strides)),
             ("padding", .string(l.padding.rawValue)), ("output_padding", l.outputPadding.map(K.pair) ?? .null),
             ("data_format", "channels_last"), ("dilation_rate", K.ints([1, 1])), ("activation", .string(l.activation.rawValue)),
             ("use_bias", .bool(l.useBias)), ("kernel_initializer", K.initializer(l.kernelInitializer)),
             ("bias_initializer", K.initializer(l.biasInitializer)), ("kernel_regularizer", .null), ("bias_regularizer", .null),
             ("activity_regularizer", .null), ("kernel_constraint", .null), ("bias_constraint", .null)]
        }, decode: { r, s in
            try unitDilation(r, "Conv2DTranspose")
            try r.requireUnset(["kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"])
            return try Conv2DTranspose(filters: r.int("filters"), kernelSize: r.intOrTuple("kernel_size"),
                                       strides: r.has("strides") ? r.intOrTuple("strides") : 1, padding: r.string("padding", default: "valid"),
                                       outputPadding: r.has("output_padding") ? r.intOrTuple("output_padding") : nil,
                                       activation: r.activation(), useBias: r.bool("use_bias", default: true),
                                       kernelInitializer: r.initializer("kernel_initializer", default: "glorot_uniform"),
                                       biasInitializer: r.initializer("bias_initializer", default: "zeros"),
                                       inputShape: LayerConfig.declaredShape(r), name: r.name, session: s)
        }),
    ]

    static func unitDilation(_ r: ConfigReader, _ className: String) throws {
        if r.has("dilation_rate"), try r.intOrTuple("dilation_rate").values.contains(where: { $0 != 1 }) {
            throw LayerError(.notImplementedError, "\(className) with dilation_rate other than 1 is not implemented in Fovea.")
        }
    }
}
