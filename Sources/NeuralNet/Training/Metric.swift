import Tensor

/// A Keras metric: `compile(metrics=['accuracy', 'mae', keras.metrics.AUC()])`.
///
/// The accuracies, top-k accuracies and the regression errors are Keras's mean metrics: each
/// sample scores a value (1 right, 0 wrong; its mean absolute error), and the metric is the
/// (sample-weighted) mean of the scores seen since the last reset. Precision, recall and AUC
/// count true and false positives and negatives over every output value seen since the last
/// reset, and compute their ratio from the counts, as Keras does: they are not means of
/// per-batch values. `MetricState` holds what a metric has accumulated.
public enum Metric: Equatable, Sendable {
    /// `argmax(prediction) == label` for integer labels.
    case sparseCategoricalAccuracy
    /// `argmax(prediction) == argmax(one-hot target)`.
    case categoricalAccuracy
    /// `(prediction > threshold) == target`, Keras's default threshold being 0.5.
    case binaryAccuracy(threshold: Double)
    /// `keras.metrics.Accuracy`: how often the prediction equals the target exactly.
    case accuracy
    /// The target's class is among the `k` highest predictions (ties count as in, as
    /// TensorFlow's `in_top_k`); one-hot targets.
    case topKCategoricalAccuracy(k: Int)
    /// The same with integer labels.
    case sparseTopKCategoricalAccuracy(k: Int)
    /// `mean(|prediction - target|)` per sample.
    case meanAbsoluteError
    /// `mean((prediction - target)^2)` per sample.
    case meanSquaredError
    /// `sqrt` of the mean squared error over every value seen.
    case rootMeanSquaredError
    /// `TP / (TP + FP)`, a value being positive when above `threshold`.
    case precision(threshold: Double)
    /// `TP / (TP + FN)`.
    case recall(threshold: Double)
    /// The area under the ROC curve, from the counts at `numThresholds` thresholds evenly
    /// spread over [0, 1], summed by the trapezoid rule (Keras's `summation_method='interpolation'`).
    /// `fromLogits`: the predictions go through a sigmoid first.
    case auc(numThresholds: Int, fromLogits: Bool)
    /// The area under the precision-recall curve (`AUC(curve='PR')`), by Keras's interpolation
    /// of precision between thresholds (Davis & Goadrich).
    case prAUC(numThresholds: Int, fromLogits: Bool)
    /// `TruePositives()`, ...: the weighted count of one cell of the confusion matrix.
    case count(ConfusionCell, threshold: Double)
    /// `keras.metrics.BinaryCrossentropy`: the mean binary crossentropy per sample.
    case binaryCrossentropy(fromLogits: Bool)

    /// The cells of the confusion matrix that `TruePositives`, ... count.
    public enum ConfusionCell: String, Sendable {
        case truePositives = "TruePositives", falsePositives = "FalsePositives"
        case trueNegatives = "TrueNegatives", falseNegatives = "FalseNegatives"
    }

    /// Keras's metric classes Fovea has, with their default instances.
    public static let classes: [(className: String, metric: Metric)] = [
        ("Accuracy", .accuracy),
        ("BinaryAccuracy", .binaryAccuracy(threshold: 0.5)),
        ("CategoricalAccuracy", .categoricalAccuracy),
        ("SparseCategoricalAccuracy", .sparseCategoricalAccuracy),
        ("TopKCategoricalAccuracy", .topKCategoricalAccuracy(k: 5)),
        ("SparseTopKCategoricalAccuracy", .sparseTopKCategoricalAccuracy(k: 5)),
        ("MeanAbsoluteError", .meanAbsoluteError),
        ("MeanSquaredError", .meanSquaredError),
        ("RootMeanSquaredError", .rootMeanSquaredError),
        ("Precision", .precision(threshold: 0.5)),
        ("Recall", .recall(threshold: 0.5)),
        ("AUC", .auc(numThresholds: 200, fromLogits: false)),
        ("TruePositives", .count(.truePositives, threshold: 0.5)),
        ("FalsePositives", .count(.falsePositives, threshold: 0.5)),
        ("TrueNegatives", .count(.trueNegatives, threshold: 0.5)),
        ("FalseNegatives", .count(.falseNegatives, threshold: 0.5)),
        ("BinaryCrossentropy", .binaryCrossentropy(fromLogits: false)),
    ]

    /// The names `keras.metrics.get` accepts: each class's name and its snake_case
    /// (`AUC` and `auc`, `TopKCategoricalAccuracy` and `top_k_categorical_accuracy`), and the
    /// short names `mae`, `MAE`, `mse`, `MSE`.
    static let explicitNames: [String: Metric] = {
        var names: [String: Metric] = [:]
        for (className, metric) in classes {
            names[className] = metric
            names[NameRegistry.snakeCase(className)] = metric
        }
        names["mae"] = .meanAbsoluteError; names["MAE"] = .meanAbsoluteError
        names["mse"] = .meanSquaredError; names["MSE"] = .meanSquaredError
        names["bce"] = .binaryCrossentropy(fromLogits: false); names["BCE"] = .binaryCrossentropy(fromLogits: false)
        return names
    }()

    /// Metrics Keras has that Fovea does not implement yet.
    static let unsupportedKerasNames: Set<String> = [
        "mape", "MAPE", "msle", "MSLE", "mean_absolute_percentage_error", "MeanAbsolutePercentageError",
        "mean_squared_logarithmic_error", "MeanSquaredLogarithmicError", "crossentropy", "ce",
        "categorical_crossentropy", "CategoricalCrossentropy", "sparse_categorical_crossentropy",
        "SparseCategoricalCrossentropy", "hinge", "Hinge",
        "kl_divergence", "KLDivergence", "poisson", "Poisson", "F1Score", "f1_score", "FBetaScore", "f_beta_score",
        "MeanIoU", "mean_io_u", "IoU", "R2Score", "r2_score", "CosineSimilarity", "cosine_similarity",
        "PrecisionAtRecall", "RecallAtPrecision",
        "SensitivityAtSpecificity", "SpecificityAtSensitivity", "LogCoshError", "log_cosh_error",
    ]

    /// Resolves a name from `metrics=[...]`. `'accuracy'` and `'acc'` (any case) become the
    /// accuracy that fits the loss, as Keras picks it from the targets' and predictions' shapes
    /// those losses take: sparse categorical crossentropy -> sparse categorical accuracy,
    /// categorical crossentropy and mean squared error -> categorical accuracy, binary
    /// crossentropy -> binary accuracy. Explicit names (`'sparse_categorical_accuracy'`,
    /// `'mae'`, `'AUC'`, ...) resolve to themselves; unknown ones throw Keras's
    /// `Could not interpret metric identifier: ...` with a did-you-mean hint. When the model's
    /// output is known to have one unit, `'accuracy'` is binary accuracy whatever the loss, as
    /// Keras 3 picks it from the predictions' shape (a regression with mse, one sigmoid unit).
    public static func resolve(_ name: String, loss: Loss, outputUnits: Int? = nil) throws -> Metric {
        if isAccuracyAlias(name), outputUnits == 1 { return .binaryAccuracy(threshold: 0.5) }
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
        let known = ["accuracy"] + classes.map { NameRegistry.snakeCase($0.className) } + ["mae", "mse"]
        if unsupportedKerasNames.contains(name) {
            throw LayerError.value(
                "The metric '\(name)' is not supported by Fovea yet. Supported metrics: \(quotedList(known)).",
                argument: "metrics")
        }
        let hint = closestMatch(to: name, in: known).map { "Did you mean '\($0)'?" }
            ?? "Expected one of \(quotedList(known))."
        throw LayerError.value("Could not interpret metric identifier: \(name)", argument: "metrics", hint: hint)
    }

    /// The name of Keras's class: `SparseCategoricalAccuracy`, `AUC`, ...
    public var className: String {
        switch self {
        case .sparseCategoricalAccuracy: return "SparseCategoricalAccuracy"
        case .categoricalAccuracy: return "CategoricalAccuracy"
        case .binaryAccuracy: return "BinaryAccuracy"
        case .accuracy: return "Accuracy"
        case .topKCategoricalAccuracy: return "TopKCategoricalAccuracy"
        case .sparseTopKCategoricalAccuracy: return "SparseTopKCategoricalAccuracy"
        case .meanAbsoluteError: return "MeanAbsoluteError"
        case .meanSquaredError: return "MeanSquaredError"
        case .rootMeanSquaredError: return "RootMeanSquaredError"
        case .precision: return "Precision"
        case .recall: return "Recall"
        case .auc, .prAUC: return "AUC"
        case .count(let cell, _): return cell.rawValue
        case .binaryCrossentropy: return "BinaryCrossentropy"
        }
    }

    /// Keras's default name for an instance of the class: `sparse_categorical_accuracy`,
    /// `top_k_categorical_accuracy`, `mean_absolute_error`, ... Precision, Recall and AUC have
    /// none of their own: Keras gives them a name counted per session (`precision`,
    /// `precision_1`), which `isAutoNamed` tells.
    public var name: String { NameRegistry.snakeCase(className) }

    /// Whether Keras names an instance by counting (`auc`, `auc_1`, ...) rather than by a fixed default.
    public var isAutoNamed: Bool {
        switch self {
        case .precision, .recall, .auc, .prAUC, .count: return true
        default: return false
        }
    }

    /// Whether the metric counts a confusion matrix rather than averaging per-sample scores.
    public var isConfusionMetric: Bool { isAutoNamed }

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
                throw metricShapeMismatch("sparse_categorical_accuracy expects one class label per sample", t, p)
            }
            var correct = 0
            for r in 0..<rows where target[r] == Float(argmax(predicted, r * width, width)) { correct += 1 }
            return (correct, 1)
        case .categoricalAccuracy:
            guard t == p else { throw metricShapeMismatch("categorical_accuracy expects one-hot targets", t, p) }
            var correct = 0
            for r in 0..<rows where argmax(target, r * width, width) == argmax(predicted, r * width, width) {
                correct += 1
            }
            return (correct, 1)
        case .binaryAccuracy(let threshold):
            guard targets.count == predictions.count, t.first == p.first else {
                throw metricShapeMismatch("binary_accuracy expects one target per output value", t, p)
            }
            let cut = Float(threshold)
            var correct = 0
            for i in 0..<predictions.count where (predicted[i] > cut ? 1 : 0) == target[i] { correct += 1 }
            return (correct, width)
        default:
            let scores = try sampleScores(predictions: predictions, targets: targets)
            return (Int(scores.reduce(0, +).rounded()), 1)
        }
    }
}

/// The first index of the largest value in `values[start..<start + count]`, as numpy's argmax.
func argmax(_ values: [Float], _ start: Int, _ count: Int) -> Int {
    var best = 0
    for j in 1..<max(count, 1) where values[start + j] > values[start + best] { best = j }
    return best
}

func metricShapeMismatch(_ what: String, _ t: [Int], _ p: [Int]) -> LayerError {
    LayerError.value(
        "\(what). Received: target.shape=\(formatShape(t.map { $0 })), output.shape=\(formatShape(p.map { $0 }))",
        argument: "y")
}
