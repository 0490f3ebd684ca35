import Glibc
import Tensor

/// The activation layers with an argument of their own: LeakyReLU, ELU and PReLU (whose slope
/// is a trained weight). Each keeps its input for `backward`.

/// A float32 view of a batch: the batch itself when it is float32, else a converted copy.
func floatBatch(_ x: Tensor) -> Tensor { x.dtype == .float32 ? x : x.converted(to: .float32) }

/// Checks that the gradient has the shape of the output the layer made.
func checkGradient(_ gradOutput: Tensor, matches shape: Shape, of layer: any Layer) throws {
    guard gradOutput.shape == shape else {
        throw LayerError.value("\(layer.className) \"\(layer.name)\" received a gradient of shape "
            + "\(formatShape(gradOutput.shape.dims)) for an output of shape \(formatShape(shape.dims)).")
    }
}

/// `keras.layers.LeakyReLU(negative_slope=0.3, name=None)`: x for x >= 0, negative_slope * x
/// below. tf.keras 2 called the argument `alpha`, which Keras 3 still takes.
public final class LeakyReLU: Layer {
    public let core: LayerCore
    public let negativeSlope: Float

    /// `argument` is the keyword the slope was given as (`negative_slope`, or `alpha`), so an
    /// error points at it.
    public init(negativeSlope: Double = 0.3, argument: String = "negative_slope", inputShape: [Int?]? = nil,
                name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "LeakyReLU", name: name, inputShape: inputShape, session: session)
        guard negativeSlope >= 0 else {
            throw LayerError.value(
                "The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. "
                    + "Received: negative_slope=\(negativeSlope)",
                argument: argument)
        }
        self.negativeSlope = Float(negativeSlope)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { inputShape }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let y = floatBatch(x).copy()
        if training { core.trainingState = y.copy() }
        let v = y.floats
        for i in 0..<v.count where v[i] < 0 { v[i] *= negativeSlope }
        return y
    }

    /// dL/dy where x > 0, negative_slope * dL/dy elsewhere (TensorFlow's leaky_relu gradient).
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let x = try keptState(Tensor.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        try checkGradient(gradOutput, matches: x.shape, of: self)
        let dx = gradOutput.copy()
        x.withFloats { xv in
            let d = dx.floats
            for i in 0..<d.count where !(xv[i] > 0) { d[i] *= negativeSlope }
        }
        return dx
    }
}

/// `keras.layers.ELU(alpha=1.0, name=None)`: x for x > 0, alpha * (exp(x) - 1) below.
public final class ELU: Layer {
    public let core: LayerCore
    public let alpha: Float

    public init(alpha: Double = 1.0, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "ELU", name: name, inputShape: inputShape, session: session)
        self.alpha = Float(alpha)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { inputShape }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let y = floatBatch(x).copy()
        if training { core.trainingState = y.copy() }
        let v = y.floats
        for i in 0..<v.count where !(v[i] > 0) { v[i] = alpha * expm1f(v[i]) }
        return y
    }

    /// dL/dy where x > 0, alpha * exp(x) * dL/dy elsewhere.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let x = try keptState(Tensor.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        try checkGradient(gradOutput, matches: x.shape, of: self)
        let dx = gradOutput.copy()
        x.withFloats { xv in
            let d = dx.floats
            for i in 0..<d.count where !(xv[i] > 0) { d[i] *= alpha * expf(xv[i]) }
        }
        return dx
    }
}

/// `keras.layers.PReLU(alpha_initializer='zeros', shared_axes=None, name=None)`: x for x > 0,
/// alpha * x below, with a trained `alpha` of the input's shape without the batch; the axes in
/// `shared_axes` (counted from 1, after the batch) share one alpha, e.g. `shared_axes=[1, 2]`
/// gives one per channel of an image.
public final class PReLU: Layer {
    public let core: LayerCore
    public let alphaInitializer: Initializer
    public let sharedAxes: [Int]?

    public init(alphaInitializer: String = "zeros", sharedAxes: [Int]? = nil, inputShape: [Int?]? = nil,
                name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "PReLU", name: name, inputShape: inputShape, session: session)
        // Keras also takes its class names, 'Zeros' and 'Ones'.
        let lowered = ["Zeros": "zeros", "Ones": "ones"][alphaInitializer] ?? alphaInitializer
        self.alphaInitializer = try Initializer.parse(lowered, argument: "alpha_initializer")
        self.sharedAxes = sharedAxes
    }

    /// Keras's `param_shape`: the input's shape without the batch, 1 on every shared axis.
    private func alphaShape(_ inputShape: [Int?]) throws -> [Int] {
        var shape: [Int] = []
        for (i, d) in inputShape.enumerated().dropFirst() {
            if sharedAxes?.contains(i) == true { shape.append(1); continue }
            guard let d else {
                throw LayerError.value(
                    "Layer \"\(name)\" (PReLU) needs every axis of its input to be known, or listed in shared_axes. "
                        + "Full shape received: \(formatShape(inputShape))",
                    argument: "shared_axes")
            }
            shape.append(d)
        }
        for axis in sharedAxes ?? [] where axis < 1 || axis >= inputShape.count {
            throw LayerError.value(
                "Invalid value for `shared_axes`: axis \(axis) is not an axis of an input of rank "
                    + "\(inputShape.count) (the batch is axis 0; shared axes go from 1 to \(inputShape.count - 1)). "
                    + "Received: shared_axes=\(pythonList(sharedAxes!)). Full shape received: \(formatShape(inputShape))",
                argument: "shared_axes")
        }
        return shape
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        _ = try alphaShape(inputShape)
        return inputShape
    }

    public func weightSpecs(for inputShape: [Int?]) -> [WeightSpec] {
        [WeightSpec("alpha", (try? alphaShape(inputShape)) ?? [], initializer: alphaInitializer)]
    }

    /// For each value of one example, the index of its alpha.
    private func alphaIndices(_ dims: [Int]) -> [Int] {
        let shape = weights[0].shape
        let perExample = dims.dropFirst().reduce(1, *)
        var out = [Int](repeating: 0, count: perExample)
        for j in 0..<perExample {
            var rest = j, index = 0, step = 1
            for axis in stride(from: dims.count - 1, through: 1, by: -1) {
                let coordinate = rest % dims[axis]
                rest /= dims[axis]
                if shape[axis - 1] != 1 { index += coordinate * step }
                step *= shape[axis - 1]
            }
            out[j] = index
        }
        return out
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let y = floatBatch(x).copy()
        if training { core.trainingState = y.copy() }
        let map = alphaIndices(y.shape.dims)
        let alpha = weights[0].value
        alpha.withFloats { a in
            let v = y.floats
            for i in 0..<v.count where v[i] < 0 { v[i] *= a[map[i % map.count]] }
        }
        return y
    }

    /// dL/dalpha = Σ dL/dy * min(x, 0) over the batch and the shared axes; dL/dx = dL/dy where
    /// x > 0, alpha * dL/dy where x < 0 (0 at 0, as relu's gradient is there).
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let x = try keptState(Tensor.self)
        try checkGradient(gradOutput, matches: x.shape, of: self)
        let map = alphaIndices(x.shape.dims)
        let alpha = weights[0].value
        var dAlpha = [Double](repeating: 0, count: alpha.count)
        let dx = needInputGradient ? gradOutput.copy() : nil
        x.withFloats { xv in
            gradOutput.withFloats { g in
                alpha.withFloats { a in
                    for i in 0..<xv.count {
                        let k = map[i % map.count]
                        if xv[i] < 0 { dAlpha[k] += Double(g[i] * xv[i]) }
                        if let dx { dx.floats[i] = xv[i] > 0 ? g[i] : xv[i] < 0 ? g[i] * a[k] : 0 }
                    }
                }
            }
        }
        core.gradients = [try Tensor(shape: alpha.shape, floats: dAlpha.map { Float($0) })]
        return dx
    }
}

/// `[1, 2]`: a list of ints as Python prints it.
func pythonList(_ items: [Int]) -> String { "[" + items.map(String.init).joined(separator: ", ") + "]" }
