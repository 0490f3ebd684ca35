import Tensor

/// Layers that change an image's height and width without weights: ZeroPadding2D adds rows and
/// columns of zeros, Cropping2D removes them, UpSampling2D repeats (or interpolates) pixels.

/// Keras's `padding` / `cropping` argument: an int (the same on all four sides), a tuple of two
/// ints `(symmetric_height, symmetric_width)`, or a tuple of two pairs
/// `((top, bottom), (left, right))`. A binding passes an int as `.int`, a tuple or list as
/// `.items` (each an int or a tuple of ints), and anything else as `.other` with its repr.
public enum PairsArgument: Sendable, CustomStringConvertible {
    case int(Int)
    case items([IntOrTuple])
    case other(String)

    /// As Python prints it: `1`, `(1, 2)`, `((1, 2), (3, 4))`.
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .items(let items): return pythonTuple(items.map(\.description))
        case .other(let repr): return repr
        }
    }

    /// `((top, bottom), (left, right))` as Keras's ZeroPadding2D and Cropping2D work it out (the
    /// error that lists the accepted forms says `crop` for both, as Keras's does).
    func pairs(_ argument: String) throws -> ((Int, Int), (Int, Int)) {
        switch self {
        case .int(let i):
            guard i >= 0 else {
                throw LayerError.value("`\(argument)` cannot be negative. Received: \(argument)=\(i).", argument: argument)
            }
            return ((i, i), (i, i))
        case .items(let items):
            guard items.count == 2 else {
                throw LayerError.value("`\(argument)` should have two elements. Received: \(argument)=\(self).",
                                       argument: argument)
            }
            do {
                return (try items[0].pair("1st entry of \(argument)", allowZero: true),
                        try items[1].pair("2nd entry of \(argument)", allowZero: true))
            } catch var error as LayerError {
                error.argument = argument
                throw error
            }
        case .other:
            throw LayerError.value(
                "`\(argument)` should be either an int, a tuple of 2 ints (symmetric_height_crop, "
                    + "symmetric_width_crop), or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), "
                    + "(left_crop, right_crop)). Received: \(argument)=\(self).",
                argument: argument)
        }
    }
}

/// `((1, 2), (3, 4))`.
func formatPairs(_ p: ((Int, Int), (Int, Int))) -> String {
    "((\(p.0.0), \(p.0.1)), (\(p.1.0), \(p.1.1)))"
}

/// A batch `[n, h, w, c]` of zeros of `height` x `width`, into which the `rows` x `cols` window of
/// `source` at (`sourceTop`, `sourceLeft`) is copied at (`top`, `left`).
func copyWindow(_ source: Tensor, height: Int, width: Int, sourceTop: Int, sourceLeft: Int, top: Int, left: Int,
                rows: Int, cols: Int, what: String) throws -> Tensor {
    let d = source.shape.dims
    let (n, h, w, c) = (d[0], d[1], d[2], d[3])
    let out = try Tensor(zeros: [n, height, width, c], what: what)
    source.withFloats { src in
        let dst = out.floats
        for b in 0..<n {
            for y in 0..<rows {
                let s = ((b * h + sourceTop + y) * w + sourceLeft) * c
                let t = ((b * height + top + y) * width + left) * c
                for k in 0..<(cols * c) { dst[t + k] = src[s + k] }
            }
        }
    }
    return out
}

/// `keras.layers.ZeroPadding2D(padding=(1, 1), name=None)`: rows and columns of zeros around
/// each image: `(None, 28, 28, 1)` with padding 2 -> `(None, 32, 32, 1)`.
public final class ZeroPadding2D: Layer {
    public let core: LayerCore
    /// ((top, bottom), (left, right)).
    public let padding: ((Int, Int), (Int, Int))

    public init(padding: PairsArgument = .items([1, 1]), inputShape: [Int?]? = nil, name: String? = nil,
                session: Session) throws {
        core = try LayerCore(className: "ZeroPadding2D", name: name, inputShape: inputShape, session: session)
        self.padding = try padding.pairs("padding")
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let (h, w, c) = try imageInput(inputShape, of: self)
        return [inputShape[0], h.map { $0 + padding.0.0 + padding.0.1 }, w.map { $0 + padding.1.0 + padding.1.1 }, c]
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let x = floatBatch(x)
        let (h, w) = (x.shape[1], x.shape[2])
        if training { core.trainingState = x.shape }
        return try copyWindow(x, height: h + padding.0.0 + padding.0.1, width: w + padding.1.0 + padding.1.1,
                              sourceTop: 0, sourceLeft: 0, top: padding.0.0, left: padding.1.0, rows: h, cols: w,
                              what: "the output of \(name)")
    }

    /// The gradient of the padded image, cropped back to the input.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let shape = try keptState(Shape.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        return try copyWindow(gradOutput, height: shape[1], width: shape[2], sourceTop: padding.0.0,
                              sourceLeft: padding.1.0, top: 0, left: 0, rows: shape[1], cols: shape[2],
                              what: "the input gradient of \(name)")
    }
}

/// `keras.layers.Cropping2D(cropping=((0, 0), (0, 0)), name=None)`: rows and columns removed
/// from each side of each image.
public final class Cropping2D: Layer {
    public let core: LayerCore
    /// ((top, bottom), (left, right)).
    public let cropping: ((Int, Int), (Int, Int))

    public init(cropping: PairsArgument = .items([[0, 0], [0, 0]]), inputShape: [Int?]? = nil, name: String? = nil,
                session: Session) throws {
        core = try LayerCore(className: "Cropping2D", name: name, inputShape: inputShape, session: session)
        self.cropping = try cropping.pairs("cropping")
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let (h, w, c) = try imageInput(inputShape, of: self)
        let (vertical, horizontal) = (cropping.0.0 + cropping.0.1, cropping.1.0 + cropping.1.1)
        if (h.map { vertical >= $0 } ?? false) || (w.map { horizontal >= $0 } ?? false) {
            throw LayerError.value(
                "Values in `cropping` argument should be smaller than the corresponding spatial dimension of the "
                    + "input. Received: input_shape=\(formatShape(inputShape)), cropping=\(formatPairs(cropping))",
                argument: "cropping")
        }
        return [inputShape[0], h.map { $0 - vertical }, w.map { $0 - horizontal }, c]
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let x = floatBatch(x)
        _ = try computeOutputShape([nil, x.shape[1], x.shape[2], x.shape[3]])
        let (h, w) = (x.shape[1] - cropping.0.0 - cropping.0.1, x.shape[2] - cropping.1.0 - cropping.1.1)
        if training { core.trainingState = x.shape }
        return try copyWindow(x, height: h, width: w, sourceTop: cropping.0.0, sourceLeft: cropping.1.0,
                              top: 0, left: 0, rows: h, cols: w, what: "the output of \(name)")
    }

    /// The gradient placed back in the input, zero on the cropped border.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let shape = try keptState(Shape.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        return try copyWindow(gradOutput, height: shape[1], width: shape[2], sourceTop: 0, sourceLeft: 0,
                              top: cropping.0.0, left: cropping.1.0, rows: gradOutput.shape[1],
                              cols: gradOutput.shape[2], what: "the input gradient of \(name)")
    }
}

/// `keras.layers.UpSampling2D(size=(2, 2), interpolation='nearest', name=None)`: each image
/// `size` times taller and wider, by repeating pixels ('nearest') or, with 'bilinear', as
/// `tf.image.resize` to that size.
public final class UpSampling2D: Layer {
    public let core: LayerCore
    public let size: (Int, Int)
    public let interpolation: ResizeMethod

    public init(size: IntOrTuple = [2, 2], interpolation: String = "nearest", inputShape: [Int?]? = nil,
                name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "UpSampling2D", name: name, inputShape: inputShape, session: session)
        self.size = try size.pair("size")
        self.interpolation = try ResizeMethod.parse(interpolation.lowercased())
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let (h, w, c) = try imageInput(inputShape, of: self)
        return [inputShape[0], h.map { $0 * size.0 }, w.map { $0 * size.1 }, c]
    }

    private func resampler(_ dims: [Int]) -> ImageResampler {
        ImageResampler(method: interpolation, inputHeight: dims[1], inputWidth: dims[2],
                       height: dims[1] * size.0, width: dims[2] * size.1)
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let x = floatBatch(x)
        if training { core.trainingState = x.shape }
        return try resampler(x.shape.dims).forward(x, what: "the output of \(name)")
    }

    /// Each output pixel's gradient back to the input pixels it was made from, by their weights.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let shape = try keptState(Shape.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        return try resampler(shape.dims).backward(gradOutput, inputShape: shape, what: "the input gradient of \(name)")
    }
}
