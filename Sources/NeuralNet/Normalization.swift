import Glibc
import Tensor

/// `keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=0.001, center=True,
/// scale=True, name=None)`: per channel of `axis`, `gamma` (ones) and `beta` (zeros) are
/// trainable, `moving_mean` (zeros) and `moving_variance` (ones) are not, so 4 parameters per
/// channel of which 2 trainable (fewer with center or scale off).
///
/// The forward pass normalises with the moving statistics (inference). Training with batch
/// statistics and updating the moving ones belong to the training issue; until then
/// `training: true` behaves as inference.
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
        let a = axis < 0 ? axis + inputShape.count : axis
        guard a >= 1, a < inputShape.count else {
            throw LayerError.value(
                "Invalid axis: \(axis) for layer \"\(name)\" with an input of rank \(inputShape.count). "
                    + "Full shape received: \(formatShape(inputShape))",
                argument: "axis")
        }
        return a
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        let a = try resolvedAxis(inputShape)
        guard inputShape[a] != nil else {
            throw LayerError.value(
                "Axis \(axis) of input tensor should have a defined dimension but the layer received an input "
                    + "with shape \(formatShape(inputShape)).",
                argument: "axis")
        }
        return inputShape
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

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let dims = x.shape.dims
        let a = try resolvedAxis([nil] + dims.dropFirst().map { $0 })
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
