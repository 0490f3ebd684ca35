import Glibc

/// `keras.optimizers.schedules`: a learning rate that depends on the optimizer's step.
///
/// Passed as an optimizer's `learning_rate`, the schedule is evaluated at the optimizer's
/// `iterations` (0 for the first batch update) before each update, as Keras 3 does. Values are
/// computed in float32, as Keras computes them from a float `initial_learning_rate`:
/// - `exponentialDecay`: `lr0 * rate ^ (step / decaySteps)`, the exponent floored when `staircase`;
/// - `inverseTimeDecay`: `lr0 / (1 + rate * step / decaySteps)`, `step / decaySteps` floored when
///   `staircase`;
/// - `piecewiseConstantDecay`: `values[0]` while `step <= boundaries[0]`, `values[i]` while
///   `boundaries[i-1] < step <= boundaries[i]`, `values.last` after the last boundary;
/// - `cosineDecay`: without warmup, `lr0 * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha)`
///   with `s = min(step, decaySteps)`; with a `warmupTarget`, first a straight line from `lr0` to
///   the target over `warmupSteps` steps, then that cosine decay from the target, with
///   `s = min(step, warmupSteps + decaySteps) - warmupSteps`.
public enum LearningRateSchedule: Sendable, Equatable {
    case exponentialDecay(initialLearningRate: Double, decaySteps: Double, decayRate: Double, staircase: Bool)
    case inverseTimeDecay(initialLearningRate: Double, decaySteps: Double, decayRate: Double, staircase: Bool)
    case piecewiseConstantDecay(boundaries: [Double], values: [Double])
    case cosineDecay(initialLearningRate: Double, decaySteps: Double, alpha: Double, warmupTarget: Double?, warmupSteps: Double)

    /// Keras's class name: `ExponentialDecay`, `PiecewiseConstantDecay`, ...
    public var className: String {
        switch self {
        case .exponentialDecay: return "ExponentialDecay"
        case .inverseTimeDecay: return "InverseTimeDecay"
        case .piecewiseConstantDecay: return "PiecewiseConstantDecay"
        case .cosineDecay: return "CosineDecay"
        }
    }

    /// Checks the arguments as Keras's constructors do, with Keras's wording.
    @discardableResult
    public func validated() throws -> LearningRateSchedule {
        switch self {
        case .exponentialDecay(_, let steps, _, _), .inverseTimeDecay(_, let steps, _, _), .cosineDecay(_, let steps, _, _, _):
            guard steps > 0 else {
                throw LayerError.value("Argument `decay_steps` must be > 0, received: decay_steps=\(pythonNumber(steps))",
                                       argument: "decay_steps")
            }
        case .piecewiseConstantDecay(let boundaries, let values):
            guard boundaries.count == values.count - 1 else {
                throw LayerError.value(
                    "The length of boundaries should be 1 less than the length of values. Received: "
                        + "boundaries=\(pythonList(boundaries)) of length \(boundaries.count), and "
                        + "values=\(pythonList(values)) of length \(values.count).",
                    argument: "boundaries")
            }
        }
        return self
    }

    /// The learning rate at `step` (the optimizer's iteration count), in float32.
    public func value(at step: Int) -> Float { value(atStep: Double(step)) }

    /// The learning rate at a step given as a number (`schedule(2.5)` in the language).
    public func value(atStep step: Double) -> Float {
        switch self {
        case .exponentialDecay(let lr0, let steps, let rate, let staircase):
            var p = Float(step) / Float(steps)
            if staircase { p = floorf(p) }
            return Float(lr0) * powf(Float(rate), p)
        case .inverseTimeDecay(let lr0, let steps, let rate, let staircase):
            var p = Float(step) / Float(steps)
            if staircase { p = floorf(p) }
            return Float(lr0) / (1 + Float(rate) * p)
        case .piecewiseConstantDecay(let boundaries, let values):
            // Keras casts the boundaries to an integer step's dtype; for an integer step the
            // comparisons below give the same answers.
            if let first = boundaries.first, step <= first { return Float(values[0]) }
            for i in boundaries.indices.dropFirst() where step > boundaries[i - 1] && step <= boundaries[i] { return Float(values[i]) }
            return Float(values[values.count - 1])
        case .cosineDecay(let lr0, let steps, let alpha, let target, let warmup):
            let decaySteps = Float(steps)
            var s = Float(step)
            guard let target else {
                s = min(s, decaySteps)
                return Self.cosine(s, decaySteps, from: Float(lr0), alpha: Float(alpha))
            }
            let warmupSteps = Float(warmup)
            s = min(s, decaySteps + warmupSteps)
            if s < warmupSteps {
                return (Float(target) - Float(lr0)) * (s / warmupSteps) + Float(lr0)
            }
            return Self.cosine(s - warmupSteps, decaySteps, from: Float(target), alpha: Float(alpha))
        }
    }

    private static func cosine(_ s: Float, _ decaySteps: Float, from lr: Float, alpha: Float) -> Float {
        // Keras's float32 pi is math.pi rounded to nearest; Swift's Float.pi rounds toward zero.
        let cosineDecayed = 0.5 * (1 + cosf(Float(Double.pi) * (s / decaySteps)))
        return lr * ((1 - alpha) * cosineDecayed + alpha)
    }
}

/// The error Keras raises when something sets the learning rate of an optimizer made with a
/// schedule (`optimizer.learning_rate = ...`, LearningRateScheduler, ReduceLROnPlateau).
public func scheduledLearningRateError() -> LayerError {
    LayerError.type(
        "This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor "
            + "argument, hence its learning rate is not settable. If you need the learning rate to be settable, "
            + "you should instantiate the optimizer with a float `learning_rate` argument.")
}

private func pythonList(_ values: [Double]) -> String {
    "[" + values.map(pythonNumber).joined(separator: ", ") + "]"
}
