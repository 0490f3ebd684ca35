import Tensor

/// What Keras's image augmentation layers (`RandomFlip`, `RandomRotation`, `RandomZoom`,
/// `RandomTranslation`, `RandomContrast`) share:
///
/// - they change the batch only when training (inside `fit`, or called with `training=True`); at
///   inference (`predict`, `evaluate`, `model(x)`) they return their input unchanged;
/// - no weights (the summary shows 0 parameters) and the output shape is the input shape;
/// - their random draws come from a generator of their own when given `seed`, otherwise from the
///   session's, so that `keras.utils.set_random_seed` makes a run reproducible;
/// - backward: each passes the gradient back through the adjoint of the transform it drew (the
///   same flips, warps and contrasts). They normally come first in a model, where nothing asks for
///   it (`Sequential` wants an input gradient only when a layer before has trainable weights).

/// A factor argument as Keras takes it: one number, or a tuple/list of two numbers (lower, upper).
/// `text` is how the argument is written back in an error message (Python's repr).
public struct AugmentationFactor: Sendable {
    /// The number, or the items of the tuple or list (any count: validation is the layer's).
    public var values: [Double]
    public var isSequence: Bool
    public var text: String

    public init(values: [Double], isSequence: Bool, text: String) {
        self.values = values; self.isSequence = isSequence; self.text = text
    }

    /// `factor=0.1`.
    public init(_ value: Double) { self.init(values: [value], isSequence: false, text: "\(value)") }

    /// `factor=(lower, upper)`.
    public init(_ lower: Double, _ upper: Double) {
        self.init(values: [lower, upper], isSequence: true, text: "(\(lower), \(upper))")
    }
}

/// Where an augmentation layer's random numbers come from: its own generator when it has a seed,
/// else the session's, read at each draw (so `set_random_seed` after building still counts).
final class AugmentationDraws {
    private var own: SeededGenerator?
    private let session: Session

    init(seed: Int?, session: Session) {
        own = seed.map { SeededGenerator(seed: UInt64(bitPattern: Int64($0))) }
        self.session = session
    }

    /// Uniform in [low, high), exactly `low` when high <= low (a fixed range such as (0.25, 0.25)).
    func uniform(_ low: Double, _ high: Double) -> Double {
        let bits = own != nil ? own!.next() : session.generator.next()
        guard high > low else { return low }
        return low + (high - low) * Double(bits >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }
}

/// The image shape check and the refused input gradient, for every augmentation layer.
public protocol AugmentationLayer: Layer {}

extension AugmentationLayer {
    /// `(None, height, width, channels)` in, the same shape out. Rank 3 is either one image
    /// without its batch axis or a grayscale batch without its channel axis: the hint names both.
    func augmentationOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        do {
            _ = try imageInput(inputShape, of: self)
        } catch var error as LayerError where inputShape.count == 3 {
            error.hint = "\(className) takes a batch of images (batch, height, width, channels): give one image its "
                + "batch axis with image[None], and grayscale images their channel axis with x[..., None]."
            throw error
        }
        return inputShape
    }

    /// Called at the start of every forward pass: whether to augment (training, on a batch of images).
    func startPass(_ x: Tensor, training: Bool) throws -> Bool {
        guard training else { return false }
        guard x.shape.rank == 4 else {
            _ = try augmentationOutputShape([nil] + x.shape.dims.dropFirst().map { $0 })
            return false
        }
        return true
    }

    /// Nothing to learn; dL/dx through `adjoint` of what the training pass kept, when asked for.
    func augmentationBackward<Pass>(_ gradOutput: Tensor, needInputGradient: Bool, _ pass: Pass.Type,
                                    adjoint: (Pass) throws -> Tensor) throws -> Tensor? {
        let kept = try keptState(Pass.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        return try adjoint(kept)
    }

    /// The float32 batch an augmentation works on: a copy, so the caller's data stays as it was.
    func floatCopy(_ x: Tensor) -> Tensor {
        x.dtype == .float32 ? x.copy() : x.converted(to: .float32)
    }
}

/// `keras.layers.RandomFlip(mode='horizontal_and_vertical', seed=None)`: when training, each image
/// is flipped with probability 1/2: left-right for 'horizontal', top-bottom for 'vertical', and
/// both at once (one draw per image, as Keras 3 does) for 'horizontal_and_vertical'.
public final class RandomFlip: AugmentationLayer {
    public static let modes = ["horizontal", "vertical", "horizontal_and_vertical"]
    public let core: LayerCore
    public let mode: String
    public let seed: Int?
    private let draws: AugmentationDraws

    public init(mode: String = "horizontal_and_vertical", seed: Int? = nil, inputShape: [Int?]? = nil,
                name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "RandomFlip", name: name, inputShape: inputShape, session: session)
        guard RandomFlip.modes.contains(mode) else {
            throw LayerError.value("RandomFlip layer \(core.name) received an unknown mode argument \(mode)",
                                   argument: "mode")
        }
        self.mode = mode
        self.seed = seed
        draws = AugmentationDraws(seed: seed, session: session)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { try augmentationOutputShape(inputShape) }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        guard try startPass(x, training: training) else { return x }
        let n = x.shape[0]
        let source = x.dtype == .float32 ? x : x.converted(to: .float32)
        let y = try Tensor(zeros: source.shape, what: "the output of \(name)")
        let flips = (0..<n).map { _ in draws.uniform(0, 1) <= 0.5 }
        flip(source, into: y, flips)
        core.trainingState = flips
        return y
    }

    /// Image b of `x` flipped into `y` when flips[b]. A flip is its own adjoint.
    private func flip(_ x: Tensor, into y: Tensor, _ flips: [Bool]) {
        let d = x.shape.dims
        let (n, h, w, c) = (d[0], d[1], d[2], d[3])
        let horizontal = mode != "vertical", vertical = mode != "horizontal"
        let src = x.floats, dst = y.floats
        for b in 0..<n {
            let flip = flips[b]
            let base = b * h * w * c
            for i in 0..<h {
                let si = flip && vertical ? h - 1 - i : i
                for j in 0..<w {
                    let sj = flip && horizontal ? w - 1 - j : j
                    let from = base + (si * w + sj) * c, to = base + (i * w + j) * c
                    for k in 0..<c { dst[to + k] = src[from + k] }
                }
            }
        }
    }

    /// The gradient flipped as the images were.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        try augmentationBackward(gradOutput, needInputGradient: needInputGradient, [Bool].self) { flips in
            let dx = try Tensor(zeros: gradOutput.shape, what: "the input gradient of \(name)")
            flip(gradOutput, into: dx, flips)
            return dx
        }
    }
}

/// `keras.layers.RandomContrast(factor, value_range=(0, 255), seed=None)`: when training, each
/// image draws a contrast c in [1 - lower, 1 + upper] and every channel becomes
/// `(x - mean) * c + mean` (the mean of that channel over the image), clipped to `value_range`.
/// A single number f stands for lower = upper = f, as Keras's documentation says (range [1 - f, 1 + f]).
public final class RandomContrast: AugmentationLayer {
    public let core: LayerCore
    public let lower: Double
    public let upper: Double
    public let valueRange: (Double, Double)
    public let seed: Int?
    private let draws: AugmentationDraws

    public init(factor: AugmentationFactor, valueRange: (Double, Double) = (0, 255), seed: Int? = nil,
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "RandomContrast", name: name, inputShape: inputShape, session: session)
        let message = "The `factor` argument should be a number (or a list of two numbers) in the range [0, 1]. "
            + "Received: factor=\(factor.text)"
        let v = factor.values
        if factor.isSequence {
            guard v.count == 2, v[0] <= 1, v[1] >= 0 else { throw LayerError.value(message, argument: "factor") }
            (lower, upper) = (min(v[0], v[1]), max(v[0], v[1]))
        } else {
            guard v.count == 1, v[0] >= 0, v[0] <= 1 else { throw LayerError.value(message, argument: "factor") }
            (lower, upper) = (v[0], v[0])
        }
        self.valueRange = valueRange
        self.seed = seed
        draws = AugmentationDraws(seed: seed, session: session)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { try augmentationOutputShape(inputShape) }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        guard try startPass(x, training: training) else { return x }
        let d = x.shape.dims
        let (n, pixels, c) = (d[0], d[1] * d[2], d[3])
        let y = floatCopy(x)
        let v = y.floats
        let (lo, hi) = (Float(valueRange.0), Float(valueRange.1))
        var means = [Double](repeating: 0, count: c)
        var contrasts: [Float] = []
        var clipped = [Bool](repeating: false, count: v.count)
        for b in 0..<n {
            let contrast = Float(draws.uniform(1 - lower, 1 + upper))
            contrasts.append(contrast)
            let base = b * pixels * c
            for k in 0..<c { means[k] = 0 }
            for p in 0..<pixels {
                for k in 0..<c { means[k] += Double(v[base + p * c + k]) }
            }
            for p in 0..<pixels {
                for k in 0..<c {
                    let mean = Float(means[k] / Double(max(pixels, 1)))
                    let i = base + p * c + k
                    let z = (v[i] - mean) * contrast + mean
                    if z < lo || z > hi { clipped[i] = true }
                    v[i] = min(max(z, lo), hi)
                }
            }
        }
        core.trainingState = Pass(contrasts: contrasts, clipped: clipped)
        return y
    }

    /// The contrasts drawn, and which values value_range clipped.
    private struct Pass {
        let contrasts: [Float]
        let clipped: [Bool]
    }

    /// y = c * x + (1 - c) * mean(x) per channel, so dL/dx = c * g + (1 - c) * mean(g), with g zero
    /// where the output was clipped.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        try augmentationBackward(gradOutput, needInputGradient: needInputGradient, Pass.self) { pass in
            let d = gradOutput.shape.dims
            let (n, pixels, c) = (d[0], d[1] * d[2], d[3])
            let dx = gradOutput.copy()
            let g = dx.floats
            for i in 0..<g.count where pass.clipped[i] { g[i] = 0 }
            var means = [Double](repeating: 0, count: c)
            for b in 0..<n {
                let contrast = pass.contrasts[b], base = b * pixels * c
                for k in 0..<c { means[k] = 0 }
                for p in 0..<pixels { for k in 0..<c { means[k] += Double(g[base + p * c + k]) } }
                for p in 0..<pixels {
                    for k in 0..<c {
                        let i = base + p * c + k
                        g[i] = contrast * g[i] + (1 - contrast) * Float(means[k] / Double(max(pixels, 1)))
                    }
                }
            }
            return dx
        }
    }
}
