import Glibc
import NeuralNet
import Tensor
import Testing

/// Every metric's accumulation held against a naive twin written straight from Keras's formulas,
/// over several batches, with and without sample weights.
@Suite struct MetricStateTests {
    struct Batch { let p: [Float]; let t: [Float]; let w: [Float]; let samples: Int; let width: Int }

    /// Random batches of `width` probabilities per sample (rows sum to 1 when `softmax`) and
    /// matching targets: integer labels (`sparse`), one-hot rows, or 0/1 values.
    static func batches(width: Int, kind: String, seed: UInt64, sizes: [Int] = [7, 16, 3]) -> [Batch] {
        var g = SeededGenerator(seed: seed)
        return sizes.map { n in
            var p: [Float] = [], t: [Float] = [], w: [Float] = []
            for _ in 0..<n {
                var row = (0..<width).map { _ in g.uniformFloat(0, 1) }
                if kind != "binary" && kind != "regression" {
                    let s = row.reduce(0, +)
                    row = row.map { $0 / s }
                }
                p += row
                let label = Int(g.next() % UInt64(width))
                switch kind {
                case "sparse": t.append(Float(label))
                case "onehot": t += (0..<width).map { $0 == label ? 1 : 0 }
                case "binary": t += (0..<width).map { _ in g.next() % 2 == 0 ? 1 : 0 }
                default: t += (0..<width).map { _ in g.uniformFloat(-1, 2) }
                }
                w.append(g.uniformFloat(0, 3))
            }
            return Batch(p: p, t: t, w: w, samples: n, width: width)
        }
    }

    static func run(_ metric: Metric, _ batches: [Batch], weighted: Bool) throws -> Double {
        var state = MetricState(metric)
        for b in batches {
            let tShape = b.t.count == b.samples ? [b.samples] : [b.samples, b.width]
            try state.update(predictions: try Tensor(shape: Shape([b.samples, b.width]), floats: b.p),
                             targets: try Tensor(shape: Shape(tShape), floats: b.t), sampleWeights: weighted ? b.w : nil)
        }
        return state.result
    }

    // MARK: the naive twins

    /// Σ w·score / Σ w over every sample of every batch, each score computed from its row alone.
    static func naiveMean(_ batches: [Batch], weighted: Bool, score: ([Float], [Float]) -> Double) -> Double {
        var total = 0.0, count = 0.0
        for b in batches {
            let tw = b.t.count / b.samples
            for s in 0..<b.samples {
                let w = weighted ? Double(b.w[s]) : 1
                total += w * score(Array(b.p[s * b.width..<(s + 1) * b.width]), Array(b.t[s * tw..<(s + 1) * tw]))
                count += w
            }
        }
        return total / count
    }

    static func firstMax(_ v: [Float]) -> Int { v.indices.max { v[$0] < v[$1] || (v[$0] == v[$1] && $0 > $1) }! }

    /// In the top k by sorting: the k-th largest value is at most the target's.
    static func naiveInTopK(_ row: [Float], _ label: Int, _ k: Int) -> Bool {
        let sorted = row.sorted(by: >)
        return row[label] >= sorted[min(k, row.count) - 1]
    }

    /// Counts at each threshold by comparing every value with it.
    static func naiveCounts(_ batches: [Batch], thresholds: [Double], weighted: Bool, binaryTargets: Bool)
        -> (tp: [Double], fp: [Double], tn: [Double], fn: [Double]) {
        let n = thresholds.count
        var tp = Array(repeating: 0.0, count: n), fp = tp, tn = tp, fn = tp
        for b in batches {
            for i in 0..<b.p.count {
                let w = weighted ? Double(b.w[i / b.width]) : 1
                let y = binaryTargets ? (b.t[i] != 0 ? 1.0 : 0) : Double(b.t[i])
                for j in 0..<n {
                    if Double(b.p[i]) > thresholds[j] { tp[j] += y * w; fp[j] += (1 - y) * w } else { fn[j] += y * w; tn[j] += (1 - y) * w }
                }
            }
        }
        return (tp, fp, tn, fn)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }

    // MARK: tests

    @Test(arguments: [false, true]) func accuraciesMatchTheirTwins(weighted: Bool) throws {
        let sparse = Self.batches(width: 6, kind: "sparse", seed: 1)
        #expect(Self.close(try Self.run(.sparseCategoricalAccuracy, sparse, weighted: weighted),
                           Self.naiveMean(sparse, weighted: weighted) { p, t in Self.firstMax(p) == Int(t[0]) ? 1 : 0 }))
        for k in [1, 2, 5, 6] {
            #expect(Self.close(try Self.run(.sparseTopKCategoricalAccuracy(k: k), sparse, weighted: weighted),
                               Self.naiveMean(sparse, weighted: weighted) { p, t in Self.naiveInTopK(p, Int(t[0]), k) ? 1 : 0 }))
        }
        let onehot = Self.batches(width: 6, kind: "onehot", seed: 2)
        #expect(Self.close(try Self.run(.categoricalAccuracy, onehot, weighted: weighted),
                           Self.naiveMean(onehot, weighted: weighted) { p, t in Self.firstMax(p) == Self.firstMax(t) ? 1 : 0 }))
        for k in [1, 3, 5] {
            #expect(Self.close(try Self.run(.topKCategoricalAccuracy(k: k), onehot, weighted: weighted),
                               Self.naiveMean(onehot, weighted: weighted) { p, t in Self.naiveInTopK(p, Self.firstMax(t), k) ? 1 : 0 }))
        }
        let binary = Self.batches(width: 3, kind: "binary", seed: 3)
        for threshold in [0.5, 0.2] {
            #expect(Self.close(try Self.run(.binaryAccuracy(threshold: threshold), binary, weighted: weighted),
                               Self.naiveMean(binary, weighted: weighted) { p, t in
                                   Double(zip(p, t).filter { ($0.0 > Float(threshold) ? 1 : 0) == $0.1 }.count) / Double(p.count)
                               }))
        }
    }

    @Test func topKCountsTiesAtTheBoundaryAsIn() throws {
        var state = MetricState(.sparseTopKCategoricalAccuracy(k: 1))
        // Row 0: the label ties the top value; row 1: the label is below the top.
        try state.update(predictions: try Tensor(shape: [2, 3], floats: [0.4, 0.4, 0.2, 0.5, 0.3, 0.2]),
                         targets: try Tensor(shape: [2], floats: [1, 1]))
        #expect(state.result == 0.5)
    }

    @Test(arguments: [false, true]) func regressionMetricsMatchTheirTwins(weighted: Bool) throws {
        let data = Self.batches(width: 4, kind: "regression", seed: 4)
        let mae = Self.naiveMean(data, weighted: weighted) { p, t in zip(p, t).map { abs(Double($0) - Double($1)) }.reduce(0, +) / Double(p.count) }
        let mse = Self.naiveMean(data, weighted: weighted) { p, t in zip(p, t).map { pow(Double($0) - Double($1), 2) }.reduce(0, +) / Double(p.count) }
        #expect(Self.close(try Self.run(.meanAbsoluteError, data, weighted: weighted), mae))
        #expect(Self.close(try Self.run(.meanSquaredError, data, weighted: weighted), mse))
        #expect(Self.close(try Self.run(.rootMeanSquaredError, data, weighted: weighted), mse.squareRoot()))
        #expect(Self.close(try Self.run(.accuracy, data, weighted: weighted), 0))
    }

    @Test(arguments: [false, true]) func precisionAndRecallCountOverAllBatches(weighted: Bool) throws {
        let data = Self.batches(width: 2, kind: "binary", seed: 5)
        for threshold in [0.5, 0.3] {
            let c = Self.naiveCounts(data, thresholds: [threshold], weighted: weighted, binaryTargets: true)
            #expect(Self.close(try Self.run(.precision(threshold: threshold), data, weighted: weighted), c.tp[0] / (c.tp[0] + c.fp[0])))
            #expect(Self.close(try Self.run(.recall(threshold: threshold), data, weighted: weighted), c.tp[0] / (c.tp[0] + c.fn[0])))
        }
        // Not the mean of per-batch precisions: batches of different sizes and precisions.
        let perBatch = try data.map { try Self.run(.precision(threshold: 0.5), [$0], weighted: false) }
        #expect(!Self.close(try Self.run(.precision(threshold: 0.5), data, weighted: false), perBatch.reduce(0, +) / Double(perBatch.count)))
    }

    @Test(arguments: [false, true]) func aucBucketsMatchComparingWithEveryThreshold(weighted: Bool) throws {
        let data = Self.batches(width: 1, kind: "binary", seed: 6, sizes: [50, 31, 64])
        for n in [3, 200, 17] {
            let metric = Metric.auc(numThresholds: n, fromLogits: false)
            var counts = ConfusionCounts(thresholds: n)
            for b in data { counts.add(predictions: b.p, targets: b.t, weights: weighted ? b.w : nil, thresholds: metric.thresholds) }
            let c = Self.naiveCounts(data, thresholds: metric.thresholds, weighted: weighted, binaryTargets: false)
            for j in 0..<n {
                #expect(Self.close(counts.truePositives[j], c.tp[j]) && Self.close(counts.falsePositives[j], c.fp[j]))
                #expect(Self.close(counts.trueNegatives[j], c.tn[j]) && Self.close(counts.falseNegatives[j], c.fn[j]))
            }
            // The trapezoids over (fpr, tpr), written out.
            var area = 0.0
            for i in 0..<(n - 1) {
                let tpr = { (j: Int) in c.tp[j] / (c.tp[j] + c.fn[j]) }, fpr = { (j: Int) in c.fp[j] / (c.fp[j] + c.tn[j]) }
                area += (fpr(i) - fpr(i + 1)) * (tpr(i) + tpr(i + 1)) / 2
            }
            #expect(Self.close(try Self.run(metric, data, weighted: weighted), Double(Float(area))))
        }
    }

    @Test(arguments: [false, true]) func confusionCountsAndPRAreaMatchTheirTwins(weighted: Bool) throws {
        let data = Self.batches(width: 2, kind: "binary", seed: 7)
        for threshold in [0.5, 0.25] {
            let c = Self.naiveCounts(data, thresholds: [threshold], weighted: weighted, binaryTargets: true)
            let cells: [(Metric.ConfusionCell, Double)] = [(.truePositives, c.tp[0]), (.falsePositives, c.fp[0]),
                                                           (.trueNegatives, c.tn[0]), (.falseNegatives, c.fn[0])]
            for (cell, expected) in cells {
                #expect(Self.close(try Self.run(.count(cell, threshold: threshold), data, weighted: weighted), Double(Float(expected))))
            }
        }
        // Keras's interpolate_pr_auc, written with whole arrays as in its source.
        for n in [200, 9] {
            let metric = Metric.prAUC(numThresholds: n, fromLogits: false)
            let c = Self.naiveCounts(data, thresholds: metric.thresholds, weighted: weighted, binaryTargets: false)
            func noNaN(_ a: Double, _ b: Double) -> Double { b == 0 ? 0 : a / b }
            let p = zip(c.tp, c.fp).map { $0 + $1 }
            let dtp = (0..<(n - 1)).map { c.tp[$0] - c.tp[$0 + 1] }
            let dp = (0..<(n - 1)).map { p[$0] - p[$0 + 1] }
            let slope = zip(dtp, dp).map { noNaN($0, max($1, 0)) }
            let intercept = (0..<(n - 1)).map { c.tp[$0 + 1] - slope[$0] * p[$0 + 1] }
            let ratio = (0..<(n - 1)).map { p[$0] > 0 && p[$0 + 1] > 0 ? noNaN(p[$0], max(p[$0 + 1], 0)) : 1 }
            let increments = (0..<(n - 1)).map {
                noNaN(slope[$0] * (dtp[$0] + intercept[$0] * log(ratio[$0])), max(c.tp[$0 + 1] + c.fn[$0 + 1], 0))
            }
            #expect(Self.close(try Self.run(metric, data, weighted: weighted), Double(Float(increments.reduce(0, +)))))
        }
    }

    @Test func prAreaOfAPerfectRankingIsOne() throws {
        var state = MetricState(.prAUC(numThresholds: 200, fromLogits: false))
        try state.update(predictions: try Tensor(shape: [6], floats: [0.1, 0.2, 0.3, 0.7, 0.8, 0.9]),
                         targets: try Tensor(shape: [6], floats: [0, 0, 0, 1, 1, 1]))
        #expect(abs(state.result - 1) < 1e-6)
    }

    @Test(arguments: [false, true]) func binaryCrossentropyMetricMatchesTheLossPerSample(weighted: Bool) throws {
        let data = Self.batches(width: 3, kind: "binary", seed: 8)
        var total = 0.0, count = 0.0
        for b in data {
            for s in 0..<b.samples {
                let row = { (v: [Float]) in try Tensor(shape: [1, b.width], floats: Array(v[s * b.width..<(s + 1) * b.width])) }
                let w = weighted ? Double(b.w[s]) : 1
                total += w * (try Loss.binaryCrossentropy(fromLogits: false).value(predictions: try row(b.p), targets: try row(b.t)))
                count += w
            }
        }
        #expect(Self.close(try Self.run(.binaryCrossentropy(fromLogits: false), data, weighted: weighted), total / count))
    }

    @Test func aucOfKerasDocstringExample() throws {
        // keras.metrics.AUC(num_thresholds=3) on [0, 0, 1, 1] vs [0, 0.5, 0.3, 0.9] is 0.75.
        var state = MetricState(.auc(numThresholds: 3, fromLogits: false))
        try state.update(predictions: try Tensor(shape: [4], floats: [0, 0.5, 0.3, 0.9]), targets: try Tensor(shape: [4], floats: [0, 0, 1, 1]))
        #expect(state.result == 0.75)
        state.reset()
        try state.update(predictions: try Tensor(shape: [4], floats: [0, 0.5, 0.3, 0.9]), targets: try Tensor(shape: [4], floats: [0, 0, 1, 1]),
                         sampleWeights: [1, 0, 0, 1])
        #expect(state.result == 1)
    }

    @Test func precisionOfKerasDocstringExample() throws {
        var state = MetricState(.precision(threshold: 0.5))
        try state.update(predictions: try Tensor(shape: [4], floats: [1, 0, 1, 1]), targets: try Tensor(shape: [4], floats: [0, 1, 1, 1]))
        #expect(state.result == Double(Float(2.0 / 3.0)))
        state.reset()
        #expect(state.result == 0)
    }

    @Test func logNamesFollowKerasCompileMetrics() throws {
        let setup = CompileSetup(optimizer: try SGD(learningRate: 0.1), loss: .meanSquaredError,
                                 metrics: [("mae", .meanAbsoluteError), ("mae", .meanAbsoluteError), ("precision", .precision(threshold: 0.5))],
                                 weightedMetrics: [("mae", .meanAbsoluteError), ("mae", .meanAbsoluteError), ("auc", .auc(numThresholds: 200, fromLogits: false))])
        #expect(setup.logNames == ["mae", "mae_1", "precision", "weighted_mae", "weighted_mae_1", "auc", "loss"])
    }

    @Test func namesResolveAsKerasMetricsGet() throws {
        #expect(try Metric.resolve("mae", loss: .meanSquaredError) == .meanAbsoluteError)
        #expect(try Metric.resolve("mean_squared_error", loss: .meanSquaredError) == .meanSquaredError)
        #expect(try Metric.resolve("RootMeanSquaredError", loss: .meanSquaredError) == .rootMeanSquaredError)
        #expect(try Metric.resolve("auc", loss: .meanSquaredError) == .auc(numThresholds: 200, fromLogits: false))
        #expect(try Metric.resolve("top_k_categorical_accuracy", loss: .meanSquaredError) == .topKCategoricalAccuracy(k: 5))
        #expect(Metric.topKCategoricalAccuracy(k: 5).name == "top_k_categorical_accuracy")
        #expect(Metric.rootMeanSquaredError.name == "root_mean_squared_error")
        #expect(throws: LayerError.self) { try Metric.resolve("f1_score", loss: .meanSquaredError) }
        #expect(throws: LayerError.self) { try Metric.resolve("precison", loss: .meanSquaredError) }
    }

    @Test func classWeightsFollowLabelsAndOneHotRows() throws {
        let labels = try Tensor(shape: [5], floats: [0, 1, 2, 1, 1.4])
        #expect(try ClassWeights.sampleWeights(labels, [1: 3, 2: 0.5]) == [1, 3, 0.5, 3, 3])
        let onehot = try Tensor(shape: [2, 3], floats: [0, 0, 1, 1, 0, 0])
        #expect(try ClassWeights.sampleWeights(onehot, [2: 4]) == [4, 1])
        #expect(throws: LayerError.self) { try ClassWeights.sampleWeights(try Tensor(zeros: [2, 3, 1]), [0: 1]) }
    }

    @Test func validationFrequencyAsKerasShouldEval() {
        #expect((1...6).filter { ValidationFrequency.every(2).validates(after: $0) } == [2, 4, 6])
        #expect((1...6).filter { ValidationFrequency.epochs([1, 5]).validates(after: $0) } == [1, 5])
    }
}
