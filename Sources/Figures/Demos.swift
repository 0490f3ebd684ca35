import NeuralNet
/// `show_pooling`: an image before and after max pooling, and the numbers of one small patch
/// with the pooled numbers, so "picks the highest number in each 2x2 grid" can be checked by eye.
public struct PoolingDemo: Sendable, Equatable {
    public var before: ImageTile
    public var after: ImageTile
    public var poolSize: (Int, Int)
    public var strides: (Int, Int)
    /// A patch of the input (rows of values), a whole number of pool windows, where the image is busiest.
    public var patch: [[Float]]
    /// Where the patch starts in the input (row, column).
    public var patchOrigin: (row: Int, column: Int)
    /// The max pooling of `patch`: one value per window.
    public var pooledPatch: [[Float]]
    public var normalization: PictureNormalization

    public init(before: ImageTile, after: ImageTile, poolSize: (Int, Int), strides: (Int, Int), patch: [[Float]],
                patchOrigin: (row: Int, column: Int), pooledPatch: [[Float]], normalization: PictureNormalization) {
        self.before = before; self.after = after; self.poolSize = poolSize; self.strides = strides
        self.patch = patch; self.patchOrigin = patchOrigin; self.pooledPatch = pooledPatch
        self.normalization = normalization
    }

    public static func == (a: PoolingDemo, b: PoolingDemo) -> Bool {
        a.before == b.before && a.after == b.after && a.poolSize == b.poolSize && a.strides == b.strides
            && a.patch == b.patch && a.patchOrigin == b.patchOrigin && a.pooledPatch == b.pooledPatch
    }
}

/// `show_convolution`: the image, the kernel's numbers and the feature map, with their sizes.
public struct ConvolutionDemo: Sendable, Equatable {
    public var image: ImageTile
    /// The kernel, rows of numbers.
    public var kernel: [[Float]]
    public var featureMap: ImageTile
    /// `valid` or `same`.
    public var padding: String
    public var strides: (Int, Int)
    public var imageNormalization: PictureNormalization

    public init(image: ImageTile, kernel: [[Float]], featureMap: ImageTile, padding: String, strides: (Int, Int),
                imageNormalization: PictureNormalization) {
        self.image = image; self.kernel = kernel; self.featureMap = featureMap; self.padding = padding
        self.strides = strides; self.imageNormalization = imageNormalization
    }

    /// `28x28 image * 3x3 kernel, padding='valid', strides=1 -> 26x26 feature map`.
    public var sizeLine: String {
        let s = strides.0 == strides.1 ? "\(strides.0)" : "(\(strides.0), \(strides.1))"
        return "\(image.height)x\(image.width) image * \(kernel.count)x\(kernel.first?.count ?? 0) kernel, "
            + "padding='\(padding)', strides=\(s) -> \(featureMap.height)x\(featureMap.width) feature map"
    }

    public static func == (a: ConvolutionDemo, b: ConvolutionDemo) -> Bool {
        a.image == b.image && a.kernel == b.kernel && a.featureMap == b.featureMap && a.padding == b.padding
            && a.strides == b.strides
    }
}
