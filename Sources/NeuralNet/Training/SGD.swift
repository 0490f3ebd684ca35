import Tensor

/// `keras.optimizers.SGD(learning_rate=0.01, momentum=0.0, nesterov=False)`.
///
/// Keras 3's update, in float32:
/// - `momentum == 0`: `w -= lr * g`;
/// - otherwise `m = momentum * m - lr * g`, then `w += m`, or with Nesterov
///   `w += momentum * m - lr * g`. The `momentum` slot exists only when momentum is not 0.
public final class SGD: Optimizer {
    public let name = "SGD"
    public let className = "SGD"
    public let momentum: Double
    public let nesterov: Bool
    public internal(set) var iterations = 0
    private var rate: Float
    public let schedule: LearningRateSchedule?
    let slots: OptimizerSlots

    /// Throws for a negative learning rate or a momentum outside [0, 1] (Keras's wording).
    public init(learningRate: Double = 0.01, schedule: LearningRateSchedule? = nil, momentum: Double = 0, nesterov: Bool = false) throws {
        try checkLearningRate(learningRate)
        try checkRange(momentum, "momentum", 0, 1)
        rate = Float(learningRate)
        self.schedule = schedule
        self.momentum = momentum
        self.nesterov = nesterov
        slots = OptimizerSlots(names: momentum != 0 ? ["momentum"] : [])
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
        let lr = currentRate, mu = Float(momentum)
        for (i, weight) in weights.enumerated() {
            let n = weight.count
            weight.value.withFloats { w in
                gradients[i].withFloats { g in
                    guard let m = all[i].first else {
                        for k in 0..<n { w[k] -= g[k] * lr }
                        return
                    }
                    m.withFloats { m in
                        if nesterov {
                            for k in 0..<n {
                                let velocity = m[k] * mu - g[k] * lr
                                m[k] = velocity
                                w[k] += velocity * mu - g[k] * lr
                            }
                        } else {
                            for k in 0..<n {
                                let velocity = m[k] * mu - g[k] * lr
                                m[k] = velocity
                                w[k] += velocity
                            }
                        }
                    }
                }
            }
        }
        iterations += 1
    }

    /// One `momentum` slot per weight element when momentum is not 0, plus `iteration` and
    /// `learning_rate`.
    public func variableCount(for weights: [Weight]) -> Int {
        slots.names.count * weights.reduce(0) { $0 + $1.count } + 2
    }

    public var config: [(String, String)] {
        [("name", "'\(name)'"), ("learning_rate", float32Repr(currentRate)),
         ("momentum", pythonFloat(momentum)), ("nesterov", pythonBool(nesterov))]
    }
}
