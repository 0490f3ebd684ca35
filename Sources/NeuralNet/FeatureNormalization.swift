import Tensor

/// `keras.layers.Normalization(axis=-1, mean=None, variance=None, invert=False)`: shifts and
/// scales each feature to mean 0 and variance 1, y = (x - mean) / max(sqrt(variance), 1e-7)
/// (invert: x * max(sqrt(variance), 1e-7) + mean), with one mean and variance per index of the
/// kept axes (`axis=None`: one for everything).
///
/// Without `mean=`/`variance=` the statistics are weights that `adapt` computes from data:
/// `mean` (zeros), `variance` (ones) and Keras's legacy `count`, all non-trainable, so a layer
/// over 3 channels has 7 parameters. Given at construction they are constants (no parameters).
public final class Normalization: Layer {
    public let core: LayerCore
    /// The kept axes as given (negative counts from the end); empty for `axis=None`.
    public let axis: [Int]
    public let invert: Bool
    /// `mean=` and `variance=` as given: a scalar (shape []) or values over the kept axes.
    public let fixedMean: Tensor?
    public let fixedVariance: Tensor?

    public init(axis: [Int] = [-1], mean: Tensor? = nil, variance: Tensor? = nil, invert: Bool = false,
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "Normalization", name: name, inputShape: inputShape, session: session)
        self.axis = axis; self.invert = invert
        guard (mean == nil) == (variance == nil) else {
            throw LayerError.value("When setting values directly, both `mean` and `variance` must be set. "
                                   + "Received: mean=\(Normalization.text(mean)) and variance=\(Normalization.text(variance))", argument: "mean")
        }
        if let mean, let variance {
            guard mean.shape == variance.shape else {
                throw LayerError.value("When setting values directly, `mean` and `variance` must have the same shape. Received: mean shape "
                                       + "\(formatShape(mean.shape.dims)) and variance shape \(formatShape(variance.shape.dims))", argument: "variance")
            }
            guard mean.shape.rank <= axis.count else {
                throw LayerError.value("The rank of `mean` must be less than or equal to the number of axes (\(axis.count)). Received: "
                                       + "mean shape \(formatShape(mean.shape.dims)) for axis \(formatShape(axis))", argument: "mean")
            }
        }
        fixedMean = mean.map { $0.dtype == .float32 ? $0 : $0.converted(to: .float32) }
        fixedVariance = variance.map { $0.dtype == .float32 ? $0 : $0.converted(to: .float32) }
    }

    private static func text(_ t: Tensor?) -> String { t == nil ? "None" : "array of shape \(formatShape(t!.shape.dims))" }

    /// The kept axes as sorted indices into a shape of `rank` dimensions (the batch is axis 0).
    func keptAxes(rank: Int) throws -> [Int] {
        if axis.contains(where: { $0 < -rank || $0 >= rank }) {
            throw LayerError.value("All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=\(rank), while "
                                   + "axis=\(formatShape(axis))", argument: "axis")
        }
        return Set(axis.map { $0 < 0 ? $0 + rank : $0 }).sorted()
    }

    /// The shape of the statistics: the input's sizes on the kept axes.
    func statisticsShape(_ inputShape: [Int?]) throws -> [Int] {
        try keptAxes(rank: inputShape.count).map { d in
            guard let n = inputShape[d] else {
                throw LayerError.value("All `axis` values to be kept must have a known shape. Received axis=\(formatShape(axis)), "
                                       + "inputs.shape=\(formatShape(inputShape)), with unknown axis at index \(d)", argument: "axis")
            }
            return n
        }
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let kept = try statisticsShape(inputShape)
        if let fixedMean {
            // Keras aligns the given values with the kept axes from the right.
            let given = fixedMean.shape.dims
            for (g, k) in zip(given.reversed(), kept.reversed()) where g != k && g != 1 {
                throw LayerError.value("`mean` of shape \(formatShape(given)) cannot be broadcast to the kept axes' shape \(formatShape(kept))",
                                       argument: "mean")
            }
        }
        return inputShape
    }

    public func weightSpecs(for inputShape: [Int?]) -> [WeightSpec] {
        guard fixedMean == nil, let shape = try? statisticsShape(inputShape) else { return [] }
        return [WeightSpec("mean", shape, trainable: false, initializer: .zeros),
                WeightSpec("variance", shape, trainable: false, initializer: .ones),
                WeightSpec("count", [], trainable: false, initializer: .zeros, isInteger: true)]
    }

    /// Mean and max(sqrt(variance), epsilon) per index of the statistics, flattened.
    private func statistics(_ kept: [Int]) -> (mean: [Float], scale: [Float]) {
        let n = kept.reduce(1, *)
        func spread(_ t: Tensor) -> [Float] {
            let v = t.floatArray
            if v.count == n { return v }
            if v.count == 1 { return [Float](repeating: v[0], count: n) }
            // Broadcast along the kept axes, aligned from the right.
            let dims = t.shape.dims, offset = kept.count - dims.count
            return (0..<n).map { i in
                var rest = i, source = 0, step = 1
                for a in stride(from: kept.count - 1, through: 0, by: -1) {
                    let coordinate = rest % kept[a]; rest /= kept[a]
                    if a >= offset {
                        let size = dims[a - offset]
                        source += (size == 1 ? 0 : coordinate) * step
                        step *= size
                    }
                }
                return v[source]
            }
        }
        let mean: [Float], variance: [Float]
        if let fixedMean, let fixedVariance {
            mean = spread(fixedMean); variance = spread(fixedVariance)
        } else {
            mean = weights[0].value.floatArray; variance = weights[1].value.floatArray
        }
        return (mean, variance.map { max($0.squareRoot(), 1e-7) })
    }

    /// For each value of a batch of `dims`, the index of its statistics.
    private func statisticIndex(_ dims: [Int], _ keptAxes: [Int]) -> (Int) -> Int {
        if keptAxes.isEmpty { return { _ in 0 } }
        if keptAxes == [dims.count - 1] { let c = dims[dims.count - 1]; return { $0 % c } }
        var inner = [Int](repeating: 1, count: dims.count)
        for d in stride(from: dims.count - 2, through: 0, by: -1) { inner[d] = inner[d + 1] * dims[d + 1] }
        var keptStride = [Int](repeating: 0, count: dims.count), s = 1
        for d in keptAxes.reversed() { keptStride[d] = s; s *= dims[d] }
        return { i in keptAxes.reduce(0) { $0 + (i / inner[$1]) % dims[$1] * keptStride[$1] } }
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let dims = x.shape.dims
        let keptAxes = try keptAxes(rank: dims.count)
        let (mean, scale) = statistics(keptAxes.map { dims[$0] })
        let index = statisticIndex(dims, keptAxes)
        let y = x.dtype == .float32 ? x.copy() : floatBatch(x)
        let v = y.floats
        for i in 0..<v.count {
            let k = index(i)
            v[i] = invert ? v[i] * scale[k] + mean[k] : (v[i] - mean[k]) / scale[k]
        }
        if training { core.trainingState = dims }
        return y
    }

    /// The layer is affine in x: dL/dx = dL/dy / scale (times scale when inverting). The
    /// statistics are not trained.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let dims = try keptState([Int].self)
        core.gradients = weights.map { _ in nil }
        guard needInputGradient else { return nil }
        try checkGradient(gradOutput, matches: Shape(dims), of: self)
        let keptAxes = try keptAxes(rank: dims.count)
        let (_, scale) = statistics(keptAxes.map { dims[$0] })
        let index = statisticIndex(dims, keptAxes)
        let dx = gradOutput.copy()
        let d = dx.floats
        for i in 0..<d.count { d[i] = invert ? d[i] * scale[index(i)] : d[i] / scale[index(i)] }
        return dx
    }
}

extension Normalization {
    /// Keras's `adapt(data)`: the mean and variance of the data over every axis but the kept ones,
    /// stored as the layer's `mean` and `variance`. `nextBatch` gives the data batch by batch
    /// (one batch: the whole array), nil at the end; batches are combined with Keras's running
    /// formula, so several batches give the statistics of all of them.
    public func adapt(_ nextBatch: () throws -> Tensor?) throws {
        guard fixedMean == nil else {
            throw LayerError.value("This Normalization layer was given `mean` and `variance`, so it has nothing to adapt.",
                                   hint: "create it without mean= and variance= to compute them with adapt(data)")
        }
        guard var batch = try nextBatch() else {
            throw LayerError.value("adapt() received an empty iterable (no batches). Expected at least one batch. Pass a non-empty "
                                   + "iterable of arrays or tensors, e.g. layer.adapt([x]) or layer.adapt(list_of_batches).")
        }
        let firstShape: [Int?] = [nil] + batch.shape.dims.dropFirst().map { $0 }
        if let built = inputShape {
            let kept = try keptAxes(rank: built.count)
            guard built.count == firstShape.count, kept.allSatisfy({ built[$0] == firstShape[$0] }) else {
                throw LayerError.value("The layer was built with input_shape=\(formatShape(built)), but adapt() is being called with data "
                                       + "with an incompatible shape, data.shape=\(formatShape(batch.shape.dims))", argument: "data")
            }
        } else {
            try build(firstShape)
        }
        let built = inputShape!
        let keptAxes = try keptAxes(rank: built.count)
        let statistics = weights[0].count
        var mean = [Double](repeating: 0, count: statistics), variance = mean
        var count = 0
        while true {
            let dims = batch.shape.dims
            guard dims.count == built.count, keptAxes.allSatisfy({ built[$0] == dims[$0] }) else {
                throw LayerError.value("adapt() yielded a batch with incompatible shape. Expected \(formatShape(built)), got "
                                       + "\(formatShape(dims)).", argument: "data")
            }
            let (batchMean, batchVariance, batchCount) = moments(floatBatch(batch), keptAxes, statistics)
            if batchCount > 0 {
                count += batchCount
                let w = Double(batchCount) / Double(count), old = 1 - w
                for k in 0..<statistics {
                    let newMean = mean[k] * old + batchMean[k] * w
                    variance[k] = (variance[k] + (mean[k] - newMean) * (mean[k] - newMean)) * old
                        + (batchVariance[k] + (batchMean[k] - newMean) * (batchMean[k] - newMean)) * w
                    mean[k] = newMean
                }
            }
            guard let next = try nextBatch() else { break }
            batch = next
        }
        try weights[0].assign(Tensor(shape: Shape(weights[0].shape), floats: mean.map { Float($0) }))
        try weights[1].assign(Tensor(shape: Shape(weights[1].shape), floats: variance.map { Float($0) }))
    }

    /// Per statistic, the mean and (biased) variance of a batch's values, and how many values
    /// each statistic saw.
    private func moments(_ x: Tensor, _ keptAxes: [Int], _ statistics: Int) -> ([Double], [Double], Int) {
        let index = statisticIndex(x.shape.dims, keptAxes)
        var sum = [Double](repeating: 0, count: statistics), squares = sum
        let v = x.floatArray
        for i in 0..<v.count { sum[index(i)] += Double(v[i]) }
        let perStatistic = v.count / max(statistics, 1)
        guard perStatistic > 0 else { return (sum, squares, 0) }
        let mean = sum.map { $0 / Double(perStatistic) }
        for i in 0..<v.count {
            let d = Double(v[i]) - mean[index(i)]
            squares[index(i)] += d * d
        }
        return (mean, squares.map { $0 / Double(perStatistic) }, perStatistic)
    }
}
