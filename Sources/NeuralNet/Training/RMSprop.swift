import Tensor

/// `keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)`.
///
/// Keras 3's update, in float32: `v = rho * v + (1 - rho) * g^2`; centered also keeps
/// `a = rho * a + (1 - rho) * g` and divides by `sqrt(v - a^2 + epsilon)`, otherwise by
/// `sqrt(v + epsilon)` (epsilon inside the root, unlike Adam): `step = lr * g / sqrt(...)`.
/// With momentum `mom = momentum * mom + step; w -= mom`, else `w -= step`. Slots: `velocity`,
/// `momentum` when momentum > 0, `average_gradient` when centered.
public final class RMSprop: Optimizer {
    public let name = "rmsprop"
    public let className = "RMSprop"
    public let rho: Double
    public let momentum: Double
    public let epsilon: Double
    public let centered: Bool
    public internal(set) var iterations = 0
    private var rate: Float
    public let schedule: LearningRateSchedule?
    let slots: OptimizerSlots

    /// Throws for a negative learning rate, rho outside [0, 1), momentum outside [0, 1] or a
    /// negative epsilon.
    public init(learningRate: Double = 0.001, schedule: LearningRateSchedule? = nil, rho: Double = 0.9, momentum: Double = 0,
                epsilon: Double = 1e-7, centered: Bool = false) throws {
        try checkLearningRate(learningRate)
        try checkRange(rho, "rho", 0, 1, highOpen: true)
        try checkRange(momentum, "momentum", 0, 1)
        try checkEpsilon(epsilon)
        rate = Float(learningRate)
        self.schedule = schedule
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
        slots = OptimizerSlots(names: ["velocity"] + (momentum > 0 ? ["momentum"] : [])
                                   + (centered ? ["average_gradient"] : []))
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
        let lr = currentRate, r = Float(rho), oneMinusRho = Float(1 - rho), mu = Float(momentum), eps = Float(epsilon)
        let hasMomentum = momentum > 0
        for (i, weight) in weights.enumerated() {
            let n = weight.count
            let velocity = all[i][0]
            let momentumSlot = hasMomentum ? all[i][1] : nil
            let average = centered ? all[i][hasMomentum ? 2 : 1] : nil
            // Missing slots are stood in for by the velocity; the flags keep them unused.
            weight.value.withFloats { w in
                gradients[i].withFloats { g in
                    velocity.withFloats { v in
                        (momentumSlot ?? velocity).withFloats { mom in
                            (average ?? velocity).withFloats { a in
                                update(w.baseAddress!, g.baseAddress!, v.baseAddress!,
                                       hasMomentum ? mom.baseAddress! : nil, centered ? a.baseAddress! : nil,
                                       n, lr, r, oneMinusRho, mu, eps)
                            }
                        }
                    }
                }
            }
        }
        iterations += 1
    }

    private func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>,
                        _ v: UnsafeMutablePointer<Float>, _ mom: UnsafeMutablePointer<Float>?,
                        _ a: UnsafeMutablePointer<Float>?, _ n: Int,
                        _ lr: Float, _ rho: Float, _ oneMinusRho: Float, _ mu: Float, _ eps: Float) {
        if mom == nil && a == nil {   // the default: a loop without branches
            for k in 0..<n {
                let gk = g[k]
                v[k] = rho * v[k] + oneMinusRho * (gk * gk)
                w[k] -= lr * gk / (v[k] + eps).squareRoot()
            }
            return
        }
        for k in 0..<n {
            let gk = g[k]
            v[k] = rho * v[k] + oneMinusRho * (gk * gk)
            var denominator = v[k] + eps
            if let a {
                a[k] = rho * a[k] + oneMinusRho * gk
                denominator = v[k] - a[k] * a[k] + eps
            }
            let step = lr * gk / denominator.squareRoot()
            if let mom {
                mom[k] = mu * mom[k] + step
                w[k] -= mom[k]
            } else {
                w[k] -= step
            }
        }
    }

    /// One velocity slot per weight element, plus one each for momentum (when > 0) and
    /// centering, plus `iteration` and `learning_rate`.
    public func variableCount(for weights: [Weight]) -> Int {
        slots.names.count * weights.reduce(0) { $0 + $1.count } + 2
    }

    public var config: [(String, String)] {
        [("name", "'\(name)'"), ("learning_rate", float32Repr(currentRate)), ("rho", pythonFloat(rho)),
         ("momentum", pythonFloat(momentum)), ("epsilon", pythonFloat(epsilon)), ("centered", pythonBool(centered))]
    }
}
