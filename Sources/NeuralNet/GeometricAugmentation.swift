import Tensor

/// `keras.layers.RandomRotation(factor, fill_mode='reflect', interpolation='bilinear', seed=None,
/// fill_value=0.0)`: when training, each image is rotated about its centre by an angle drawn in
/// [lower * 2π, upper * 2π] (positive is counter-clockwise). A single number f stands for (-f, f).
public final class RandomRotation: AugmentationLayer {
    public let core: LayerCore
    public let lower: Double
    public let upper: Double
    public let fillMode: FillMode
    public let interpolation: ImageWarp.Interpolation
    public let fillValue: Double
    public let seed: Int?
    private let draws: AugmentationDraws

    public init(factor: AugmentationFactor, fillMode: String = "reflect", interpolation: String = "bilinear",
                seed: Int? = nil, fillValue: Double = 0, inputShape: [Int?]? = nil, name: String? = nil,
                session: Session) throws {
        core = try LayerCore(className: "RandomRotation", name: name, inputShape: inputShape, session: session)
        // Keras's BaseImagePreprocessingLayer._set_factor with bounds [-1, 1].
        let message = "The `factor` argument should be a number (or a list of two numbers) in the range [-1, 1]. "
            + "Received: factor=\(factor.text)"
        let v = factor.values
        if factor.isSequence {
            guard v.count == 2, v[0] <= 1, v[1] >= -1 else { throw LayerError.value(message, argument: "factor") }
            (lower, upper) = (min(v[0], v[1]), max(v[0], v[1]))
        } else {
            guard v.count == 1, v[0] >= -1, v[0] <= 1 else { throw LayerError.value(message, argument: "factor") }
            (lower, upper) = (-abs(v[0]), abs(v[0]))
        }
        (self.fillMode, self.interpolation) = try Self.parseWarpOptions(fillMode: fillMode, interpolation: interpolation)
        self.fillValue = fillValue
        self.seed = seed
        draws = AugmentationDraws(seed: seed, session: session)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { try augmentationOutputShape(inputShape) }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        guard try startPass(x, training: training) else { return x }
        let (h, w) = (x.shape[1], x.shape[2])
        return try warpBatch(x, fill: fillMode, interpolation: interpolation, fillValue: Float(fillValue)) { _ in
            ImageWarp.rotation(draws.uniform(lower * 2 * Double.pi, upper * 2 * Double.pi), height: h, width: w)
        }
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        try warpBackward(gradOutput, needInputGradient: needInputGradient, fill: fillMode, interpolation: interpolation)
    }
}

/// Keras's RandomZoom and RandomTranslation factor check: a number, or two numbers, each in
/// [-1, 1]; a single number f stands for (-f, f).
private func signedRange(_ factor: AugmentationFactor, argument: String, messageStart: String) throws -> (Double, Double) {
    let v = factor.values
    func check(_ x: Double) throws {
        guard x >= -1, x <= 1 else {
            throw LayerError.value(messageStart + "Received: input_number=\(x)", argument: argument)
        }
    }
    if factor.isSequence {
        guard v.count == 2 else { throw LayerError.value(messageStart + "Received: \(argument)=\(factor.text)", argument: argument) }
        try check(v[0]); try check(v[1])
        return (min(v[0], v[1]), max(v[0], v[1]))
    }
    guard v.count == 1 else { throw LayerError.value(messageStart + "Received: \(argument)=\(factor.text)", argument: argument) }
    try check(v[0])
    return (-abs(v[0]), abs(v[0]))
}

/// `keras.layers.RandomZoom(height_factor, width_factor=None, fill_mode='reflect',
/// interpolation='bilinear', seed=None, fill_value=0.0)`: when training, each image is zoomed about
/// its centre by 1 + a draw in the height range (positive zooms out, negative zooms in) and, with
/// width_factor, 1 + a draw in the width range; without it the aspect ratio is kept.
public final class RandomZoom: AugmentationLayer {
    public let core: LayerCore
    public let heightRange: (Double, Double)
    public let widthRange: (Double, Double)?
    public let fillMode: FillMode
    public let interpolation: ImageWarp.Interpolation
    public let fillValue: Double
    public let seed: Int?
    private let draws: AugmentationDraws

    public init(heightFactor: AugmentationFactor, widthFactor: AugmentationFactor? = nil, fillMode: String = "reflect",
                interpolation: String = "bilinear", seed: Int? = nil, fillValue: Double = 0,
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "RandomZoom", name: name, inputShape: inputShape, session: session)
        let start = "The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) "
            + "in the range [-1.0, 1.0]. "
        heightRange = try signedRange(heightFactor, argument: "height_factor", messageStart: start)
        widthRange = try widthFactor.map { try signedRange($0, argument: "width_factor", messageStart: start) }
        (self.fillMode, self.interpolation) = try Self.parseWarpOptions(fillMode: fillMode, interpolation: interpolation)
        self.fillValue = fillValue
        self.seed = seed
        draws = AugmentationDraws(seed: seed, session: session)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { try augmentationOutputShape(inputShape) }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        guard try startPass(x, training: training) else { return x }
        let (h, w) = (x.shape[1], x.shape[2])
        return try warpBatch(x, fill: fillMode, interpolation: interpolation, fillValue: Float(fillValue)) { _ in
            let zy = 1 + draws.uniform(heightRange.0, heightRange.1)
            let zx = widthRange.map { 1 + draws.uniform($0.0, $0.1) } ?? zy
            return ImageWarp.zoom(height: zy, width: zx, height: h, width: w)
        }
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        try warpBackward(gradOutput, needInputGradient: needInputGradient, fill: fillMode, interpolation: interpolation)
    }
}

/// `keras.layers.RandomTranslation(height_factor, width_factor, fill_mode='reflect',
/// interpolation='bilinear', seed=None, fill_value=0.0)`: when training, each image is shifted by
/// a draw in the height range times its height (positive: down) and a draw in the width range
/// times its width (positive: right).
public final class RandomTranslation: AugmentationLayer {
    public let core: LayerCore
    public let heightRange: (Double, Double)
    public let widthRange: (Double, Double)
    public let fillMode: FillMode
    public let interpolation: ImageWarp.Interpolation
    public let fillValue: Double
    public let seed: Int?
    private let draws: AugmentationDraws

    public init(heightFactor: AugmentationFactor, widthFactor: AugmentationFactor, fillMode: String = "reflect",
                interpolation: String = "bilinear", seed: Int? = nil, fillValue: Double = 0,
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "RandomTranslation", name: name, inputShape: inputShape, session: session)
        let start = "The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. "
        heightRange = try signedRange(heightFactor, argument: "height_factor", messageStart: start)
        widthRange = try signedRange(widthFactor, argument: "width_factor", messageStart: start)
        (self.fillMode, self.interpolation) = try Self.parseWarpOptions(fillMode: fillMode, interpolation: interpolation)
        self.fillValue = fillValue
        self.seed = seed
        draws = AugmentationDraws(seed: seed, session: session)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { try augmentationOutputShape(inputShape) }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        guard try startPass(x, training: training) else { return x }
        let (h, w) = (x.shape[1], x.shape[2])
        return try warpBatch(x, fill: fillMode, interpolation: interpolation, fillValue: Float(fillValue)) { _ in
            let dy = draws.uniform(heightRange.0, heightRange.1) * Double(h)
            let dx = draws.uniform(widthRange.0, widthRange.1) * Double(w)
            return ImageWarp.translation(dx: dx, dy: dy)
        }
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        try warpBackward(gradOutput, needInputGradient: needInputGradient, fill: fillMode, interpolation: interpolation)
    }
}
