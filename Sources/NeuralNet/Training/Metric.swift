import Tensor

/// A Keras accuracy metric: `compile(metrics=['accuracy'])`.
///
/// Keras averages a metric over samples: each sample scores 1 when right, 0 when wrong
/// (binary accuracy with several outputs per sample scores the fraction of them that are right).
public enum Metric: Equatable, Sendable {
    /// `argmax(prediction) == label` for integer labels.
    case sparseCategoricalAccuracy
    /// `argmax(prediction) == argmax(one-hot target)`.
    case categoricalAccuracy
    /// `(prediction > threshold) == target`, Keras's default threshold being 0.5.
    case binaryAccuracy(threshold: Double)

    /// The names `keras.metrics.get` accepts for these metrics.
    static let explicitNames: [String: Metric] = [
        "sparse_categorical_accuracy": .sparseCategoricalAccuracy,
        "SparseCategoricalAccuracy": .sparseCategoricalAccuracy,
        "categorical_accuracy": .categoricalAccuracy,
        "CategoricalAccuracy": .categoricalAccuracy,
        "binary_accuracy": .binaryAccuracy(threshold: 0.5),
        "BinaryAccuracy": .binaryAccuracy(threshold: 0.5),
    ]

    /// Metrics Keras has that Fovea does not implement yet.
    static let unsupportedKerasNames: Set<String> = [
        "mae", "mse", "mape", "msle", "mean_absolute_error", "mean_squared_error", "MeanAbsoluteError",
        "MeanSquaredError", "RootMeanSquaredError", "AUC", "Precision", "Recall", "crossentropy", "ce",
        "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "TopKCategoricalAccuracy",
        "SparseTopKCategoricalAccuracy", "categorical_crossentropy", "sparse_categorical_crossentropy",
        "binary_crossentropy", "hinge", "kl_divergence", "poisson", "F1Score", "Accuracy",
    ]

    /// Resolves a name from `metrics=[...]`. `'accuracy'` and `'acc'` (any case) become the
    /// accuracy that fits the loss, as Keras picks it from the targets' and predictions' shapes
    /// those losses take: sparse categorical crossentropy -> sparse categorical accuracy,
    /// categorical crossentropy and mean squared error -> categorical accuracy, binary
    /// crossentropy -> binary accuracy. Explicit names (`'sparse_categorical_accuracy'`, ...)
    /// resolve to themselves; unknown ones throw Keras's
    /// `Could not interpret metric identifier: ...` with a did-you-mean hint.
    public static func resolve(_ name: String, loss: Loss) throws -> Metric {
        if isAccuracyAlias(name) {
            switch loss {
            case .sparseCategoricalCrossentropy: return .sparseCategoricalAccuracy
            case .categoricalCrossentropy, .meanSquaredError: return .categoricalAccuracy
            case .binaryCrossentropy: return .binaryAccuracy(threshold: 0.5)
            }
        }
        return try explicit(name)
    }

    /// Keras 3's exact rule (`compile_utils.get_metric`) when the shapes are known:
    /// `'accuracy'` is binary accuracy when the predictions' last axis is 1, sparse categorical
    /// when the targets have a lower rank (or a last axis of 1 against several outputs), and
    /// categorical otherwise.
    public static func resolve(_ name: String, targetShape: [Int], predictionShape: [Int]) throws -> Metric {
        guard isAccuracyAlias(name) else { return try explicit(name) }
        let predictionLast = predictionShape.last ?? 1, targetLast = targetShape.last ?? 1
        if predictionLast == 1 { return .binaryAccuracy(threshold: 0.5) }
        if targetShape.count < predictionShape.count || (targetLast == 1 && predictionLast > 1) {
            return .sparseCategoricalAccuracy
        }
        return .categoricalAccuracy
    }

    private static func isAccuracyAlias(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "accuracy" || lower == "acc"
    }

    private static func explicit(_ name: String) throws -> Metric {
        if let metric = explicitNames[name] { return metric }
        let known = ["accuracy", "sparse_categorical_accuracy", "categorical_accuracy", "binary_accuracy"]
        if unsupportedKerasNames.contains(name) {
            throw LayerError.value(
                "The metric '\(name)' is not supported by Fovea yet. Supported metrics: \(quotedList(known)).",
                argument: "metrics")
        }
        let hint = closestMatch(to: name, in: known + explicitNames.keys.sorted()).map { "Did you mean '\($0)'?" }
            ?? "Expected one of \(quotedList(known))."
        throw LayerError.value("Could not interpret metric identifier: \(name)", argument: "metrics", hint: hint)
    }

    /// Keras's function name: `sparse_categorical_accuracy`, `categorical_accuracy`, `binary_accuracy`.
    public var name: String {
        switch self {
        case .sparseCategoricalAccuracy: return "sparse_categorical_accuracy"
        case .categoricalAccuracy: return "categorical_accuracy"
        case .binaryAccuracy: return "binary_accuracy"
        }
    }

    /// How many samples of the batch are right. For binary accuracy with several outputs per
    /// sample this counts the right outputs; use `scoreSum` for Keras's per-sample average.
    public func correctCount(predictions: Tensor, targets: Tensor) throws -> Int {
        let (correct, _) = try tally(predictions: predictions, targets: targets)
        return correct
    }

    /// The sum over the batch of each sample's score (1 right, 0 wrong; a fraction for binary
    /// accuracy with several outputs per sample): what Keras's mean metric accumulates.
    public func scoreSum(predictions: Tensor, targets: Tensor) throws -> Double {
        let (correct, perSample) = try tally(predictions: predictions, targets: targets)
        return Double(correct) / Double(perSample)
    }

    /// The right answers and how many answers each sample gives.
    private func tally(predictions: Tensor, targets: Tensor) throws -> (Int, Int) {
        let p = predictions.shape.dims, t = targets.shape.dims
        guard predictions.dtype == .float32, let width = p.last, width > 0, predictions.count > 0 else {
            return (0, 1)
        }
        let rows = predictions.count / width
        let predicted = predictions.floatArray
        let target = targets.floatArray
        switch self {
        case .sparseCategoricalAccuracy:
            let squeezed = t.count == p.count && t.last == 1 ? Array(t.dropLast()) : t
            guard squeezed == Array(p.dropLast()) else {
                throw mismatch("sparse_categorical_accuracy expects one class label per sample", t, p)
            }
            var correct = 0
            for r in 0..<rows where target[r] == Float(argmax(predicted, r * width, width)) { correct += 1 }
            return (correct, 1)
        case .categoricalAccuracy:
            guard t == p else { throw mismatch("categorical_accuracy expects one-hot targets", t, p) }
            var correct = 0
            for r in 0..<rows where argmax(target, r * width, width) == argmax(predicted, r * width, width) {
                correct += 1
            }
            return (correct, 1)
        case .binaryAccuracy(let threshold):
            guard targets.count == predictions.count, t.first == p.first else {
                throw mismatch("binary_accuracy expects one target per output value", t, p)
            }
            let cut = Float(threshold)
            var correct = 0
            for i in 0..<predictions.count where (predicted[i] > cut ? 1 : 0) == target[i] { correct += 1 }
            return (correct, width)
        }
    }
}

/// The first index of the largest value in `values[start..<start + count]`, as numpy's argmax.
private func argmax(_ values: [Float], _ start: Int, _ count: Int) -> Int {
    var best = 0
    for j in 1..<max(count, 1) where values[start + j] > values[start + best] { best = j }
    return best
}

private func mismatch(_ what: String, _ t: [Int], _ p: [Int]) -> LayerError {
    LayerError.value(
        "\(what). Received: target.shape=\(formatShape(t.map { $0 })), output.shape=\(formatShape(p.map { $0 }))",
        argument: "y")
}
