import Glibc
import Tensor

/// What a metric has accumulated since its last reset, as Keras's metric variables hold it:
/// `update` is `metric.update_state(y_true, y_pred, sample_weight)`, `result` is
/// `metric.result()`, `reset` is `metric.reset_state()`. fit resets its metrics at the start of
/// every epoch, so the logs are over the whole epoch so far, not means of per-batch values.
public struct MetricState: Sendable {
    public let metric: Metric
    /// Mean metrics: the weighted sum of the samples' scores, and the sum of their weights.
    public private(set) var total = 0.0
    public private(set) var count = 0.0
    /// Confusion metrics: the weighted counts at each threshold.
    public private(set) var confusion: ConfusionCounts

    public init(_ metric: Metric) {
        self.metric = metric
        confusion = ConfusionCounts(thresholds: metric.thresholds.count)
    }

    public mutating func reset() {
        total = 0; count = 0
        confusion = ConfusionCounts(thresholds: metric.thresholds.count)
    }

    /// Adds a batch. `sampleWeights`, when given, has one weight per sample (the first axis).
    public mutating func update(predictions: Tensor, targets: Tensor, sampleWeights: [Float]? = nil) throws {
        let samples = predictions.shape.rank > 0 ? predictions.shape[0] : 1
        if let w = sampleWeights, w.count != samples {
            throw LayerError.value("Expected one sample weight per sample: \(samples) samples, received \(w.count) weights.",
                                   argument: "sample_weight")
        }
        guard targets.shape.rank > 0, targets.shape[0] == samples else {
            throw metricShapeMismatch("\(metric.name) expects as many targets as predictions",
                                      targets.shape.dims, predictions.shape.dims)
        }
        if metric.isConfusionMetric {
            guard targets.count == predictions.count else {
                throw metricShapeMismatch("\(metric.name) expects one target per output value",
                                          targets.shape.dims, predictions.shape.dims)
            }
            var p = predictions.converted(to: .float32).floatArray
            switch metric {
            case .auc(_, true), .prAUC(_, true): p = p.map { 1 / (1 + expf(-$0)) }
            default: break
            }
            confusion.add(predictions: p, targets: targets.converted(to: .float32).floatArray,
                          weights: sampleWeights, thresholds: metric.thresholds)
            return
        }
        let scores = try metric.sampleScores(predictions: predictions, targets: targets)
        for (i, s) in scores.enumerated() {
            let w = sampleWeights.map { Double($0[i]) } ?? 1
            total += s * w
            count += w
        }
    }

    /// The metric's value, as the float32 Keras keeps it (an accuracy of 0.814 reads back in
    /// Python as 0.8140000104904175, as Keras's does); 0 before any data.
    public var result: Double {
        let value: Double
        switch metric {
        case .precision:
            let tp = confusion.truePositives[0], fp = confusion.falsePositives[0]
            value = tp + fp == 0 ? 0 : tp / (tp + fp)
        case .recall:
            let tp = confusion.truePositives[0], fn = confusion.falseNegatives[0]
            value = tp + fn == 0 ? 0 : tp / (tp + fn)
        case .auc:
            value = confusion.rocArea
        case .prAUC:
            value = confusion.prArea
        case .count(let cell, _):
            switch cell {
            case .truePositives: value = confusion.truePositives[0]
            case .falsePositives: value = confusion.falsePositives[0]
            case .trueNegatives: value = confusion.trueNegatives[0]
            case .falseNegatives: value = confusion.falseNegatives[0]
            }
        case .rootMeanSquaredError:
            value = count == 0 ? 0 : (total / count).squareRoot()
        default:
            value = count == 0 ? 0 : total / count
        }
        return Double(Float(value))
    }
}
