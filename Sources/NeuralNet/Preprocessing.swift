import Tensor

/// `keras.layers.Rescaling(scale, offset=0.0)`: every value times `scale` plus `offset`, e.g.
/// `Rescaling(1./255)` turning 0-255 pixels into 0-1 inside the model. A list of scales gives
/// one per channel (the last axis), as EfficientNet's ImageNet stem uses. No parameters.
public final class Rescaling: Layer {
    public let core: LayerCore
    /// The scale, or the first of the per-channel scales.
    public var scale: Float { scales[0] }
    /// One scale for everything, or one per channel.
    public let scales: [Float]
    public let offset: Float

    public convenience init(scale: Double, offset: Double = 0, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        try self.init(scales: [scale], offset: offset, inputShape: inputShape, name: name, session: session)
    }

    public init(scales: [Double], offset: Double = 0, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Rescaling", name: name, inputShape: inputShape, session: session)
        guard !scales.isEmpty else { throw LayerError.value("`scale` must be a number or a non-empty list of numbers.", argument: "scale") }
        self.scales = scales.map { Float($0) }
        self.offset = Float(offset)
    }

    public var isPerChannel: Bool { scales.count > 1 }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        if isPerChannel, let c = inputShape.last ?? nil, c != scales.count {
            throw LayerError.value("Rescaling \"\(name)\" has \(scales.count) scales, one per channel, but its input has \(c) channels "
                                   + "(shape \(formatShape(inputShape))).", argument: "scale")
        }
        return inputShape
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        AffineOperation.affine(x, scales: scales, offsets: [offset])
    }

    /// dL/dx = scale * dL/dy.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        core.gradients = []
        return needInputGradient ? AffineOperation.affine(gradOutput, scales: scales, offsets: [0]) : nil
    }
}
