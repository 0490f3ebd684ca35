import Glibc
import Tensor

/// `keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=0.001, center=True,
/// scale=True, name=None)`: per channel of `axis`, `gamma` (ones) and `beta` (zeros) are
/// trainable, `moving_mean` (zeros) and `moving_variance` (ones) are not, so 4 parameters per
/// channel of which 2 trainable (fewer with center or scale off).
///
/// Inference (`training: false`) normalises with the moving statistics. Training
/// (`training: true`) normalises with the batch's mean and (biased) variance over every axis but
/// `axis` and updates the moving statistics as Keras 3 does: moving = moving * momentum +
/// batch * (1 - momentum). A layer with `trainable` false runs in inference mode even then, as in
/// Keras.
public final class BatchNormalization: Layer {
    public let core: LayerCore
    public let axis: Int
    public let momentum: Double
    public let epsilon: Double
    public let center: Bool
    public let scale: Bool

    public init(axis: Int = -1, momentum: Double = 0.99, epsilon: Double = 0.001, center: Bool = true,
                scale: Bool = true, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "BatchNormalization", name: name, inputShape: inputShape, session: session)
        guard momentum >= 0, momentum <= 1 else {
            throw LayerError.value(
                "Invalid value for argument `momentum`. Expected a float between 0 and 1. Received: momentum=\(momentum)",
                argument: "momentum")
        }
        guard epsilon > 0 else {
            throw LayerError.value(
                "Invalid value for argument `epsilon`. Expected a positive float. Received: epsilon=\(epsilon)",
                argument: "epsilon")
        }
        self.axis = axis; self.momentum = momentum; self.epsilon = epsilon
        self.center = center; self.scale = scale
    }

    /// The axis as a non-negative index into `inputShape`.
    private func resolvedAxis(_ inputShape: [Int?]) throws -> Int {
        try NormalizationAxis.resolve(axis, inputShape, layer: name)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        try NormalizationAxis.outputShape(axis, inputShape, layer: name)
    }

    public func weightSpecs(for inputShape: [Int?]) -> [WeightSpec] {
        let a = (try? resolvedAxis(inputShape)) ?? inputShape.count - 1
        let c = (a >= 0 && a < inputShape.count ? inputShape[a] : nil) ?? 0
        var specs: [WeightSpec] = []
        if scale { specs.append(WeightSpec("gamma", [c], initializer: .ones)) }
        if center { specs.append(WeightSpec("beta", [c], initializer: .zeros)) }
        specs.append(WeightSpec("moving_mean", [c], trainable: false, initializer: .zeros))
        specs.append(WeightSpec("moving_variance", [c], trainable: false, initializer: .ones))
        return specs
    }

    private func weight(_ name: String) -> Tensor? { weights.first { $0.name == name }?.value }

    /// What a training forward pass keeps: with batch statistics, x̂ and 1/std per channel; frozen
    /// (trainable false), the input, normalised by the moving statistics in backward.
    private enum Pass {
        case batch(normalized: Tensor, inverseStd: Tensor, axis: Int)
        case frozen(input: Tensor, axis: Int)
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let dims = x.shape.dims
        let a = try resolvedAxis([nil] + dims.dropFirst().map { $0 })
        let gamma = weight("gamma"), beta = weight("beta")
        if training && trainable {
            let r = try Kernels.batchNormTraining(x, gamma: gamma, beta: beta, epsilon: Float(epsilon), axis: a)
            let m = Float(momentum)
            for (moving, batch) in [(weight("moving_mean")!, r.mean), (weight("moving_variance")!, r.variance)] {
                let mv = moving.floats, b = batch.floats
                for ch in 0..<mv.count { mv[ch] = mv[ch] * m + b[ch] * (1 - m) }
            }
            core.trainingState = Pass.batch(normalized: r.normalized, inverseStd: r.inverseStd, axis: a)
            return r.output
        }
        if training { core.trainingState = Pass.frozen(input: x, axis: a) }
        return try inference(x, axis: a)
    }

    /// dL/dgamma and dL/dbeta into `core.gradients` (nil for the moving statistics).
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let pass = try keptState(Pass.self)
        let gamma = weight("gamma")
        var dx: Tensor, dGamma: Tensor, dBeta: Tensor
        switch pass {
        case let .batch(normalized, inverseStd, axis):
            (dx, dGamma, dBeta) = try Kernels.batchNormTrainingBackward(
                gradOutput: gradOutput, normalized: normalized, inverseStd: inverseStd, gamma: gamma, axis: axis)
        case let .frozen(input, axis):
            (dx, dGamma, dBeta) = try frozenBackward(input, gradOutput, axis: axis)
        }
        core.gradients = weights.map { w in
            w.name == "gamma" ? dGamma : w.name == "beta" ? dBeta : nil
        }
        return needInputGradient ? dx : nil
    }

    /// y = gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta is affine in x.
    private func frozenBackward(_ x: Tensor, _ dy: Tensor, axis a: Int) throws -> (Tensor, Tensor, Tensor) {
        guard dy.shape == x.shape else {
            throw LayerError.value("BatchNormalization \"\(name)\" received a gradient of shape "
                + "\(formatShape(dy.shape.dims)) for an output of shape \(formatShape(x.shape.dims)).")
        }
        let dims = x.shape.dims
        let c = dims[a], inner = dims[(a + 1)...].reduce(1, *)
        let mean = weight("moving_mean")!.floats, variance = weight("moving_variance")!.floats
        let gamma = weight("gamma")
        var sumDy = [Double](repeating: 0, count: c), sumDyX = [Double](repeating: 0, count: c)
        let inv = (0..<c).map { 1 / (variance[$0] + Float(epsilon)).squareRoot() }
        let dx = try Tensor(zeros: x.shape, what: "the input gradient of \(name)")
        x.withFloats { xv in
            dy.withFloats { g in
                let d = dx.floats
                for i in 0..<d.count {
                    let ch = (i / inner) % c
                    sumDy[ch] += Double(g[i])
                    sumDyX[ch] += Double(g[i] * (xv[i] - mean[ch]) * inv[ch])
                    d[i] = g[i] * (gamma?.floats[ch] ?? 1) * inv[ch]
                }
            }
        }
        return (dx, try Tensor(shape: [c], floats: sumDyX.map { Float($0) }),
                try Tensor(shape: [c], floats: sumDy.map { Float($0) }))
    }

    /// Normalises with the moving statistics.
    private func inference(_ x: Tensor, axis a: Int) throws -> Tensor {
        let dims = x.shape.dims
        let c = dims[a]
        let gamma = weight("gamma"), beta = weight("beta")
        let mean = weight("moving_mean")!, variance = weight("moving_variance")!
        if a == dims.count - 1 {
            return try Kernels.batchNormInference(x, gamma: gamma, beta: beta, movingMean: mean,
                                                  movingVariance: variance, epsilon: Float(epsilon))
        }
        let stride = dims[(a + 1)...].reduce(1, *)
        let y = x.copy()
        let v = y.floats
        for i in 0..<v.count {
            let ch = (i / stride) % c
            v[i] = (v[i] - mean.floats[ch]) / (variance.floats[ch] + Float(epsilon)).squareRoot()
                * (gamma?.floats[ch] ?? 1) + (beta?.floats[ch] ?? 0)
        }
        return y
    }
}

/// `keras.layers.LayerNormalization(axis=-1, epsilon=0.001, center=True, scale=True, name=None)`:
/// each example normalised on its own along `axis` (mean 0, variance 1 over that axis, for every
/// position of the other axes), then scaled by `gamma` (ones) and shifted by `beta` (zeros), one
/// of each per entry of the axis: 2 * size parameters, all trainable. The same in training and
/// inference.
public final class LayerNormalization: Layer {
    public let core: LayerCore
    public let axis: Int
    public let epsilon: Double
    public let center: Bool
    public let scale: Bool

    public init(axis: Int = -1, epsilon: Double = 0.001, center: Bool = true, scale: Bool = true,
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "LayerNormalization", name: name, inputShape: inputShape, session: session)
        self.axis = axis; self.epsilon = epsilon; self.center = center; self.scale = scale
    }

    private func resolvedAxis(_ inputShape: [Int?]) throws -> Int {
        try NormalizationAxis.resolve(axis, inputShape, layer: name,
                                      note: " (the batch axis 0 cannot be normalised)")
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        try NormalizationAxis.outputShape(axis, inputShape, layer: name,
                                          note: " (the batch axis 0 cannot be normalised)")
    }

    public func weightSpecs(for inputShape: [Int?]) -> [WeightSpec] {
        let c = (try? resolvedAxis(inputShape)).flatMap { inputShape[$0] } ?? 0
        var specs: [WeightSpec] = []
        if scale { specs.append(WeightSpec("gamma", [c], initializer: .ones)) }
        if center { specs.append(WeightSpec("beta", [c], initializer: .zeros)) }
        return specs
    }

    private func weight(_ name: String) -> Tensor? { weights.first { $0.name == name }?.value }

    /// What a training forward pass keeps: x̂ and 1/std for every row along the axis.
    private struct Pass {
        let normalized: Tensor
        let inverseStd: [Float]
        let axis: Int
    }

    /// The rows along axis `a` of a tensor of `dims`: `n` values `stride` apart, from `outer * stride` bases.
    private func rows(_ dims: [Int], _ a: Int) -> (n: Int, stride: Int, outer: Int) {
        (dims[a], dims[(a + 1)...].reduce(1, *), dims[..<a].reduce(1, *))
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let x = floatBatch(x)
        let dims = x.shape.dims
        let a = try resolvedAxis([nil] + dims.dropFirst().map { $0 })
        let (n, stride, outer) = rows(dims, a)
        let normalized = x.copy()
        var inverseStd = [Float](repeating: 0, count: outer * stride)
        let v = normalized.floats
        for o in 0..<outer {
            for s in 0..<stride {
                let base = o * n * stride + s
                var mean: Double = 0
                for k in 0..<n { mean += Double(v[base + k * stride]) }
                mean /= Double(n)
                var variance: Double = 0
                for k in 0..<n { let dv = Double(v[base + k * stride]) - mean; variance += dv * dv }
                variance /= Double(n)
                let inv = Float(1 / (variance + epsilon).squareRoot())
                inverseStd[o * stride + s] = inv
                for k in 0..<n { v[base + k * stride] = (v[base + k * stride] - Float(mean)) * inv }
            }
        }
        if training { core.trainingState = Pass(normalized: normalized, inverseStd: inverseStd, axis: a) }
        let gamma = weight("gamma"), beta = weight("beta")
        let y = training ? normalized.copy() : normalized
        let out = y.floats
        for i in 0..<out.count {
            let k = (i / stride) % n
            out[i] = out[i] * (gamma?.floats[k] ?? 1) + (beta?.floats[k] ?? 0)
        }
        return y
    }

    /// dgamma = Σ dy * x̂, dbeta = Σ dy over every row; per row, with g = dy * gamma:
    /// dx = (g - mean(g) - x̂ * mean(g * x̂)) / std.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let pass = try keptState(Pass.self)
        try checkGradient(gradOutput, matches: pass.normalized.shape, of: self)
        let dims = pass.normalized.shape.dims
        let (n, stride, outer) = rows(dims, pass.axis)
        let gamma = weight("gamma")
        var dGamma = [Double](repeating: 0, count: n), dBeta = [Double](repeating: 0, count: n)
        let dx = try Tensor(zeros: pass.normalized.shape, what: "the input gradient of \(name)")
        pass.normalized.withFloats { xh in
            gradOutput.withFloats { g in
                let d = dx.floats
                var scaled = [Float](repeating: 0, count: n)
                for o in 0..<outer {
                    for s in 0..<stride {
                        let base = o * n * stride + s
                        var meanG: Double = 0, meanGX: Double = 0
                        for k in 0..<n {
                            let i = base + k * stride
                            dGamma[k] += Double(g[i] * xh[i])
                            dBeta[k] += Double(g[i])
                            scaled[k] = g[i] * (gamma?.floats[k] ?? 1)
                            meanG += Double(scaled[k])
                            meanGX += Double(scaled[k] * xh[i])
                        }
                        meanG /= Double(n); meanGX /= Double(n)
                        let inv = pass.inverseStd[o * stride + s]
                        for k in 0..<n {
                            let i = base + k * stride
                            d[i] = (scaled[k] - Float(meanG) - xh[i] * Float(meanGX)) * inv
                        }
                    }
                }
            }
        }
        core.gradients = weights.map { w in
            w.name == "gamma" ? try? Tensor(shape: [n], floats: dGamma.map { Float($0) })
                : try? Tensor(shape: [n], floats: dBeta.map { Float($0) })
        }
        return needInputGradient ? dx : nil
    }
}

/// The axis a normalisation layer works along, with Keras's errors when it is out of range or
/// of unknown size.
enum NormalizationAxis {
    /// `axis` as a non-negative index into `inputShape`, never the batch axis.
    static func resolve(_ axis: Int, _ inputShape: [Int?], layer: String, note: String = "") throws -> Int {
        let a = axis < 0 ? axis + inputShape.count : axis
        guard a >= 1, a < inputShape.count else {
            throw LayerError.value(
                "Invalid axis: \(axis) for layer \"\(layer)\" with an input of rank \(inputShape.count)\(note). "
                    + "Full shape received: \(formatShape(inputShape))",
                argument: "axis")
        }
        return a
    }

    /// The output shape (the input's), once the axis is checked and of known size.
    static func outputShape(_ axis: Int, _ inputShape: [Int?], layer: String, note: String = "") throws -> [Int?] {
        let a = try resolve(axis, inputShape, layer: layer, note: note)
        guard inputShape[a] != nil else {
            throw LayerError.value(
                "Axis \(axis) of input tensor should have a defined dimension but the layer received an input "
                    + "with shape \(formatShape(inputShape)).",
                argument: "axis")
        }
        return inputShape
    }
}
