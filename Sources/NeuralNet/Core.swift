import Tensor

/// `keras.layers.Dense(units, activation=None, use_bias=True, kernel_initializer='glorot_uniform',
/// bias_initializer='zeros', kernel_regularizer=None,
/// bias_regularizer=None, input_shape=..., input_dim=..., name=None)`.
///
/// Like Keras, it applies to the last axis: `(None, h, w, c)` -> `(None, h, w, units)` with
/// `(c + 1) * units` parameters.
public final class Dense: RegularizedLayer {
    public let core: LayerCore
    public let units: Int
    public let activation: Activation
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let kernelRegularizer: Regularizer?
    public let biasRegularizer: Regularizer?

    public init(units: Int, activation: String? = nil, useBias: Bool = true,
                kernelInitializer: String = "glorot_uniform", biasInitializer: String = "zeros",
                kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                inputShape: [Int?]? = nil, inputDim: Int? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Dense", name: name, inputShape: inputShape ?? inputDim.map { [$0] },
                             session: session)
        guard units > 0 else {
            throw LayerError.value(
                "Received an invalid value for `units`, expected a positive integer. Received: units=\(units)",
                argument: "units")
        }
        self.units = units
        self.activation = try parseActivation(activation)
        self.useBias = useBias
        self.kernelInitializer = try Initializer.parse(kernelInitializer, argument: "kernel_initializer")
        self.biasInitializer = try Initializer.parse(biasInitializer, argument: "bias_initializer")
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        guard inputShape.count >= 2 else {
            throw LayerError.value(
                "Input 0 of layer \"\(name)\" is incompatible with the layer: expected min_ndim=2, "
                    + "found ndim=\(inputShape.count). Full shape received: \(formatShape(inputShape))")
        }
        guard inputShape.last! != nil else {
            throw LayerError.value(
                "The last dimension of the inputs to a Dense layer should be defined. Found None. "
                    + "Full input shape received: \(formatShape(inputShape))")
        }
        return inputShape.dropLast() + [units]
    }

    public func weightSpecs(for inputShape: [Int?]) -> [WeightSpec] {
        let inputs = inputShape.last.flatMap { $0 } ?? 0
        var specs = [WeightSpec("kernel", [inputs, units], initializer: kernelInitializer)]
        if useBias { specs.append(WeightSpec("bias", [units], initializer: biasInitializer)) }
        return specs
    }

    /// What a training forward pass keeps: the input as rows [rows, in] and the activation's operand.
    private struct Pass {
        let flatInput: Tensor
        let inputShape: Shape
        let activation: ActivationMemo
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let dims = x.shape.dims
        let inputs = dims[dims.count - 1]
        let rows = dims.dropLast().reduce(1, *)
        let flat = dims.count == 2 ? x : try x.reshaped([rows, inputs])
        let z = try Kernels.dense(input: flat, kernel: weights[0].value, bias: useBias ? weights[1].value : nil)
        let (y, memo) = try ActivationMemo.forward(activation, z, inPlace: true)
        if training { core.trainingState = Pass(flatInput: flat, inputShape: x.shape, activation: memo) }
        return dims.count == 2 ? y : try y.reshaped(Shape(dims.dropLast() + [units]))
    }

    /// Any rank: the leading axes are flattened into rows, as in the forward pass.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let pass = try keptState(Pass.self)
        let rows = pass.flatInput.shape[0]
        let dy = gradOutput.shape.rank == 2 ? gradOutput : try gradOutput.reshaped([rows, units])
        let dz = try pass.activation.backward(dy)
        let g = try Kernels.denseBackward(input: pass.flatInput, kernel: weights[0].value, gradOutput: dz,
                                          needInputGradient: needInputGradient)
        core.gradients = useBias ? [g.kernel, g.bias] : [g.kernel]
        guard let dx = g.input else { return nil }
        return dx.shape == pass.inputShape ? dx : try dx.reshaped(pass.inputShape)
    }
}

/// `keras.layers.Flatten(name=None)`: `(None, 3, 3, 64)` -> `(None, 576)`.
public final class Flatten: Layer {
    public let core: LayerCore

    public init(inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Flatten", name: name, inputShape: inputShape, session: session)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let rest = inputShape.dropFirst()
        if rest.contains(where: { $0 == nil }) { return [inputShape.first ?? nil, nil] }
        return [inputShape.first ?? nil, rest.reduce(1) { $0 * $1! }]
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let n = x.shape[0]
        if training { core.trainingState = x.shape }
        return try x.reshaped([n, n == 0 ? 0 : x.shape.count / n])
    }

    /// dL/dy in the input's shape.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let shape = try keptState(Shape.self)
        core.gradients = []
        return needInputGradient ? try gradOutput.reshaped(shape) : nil
    }
}

/// `keras.layers.Dropout(rate, noise_shape=None, seed=None, name=None)`: the identity at
/// inference; during training it zeroes a fraction `rate` of the values and scales the rest by
/// 1 / (1 - rate). With `noise_shape`, one draw covers every axis where it is 1 (EfficientNet's
/// (None, 1, 1, 1) keeps or drops a whole sample); None there means the input's size.
public final class Dropout: Layer {
    public let core: LayerCore
    public let rate: Double
    /// The `seed=` given (Keras's config keeps it).
    public let seed: Int?
    /// `noise_shape=` as given, batch first; nil for one draw per value.
    public let noiseShape: [Int?]?

    /// Keras's check of a dropout `rate` (Dropout's and SpatialDropout2D's): 0 <= rate < 1.
    static func checkedRate(_ rate: Double) throws -> Double {
        guard rate >= 0, rate < 1 else {
            throw LayerError.value(
                "Invalid value received for argument `rate`. Expected a float value between 0 and 1 "
                    + "(0 included, 1 excluded). Received: rate=\(rate)",
                argument: "rate")
        }
        return rate
    }
    /// With `seed`, the layer draws its masks from a generator of its own, so the same seed
    /// drops the same values; otherwise from the session's.
    private var generator: SeededGenerator?

    public init(rate: Double, noiseShape: [Int?]? = nil, seed: Int? = nil, inputShape: [Int?]? = nil, name: String? = nil,
                session: Session) throws {
        core = try LayerCore(className: "Dropout", name: name, inputShape: inputShape, session: session)
        self.rate = try Dropout.checkedRate(rate)
        self.seed = seed
        self.noiseShape = noiseShape
        generator = seed.map { SeededGenerator(seed: UInt64(bitPattern: Int64($0))) }
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        if let noiseShape {
            let fits = noiseShape.count == inputShape.count
                && zip(noiseShape, inputShape).allSatisfy { n, d in n == nil || n == 1 || d == nil || n == d }
            guard fits else {
                throw LayerError.value("Dropout \"\(name)\": noise_shape=\(formatShape(noiseShape)) cannot be broadcast to the input "
                                       + "shape \(formatShape(inputShape)).", argument: "noise_shape",
                                       hint: "give one entry per axis, batch first: 1 to share a draw along an axis, None for one draw per index")
            }
        }
        return inputShape
    }

    /// For each value of a batch of `dims`, the index of its draw under `noiseShape`.
    private func drawIndex(_ dims: [Int]) -> (count: Int, index: (Int) -> Int) {
        guard let noiseShape else { return (dims.reduce(1, *), { $0 }) }
        let noise = zip(noiseShape, dims).map { n, d in n ?? d }
        var inner = [Int](repeating: 1, count: dims.count), noiseStride = inner
        for d in stride(from: dims.count - 2, through: 0, by: -1) {
            inner[d] = inner[d + 1] * dims[d + 1]
            noiseStride[d] = noiseStride[d + 1] * noise[d + 1]
        }
        return (noise.reduce(1, *), { i in
            (0..<dims.count).reduce(0) { sum, d in noise[d] == 1 ? sum : sum + (i / inner[d]) % dims[d] * noiseStride[d] }
        })
    }

    /// A training forward pass keeps which values it kept (1) and dropped (0); nil for rate 0.
    private struct Pass {
        let mask: Tensor?
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        guard training else { return x }
        guard rate > 0 else {
            core.trainingState = Pass(mask: nil)
            return x
        }
        let y = x.copy()
        let mask = try Tensor(zeros: x.shape, dtype: .uint8, what: "the dropout mask of \(name)")
        let keep = Float(1 - rate)
        let values = y.floats, kept = mask.bytes
        let (draws, drawIndex) = drawIndex(x.shape.dims)
        let uniform = (0..<(noiseShape == nil ? 0 : draws)).map { _ in
            generator != nil ? generator!.uniformFloat(0, 1) : core.session.generator.uniformFloat(0, 1)
        }
        for i in 0..<values.count {
            let draw = noiseShape == nil ? (generator != nil ? generator!.uniformFloat(0, 1) : core.session.generator.uniformFloat(0, 1))
                : uniform[drawIndex(i)]
            if draw < keep {
                values[i] /= keep
                kept[i] = 1
            } else {
                values[i] = 0
            }
        }
        core.trainingState = Pass(mask: mask)
        return y
    }

    /// dL/dy / (1 - rate) where the value was kept, 0 where it was dropped.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let pass = try keptState(Pass.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        guard let mask = pass.mask else { return gradOutput }
        guard mask.shape == gradOutput.shape else {
            throw LayerError.value("Dropout \"\(name)\" received a gradient of shape \(formatShape(gradOutput.shape.dims)) "
                + "for an output of shape \(formatShape(mask.shape.dims)).")
        }
        let dx = gradOutput.copy()
        let keep = Float(1 - rate)
        let values = dx.floats, kept = mask.bytes
        for i in 0..<values.count { values[i] = kept[i] != 0 ? values[i] / keep : 0 }
        return dx
    }
}

/// `keras.layers.SpatialDropout2D(rate, seed=None, name=None)`: Dropout that drops whole
/// feature maps: during training each channel of each image is kept (scaled by 1 / (1 - rate))
/// or zeroed as a whole; the identity at inference.
public final class SpatialDropout2D: Layer {
    public let core: LayerCore
    public let rate: Double
    /// The `seed=` given (Keras's config keeps it).
    public let seed: Int?
    private var generator: SeededGenerator?

    public init(rate: Double, seed: Int? = nil, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "SpatialDropout2D", name: name, inputShape: inputShape, session: session)
        self.rate = try Dropout.checkedRate(rate)
        self.seed = seed
        generator = seed.map { SeededGenerator(seed: UInt64(bitPattern: Int64($0))) }
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        _ = try imageInput(inputShape, of: self)
        return inputShape
    }

    /// A training forward pass keeps each (image, channel)'s factor: 1 / (1 - rate) or 0.
    private struct Pass {
        let factors: [Float]
        let shape: Shape
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        guard training else { return x }
        let x = floatBatch(x)
        let d = x.shape.dims
        let (n, pixels, c) = (d[0], d[1] * d[2], d[3])
        let keep = Float(1 - rate)
        var factors = [Float](repeating: 1, count: n * c)
        if rate > 0 {
            for i in 0..<factors.count {
                let draw = generator != nil ? generator!.uniformFloat(0, 1) : core.session.generator.uniformFloat(0, 1)
                factors[i] = draw < keep ? 1 / keep : 0
            }
        }
        core.trainingState = Pass(factors: factors, shape: x.shape)
        let y = x.copy()
        let v = y.floats
        for b in 0..<n {
            for p in 0..<pixels {
                for k in 0..<c { v[(b * pixels + p) * c + k] *= factors[b * c + k] }
            }
        }
        return y
    }

    /// dL/dy times the same factor per image and channel.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let pass = try keptState(Pass.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        try checkGradient(gradOutput, matches: pass.shape, of: self)
        let d = pass.shape.dims
        let (n, pixels, c) = (d[0], d[1] * d[2], d[3])
        let dx = gradOutput.copy()
        let v = dx.floats
        for b in 0..<n {
            for p in 0..<pixels {
                for k in 0..<c { v[(b * pixels + p) * c + k] *= pass.factors[b * c + k] }
            }
        }
        return dx
    }
}
