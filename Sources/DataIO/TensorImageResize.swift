import Tensor

/// Resizing as `tf.image.resize` does it without antialiasing, which `image_dataset_from_directory`
/// and Keras's Resizing layer use: half-pixel centres, bilinear as TF's ResizeBilinear
/// (neighbours clamped at the edges) or nearest as ResizeNearestNeighbor, float32 out.
public enum TensorImageResize {
    public typealias Method = ResizeRule.Method

    /// `image` resized to `height` x `width`, channels interleaved, values 0...255 as float32.
    /// With `cropToAspectRatio` the centre of the image is first cropped to the target's aspect
    /// ratio, as Keras's `crop_to_aspect_ratio=True` does.
    public static func resize(_ image: PixelImage, height: Int, width: Int, method: Method,
                              cropToAspectRatio: Bool = false) -> [Float] {
        if height == image.height, width == image.width {
            // Both methods sample every pixel at its own centre: a plain conversion.
            return image.pixels.map { Float($0) }
        }
        var (top, left, h, w) = (0, 0, image.height, image.width)
        if cropToAspectRatio {
            (top, left, h, w) = ResizeRule.aspectWindow(height: h, width: w, targetHeight: height, targetWidth: width)
        }
        let c = image.mode.channels, rowStride = image.width * c
        var out = [Float](repeating: 0, count: height * width * c)
        let rows = ResizeRule.sources(height, h, method), cols = ResizeRule.sources(width, w, method)
        image.pixels.withUnsafeBufferPointer { src in
            switch method {
            case .nearest:
                for y in 0..<height {
                    let sy = rows[y].0 + top
                    for x in 0..<width {
                        let s = sy * rowStride + (cols[x].0 + left) * c, d = (y * width + x) * c
                        for k in 0..<c { out[d + k] = Float(src[s + k]) }
                    }
                }
            case .bilinear:
                for y in 0..<height {
                    let (y0, y1, fy) = rows[y]
                    let r0 = (y0 + top) * rowStride, r1 = (y1 + top) * rowStride
                    for x in 0..<width {
                        let (x0, x1, fx) = cols[x]
                        let c0 = (x0 + left) * c, c1 = (x1 + left) * c, d = (y * width + x) * c
                        for k in 0..<c {
                            let tl = Float(src[r0 + c0 + k]), tr = Float(src[r0 + c1 + k])
                            let bl = Float(src[r1 + c0 + k]), br = Float(src[r1 + c1 + k])
                            let topRow = tl + (tr - tl) * fx, bottomRow = bl + (br - bl) * fx
                            out[d + k] = topRow + (bottomRow - topRow) * fy
                        }
                    }
                }
            }
        }
        return out
    }
}
