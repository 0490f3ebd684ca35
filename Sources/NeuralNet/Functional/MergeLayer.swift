import Tensor

/// A layer called on a list of tensors (Keras's `Merge` layers and Concatenate). It has no
/// weights; `forward` and `backward` on one tensor are errors that say to pass a list.
public protocol MergeLayer: Layer {
    /// The output shape for the inputs' shapes (batch first, nil), or Keras's error.
    func mergedShape(_ shapes: [[Int?]]) throws -> [Int?]
    /// The forward pass on one batch of each input.
    func forward(_ inputs: [Tensor], training: Bool) throws -> Tensor
    /// dL/dx for each input of the last training forward pass, given dL/dy.
    func backwardMerged(_ gradOutput: Tensor) throws -> [Tensor]
}

extension MergeLayer {
    /// Checks the shapes and marks the layer built for them (the first input's shape is its
    /// `input_shape`). Calling it again with other shapes is an error, as for any layer.
    func buildMerged(_ shapes: [[Int?]]) throws -> [Int?] {
        let output = try mergedShape(shapes)
        if let built = core.mergedInputShapes {
            guard built.count == shapes.count, zip(built, shapes).allSatisfy({ shapesCompatible($0, $1) }) else {
                throw LayerError.value(
                    "Layer \"\(name)\" was built for input shapes \(shapeList(built)) and cannot take input shapes "
                        + "\(shapeList(shapes)).")
            }
            return output
        }
        core.mergedInputShapes = shapes
        core.inputShape = shapes.first
        core.outputShape = output
        return output
    }

    /// `layer([a, b])` on batches: builds the layer for their shapes (checked as on symbolic
    /// tensors), then runs it.
    public func callAsFunction(_ inputs: [Tensor], training: Bool = false) throws -> Tensor {
        _ = try buildMerged(inputs.map { [nil] + $0.shape.dims.dropFirst().map { $0 } })
        return try forward(inputs.map(floatBatch), training: training)
    }

    /// The shapes the layer was built for, one per input; nil before it was called.
    public var mergedInputShapes: [[Int?]]? { core.mergedInputShapes }

    func notAList(_ shape: [Int?]) -> LayerError {
        LayerError.value(
            "A merge layer should be called on a list of inputs. Received: input_shape=\(formatShape(shape)) "
                + "(not a list of shapes)",
            hint: "Pass the tensors as a list: \(className)()([a, b]).")
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { throw notAList(inputShape) }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        throw notAList([nil] + x.shape.dims.dropFirst().map { $0 })
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        throw LayerError.value("Layer \"\(name)\" (\(className)) has several inputs: its backward pass gives one gradient per input.")
    }

    /// Keras's batch-size check and the at-least-one-input rule, shared by every merge layer.
    func checkInputs(_ shapes: [[Int?]], atLeast minimum: Int) throws {
        guard shapes.count >= minimum else {
            throw LayerError.value(
                "A merge layer should be called on a list of at least \(minimum) input\(minimum == 1 ? "" : "s"). "
                    + "Got \(shapes.count) inputs. Full input_shape received: \(shapeList(shapes))")
        }
        let batches = Set(shapes.compactMap { $0.first ?? nil })
        guard batches.count <= 1 else {
            throw LayerError.value(
                "Cannot merge tensors with different batch sizes. Received tensors with shapes \(shapeList(shapes))")
        }
    }
}

/// `[(None, 4), (None, 4)]`, as Keras prints a list of shapes.
func shapeList(_ shapes: [[Int?]]) -> String {
    "[" + shapes.map(formatShape).joined(separator: ", ") + "]"
}

/// Add, Subtract, Multiply, Average, Maximum and Minimum: one element-wise operation over inputs
/// of the same shape.
public final class ElementwiseMerge: MergeLayer {
    public enum Operation: String, CaseIterable, Sendable {
        case add = "Add", subtract = "Subtract", multiply = "Multiply", average = "Average"
        case maximum = "Maximum", minimum = "Minimum"
    }

    public let core: LayerCore
    public let operation: Operation

    public init(_ operation: Operation, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: operation.rawValue, name: name, session: session)
        self.operation = operation
    }

    /// Keras's `_compute_elemwise_op_output_shape` for inputs of one rank: equal sizes, or a size
    /// 1 that is broadcast along the other (EfficientNet multiplies (None, h, w, c) by (None, 1, 1, c)).
    public func mergedShape(_ shapes: [[Int?]]) throws -> [Int?] {
        if operation == .subtract, shapes.count != 2 {
            throw LayerError.value("A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=\(shapeList(shapes))")
        }
        try checkInputs(shapes, atLeast: 1)
        var output = shapes[0]
        for shape in shapes.dropFirst() {
            guard shape.count == output.count else {
                throw LayerError.value(
                    "Inputs have incompatible shapes. Received shapes \(formatShape(output)) and \(formatShape(shape))",
                    hint: "Every input of \(className) needs the same rank; use Reshape or Flatten to match them.")
            }
            for axis in 1..<max(shape.count, 1) {
                switch (output[axis], shape[axis]) {
                case (1, let b): output[axis] = b
                case (_, 1): break
                case (nil, _), (_, nil): output[axis] = nil
                case (let a?, let b?) where a == b: break
                default:
                    throw LayerError.value(
                        "Inputs have incompatible shapes. Received shapes \(formatShape(shapes[0])) and \(formatShape(shape))",
                        hint: "Every input of \(className) needs the same size on each axis, or 1 to repeat it along the other.")
                }
            }
        }
        return output
    }

    public func forward(_ inputs: [Tensor], training: Bool) throws -> Tensor {
        let dims = try Broadcast.shape(inputs.map(\.shape.dims))
        let expanded = try inputs.map { try Broadcast.expand($0, to: dims) }
        let y = try ElementwiseMerge.combine(operation, expanded)
        if training { core.trainingState = MergeMemo(inputs: expanded, output: y, shapes: inputs.map(\.shape)) }
        return y
    }

    public func backwardMerged(_ gradOutput: Tensor) throws -> [Tensor] {
        let memo = try keptState(MergeMemo.self)
        let grads = try ElementwiseMerge.gradients(operation, memo.inputs, output: memo.output, gradOutput: gradOutput)
        guard let shapes = memo.shapes else { return grads }
        return try zip(grads, shapes).map { try Broadcast.reduce($0, to: $1.dims) }
    }

    /// The operation over same-shaped float32 tensors.
    public static func combine(_ operation: Operation, _ inputs: [Tensor]) throws -> Tensor {
        let first = inputs[0]
        for x in inputs.dropFirst() where x.shape != first.shape {
            throw LayerError.value(
                "Inputs have incompatible shapes. Received shapes \(formatShape(first.shape.dims.map { $0 })) and "
                    + "\(formatShape(x.shape.dims.map { $0 }))")
        }
        let y = first.copy()
        let out = y.floats
        for x in inputs.dropFirst() {
            let v = x.floats
            switch operation {
            case .add, .average: for i in 0..<out.count { out[i] += v[i] }
            case .subtract: for i in 0..<out.count { out[i] -= v[i] }
            case .multiply: for i in 0..<out.count { out[i] *= v[i] }
            case .maximum: for i in 0..<out.count where v[i] > out[i] { out[i] = v[i] }
            case .minimum: for i in 0..<out.count where v[i] < out[i] { out[i] = v[i] }
            }
        }
        if operation == .average {
            let scale = 1 / Float(inputs.count)
            for i in 0..<out.count { out[i] *= scale }
        }
        return y
    }

    /// dL/dx for each input. Maximum and Minimum send the gradient to the first input that holds
    /// the result, as TensorFlow's pairwise gradients do when Keras folds the inputs left to right.
    public static func gradients(_ operation: Operation, _ inputs: [Tensor], output: Tensor, gradOutput: Tensor) throws -> [Tensor] {
        let g = gradOutput.floats
        switch operation {
        case .add: return inputs.map { _ in gradOutput.copy() }
        case .subtract:
            return [gradOutput.copy(), try gradOutput.negated()]
        case .average:
            return inputs.map { _ in
                let d = gradOutput.copy()
                let out = d.floats, scale = 1 / Float(inputs.count)
                for i in 0..<out.count { out[i] *= scale }
                return d
            }
        case .multiply:
            return try inputs.indices.map { k in
                let d = try Tensor(zeros: gradOutput.shape)
                let out = d.floats
                for i in 0..<out.count {
                    var product = g[i]
                    for (j, x) in inputs.enumerated() where j != k { product *= x.floats[i] }
                    out[i] = product
                }
                return d
            }
        case .maximum, .minimum:
            let grads = try inputs.map { _ in try Tensor(zeros: gradOutput.shape) }
            let y = output.floats
            for i in 0..<g.count {
                if let k = inputs.firstIndex(where: { $0.floats[i] == y[i] }) { grads[k].floats[i] = g[i] }
            }
            return grads
        }
    }
}

/// What a merge layer's training forward pass keeps.
struct MergeMemo {
    let inputs: [Tensor]
    let output: Tensor
    /// The inputs' own shapes when they were broadcast to the output's (nil: never broadcast).
    var shapes: [Shape]? = nil
}

/// Repeating size-1 axes of same-rank tensors, and summing a gradient back over them.
enum Broadcast {
    /// The common shape: each axis's size, where the others have it or 1.
    static func shape(_ shapes: [[Int]]) throws -> [Int] {
        var out = shapes[0]
        for s in shapes.dropFirst() {
            guard s.count == out.count else {
                throw LayerError.value("Inputs have incompatible shapes. Received shapes \(formatShape(out)) and \(formatShape(s))")
            }
            for a in 0..<s.count where s[a] != out[a] {
                guard s[a] == 1 || out[a] == 1 else {
                    throw LayerError.value("Inputs have incompatible shapes. Received shapes \(formatShape(out)) and \(formatShape(s))")
                }
                out[a] = max(s[a], out[a])
            }
        }
        return out
    }

    /// For each index of `dims`, the index of the value it repeats in a tensor of `small` dims.
    static func sourceIndex(_ small: [Int], _ dims: [Int]) -> (Int) -> Int {
        var inner = [Int](repeating: 1, count: dims.count), smallStride = inner
        for d in stride(from: dims.count - 2, through: 0, by: -1) {
            inner[d] = inner[d + 1] * dims[d + 1]
            smallStride[d] = smallStride[d + 1] * small[d + 1]
        }
        return { i in (0..<dims.count).reduce(0) { $0 + (small[$1] == 1 ? 0 : (i / inner[$1]) % dims[$1] * smallStride[$1]) } }
    }

    /// `x` repeated along its size-1 axes to `dims` (itself when it already has them).
    static func expand(_ x: Tensor, to dims: [Int]) throws -> Tensor {
        let x = floatBatch(x)
        if x.shape.dims == dims { return x }
        let out = try Tensor(zeros: Shape(dims), what: "a broadcast merge input")
        let index = sourceIndex(x.shape.dims, dims)
        let v = x.floats, o = out.floats
        for i in 0..<o.count { o[i] = v[index(i)] }
        return out
    }

    /// `g` summed over the axes that were repeated to reach its shape from `dims`.
    static func reduce(_ g: Tensor, to dims: [Int]) throws -> Tensor {
        if g.shape.dims == dims { return g }
        let out = try Tensor(zeros: Shape(dims), what: "a broadcast merge gradient")
        let index = sourceIndex(dims, g.shape.dims)
        let v = g.floats, o = out.floats
        for i in 0..<v.count { o[index(i)] += v[i] }
        return out
    }
}

/// `keras.layers.Concatenate(axis=-1)`: joins the inputs along `axis`; the other axes must match.
public final class Concatenate: MergeLayer {
    public let core: LayerCore
    public let axis: Int

    public init(axis: Int = -1, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Concatenate", name: name, session: session)
        self.axis = axis
    }

    public func mergedShape(_ shapes: [[Int?]]) throws -> [Int?] {
        guard !shapes.isEmpty else {
            throw LayerError.value("A `Concatenate` layer should be called on a list of at least 1 input. Received: input_shape=[]")
        }
        try checkInputs(shapes, atLeast: 1)
        let rank = shapes[0].count
        let a = axis < 0 ? axis + rank : axis
        let mismatch = LayerError.value(
            "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. "
                + "Received: input_shape=\(shapeList(shapes))")
        guard a >= 1, a < rank else {
            throw LayerError.value("Concatenate's axis=\(axis) is out of range for inputs of shape \(formatShape(shapes[0])) "
                                   + "(the batch axis 0 cannot be joined).", argument: "axis")
        }
        var output = shapes[0]
        for shape in shapes.dropFirst() {
            guard shape.count == rank else { throw mismatch }
            for i in 1..<rank where i != a {
                if let x = output[i], let y = shape[i], x != y { throw mismatch }
                if output[i] == nil { output[i] = shape[i] }
            }
            output[a] = output[a].flatMap { x in shape[a].map { x + $0 } }
        }
        return output
    }

    private func resolvedAxis(_ rank: Int) -> Int { axis < 0 ? axis + rank : axis }

    public func forward(_ inputs: [Tensor], training: Bool) throws -> Tensor {
        let a = resolvedAxis(inputs[0].shape.rank)
        let y = try Tensor.concatenated(inputs, axis: a)
        if training { core.trainingState = ConcatenateMemo(sizes: inputs.map { $0.shape[a] }) }
        return y
    }

    public func backwardMerged(_ gradOutput: Tensor) throws -> [Tensor] {
        let memo = try keptState(ConcatenateMemo.self)
        var cuts: [Int] = []
        var offset = 0
        for size in memo.sizes.dropLast() { offset += size; cuts.append(offset) }
        return try gradOutput.split(at: cuts, axis: resolvedAxis(gradOutput.shape.rank))
    }
}

struct ConcatenateMemo {
    let sizes: [Int]
}
