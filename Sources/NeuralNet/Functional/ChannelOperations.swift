import Tensor

/// `x[..., k]` on a KerasTensor, which Keras 3 records as a `get_item (GetItem)` node: one channel
/// of the last axis, which the output drops. No parameters.
public final class ChannelItem: Layer {
    public let core: LayerCore
    public let index: Int

    public init(index: Int, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "GetItem", name: name, session: session)
        self.index = index
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        guard inputShape.count >= 2, (inputShape.last ?? nil).map({ index >= 0 && index < $0 }) ?? true else {
            throw LayerError.value("index \(index) is out of bounds for the last axis of shape \(formatShape(inputShape))")
        }
        return Array(inputShape.dropLast())
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let x = floatBatch(x), dims = x.shape.dims, c = dims[dims.count - 1]
        let y = try Tensor(zeros: Shape(Array(dims.dropLast())), what: "the output of \(name)")
        let v = x.floats, o = y.floats
        for i in 0..<o.count { o[i] = v[i * c + index] }
        if training { core.trainingState = x.shape }
        return y
    }

    /// dL/dx: dL/dy in channel `index`, zero in the others.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let shape = try keptState(Shape.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        let c = shape.dims[shape.rank - 1]
        let dx = try Tensor(zeros: shape, what: "the input gradient of \(name)")
        let g = gradOutput.floats, d = dx.floats
        for i in 0..<g.count { d[i * c + index] = g[i] }
        return dx
    }
}

/// `ops.stack([a, b, c], axis=-1)` on KerasTensors, a `stack (Stack)` node: same-shaped inputs
/// become the channels of a new last axis. No parameters.
public final class ChannelStack: MergeLayer {
    public let core: LayerCore

    public init(name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Stack", name: name, session: session)
    }

    public func mergedShape(_ shapes: [[Int?]]) throws -> [Int?] {
        try checkInputs(shapes, atLeast: 1)
        for shape in shapes.dropFirst() where !shapesCompatible(shape, shapes[0]) {
            throw LayerError.value("Stack needs inputs of one shape. Received: input_shape=\(shapeList(shapes))")
        }
        return shapes[0] + [shapes.count]
    }

    public func forward(_ inputs: [Tensor], training: Bool) throws -> Tensor {
        let xs = inputs.map(floatBatch), n = xs.count
        let y = try Tensor(zeros: Shape(xs[0].shape.dims + [n]), what: "the output of \(name)")
        let o = y.floats
        for (k, x) in xs.enumerated() {
            let v = x.floats
            for i in 0..<v.count { o[i * n + k] = v[i] }
        }
        if training { core.trainingState = n }
        return y
    }

    /// Each input's gradient is its channel of dL/dy.
    public func backwardMerged(_ gradOutput: Tensor) throws -> [Tensor] {
        let n = try keptState(Int.self)
        let dims = Array(gradOutput.shape.dims.dropLast()), g = gradOutput.floats
        return try (0..<n).map { k in
            let dx = try Tensor(zeros: Shape(dims), what: "an input gradient of \(name)")
            let d = dx.floats
            for i in 0..<d.count { d[i] = g[i * n + k] }
            return dx
        }
    }
}
