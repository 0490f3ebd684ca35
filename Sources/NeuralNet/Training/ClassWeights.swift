import Tensor

/// `fit(class_weight={0: 1.0, 1: 5.0})`: each sample weighs what its class weighs, as Keras 3's
/// `class_weight_to_sample_weights` computes it. The class of a sample is its label (rounded to
/// an integer), or the argmax of a one-hot target; a class the dict does not name weighs 1.
public enum ClassWeights {
    /// Keras's refusal of targets that are not one label or one one-hot vector per sample.
    public static func check(targets: Tensor) throws {
        if targets.shape.rank > 2 {
            throw LayerError.value("`class_weight` not supported for 3+ dimensional targets.", argument: "class_weight")
        }
    }

    /// One weight per sample of the batch.
    public static func sampleWeights(_ targets: Tensor, _ classWeight: [Int: Double]) throws -> [Float] {
        try check(targets: targets)
        let dims = targets.shape.dims
        let samples = dims.first ?? 0
        guard samples > 0 else { return [] }
        let values = targets.converted(to: .float32).floatArray
        let width = dims.count == 2 ? dims[1] : 1
        return (0..<samples).map { s in
            let label: Int
            if width > 1 {
                label = argmax(values, s * width, width)
            } else {
                label = Int(values[s].rounded(.toNearestOrEven))
            }
            return Float(classWeight[label] ?? 1)
        }
    }
}
