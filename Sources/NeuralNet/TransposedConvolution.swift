import Tensor

/// `keras.layers.Conv2DTranspose(filters, kernel_size, strides=(1, 1), padding='valid', output_padding=None,
/// activation=None, use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros')`:
/// the transposed ("de-") convolution that upsamples, as TensorFlow computes it. Kernel
/// `(kh, kw, filters, in)` as Keras stores it, bias `(filters,)`.
public final class Conv2DTranspose: Layer {
    public let core: LayerCore
    public let filters: Int
    public let kernelSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding
    /// nil: Keras's `output_padding=None` (the output size follows from the padding alone).
    public let outputPadding: (Int, Int)?
    public let activation: Activation
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer

    public init(filters: Int, kernelSize: IntOrTuple, strides: IntOrTuple = 1, padding: String = "valid",
                outputPadding: IntOrTuple? = nil, activation: String? = nil, useBias: Bool = true,
                kernelInitializer: String = "glorot_uniform", biasInitializer: String = "zeros",
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Conv2DTranspose", name: name, inputShape: inputShape, session: session)
        self.kernelSize = try kernelSize.pair("kernel_size")
        self.strides = try strides.pair("strides")
        self.padding = try parsePadding(padding)
        guard filters > 0 else {
            throw LayerError.value("Invalid value for argument `filters`. Expected a strictly positive value. "
                                   + "Received filters=\(filters).", argument: "filters")
        }
        self.filters = filters
        if let outputPadding {
            let p = try outputPadding.pair("output_padding", allowZero: true)
            for (axis, (pad, stride)) in [(p.0, self.strides.0), (p.1, self.strides.1)].enumerated() where pad >= stride {
                throw LayerError.value("`output_padding` must be strictly less than `strides` for all dimensions. At dimension \(axis), "
                                       + "`output_padding` is \(pad) but `strides` is \(stride). Received: output_padding=(\(p.0), \(p.1)), "
                                       + "strides=(\(self.strides.0), \(self.strides.1))", argument: "output_padding")
            }
            self.outputPadding = p
        } else {
            self.outputPadding = nil
        }
        self.activation = try parseActivation(activation)
        self.useBias = useBias
        self.kernelInitializer = try Initializer.parse(kernelInitializer, argument: "kernel_initializer")
        self.biasInitializer = try Initializer.parse(biasInitializer, argument: "bias_initializer")
    }

    /// Keras's `compute_conv_transpose_output_length` (dilation 1).
    public static func outputLength(_ length: Int, kernel: Int, stride: Int, padding: Padding, outputPadding: Int?) -> Int {
        guard let outputPadding else {
            return padding == .valid ? length * stride + max(kernel - stride, 0) : length * stride
        }
        let pad = padding == .same ? kernel / 2 : 0
        return (length - 1) * stride + kernel - 2 * pad + outputPadding
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let (h, w, c) = try imageInput(inputShape, of: self)
        _ = try knownChannels(c, shape: inputShape, of: self)
        let oh = h.map { Self.outputLength($0, kernel: kernelSize.0, stride: strides.0, padding: padding, outputPadding: outputPadding?.0) }
        let ow = w.map { Self.outputLength($0, kernel: kernelSize.1, stride: strides.1, padding: padding, outputPadding: outputPadding?.1) }
        // TensorFlow computes the output as the adjoint of a conv2d from this size back to the
        // input's; where that conv2d gives another size it fails at run time: say so when building.
        for (input, output, k, s) in [(h, oh, kernelSize.0, strides.0), (w, ow, kernelSize.1, strides.1)] {
            if let input, let output, output < 1 || convOutputSize(output, kernel: k, stride: s, padding: padding) != input {
                throw LayerError.value("Conv2DTranspose \"\(name)\" cannot map an input of shape \(formatShape(inputShape)) to an output "
                                       + "of size \(output) along an axis with kernel_size \(k), strides \(s) and padding '\(padding.rawValue)': "
                                       + "the convolution it transposes would not give \(input) back.",
                                       argument: "output_padding", hint: "Use output_padding=None, or an odd kernel_size with padding='same'.")
            }
        }
        return [inputShape[0], oh, ow, filters]
    }

    public func weightSpecs(for inputShape: [Int?]) -> [WeightSpec] {
        let channels = inputShape.last.flatMap { $0 } ?? 0
        var specs = [WeightSpec("kernel", [kernelSize.0, kernelSize.1, filters, channels], initializer: kernelInitializer)]
        if useBias { specs.append(WeightSpec("bias", [filters], initializer: biasInitializer)) }
        return specs
    }

    private struct Pass {
        let input: Tensor
        let activation: ActivationMemo
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        guard x.shape.rank == 4 else {
            throw LayerError.value("Conv2DTranspose \"\(name)\" expects (batch, height, width, channels) inputs. Received shape \(x.shape)")
        }
        let size = (Self.outputLength(x.shape[1], kernel: kernelSize.0, stride: strides.0, padding: padding, outputPadding: outputPadding?.0),
                    Self.outputLength(x.shape[2], kernel: kernelSize.1, stride: strides.1, padding: padding, outputPadding: outputPadding?.1))
        let z = try Kernels.conv2dTranspose(input: x, kernel: weights[0].value, bias: useBias ? weights[1].value : nil, strides: strides,
                                            padding: padding, outputSize: size)
        let (y, memo) = try ActivationMemo.forward(activation, z, inPlace: true)
        if training { core.trainingState = Pass(input: x, activation: memo) }
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let pass = try keptState(Pass.self)
        let dz = try pass.activation.backward(gradOutput)
        let g = try Kernels.conv2dTransposeBackward(input: pass.input, kernel: weights[0].value, gradOutput: dz, strides: strides,
                                                    padding: padding, needInputGradient: needInputGradient)
        core.gradients = useBias ? [g.kernel, g.bias] : [g.kernel]
        return g.input
    }
}
