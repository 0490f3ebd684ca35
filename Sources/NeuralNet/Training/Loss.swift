import Glibc
import Tensor

/// A Keras loss: `compile(loss='sparse_categorical_crossentropy')`.
///
/// Values follow Keras 3 on the TensorFlow backend: the per-sample losses are averaged over the
/// batch (`reduction='sum_over_batch_size'`), probabilities are clipped to `[1e-7, 1 - 1e-7]`
/// (in float32, as Keras does) before the logarithm, and `binary_crossentropy` and
/// `mean_squared_error` average over the last axis first, so they are means over every element.
///
/// Keras on TensorFlow quietly computes a crossentropy from the logits when the predictions come
/// straight out of a softmax (or sigmoid); a trainer that wants that should pass the logits and
/// use the `fromLogits: true` case, whose gradient is the familiar `softmax - onehot`.
public enum Loss: Equatable, Sendable {
    case sparseCategoricalCrossentropy(fromLogits: Bool)
    case categoricalCrossentropy(fromLogits: Bool)
    case binaryCrossentropy(fromLogits: Bool)
    case meanSquaredError

    /// Keras's function names, the canonical identifiers.
    public static let identifiers = [
        "sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy", "mean_squared_error",
    ]

    /// Every name `keras.losses.get` accepts for these losses (case-sensitive, as in Keras).
    static let aliases: [String: Loss] = [
        "sparse_categorical_crossentropy": .sparseCategoricalCrossentropy(fromLogits: false),
        "SparseCategoricalCrossentropy": .sparseCategoricalCrossentropy(fromLogits: false),
        "categorical_crossentropy": .categoricalCrossentropy(fromLogits: false),
        "CategoricalCrossentropy": .categoricalCrossentropy(fromLogits: false),
        "binary_crossentropy": .binaryCrossentropy(fromLogits: false),
        "BinaryCrossentropy": .binaryCrossentropy(fromLogits: false),
        "bce": .binaryCrossentropy(fromLogits: false),
        "BCE": .binaryCrossentropy(fromLogits: false),
        "mean_squared_error": .meanSquaredError,
        "MeanSquaredError": .meanSquaredError,
        "mse": .meanSquaredError,
        "MSE": .meanSquaredError,
    ]

    /// Losses Keras has that Fovea does not implement: named in a clearer error than "could not
    /// interpret".
    static let unsupportedKerasNames: Set<String> = [
        "mean_absolute_error", "MeanAbsoluteError", "mae", "MAE",
        "mean_absolute_percentage_error", "MeanAbsolutePercentageError", "mape", "MAPE",
        "mean_squared_logarithmic_error", "MeanSquaredLogarithmicError", "msle", "MSLE",
        "kl_divergence", "KLDivergence", "kld", "KLD", "poisson", "Poisson", "huber", "Huber",
        "log_cosh", "LogCosh", "hinge", "Hinge", "squared_hinge", "SquaredHinge",
        "categorical_hinge", "CategoricalHinge", "cosine_similarity", "CosineSimilarity",
        "binary_focal_crossentropy", "BinaryFocalCrossentropy",
        "categorical_focal_crossentropy", "CategoricalFocalCrossentropy",
        "ctc", "CTC", "dice", "Dice", "tversky", "Tversky", "iou", "IoU", "circle", "Circle",
    ]

    /// The loss for a Keras identifier or alias (`'sparse_categorical_crossentropy'`, `'mse'`,
    /// `'CategoricalCrossentropy'`, ...), with `from_logits=False` as Keras's default.
    /// Unknown names throw `ValueError: Could not interpret loss identifier: ...` with a
    /// did-you-mean hint.
    public static func named(_ name: String) throws -> Loss {
        if let loss = aliases[name] { return loss }
        let supported = quotedList(identifiers)
        if unsupportedKerasNames.contains(name) {
            throw LayerError.value(
                "The loss '\(name)' is not supported by Fovea yet. Supported losses: \(supported).",
                argument: "loss")
        }
        let hint = closestMatch(to: name, in: Array(aliases.keys).sorted()).map { "Did you mean '\($0)'?" }
            ?? "Expected one of \(supported)."
        throw LayerError.value("Could not interpret loss identifier: \(name)", argument: "loss", hint: hint)
    }

    /// The Keras identifier: `sparse_categorical_crossentropy`, ..., `mean_squared_error`.
    public var name: String {
        switch self {
        case .sparseCategoricalCrossentropy: return "sparse_categorical_crossentropy"
        case .categoricalCrossentropy: return "categorical_crossentropy"
        case .binaryCrossentropy: return "binary_crossentropy"
        case .meanSquaredError: return "mean_squared_error"
        }
    }

    /// Whether the predictions are taken as logits (false for mean squared error).
    public var fromLogits: Bool {
        switch self {
        case .sparseCategoricalCrossentropy(let l), .categoricalCrossentropy(let l), .binaryCrossentropy(let l):
            return l
        case .meanSquaredError: return false
        }
    }

    /// The mean loss over the batch. With `weights` (one per sample), each sample's loss is
    /// multiplied by its weight and the sum still divided by the number of loss values, as
    /// Keras 3's `reduction='sum_over_batch_size'` does (not by the sum of the weights).
    public func value(predictions: Tensor, targets: Tensor, weights: [Float]? = nil) throws -> Double {
        try checkTargets(targets, predictionShape: predictions.shape.dims)
        return try evaluate(predictions, targets, gradient: nil, weights: weights)
    }

    /// The mean loss over the batch and its gradient with respect to `predictions` (same shape).
    public func valueAndGradient(predictions: Tensor, targets: Tensor,
                                 weights: [Float]? = nil) throws -> (value: Double, gradient: Tensor) {
        try checkTargets(targets, predictionShape: predictions.shape.dims)
        let gradient = try Tensor(zeros: predictions.shape, what: "the gradient of the loss")
        let value = try gradient.withFloats { try evaluate(predictions, targets, gradient: $0, weights: weights) }
        return (value, gradient)
    }

    /// Keras's `backend.epsilon()` bounds as float32, as the TensorFlow backend clips.
    static let clipLow = Float(1e-7)
    static let clipHigh = Float(1.0 - 1e-7)

    /// The loss (and, when `gradient` is given, its gradient) for targets already checked.
    private func evaluate(_ predictions: Tensor, _ targets: Tensor,
                          gradient: UnsafeMutableBufferPointer<Float>?, weights: [Float]?) throws -> Double {
        guard predictions.dtype == .float32 else {
            throw LayerError.type("The predictions must be float32; received \(predictions.dtype.rawValue).")
        }
        let dims = predictions.shape.dims
        let n = predictions.count
        guard n > 0 else { return 0 }
        let width = dims.last ?? 1
        let rows = n / width
        let t = targets.converted(to: .float32)   // a copy; labels of any dtype
        if let weights, weights.count != dims[0] {
            throw LayerError.value("Expected one sample weight per sample: \(dims[0]) samples, received \(weights.count) weights.",
                                   argument: "sample_weight")
        }
        let rowWeight = SampleWeighting(weights, units: rows), valueWeight = SampleWeighting(weights, units: n)
        return predictions.withFloats { p in
            t.withFloats { t in
                switch self {
                case .sparseCategoricalCrossentropy(let logits):
                    return sparseCrossentropyLoss(p, t, rows: rows, width: width, logits: logits, gradient: gradient, weight: rowWeight)
                case .categoricalCrossentropy(let logits):
                    return categoricalCrossentropyLoss(p, t, rows: rows, width: width, logits: logits, gradient: gradient, weight: rowWeight)
                case .binaryCrossentropy(let logits):
                    return binaryCrossentropyLoss(p, t, logits: logits, gradient: gradient, weight: valueWeight)
                case .meanSquaredError:
                    return meanSquaredErrorLoss(p, t, gradient: gradient, weight: valueWeight)
                }
            }
        }
    }
}

/// `-log softmax(x)[y]` from logits; from probabilities, TensorFlow's
/// `sparse_softmax_cross_entropy_with_logits(log(clip(p)))`, i.e. `-log c[y] + log sum(c)`.
private func sparseCrossentropyLoss(_ p: UnsafeMutableBufferPointer<Float>, _ labels: UnsafeMutableBufferPointer<Float>,
                                rows: Int, width: Int, logits: Bool,
                                gradient g: UnsafeMutableBufferPointer<Float>?, weight: SampleWeighting) -> Double {
    var total = 0.0
    for r in 0..<rows {
        let base = r * width
        let y = Int(labels[r])
        let w = weight[r], scale = w / Double(rows)
        let before = total
        if logits {
            var m = -Double.infinity
            for j in 0..<width { m = max(m, Double(p[base + j])) }
            var sum = 0.0
            for j in 0..<width { sum += exp(Double(p[base + j]) - m) }
            total += m + log(sum) - Double(p[base + y])
            if let g {
                for j in 0..<width {
                    let softmax = exp(Double(p[base + j]) - m) / sum
                    g[base + j] = Float((softmax - (j == y ? 1 : 0)) * scale)
                }
            }
        } else {
            var sum = 0.0
            for j in 0..<width { sum += Double(min(max(p[base + j], Loss.clipLow), Loss.clipHigh)) }
            let cy = Double(min(max(p[base + y], Loss.clipLow), Loss.clipHigh))
            total += -log(cy) + log(sum)
            if let g {
                for j in 0..<width {
                    let v = p[base + j]
                    guard v >= Loss.clipLow && v <= Loss.clipHigh else { g[base + j] = 0; continue }
                    let d = 1 / sum - (j == y ? 1 / cy : 0)
                    g[base + j] = Float(d * scale)
                }
            }
        }
        if w != 1 { total = before + (total - before) * w }
    }
    return total / Double(rows)
}

/// `-sum(t * log_softmax(x))` from logits; from probabilities Keras first normalises each row to
/// sum 1, clips, then takes `-sum(t * log(c))`.
private func categoricalCrossentropyLoss(_ p: UnsafeMutableBufferPointer<Float>, _ t: UnsafeMutableBufferPointer<Float>,
                                     rows: Int, width: Int, logits: Bool,
                                     gradient g: UnsafeMutableBufferPointer<Float>?, weight: SampleWeighting) -> Double {
    var total = 0.0
    for r in 0..<rows {
        let base = r * width
        let w = weight[r], scale = w / Double(rows)
        let before = total
        var targetSum = 0.0
        for j in 0..<width { targetSum += Double(t[base + j]) }
        if logits {
            var m = -Double.infinity
            for j in 0..<width { m = max(m, Double(p[base + j])) }
            var sum = 0.0
            for j in 0..<width { sum += exp(Double(p[base + j]) - m) }
            let lse = m + log(sum)
            for j in 0..<width { total += Double(t[base + j]) * (lse - Double(p[base + j])) }
            if let g {
                for j in 0..<width {
                    let softmax = exp(Double(p[base + j]) - m) / sum
                    g[base + j] = Float((softmax * targetSum - Double(t[base + j])) * scale)
                }
            }
        } else {
            var s = 0.0
            for j in 0..<width { s += Double(p[base + j]) }
            // dL/dq for q = p / s, then through the normalisation.
            var weighted = 0.0
            for j in 0..<width {
                let q = Float(Double(p[base + j]) / s)
                let c = min(max(q, Loss.clipLow), Loss.clipHigh)
                let tj = Double(t[base + j])
                total -= tj * log(Double(c))
                if g != nil {
                    let dq = (q >= Loss.clipLow && q <= Loss.clipHigh) ? -tj / Double(c) : 0
                    g![base + j] = Float(dq)
                    weighted += dq * Double(p[base + j]) / s
                }
            }
            if let g {
                for j in 0..<width { g[base + j] = Float((Double(g[base + j]) - weighted) / s * scale) }
            }
        }
        if w != 1 { total = before + (total - before) * w }
    }
    return total / Double(rows)
}

/// Elementwise binary crossentropy, averaged over every element.
private func binaryCrossentropyLoss(_ p: UnsafeMutableBufferPointer<Float>, _ t: UnsafeMutableBufferPointer<Float>,
                                logits: Bool, gradient g: UnsafeMutableBufferPointer<Float>?, weight: SampleWeighting) -> Double {
    let n = p.count
    var total = 0.0
    for i in 0..<n {
        let x = Double(p[i]), z = Double(t[i])
        let w = weight[i], scale = w / Double(n)
        if logits {
            // TensorFlow's sigmoid_cross_entropy_with_logits, stable for large |x|.
            total += w * (max(x, 0) - x * z + log1p(exp(-abs(x))))
            if let g { g[i] = Float((1 / (1 + exp(-x)) - z) * scale) }
        } else {
            let inside = p[i] >= Loss.clipLow && p[i] <= Loss.clipHigh
            let c = Double(min(max(p[i], Loss.clipLow), Loss.clipHigh))
            total -= w * (z * log(c) + (1 - z) * log(1 - c))
            if let g { g[i] = inside ? Float((-z / c + (1 - z) / (1 - c)) * scale) : 0 }
        }
    }
    return total / Double(n)
}

/// `mean((p - t)^2)` over every element.
private func meanSquaredErrorLoss(_ p: UnsafeMutableBufferPointer<Float>, _ t: UnsafeMutableBufferPointer<Float>,
                              gradient g: UnsafeMutableBufferPointer<Float>?, weight: SampleWeighting) -> Double {
    let n = p.count
    var total = 0.0
    for i in 0..<n {
        let d = Double(p[i]) - Double(t[i])
        let w = weight[i]
        total += w * d * d
        if let g { g[i] = Float(2 * d * w / Double(n)) }
    }
    return total / Double(n)
}

/// A sample's weight for each of the batch's `units` loss terms (rows or values), the sample
/// being the unit's place along the first axis; 1 without weights.
struct SampleWeighting {
    let weights: [Float]?
    let perSample: Int
    init(_ weights: [Float]?, units: Int) {
        self.weights = weights
        perSample = weights.map { max(units / max($0.count, 1), 1) } ?? 1
    }
    subscript(_ unit: Int) -> Double { weights.map { Double($0[min(unit / perSample, $0.count - 1)]) } ?? 1 }
}
