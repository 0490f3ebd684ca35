import Glibc
import Tensor

/// `keras.layers.Activation(activation, name=None)`. Its Swift name is `ActivationLayer`
/// because `Activation` is Tensor's enum of activation functions; its Keras class name (and
/// default name `activation`) is `Activation`.
public final class ActivationLayer: Layer {
    public let core: LayerCore
    public let activation: Activation

    public init(_ activation: String?, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Activation", name: name, inputShape: inputShape, session: session)
        self.activation = try parseActivation(activation)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { inputShape }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        guard training else { return activation == .linear ? x : try Kernels.activation(activation, x) }
        let (y, memo) = try ActivationMemo.forward(activation, x, inPlace: false)
        core.trainingState = memo
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let memo = try keptState(ActivationMemo.self)
        core.gradients = []
        return needInputGradient ? try memo.backward(gradOutput) : nil
    }
}

/// `keras.layers.ReLU(max_value=None, negative_slope=0.0, threshold=0.0, name=None)`:
/// x >= threshold: min(x, max_value); otherwise negative_slope * (x - threshold).
public final class ReLU: Layer {
    public let core: LayerCore
    public let maxValue: Float?
    public let negativeSlope: Float
    public let threshold: Float

    public init(maxValue: Double? = nil, negativeSlope: Double = 0, threshold: Double = 0,
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "ReLU", name: name, inputShape: inputShape, session: session)
        if let maxValue, maxValue < 0 {
            throw LayerError.value(
                "max_value of a ReLU layer cannot be a negative value. Received: max_value=\(maxValue)",
                argument: "max_value")
        }
        guard negativeSlope >= 0 else {
            throw LayerError.value(
                "negative_slope of a ReLU layer cannot be a negative value. Received: negative_slope=\(negativeSlope)",
                argument: "negative_slope")
        }
        guard threshold >= 0 else {
            throw LayerError.value(
                "threshold of a ReLU layer cannot be a negative value. Received: threshold=\(threshold)",
                argument: "threshold")
        }
        self.maxValue = maxValue.map(Float.init)
        self.negativeSlope = Float(negativeSlope)
        self.threshold = Float(threshold)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { inputShape }

    /// The plain max(x, 0): its derivative comes from the output (1 where y > 0).
    private var isPlain: Bool { maxValue == nil && negativeSlope == 0 && threshold == 0 }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        if training { core.trainingState = x }
        if isPlain {
            let y = try Kernels.activation(.relu, x)
            if training { core.trainingState = ActivationMemo(activation: .relu, operand: y) }
            return y
        }
        let y = x.copy()
        let values = y.floats
        for i in 0..<values.count {
            let v = values[i]
            if v >= threshold {
                values[i] = maxValue.map { Swift.min(v, $0) } ?? v
            } else {
                values[i] = negativeSlope * (v - threshold)
            }
        }
        return y
    }

    /// The derivative is 1 for threshold < x < max_value, 0 above max_value, negative_slope below
    /// the threshold (and at it, as TensorFlow's relu gives 0 at 0 and leaky_relu its slope).
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        if isPlain {
            let memo = try keptState(ActivationMemo.self)
            core.gradients = []
            return needInputGradient ? try memo.backward(gradOutput) : nil
        }
        let x = try keptState(Tensor.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        guard x.shape == gradOutput.shape else {
            throw LayerError.value("ReLU \"\(name)\" received a gradient of shape \(formatShape(gradOutput.shape.dims)) "
                + "for an output of shape \(formatShape(x.shape.dims)).")
        }
        let dx = gradOutput.copy()
        let top = maxValue ?? Float.infinity
        x.withFloats { v in
            let d = dx.floats
            for i in 0..<d.count {
                let xi = v[i]
                d[i] = xi > threshold ? (xi < top ? d[i] : 0) : d[i] * negativeSlope
            }
        }
        return dx
    }
}

/// `keras.layers.Softmax(axis=-1, name=None)`.
public final class Softmax: Layer {
    public let core: LayerCore
    public let axis: Int

    public init(axis: Int = -1, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Softmax", name: name, inputShape: inputShape, session: session)
        self.axis = axis
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        guard axis >= -inputShape.count, axis < inputShape.count else {
            throw LayerError.value(
                "Softmax axis \(axis) is out of bounds for an input of rank \(inputShape.count). "
                    + "Full shape received: \(formatShape(inputShape))",
                argument: "axis")
        }
        return inputShape
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let dims = x.shape.dims
        let a = axis < 0 ? axis + dims.count : axis
        if a == dims.count - 1 {
            let y = try Kernels.activation(.softmax, x)
            if training { core.trainingState = ActivationMemo(activation: .softmax, operand: y) }
            return y
        }
        // Along another axis: rows of `n` values `stride` apart.
        let n = dims[a], stride = dims[(a + 1)...].reduce(1, *), outer = dims[..<a].reduce(1, *)
        let y = x.copy()
        let v = y.floats
        for o in 0..<outer {
            for s in 0..<stride {
                let base = o * n * stride + s
                var m = -Float.infinity
                for k in 0..<n { m = Swift.max(m, v[base + k * stride]) }
                var sum: Float = 0
                for k in 0..<n { let e = expf(v[base + k * stride] - m); v[base + k * stride] = e; sum += e }
                for k in 0..<n { v[base + k * stride] /= sum }
            }
        }
        if training { core.trainingState = ActivationMemo(activation: .softmax, operand: y) }
        return y
    }

    /// dx = y * (dy - Σ dy * y) along the axis.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let memo = try keptState(ActivationMemo.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        guard let y = memo.operand, y.shape == gradOutput.shape else {
            throw LayerError.value("Softmax \"\(name)\" received a gradient of shape \(formatShape(gradOutput.shape.dims)) "
                + "that does not match its output.")
        }
        let dims = y.shape.dims
        let a = axis < 0 ? axis + dims.count : axis
        if a == dims.count - 1 { return try memo.backward(gradOutput) }
        let n = dims[a], stride = dims[(a + 1)...].reduce(1, *), outer = dims[..<a].reduce(1, *)
        let dx = try Tensor(zeros: y.shape, what: "the input gradient of \(name)")
        y.withFloats { yv in
            gradOutput.withFloats { g in
                let d = dx.floats
                for o in 0..<outer {
                    for s in 0..<stride {
                        let base = o * n * stride + s
                        var dot: Float = 0
                        for k in 0..<n { dot += g[base + k * stride] * yv[base + k * stride] }
                        for k in 0..<n { d[base + k * stride] = yv[base + k * stride] * (g[base + k * stride] - dot) }
                    }
                }
            }
        }
        return dx
    }
}
