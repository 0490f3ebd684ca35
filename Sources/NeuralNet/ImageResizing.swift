import Tensor

/// Resizing images as `tf.image.resize` does without antialiasing (the rule DataIO's
/// TensorImageResize uses for the datasets): half-pixel centres; bilinear as TF's ResizeBilinear
/// (source position (i + 0.5) * scale - 0.5, neighbours clamped at the edges), nearest as
/// ResizeNearestNeighbor (source floor((i + 0.5) * scale)). The preprocessing layers Resizing and
/// CenterCrop, and UpSampling2D, use it; its backward pass sends each output's gradient to the
/// input pixels it was made from, by the same weights.

/// The interpolations Keras names; Fovea does bilinear and nearest.
public typealias ResizeMethod = ResizeRule.Method

extension ResizeRule.Method {
    static let kerasNames = ["bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area"]

    static func parse(_ value: String, argument: String = "interpolation") throws -> ResizeMethod {
        if let m = ResizeMethod(rawValue: value) { return m }
        guard kerasNames.contains(value) else {
            throw LayerError.value(
                "Invalid value for argument `interpolation`. Expected of one "
                    + pythonTuple(kerasNames.map { "'\($0)'" }) + ". Received: interpolation=\(value)",
                argument: argument, hint: didYouMean(value, kerasNames))
        }
        throw LayerError(.notImplementedError,
                         "interpolation='\(value)' is not implemented in Fovea: use 'bilinear' or 'nearest'.",
                         argument: argument)
    }
}

/// One resize of NHWC batches: a centred window of an `inputHeight` x `inputWidth` image (the
/// whole image, `window`, or the largest of the target's aspect ratio) to `height` x `width`.
struct ImageResampler {
    let method: ResizeMethod
    let inputHeight: Int, inputWidth: Int
    let top: Int, left: Int
    let height: Int, width: Int
    /// Per output row (column): the two source rows (columns) inside the window and the fraction
    /// between them; nearest uses the first with fraction 0.
    let rows: [(Int, Int, Float)]
    let cols: [(Int, Int, Float)]

    init(method: ResizeMethod, inputHeight: Int, inputWidth: Int, height: Int, width: Int,
         cropToAspectRatio: Bool = false, window: (Int, Int)? = nil) {
        self.method = method
        self.inputHeight = inputHeight; self.inputWidth = inputWidth
        self.height = height; self.width = width
        var (cropH, cropW) = window ?? (inputHeight, inputWidth)
        var (top, left) = (Int(Float(inputHeight - cropH) / 2), Int(Float(inputWidth - cropW) / 2))
        if cropToAspectRatio {
            (top, left, cropH, cropW) = ResizeRule.aspectWindow(height: inputHeight, width: inputWidth,
                                                               targetHeight: height, targetWidth: width)
        }
        self.top = top; self.left = left
        rows = ResizeRule.sources(height, cropH, method)
        cols = ResizeRule.sources(width, cropW, method)
    }

    func forward(_ x: Tensor, what: String) throws -> Tensor {
        let (n, c) = (x.shape[0], x.shape[3])
        let y = try Tensor(zeros: [n, height, width, c], what: what)
        x.withFloats { src in
            let dst = y.floats
            for b in 0..<n {
                let image = b * inputHeight * inputWidth * c
                for oy in 0..<height {
                    let (y0, y1, fy) = rows[oy]
                    let r0 = image + (top + y0) * inputWidth * c, r1 = image + (top + y1) * inputWidth * c
                    for ox in 0..<width {
                        let (x0, x1, fx) = cols[ox]
                        let c0 = (left + x0) * c, c1 = (left + x1) * c
                        let d = ((b * height + oy) * width + ox) * c
                        for k in 0..<c {
                            let tl = src[r0 + c0 + k], tr = src[r0 + c1 + k]
                            let bl = src[r1 + c0 + k], br = src[r1 + c1 + k]
                            let upper = tl + (tr - tl) * fx, lower = bl + (br - bl) * fx
                            dst[d + k] = upper + (lower - upper) * fy
                        }
                    }
                }
            }
        }
        return y
    }

    /// dL/dx: each output's gradient added to its four sources with weights (1 - fy)(1 - fx),
    /// (1 - fy) fx, fy (1 - fx) and fy fx; zero outside the window.
    func backward(_ dy: Tensor, inputShape: Shape, what: String) throws -> Tensor {
        let (n, c) = (inputShape[0], inputShape[3])
        let dx = try Tensor(zeros: inputShape, what: what)
        dy.withFloats { g in
            let d = dx.floats
            for b in 0..<n {
                let image = b * inputHeight * inputWidth * c
                for oy in 0..<height {
                    let (y0, y1, fy) = rows[oy]
                    let r0 = image + (top + y0) * inputWidth * c, r1 = image + (top + y1) * inputWidth * c
                    for ox in 0..<width {
                        let (x0, x1, fx) = cols[ox]
                        let c0 = (left + x0) * c, c1 = (left + x1) * c
                        let s = ((b * height + oy) * width + ox) * c
                        for k in 0..<c {
                            let v = g[s + k]
                            d[r0 + c0 + k] += v * (1 - fy) * (1 - fx)
                            d[r0 + c1 + k] += v * (1 - fy) * fx
                            d[r1 + c0 + k] += v * fy * (1 - fx)
                            d[r1 + c1 + k] += v * fy * fx
                        }
                    }
                }
            }
        }
        return dx
    }
}

/// Checks a preprocessing layer's `height` and `width`.
private func checkSize(_ height: Int, _ width: Int) throws {
    for (value, argument) in [(height, "height"), (width, "width")] where value <= 0 {
        throw LayerError.value(
            "The `\(argument)` argument must be a positive integer. Received: \(argument)=\(value)",
            argument: argument)
    }
}

/// `keras.layers.Resizing(height, width, interpolation='bilinear', crop_to_aspect_ratio=False,
/// name=None)`: every image resized to `height` x `width` (after cropping its centre to that
/// aspect ratio when asked). No parameters.
public final class Resizing: Layer {
    public let core: LayerCore
    public let height: Int, width: Int
    public let interpolation: ResizeMethod
    public let cropToAspectRatio: Bool

    public init(height: Int, width: Int, interpolation: String = "bilinear", cropToAspectRatio: Bool = false,
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Resizing", name: name, inputShape: inputShape, session: session)
        try checkSize(height, width)
        self.height = height; self.width = width
        self.interpolation = try ResizeMethod.parse(interpolation)
        self.cropToAspectRatio = cropToAspectRatio
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let (_, _, c) = try imageInput(inputShape, of: self)
        return [inputShape[0], height, width, c]
    }

    private func resampler(_ dims: [Int]) -> ImageResampler {
        ImageResampler(method: interpolation, inputHeight: dims[1], inputWidth: dims[2], height: height, width: width,
                       cropToAspectRatio: cropToAspectRatio)
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let x = floatBatch(x)
        if training { core.trainingState = x.shape }
        return try resampler(x.shape.dims).forward(x, what: "the output of \(name)")
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let shape = try keptState(Shape.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        return try resampler(shape.dims).backward(gradOutput, inputShape: shape, what: "the input gradient of \(name)")
    }
}

/// `keras.layers.CenterCrop(height, width, name=None)`: the centre `height` x `width` of every
/// image; an image smaller than that is resized as Keras's `smart_resize` does (its centre
/// cropped to the aspect ratio, then bilinear). No parameters.
public final class CenterCrop: Layer {
    public let core: LayerCore
    public let height: Int, width: Int

    public init(height: Int, width: Int, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "CenterCrop", name: name, inputShape: inputShape, session: session)
        try checkSize(height, width)
        self.height = height; self.width = width
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let (_, _, c) = try imageInput(inputShape, of: self)
        return [inputShape[0], height, width, c]
    }

    /// A plain crop when the image is at least as large both ways (a nearest "resize" of the
    /// window, which copies it), otherwise smart_resize.
    private func resampler(_ dims: [Int]) -> ImageResampler {
        let (h, w) = (dims[1], dims[2])
        guard h >= height, w >= width else {
            return ImageResampler(method: .bilinear, inputHeight: h, inputWidth: w, height: height, width: width,
                                  cropToAspectRatio: true)
        }
        return ImageResampler(method: .nearest, inputHeight: h, inputWidth: w, height: height, width: width,
                              cropToAspectRatio: false, window: (height, width))
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let x = floatBatch(x)
        if training { core.trainingState = x.shape }
        return try resampler(x.shape.dims).forward(x, what: "the output of \(name)")
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let shape = try keptState(Shape.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        return try resampler(shape.dims).backward(gradOutput, inputShape: shape, what: "the input gradient of \(name)")
    }
}
