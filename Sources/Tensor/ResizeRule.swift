/// Where `tf.image.resize` without antialiasing takes each output pixel from: half-pixel
/// centres, bilinear as TF's ResizeBilinear (source position (i + 0.5) * scale - 0.5, its two
/// neighbours clamped at the edges) and nearest as ResizeNearestNeighbor (source
/// floor((i + 0.5) * scale)); and the centred window of Keras's `crop_to_aspect_ratio`. The
/// datasets (DataIO) and the Resizing, CenterCrop and UpSampling2D layers (NeuralNet) both
/// resample by this one rule.
public enum ResizeRule {
    public enum Method: String, Sendable { case bilinear, nearest }

    /// For each of `count` outputs along an axis of `size` source pixels: the two source indices
    /// and the fraction between them (nearest: the one source twice, fraction 0).
    public static func sources(_ count: Int, _ size: Int, _ method: Method) -> [(Int, Int, Float)] {
        let scale = Float(size) / Float(count)
        return (0..<count).map { i in
            switch method {
            case .nearest:
                let s = min(Int(((Float(i) + 0.5) * scale).rounded(.down)), size - 1)
                return (s, s, 0)
            case .bilinear:
                let position = (Float(i) + 0.5) * scale - 0.5
                let low = position.rounded(.down)
                return (max(Int(low), 0), min(Int(position.rounded(.up)), size - 1), position - low)
            }
        }
    }

    /// The centred window of a `height` x `width` image with the aspect ratio of
    /// `targetHeight` x `targetWidth`, computed in float32 as Keras's `crop_to_aspect_ratio`
    /// (and `smart_resize`) computes it: (top, left, window height, window width).
    public static func aspectWindow(height: Int, width: Int, targetHeight: Int, targetWidth: Int) -> (Int, Int, Int, Int) {
        let cropH = max(min(height, Int(Float(width * targetHeight) / Float(targetWidth))), 1)
        let cropW = max(min(width, Int(Float(height * targetWidth) / Float(targetHeight))), 1)
        return (Int(Float(height - cropH) / 2), Int(Float(width - cropW) / 2), cropH, cropW)
    }
}
