import Tensor

/// Layers that only move values around: Reshape, Permute and RepeatVector. No parameters.

/// Keras's InputSpec(ndim=n) error: `Input 0 of layer "permute" is incompatible with the layer:
/// expected ndim=3, found ndim=4. Full shape received: (None, 28, 28, 1)`.
func checkRank(_ shape: [Int?], _ ndim: Int, of layer: any Layer) throws {
    guard shape.count == ndim else {
        var error = LayerError.value(
            "Input 0 of layer \"\(layer.name)\" is incompatible with the layer: expected ndim=\(ndim), "
                + "found ndim=\(shape.count). Full shape received: \(formatShape(shape))")
        error.expectedRank = ndim
        throw error
    }
}

/// `keras.layers.Reshape(target_shape, name=None)`: each example reshaped to `target_shape`
/// (without the batch); one size may be -1, inferred from the others.
public final class Reshape: Layer {
    public let core: LayerCore
    public let targetShape: [Int]

    public init(targetShape: [Int], inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Reshape", name: name, inputShape: inputShape, session: session)
        guard targetShape.filter({ $0 == -1 }).count <= 1 else {
            throw LayerError.value(
                "The `target_shape` argument must not contain more than one `-1` value. "
                    + "Received: target_shape=\(pythonTuple(targetShape.map(String.init)))",
                argument: "target_shape")
        }
        self.targetShape = targetShape
    }

    /// Keras's `compute_reshape_output_shape`.
    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let rest = inputShape.dropFirst()
        let target = pythonTuple(targetShape.map(String.init))
        if rest.contains(where: { $0 == nil }) {
            return [inputShape.first ?? nil] + targetShape.map { $0 == -1 ? nil : $0 }
        }
        let inputSize = rest.reduce(1) { $0 * $1! }
        let given = formatShape(Array(rest))
        guard let unknown = targetShape.firstIndex(of: -1) else {
            guard targetShape.allSatisfy({ $0 >= 0 }), targetShape.reduce(1, *) == inputSize else {
                throw LayerError.value(
                    "The total size of the tensor must be unchanged. Received: input_shape=\(given), "
                        + "target_shape=\(target)",
                    argument: "target_shape")
            }
            return [inputShape.first ?? nil] + targetShape
        }
        let known = targetShape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
        guard known > 0, inputSize % known == 0 else {
            throw LayerError.value(
                "The total size of the tensor must be unchanged, however, the input size cannot by divided by the "
                    + "specified dimensions in target_shape. Received: input_shape=\(given), target_shape=\(target)",
                argument: "target_shape")
        }
        var out = targetShape
        out[unknown] = inputSize / known
        return [inputShape.first ?? nil] + out
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let dims = x.shape.dims
        let out = try computeOutputShape([nil] + dims.dropFirst().map { $0 })
        if training { core.trainingState = x.shape }
        return try x.reshaped(Shape([dims[0]] + out.dropFirst().map { $0! }))
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let shape = try keptState(Shape.self)
        core.gradients = []
        return needInputGradient ? try gradOutput.reshaped(shape) : nil
    }
}

/// The axes of `x` reordered: axis k of the result is axis `order[k]` of `x` (numpy's transpose).
func transposed(_ x: Tensor, _ order: [Int], what: String) throws -> Tensor {
    let dims = x.shape.dims
    let outDims = order.map { dims[$0] }
    let y = try Tensor(zeros: Shape(outDims), what: what)
    var strides = [Int](repeating: 1, count: dims.count)
    for a in stride(from: dims.count - 2, through: 0, by: -1) { strides[a] = strides[a + 1] * dims[a + 1] }
    let steps = order.map { strides[$0] }
    guard y.count > 0 else { return y }
    var counter = [Int](repeating: 0, count: outDims.count)
    x.withFloats { src in
        let d = y.floats
        var offset = 0
        for i in 0..<d.count {
            d[i] = src[offset]
            // Odometer over the output's axes, last fastest.
            var a = outDims.count - 1
            while a >= 0 {
                counter[a] += 1
                offset += steps[a]
                if counter[a] < outDims[a] { break }
                offset -= steps[a] * outDims[a]
                counter[a] = 0
                a -= 1
            }
        }
    }
    return y
}

/// `keras.layers.Permute(dims, name=None)`: the axes after the batch reordered; `dims` counts
/// them from 1, so `Permute((2, 1))` swaps the two axes of `(None, 10, 64)`.
public final class Permute: Layer {
    public let core: LayerCore
    public let dims: [Int]

    public init(dims: [Int], inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Permute", name: name, inputShape: inputShape, session: session)
        guard dims.sorted() == Array(1...max(1, dims.count)), !dims.isEmpty else {
            throw LayerError.value(
                "Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be "
                    + "consecutive and start from 1. Received dims=\(pythonTuple(dims.map(String.init)))",
                argument: "dims")
        }
        self.dims = dims
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        try checkRank(inputShape, dims.count + 1, of: self)
        return [inputShape[0]] + dims.map { inputShape[$0] }
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        if training { core.trainingState = StatelessPass() }
        return try transposed(floatBatch(x), [0] + dims, what: "the output of \(name)")
    }

    /// The gradient put back in the input's order (the inverse permutation).
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        _ = try keptState(StatelessPass.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        var inverse = [Int](repeating: 0, count: dims.count + 1)
        for (k, a) in ([0] + dims).enumerated() { inverse[a] = k }
        return try transposed(gradOutput, inverse, what: "the input gradient of \(name)")
    }
}

/// `keras.layers.RepeatVector(n, name=None)`: `(None, features)` -> `(None, n, features)`, each
/// example's vector repeated n times.
public final class RepeatVector: Layer {
    public let core: LayerCore
    public let n: Int

    public init(n: Int, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "RepeatVector", name: name, inputShape: inputShape, session: session)
        guard n > 0 else {
            throw LayerError.value("Expected a positive integer value for `n`. Received: n=\(n)", argument: "n")
        }
        self.n = n
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        try checkRank(inputShape, 2, of: self)
        return [inputShape[0], n, inputShape[1]]
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let x = floatBatch(x)
        let (batch, features) = (x.shape[0], x.shape[1])
        if training { core.trainingState = StatelessPass() }
        let y = try Tensor(zeros: [batch, n, features], what: "the output of \(name)")
        x.withFloats { src in
            let d = y.floats
            for b in 0..<batch {
                for r in 0..<n {
                    for f in 0..<features { d[(b * n + r) * features + f] = src[b * features + f] }
                }
            }
        }
        return y
    }

    /// Each value's gradient is the sum over its n copies.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        _ = try keptState(StatelessPass.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        let (batch, features) = (gradOutput.shape[0], gradOutput.shape[2])
        let dx = try Tensor(zeros: [batch, features], what: "the input gradient of \(name)")
        gradOutput.withFloats { g in
            let d = dx.floats
            for b in 0..<batch {
                for r in 0..<n {
                    for f in 0..<features { d[b * features + f] += g[(b * n + r) * features + f] }
                }
            }
        }
        return dx
    }
}
