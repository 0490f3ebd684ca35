import CKernels
import Glibc
import Tensor

/// `keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False)`.
///
/// Keras 3's update, in float32, at step `t = iterations + 1`:
/// `alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)`, `m += (g - m) * (1 - beta_1)`,
/// `v += (g^2 - v) * (1 - beta_2)`, with AMSGrad `v_hat = max(v_hat, v)` used in place of `v`,
/// then `w -= alpha * m / (sqrt(v) + epsilon)`. Slots: `momentum`, `velocity` (and
/// `velocity_hat` with AMSGrad).
public final class Adam: Optimizer {
    public let name = "adam"
    public let className = "Adam"
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    public let amsgrad: Bool
    public internal(set) var iterations = 0
    private var rate: Float
    public let schedule: LearningRateSchedule?
    let slots: OptimizerSlots

    /// Throws for a negative learning rate, a beta outside [0, 1) or a negative epsilon.
    public init(learningRate: Double = 0.001, schedule: LearningRateSchedule? = nil, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-7, amsgrad: Bool = false) throws {
        try checkLearningRate(learningRate)
        try checkRange(beta1, "beta_1", 0, 1, highOpen: true)
        try checkRange(beta2, "beta_2", 0, 1, highOpen: true)
        try checkEpsilon(epsilon)
        rate = Float(learningRate)
        self.schedule = schedule
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        slots = OptimizerSlots(names: amsgrad ? ["momentum", "velocity", "velocity_hat"] : ["momentum", "velocity"])
    }

    /// With a schedule, the schedule's value at `iterations`; setting it then does nothing
    /// (`setLearningRate` throws).
    public var learningRate: Double {
        get { Double(currentRate) }
        set { if schedule == nil { rate = Float(newValue) } }
    }

    /// The rate the next update uses.
    private var currentRate: Float { schedule?.value(at: iterations) ?? rate }

    public func apply(gradients: [Tensor], to weights: [Weight]) throws {
        guard !gradients.isEmpty else { return }
        try checkGradients(gradients, weights)
        let all = try slots.slots(for: weights, optimizer: name)
        let step = Float(iterations + 1)
        let alpha = currentRate * sqrtf(1 - powf(Float(beta2), step)) / (1 - powf(Float(beta1), step))
        let oneMinusB1 = Float(1 - beta1), oneMinusB2 = Float(1 - beta2), eps = Float(epsilon)
        for (i, weight) in weights.enumerated() {
            let n = weight.count
            let (mT, vT) = (all[i][0], all[i][1])
            let vHatT = amsgrad ? all[i][2] : nil
            weight.value.withFloats { w in
                gradients[i].withFloats { g in
                    mT.withFloats { m in
                        vT.withFloats { v in
                            if let vHatT {
                                vHatT.withFloats { vh in
                                    for k in 0..<n {
                                        let gk = g[k]
                                        m[k] += (gk - m[k]) * oneMinusB1
                                        v[k] += (gk * gk - v[k]) * oneMinusB2
                                        vh[k] = max(vh[k], v[k])
                                        w[k] -= m[k] * alpha / (vh[k].squareRoot() + eps)
                                    }
                                }
                            } else {
                                Self.update(w.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count: n,
                                            alpha: alpha, oneMinusB1: oneMinusB1, oneMinusB2: oneMinusB2, eps: eps)
                            }
                        }
                    }
                }
            }
        }
        iterations += 1
    }

    /// The update without AMSGrad, in CKernels (AVX2 when the CPU has it: the Swift loop did not
    /// vectorise its square root), a large weight split over the cores.
    static func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>,
                       _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, count n: Int,
                       alpha: Float, oneMinusB1: Float, oneMinusB2: Float, eps: Float) {
        Parallel.forRanges(n, work: n * 16) { r in
            let k = r.lowerBound
            fovea_adam_update(w + k, g + k, m + k, v + k, r.count, alpha, oneMinusB1, oneMinusB2, eps)
        }
    }

    /// Two slots per weight element (three with AMSGrad), plus `iteration` and `learning_rate`.
    public func variableCount(for weights: [Weight]) -> Int {
        slots.names.count * weights.reduce(0) { $0 + $1.count } + 2
    }

    public var config: [(String, String)] {
        [("name", "'\(name)'"), ("learning_rate", float32Repr(currentRate)), ("beta_1", pythonFloat(beta1)),
         ("beta_2", pythonFloat(beta2)), ("epsilon", pythonFloat(epsilon)), ("amsgrad", pythonBool(amsgrad))]
    }
}
