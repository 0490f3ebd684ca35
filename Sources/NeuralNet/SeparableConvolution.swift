import Tensor

/// `keras.layers.SeparableConv2D(filters, kernel_size, strides=(1, 1), padding='valid', depth_multiplier=1,
/// activation=None, use_bias=True, depthwise_initializer='glorot_uniform', pointwise_initializer='glorot_uniform',
/// bias_initializer='zeros')`: a depthwise convolution (each channel with its own `depth_multiplier`
/// kernels, carrying the strides and padding) followed by a 1x1 pointwise convolution that mixes
/// the channels into `filters`. Weights in Keras's order: depthwise_kernel `(kh, kw, C, depth_multiplier)`,
/// pointwise_kernel `(1, 1, C * depth_multiplier, filters)`, bias `(filters,)`.
public final class SeparableConv2D: Layer {
    public let core: LayerCore
    public let filters: Int
    public let kernelSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding
    public let depthMultiplier: Int
    public let activation: Activation
    public let useBias: Bool
    public let depthwiseInitializer: Initializer
    public let pointwiseInitializer: Initializer
    public let biasInitializer: Initializer

    public init(filters: Int, kernelSize: IntOrTuple, strides: IntOrTuple = 1, padding: String = "valid", depthMultiplier: Int = 1,
                activation: String? = nil, useBias: Bool = true, depthwiseInitializer: String = "glorot_uniform",
                pointwiseInitializer: String = "glorot_uniform", biasInitializer: String = "zeros",
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "SeparableConv2D", name: name, inputShape: inputShape, session: session)
        self.kernelSize = try kernelSize.pair("kernel_size")
        self.strides = try strides.pair("strides")
        self.padding = try parsePadding(padding)
        guard depthMultiplier > 0 else {
            throw LayerError.value("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. "
                                   + "Received depth_multiplier=\(depthMultiplier).", argument: "depth_multiplier")
        }
        guard filters > 0 else {
            throw LayerError.value("Invalid value for argument `filters`. Expected a strictly positive value. "
                                   + "Received filters=\(filters).", argument: "filters")
        }
        self.filters = filters
        self.depthMultiplier = depthMultiplier
        self.activation = try parseActivation(activation)
        self.useBias = useBias
        self.depthwiseInitializer = try Initializer.parse(depthwiseInitializer, argument: "depthwise_initializer")
        self.pointwiseInitializer = try Initializer.parse(pointwiseInitializer, argument: "pointwise_initializer")
        self.biasInitializer = try Initializer.parse(biasInitializer, argument: "bias_initializer")
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let (oh, ow, _) = try convolutionWindow(inputShape, kernelSize: kernelSize, strides: strides, padding: padding, of: self)
        return [inputShape[0], oh, ow, filters]
    }

    public func weightSpecs(for inputShape: [Int?]) -> [WeightSpec] {
        let channels = inputShape.last.flatMap { $0 } ?? 0
        var specs = [WeightSpec("depthwise_kernel", [kernelSize.0, kernelSize.1, channels, depthMultiplier], initializer: depthwiseInitializer),
                     WeightSpec("pointwise_kernel", [1, 1, channels * depthMultiplier, filters], initializer: pointwiseInitializer)]
        if useBias { specs.append(WeightSpec("bias", [filters], initializer: biasInitializer)) }
        return specs
    }

    /// What a training forward pass keeps: the input, the depthwise output and the activation's operand.
    private struct Pass {
        let input: Tensor
        let depthwise: Tensor
        let activation: ActivationMemo
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let d = try Kernels.depthwiseConv2d(input: x, kernel: weights[0].value, bias: nil, strides: strides, padding: padding)
        let z = try Kernels.conv2d(input: d, kernel: weights[1].value, bias: useBias ? weights[2].value : nil, strides: (1, 1),
                                   padding: .valid)
        let (y, memo) = try ActivationMemo.forward(activation, z, inPlace: true)
        if training { core.trainingState = Pass(input: x, depthwise: d, activation: memo) }
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let pass = try keptState(Pass.self)
        let dz = try pass.activation.backward(gradOutput)
        let point = try Kernels.conv2dBackward(input: pass.depthwise, kernel: weights[1].value, gradOutput: dz, strides: (1, 1),
                                               padding: .valid, needInputGradient: true)
        guard let dDepthwise = point.input else { throw LayerError.value("SeparableConv2D: the pointwise convolution gave no input gradient") }
        let depth = try Kernels.depthwiseConv2dBackward(input: pass.input, kernel: weights[0].value, gradOutput: dDepthwise,
                                                        strides: strides, padding: padding, needInputGradient: needInputGradient)
        core.gradients = useBias ? [depth.kernel, point.kernel, point.bias] : [depth.kernel, point.kernel]
        return depth.input
    }
}
