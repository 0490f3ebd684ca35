import Tensor

/// `keras.layers.Rescaling(scale, offset=0.0)`: every value times `scale` plus `offset`, e.g.
/// `Rescaling(1./255)` turning 0-255 pixels into 0-1 inside the model. No parameters.
public final class Rescaling: Layer {
    public let core: LayerCore
    public let scale: Float
    public let offset: Float

    public init(scale: Double, offset: Double = 0, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Rescaling", name: name, inputShape: inputShape, session: session)
        self.scale = Float(scale)
        self.offset = Float(offset)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { inputShape }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let y = x.dtype == .float32 ? x.copy() : x.converted(to: .float32)
        let values = y.floats
        for i in 0..<values.count { values[i] = values[i] * scale + offset }
        return y
    }

    /// dL/dx = scale * dL/dy.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        core.gradients = []
        guard needInputGradient else { return nil }
        let dx = gradOutput.copy()
        let d = dx.floats
        for i in 0..<d.count { d[i] *= scale }
        return dx
    }
}
