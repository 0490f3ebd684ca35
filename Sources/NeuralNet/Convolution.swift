import Tensor

/// `keras.layers.Conv2D(filters, kernel_size, strides=(1, 1), padding='valid', activation=None,
/// use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None,
/// bias_regularizer=None, input_shape=...,
/// name=None)`: NHWC, kernel `(kh, kw, in, out)`, bias `(out,)`.
public final class Conv2D: RegularizedLayer {
    public let core: LayerCore
    public let filters: Int
    public let kernelSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding
    public let activation: Activation
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let kernelRegularizer: Regularizer?
    public let biasRegularizer: Regularizer?

    public init(filters: Int, kernelSize: IntOrTuple, strides: IntOrTuple = 1, padding: String = "valid",
                activation: String? = nil, useBias: Bool = true,
                kernelInitializer: String = "glorot_uniform", biasInitializer: String = "zeros",
                kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Conv2D", name: name, inputShape: inputShape, session: session)
        guard filters > 0 else {
            throw LayerError.value("Conv2D expects a positive number of filters. Received: filters=\(filters)",
                                   argument: "filters")
        }
        self.filters = filters
        self.kernelSize = try kernelSize.pair("kernel_size")
        self.strides = try strides.pair("strides")
        self.padding = try parsePadding(padding)
        self.activation = try parseActivation(activation)
        self.useBias = useBias
        self.kernelInitializer = try Initializer.parse(kernelInitializer, argument: "kernel_initializer")
        self.biasInitializer = try Initializer.parse(biasInitializer, argument: "bias_initializer")
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let (oh, ow, _) = try convolutionWindow(inputShape, kernelSize: kernelSize, strides: strides, padding: padding, of: self)
        return [inputShape[0], oh, ow, filters]
    }

    public func weightSpecs(for inputShape: [Int?]) -> [WeightSpec] {
        let channels = inputShape.last.flatMap { $0 } ?? 0
        var specs = [WeightSpec("kernel", [kernelSize.0, kernelSize.1, channels, filters],
                                initializer: kernelInitializer)]
        if useBias { specs.append(WeightSpec("bias", [filters], initializer: biasInitializer)) }
        return specs
    }

    /// What a training forward pass keeps: the input, its im2col columns and the activation's operand.
    private struct Pass {
        let input: Tensor
        let columns: Tensor?
        let activation: ActivationMemo
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let bias = useBias ? weights[1].value : nil
        // relu is fused into the kernels: applied while the output is in cache, differentiated
        // inside the backward kernel.
        let relu = activation == .relu
        guard training else {
            let y = try Kernels.conv2d(input: x, kernel: weights[0].value, bias: bias, strides: strides,
                                       padding: padding, relu: relu)
            if activation != .linear && !relu { try Kernels.activationInPlace(activation, y) }
            return y
        }
        let (z, columns) = try Kernels.conv2dForTraining(input: x, kernel: weights[0].value, bias: bias,
                                                         strides: strides, padding: padding, relu: relu)
        let (y, memo) = relu ? (z, ActivationMemo(activation: .relu, operand: z))
                             : try ActivationMemo.forward(activation, z, inPlace: true)
        core.trainingState = Pass(input: x, columns: columns, activation: memo)
        return y
    }

    /// Inference of this layer and a MaxPooling2D((2, 2)) after it in one kernel, which never
    /// stores this layer's output; nil when that kernel does not apply (Sequential runs the two).
    func forwardWithMaxPool(_ x: Tensor, _ pool: MaxPooling2D) throws -> Tensor? {
        guard activation == .relu,
              Kernels.isPool2x2(pool: pool.window.poolSize, strides: pool.window.strides, padding: pool.window.padding)
        else { return nil }
        return try Kernels.conv2dReluMaxPool2x2(input: x, kernel: weights[0].value, bias: useBias ? weights[1].value : nil,
                                                strides: strides, padding: padding)
    }

    /// dL/dkernel and dL/dbias into `core.gradients`; the fused activation's derivative first.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let pass = try keptState(Pass.self)
        let relu = pass.activation.activation == .relu
        let dz = relu ? gradOutput : try pass.activation.backward(gradOutput)
        let g = try Kernels.conv2dBackward(input: pass.input, kernel: weights[0].value, gradOutput: dz,
                                           strides: strides, padding: padding,
                                           needInputGradient: needInputGradient, columns: pass.columns,
                                           reluOutput: relu ? pass.activation.operand : nil)
        core.gradients = useBias ? [g.kernel, g.bias] : [g.kernel]
        return g.input
    }
}
