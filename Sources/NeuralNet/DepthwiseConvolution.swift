import Tensor

/// `keras.layers.DepthwiseConv2D(kernel_size, strides=(1, 1), padding='valid', depth_multiplier=1,
/// activation=None, use_bias=True, depthwise_initializer='glorot_uniform', bias_initializer='zeros')`:
/// each input channel convolved with its own `depth_multiplier` kernels; kernel
/// `(kh, kw, channels, depth_multiplier)`, bias `(channels * depth_multiplier,)`.
public final class DepthwiseConv2D: Layer {
    public let core: LayerCore
    public let kernelSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding
    public let depthMultiplier: Int
    public let activation: Activation
    public let useBias: Bool
    public let depthwiseInitializer: Initializer
    public let biasInitializer: Initializer

    public init(kernelSize: IntOrTuple, strides: IntOrTuple = 1, padding: String = "valid", depthMultiplier: Int = 1,
                activation: String? = nil, useBias: Bool = true, depthwiseInitializer: String = "glorot_uniform",
                biasInitializer: String = "zeros", inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "DepthwiseConv2D", name: name, inputShape: inputShape, session: session)
        guard depthMultiplier > 0 else {
            throw LayerError.value("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. "
                                   + "Received depth_multiplier=\(depthMultiplier).", argument: "depth_multiplier")
        }
        self.kernelSize = try kernelSize.pair("kernel_size")
        self.strides = try strides.pair("strides")
        self.padding = try parsePadding(padding)
        self.depthMultiplier = depthMultiplier
        self.activation = try parseActivation(activation)
        self.useBias = useBias
        self.depthwiseInitializer = try Initializer.parse(depthwiseInitializer, argument: "depthwise_initializer")
        self.biasInitializer = try Initializer.parse(biasInitializer, argument: "bias_initializer")
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let (oh, ow, channels) = try convolutionWindow(inputShape, kernelSize: kernelSize, strides: strides, padding: padding, of: self)
        return [inputShape[0], oh, ow, channels * depthMultiplier]
    }

    public func weightSpecs(for inputShape: [Int?]) -> [WeightSpec] {
        let channels = inputShape.last.flatMap { $0 } ?? 0
        var specs = [WeightSpec("kernel", [kernelSize.0, kernelSize.1, channels, depthMultiplier], initializer: depthwiseInitializer)]
        if useBias { specs.append(WeightSpec("bias", [channels * depthMultiplier], initializer: biasInitializer)) }
        return specs
    }

    private struct Pass {
        let input: Tensor
        let activation: ActivationMemo
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let z = try Kernels.depthwiseConv2d(input: x, kernel: weights[0].value, bias: useBias ? weights[1].value : nil,
                                            strides: strides, padding: padding)
        let (y, memo) = try ActivationMemo.forward(activation, z, inPlace: true)
        if training { core.trainingState = Pass(input: x, activation: memo) }
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let pass = try keptState(Pass.self)
        let dz = try pass.activation.backward(gradOutput)
        let g = try Kernels.depthwiseConv2dBackward(input: pass.input, kernel: weights[0].value, gradOutput: dz, strides: strides,
                                                    padding: padding, needInputGradient: needInputGradient)
        core.gradients = useBias ? [g.kernel, g.bias] : [g.kernel]
        return g.input
    }
}
