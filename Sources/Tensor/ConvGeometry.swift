/// How a window (convolution kernel or pooling window) is placed over the input.
public enum Padding: String, Sendable {
    /// No padding: windows lie entirely inside the input.
    case valid
    /// Zero padding so that the output is ceil(n / stride) long, split as TensorFlow does.
    case same
}

/// Output spatial size as Keras computes it:
/// valid: floor((n - k) / s) + 1 (0 or less means the window does not fit: invalid),
/// same: ceil(n / s).
public func convOutputSize(_ n: Int, kernel: Int, stride: Int, padding: Padding) -> Int {
    precondition(stride > 0, "stride must be positive")
    switch padding {
    case .valid:
        let d = n - kernel
        let floorDiv = d >= 0 ? d / stride : -((-d + stride - 1) / stride)
        return floorDiv + 1
    case .same:
        return n <= 0 ? 0 : (n + stride - 1) / stride
    }
}

/// The geometry of a 2-D sliding window over an [N, H, W, C] input: sizes, strides, output size
/// and TensorFlow's padding (total = max((out - 1) * s + k - n, 0); top/left get total / 2, the
/// bottom/right the rest). Shared by convolution, pooling, im2col/col2im and backward passes.
public struct WindowGeometry: Sendable, Hashable {
    public let inHeight: Int, inWidth: Int
    public let kernelHeight: Int, kernelWidth: Int
    public let strideHeight: Int, strideWidth: Int
    public let outHeight: Int, outWidth: Int
    public let padTop: Int, padLeft: Int, padBottom: Int, padRight: Int

    /// Throws TensorError when a size or stride is not positive or the window does not fit.
    public init(inHeight: Int, inWidth: Int, kernel: (Int, Int), strides: (Int, Int),
                padding: Padding, op: String = "window") throws {
        guard inHeight > 0, inWidth > 0 else {
            throw TensorError("\(op): input spatial size (\(inHeight), \(inWidth)) must be positive")
        }
        guard kernel.0 > 0, kernel.1 > 0 else {
            throw TensorError("\(op): window size (\(kernel.0), \(kernel.1)) must be positive")
        }
        guard strides.0 > 0, strides.1 > 0 else {
            throw TensorError("\(op): strides (\(strides.0), \(strides.1)) must be positive")
        }
        let oh = convOutputSize(inHeight, kernel: kernel.0, stride: strides.0, padding: padding)
        let ow = convOutputSize(inWidth, kernel: kernel.1, stride: strides.1, padding: padding)
        guard oh > 0, ow > 0 else {
            throw TensorError("\(op): a (\(kernel.0), \(kernel.1)) window with strides (\(strides.0), \(strides.1)) "
                + "and padding '\(padding.rawValue)' does not fit an input of size (\(inHeight), \(inWidth)): "
                + "the output size would be (\(oh), \(ow))")
        }
        self.inHeight = inHeight; self.inWidth = inWidth
        kernelHeight = kernel.0; kernelWidth = kernel.1
        strideHeight = strides.0; strideWidth = strides.1
        outHeight = oh; outWidth = ow
        if padding == .same {
            let th = max((oh - 1) * strides.0 + kernel.0 - inHeight, 0)
            let tw = max((ow - 1) * strides.1 + kernel.1 - inWidth, 0)
            padTop = th / 2; padBottom = th - th / 2
            padLeft = tw / 2; padRight = tw - tw / 2
        } else {
            padTop = 0; padBottom = 0; padLeft = 0; padRight = 0
        }
    }
}
