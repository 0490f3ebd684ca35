import Glibc
import Tensor

/// The per-batch arithmetic of the metrics: each sample's score for the mean metrics, and the
/// weighted confusion counts for precision, recall and AUC. The tests hold each of these against
/// a naive twin written from Keras's formulas.
extension Metric {
    /// One score per sample (the first axis), averaged over the sample's other values as Keras's
    /// `reduce_to_samplewise_values` does: 1 or 0 for the accuracies, the mean absolute or
    /// squared error for the regression metrics. Not for the confusion metrics.
    public func sampleScores(predictions: Tensor, targets: Tensor) throws -> [Double] {
        let p = predictions.shape.dims, t = targets.shape.dims
        guard predictions.dtype == .float32 else {
            throw LayerError.type("The predictions must be float32; received \(predictions.dtype.rawValue).")
        }
        let samples = p.first ?? 0
        guard samples > 0, predictions.count > 0 else { return [] }
        let predicted = predictions.floatArray
        let target = targets.converted(to: .float32).floatArray
        let width = max(p.last ?? 1, 1)
        let rows = predictions.count / width
        var perRow: [Double]
        switch self {
        case .sparseCategoricalAccuracy, .sparseTopKCategoricalAccuracy:
            let squeezed = t.count == p.count && t.last == 1 ? Array(t.dropLast()) : t
            guard squeezed == Array(p.dropLast()) else {
                throw metricShapeMismatch("\(name) expects one class label per sample", t, p)
            }
            perRow = (0..<rows).map { r in
                let label = Int(target[r])
                if case .sparseTopKCategoricalAccuracy(let k) = self {
                    return inTopK(predicted, r * width, width, label, k) ? 1 : 0
                }
                return Float(argmax(predicted, r * width, width)) == target[r] ? 1 : 0
            }
        case .categoricalAccuracy, .topKCategoricalAccuracy:
            guard t == p else { throw metricShapeMismatch("\(name) expects one-hot targets", t, p) }
            perRow = (0..<rows).map { r in
                let label = argmax(target, r * width, width)
                if case .topKCategoricalAccuracy(let k) = self {
                    return inTopK(predicted, r * width, width, label, k) ? 1 : 0
                }
                return label == argmax(predicted, r * width, width) ? 1 : 0
            }
        case .binaryAccuracy, .accuracy, .meanAbsoluteError, .meanSquaredError, .rootMeanSquaredError, .binaryCrossentropy:
            guard targets.count == predictions.count, t.first == p.first else {
                throw metricShapeMismatch("\(name) expects one target per output value", t, p)
            }
            perRow = (0..<predictions.count).map { i in
                let y = predicted[i], z = target[i]
                switch self {
                case .binaryAccuracy(let threshold): return (y > Float(threshold) ? 1 : 0) == z ? 1 : 0
                case .accuracy: return y == z ? 1 : 0
                case .meanAbsoluteError: return abs(Double(y) - Double(z))
                case .binaryCrossentropy(let logits):
                    let x = Double(y), t = Double(z)
                    if logits { return max(x, 0) - x * t + log1p(exp(-abs(x))) }
                    // Clipped to [1e-7, 1 - 1e-7] in float32, as the loss.
                    let c = Double(min(max(y, Loss.clipLow), Loss.clipHigh))
                    return -(t * log(c) + (1 - t) * log(1 - c))
                default: let d = Double(y) - Double(z); return d * d
                }
            }
        case .precision, .recall, .auc, .prAUC, .count:
            throw LayerError.value("\(name) counts positives and negatives; it has no per-sample score.")
        }
        // The mean of each sample's values.
        let per = perRow.count / samples
        return (0..<samples).map { s in
            var sum = 0.0
            for i in (s * per)..<((s + 1) * per) { sum += perRow[i] }
            return sum / Double(per)
        }
    }

    /// The thresholds a confusion metric counts at: Precision's and Recall's one, or AUC's
    /// `numThresholds` spread evenly over [0, 1] with the ends moved out by Keras's epsilon
    /// (1e-7), so that predictions of exactly 0 and 1 fall inside.
    public var thresholds: [Double] {
        switch self {
        case .precision(let t), .recall(let t), .count(_, let t): return [t]
        case .auc(let n, _), .prAUC(let n, _):
            return [0 - 1e-7] + (0..<max(n - 2, 0)).map { Double($0 + 1) / Double(n - 1) } + [1 + 1e-7]
        default: return []
        }
    }
}

/// Weighted true and false positives and negatives at each threshold of a confusion metric.
public struct ConfusionCounts: Equatable, Sendable {
    public var truePositives: [Double]
    public var falsePositives: [Double]
    public var trueNegatives: [Double]
    public var falseNegatives: [Double]

    public init(thresholds: Int) {
        truePositives = Array(repeating: 0, count: thresholds)
        falsePositives = truePositives; trueNegatives = truePositives; falseNegatives = truePositives
    }

    /// Adds a batch: every value of `predictions` against the target value at the same place,
    /// weighted by its sample's weight. A value is positive at a threshold when it is above it.
    ///
    /// With one threshold (Precision, Recall) a target counts as positive when it is not 0, as
    /// Keras casts it to bool. With AUC's evenly spread thresholds it follows Keras's fast path:
    /// each prediction falls in the bucket `ceil(p * (n - 1)) - 1` (0 at the least), a target
    /// adds its value to the positives and `1 - value` to the negatives, and a running sum
    /// from the top bucket down gives every threshold's counts in one pass over the data.
    public mutating func add(predictions: [Float], targets: [Float], weights: [Float]?, thresholds: [Double]) {
        let n = predictions.count
        guard n > 0 else { return }
        let per = weights.map { n / max($0.count, 1) } ?? n
        func weight(_ i: Int) -> Double { weights.map { Double($0[i / per]) } ?? 1 }
        if thresholds.count == 1 {
            let cut = Float(thresholds[0])
            for i in 0..<n {
                let w = weight(i), positive = targets[i] != 0
                if predictions[i] > cut {
                    if positive { truePositives[0] += w } else { falsePositives[0] += w }
                } else {
                    if positive { falseNegatives[0] += w } else { trueNegatives[0] += w }
                }
            }
            return
        }
        let count = thresholds.count
        var positiveIn = Array(repeating: 0.0, count: count), negativeIn = positiveIn
        let scale = Float(count - 1)
        for i in 0..<n {
            let bucket = min(max(Int((predictions[i] * scale).rounded(.up)) - 1, 0), count - 1)
            let w = weight(i), y = Double(targets[i])
            positiveIn[bucket] += y * w
            negativeIn[bucket] += (1 - y) * w
        }
        var tp = 0.0, fp = 0.0
        var above: [(Double, Double)] = Array(repeating: (0, 0), count: count)
        for j in stride(from: count - 1, through: 0, by: -1) {
            tp += positiveIn[j]; fp += negativeIn[j]
            above[j] = (tp, fp)
        }
        let totalPositive = above[0].0, totalNegative = above[0].1
        for j in 0..<count {
            truePositives[j] += above[j].0
            falsePositives[j] += above[j].1
            falseNegatives[j] += totalPositive - above[j].0
            trueNegatives[j] += totalNegative - above[j].1
        }
    }

    /// The area under the ROC curve by the trapezoid rule over the thresholds, with Keras's
    /// `divide_no_nan` (a rate with nothing to divide by is 0).
    public var rocArea: Double {
        let n = truePositives.count
        func ratio(_ a: Double, _ b: Double) -> Double { b == 0 ? 0 : a / b }
        let tpr = (0..<n).map { ratio(truePositives[$0], truePositives[$0] + falseNegatives[$0]) }
        let fpr = (0..<n).map { ratio(falsePositives[$0], falsePositives[$0] + trueNegatives[$0]) }
        var area = 0.0
        for i in 0..<max(n - 1, 0) { area += (fpr[i] - fpr[i + 1]) * (tpr[i] + tpr[i + 1]) / 2 }
        return area
    }

    /// The area under the precision-recall curve as Keras's `interpolate_pr_auc` computes it:
    /// between two thresholds the true positives and the predicted positives vary linearly, and
    /// the precision is integrated in closed form over each interval.
    public var prArea: Double {
        func ratio(_ a: Double, _ b: Double) -> Double { b == 0 ? 0 : a / b }
        let n = truePositives.count
        var area = 0.0
        for i in 0..<max(n - 1, 0) {
            let dtp = truePositives[i] - truePositives[i + 1]
            let pA = truePositives[i] + falsePositives[i], pB = truePositives[i + 1] + falsePositives[i + 1]
            let slope = ratio(dtp, max(pA - pB, 0))
            let intercept = truePositives[i + 1] - slope * pB
            let pRatio = pA > 0 && pB > 0 ? ratio(pA, max(pB, 0)) : 1
            area += ratio(slope * (dtp + intercept * log(pRatio)), max(truePositives[i + 1] + falseNegatives[i + 1], 0))
        }
        return area
    }
}

/// Whether class `label` is among the `k` highest of `values[start..<start + count]`: fewer than
/// `k` classes score strictly higher (ties at the boundary count as in, as `tf.math.in_top_k`).
func inTopK(_ values: [Float], _ start: Int, _ count: Int, _ label: Int, _ k: Int) -> Bool {
    guard label >= 0, label < count else { return false }
    let mine = values[start + label]
    guard mine.isFinite else { return false }
    var higher = 0
    for j in 0..<count where values[start + j] > mine { higher += 1 }
    return higher < k
}
