import Tensor

/// An arithmetic operation on a KerasTensor, which Keras 3 records as a graph node of its own:
/// `x / 127.5` is a `true_divide (TrueDivide)` row in the summary, `x - 1` a `subtract
/// (Subtract)`, `x + c` an `add (Add)`. Each is element-wise and affine, with one factor and
/// one term per channel (the last axis) or one for everything: y = x * scale + offset. No
/// parameters. `keras.applications.*.preprocess_input` on a KerasTensor builds them.
public final class AffineOperation: Layer {
    public let core: LayerCore
    public let scales: [Float]
    public let offsets: [Float]

    /// `className` is Keras's operation class (`TrueDivide`, `Subtract`, `Add`), which also
    /// gives the default name (`true_divide`, `true_divide_1`, ...).
    public init(className: String, scales: [Double] = [1], offsets: [Double] = [0], name: String? = nil, session: Session) throws {
        core = try LayerCore(className: className, name: name, session: session)
        guard !scales.isEmpty, !offsets.isEmpty else {
            throw LayerError.value("\(className) needs at least one factor and one term.")
        }
        self.scales = scales.map { Float($0) }
        self.offsets = offsets.map { Float($0) }
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        for n in [scales.count, offsets.count] where n > 1 {
            if let c = inputShape.last ?? nil, c != n {
                throw LayerError.value("\(className) \"\(name)\" works on \(n) channels, but its input has shape \(formatShape(inputShape)).")
            }
        }
        return inputShape
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        Self.affine(x, scales: scales, offsets: offsets)
    }

    /// dL/dx = scale * dL/dy.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        core.gradients = []
        return needInputGradient ? Self.affine(gradOutput, scales: scales, offsets: [0]) : nil
    }

    /// A new float32 tensor x * scale + offset, each of one value or one per channel (the last
    /// axis): the forward pass of these operations and of Rescaling, and (offset 0) their backward.
    static func affine(_ x: Tensor, scales: [Float], offsets: [Float]) -> Tensor {
        let y = x.dtype == .float32 ? x.copy() : floatBatch(x)
        let v = y.floats
        let ns = scales.count, no = offsets.count
        for i in 0..<v.count { v[i] = v[i] * scales[ns == 1 ? 0 : i % ns] + offsets[no == 1 ? 0 : i % no] }
        return y
    }
}
