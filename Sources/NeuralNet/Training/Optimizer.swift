import Tensor

/// A Keras optimizer: updates a model's trainable weights from their gradients.
///
/// Like Keras 3 it counts its own steps (`iterations`), keeps the learning rate as a float32
/// variable and keeps per-weight slot variables (Adam's momentum and velocity, ...), made as
/// zeros the first time a weight is updated.
public protocol Optimizer: AnyObject {
    /// Keras's `optimizer.name`: `adam`, `SGD`, `rmsprop` (Keras's defaults).
    var name: String { get }
    /// Keras's class name: `Adam`, `SGD`, `RMSprop`.
    var className: String { get }
    /// The learning rate (held as float32, as Keras's variable is). Setting it does not validate;
    /// the initialisers do.
    var learningRate: Double { get set }
    /// The schedule the learning rate follows, when the optimizer was made with one: then
    /// `learningRate` reads the schedule at `iterations`, and setting it is an error
    /// (`setLearningRate` throws Keras's TypeError; the plain setter ignores the value).
    var schedule: LearningRateSchedule? { get }
    /// How many update steps have been applied so far (Keras's `optimizer.iterations`).
    var iterations: Int { get }
    /// One update step: `gradients[i]` is the gradient of the loss with respect to `weights[i]`
    /// (same shape). Updates each `weight.value` in place and counts one iteration. Checks every
    /// shape and makes any missing slot before changing anything; an empty list does nothing.
    func apply(gradients: [Tensor], to weights: [Weight]) throws
    /// What Keras's `model.summary()` reports as "Optimizer params" once the optimizer is built
    /// for these trainable weights: every optimizer variable, i.e. the slots (one weight-sized
    /// variable per slot per weight) plus the scalar `iteration` and `learning_rate` variables.
    func variableCount(for weights: [Weight]) -> Int
    /// Keras's `get_config()`, the keys that apply here, in Keras's order, each value as Python's
    /// `repr` shows it: `[("name", "'adam'"), ("learning_rate", "0.0010000000474974513"), ...]`.
    var config: [(String, String)] { get }
}

extension Optimizer {
    /// Sets the learning rate, or throws Keras's TypeError when a schedule drives it.
    public func setLearningRate(_ value: Double) throws {
        if schedule != nil { throw scheduledLearningRateError() }
        learningRate = value
    }

    /// The bytes Keras's summary reports for the optimizer variables: 4 per float32 slot element,
    /// 8 for the int64 `iteration` and 4 for the float32 `learning_rate`.
    public func variableBytes(for weights: [Weight]) -> Int {
        (variableCount(for: weights) - 2) * MemoryLayout<Float>.size + 8 + 4
    }
}

/// The optimizer for a name given to `compile(optimizer=...)`: `'adam'`, `'sgd'`, `'rmsprop'`,
/// in any case as Keras accepts, with Keras's default arguments. Unknown names throw
/// `ValueError: Could not interpret optimizer identifier: ...` with a did-you-mean hint.
public func makeOptimizer(named name: String) throws -> Optimizer {
    switch name.lowercased() {
    case "adam": return try Adam()
    case "sgd": return try SGD()
    case "rmsprop": return try RMSprop()
    default: break
    }
    let supported = ["adam", "sgd", "rmsprop"]
    let unsupported: Set<String> = [
        "adadelta", "adafactor", "adagrad", "adamax", "adamw", "ftrl", "lion", "muon", "nadam",
        "lossscaleoptimizer", "schedulefreeadamw", "schedulefreesgd",
    ]
    if unsupported.contains(name.lowercased()) {
        throw LayerError.value(
            "The optimizer '\(name)' is not supported by Fovea yet. Supported optimizers: \(quotedList(supported)).",
            argument: "optimizer")
    }
    let hint = didYouMean(name.lowercased(), supported) ?? "Expected one of \(quotedList(supported))."
    throw LayerError.value("Could not interpret optimizer identifier: \(name)", argument: "optimizer", hint: hint)
}

// MARK: - Shared pieces

/// Per-weight slot variables, keyed by the weight's identity (the weight is held, so its
/// identifier cannot be reused while the slots live).
final class OptimizerSlots {
    private struct Entry {
        let weight: Weight
        let slots: [Tensor]
    }

    /// Keras's slot names, in order: `momentum`, `velocity`, ...
    let names: [String]
    private var entries: [ObjectIdentifier: Entry] = [:]

    init(names: [String]) { self.names = names }

    /// Whether `weight` has its slots already.
    func hasEntry(_ key: ObjectIdentifier) -> Bool { entries[key] != nil }

    /// The slots of each weight, making zeros for weights seen for the first time. Either every
    /// weight gets its slots or, if memory runs short, nothing changes.
    func slots(for weights: [Weight], optimizer: String) throws -> [[Tensor]] {
        var made: [ObjectIdentifier: Entry] = [:]
        var result: [[Tensor]] = []
        result.reserveCapacity(weights.count)
        for weight in weights {
            let key = ObjectIdentifier(weight)
            if let entry = entries[key] ?? made[key] {
                result.append(entry.slots)
                continue
            }
            let slots = try names.map { slot in
                try Tensor(zeros: Shape(weight.shape),
                           what: "the \(optimizer) optimizer's \(slot) for \(weight.path)")
            }
            made[key] = Entry(weight: weight, slots: slots)
            result.append(slots)
        }
        entries.merge(made) { old, _ in old }
        return result
    }
}

/// One gradient per weight, each of its weight's shape and float32.
func checkGradients(_ gradients: [Tensor], _ weights: [Weight]) throws {
    guard gradients.count == weights.count else {
        throw LayerError.value(
            "Received \(gradients.count) gradients for \(weights.count) weights; the optimizer needs one "
                + "gradient per weight, in the same order.")
    }
    for (i, (g, w)) in zip(gradients, weights).enumerated() {
        guard g.shape.dims == w.shape else {
            throw LayerError.value(
                "Gradient \(i) has shape \(formatShape(g.shape.dims.map { $0 })) but its weight \(w.path) has shape "
                    + "\(formatShape(w.shape.map { $0 })).")
        }
        guard g.dtype == .float32 else {
            throw LayerError.type("Gradient \(i) (for \(w.path)) must be float32; received \(g.dtype.rawValue).")
        }
    }
}

/// Keras accepts any float learning rate; a negative or non-finite one can only be a mistake.
func checkLearningRate(_ value: Double) throws {
    guard value.isFinite, value >= 0 else {
        throw LayerError.value(
            "Argument `learning_rate` must be a non-negative float. Received: learning_rate=\(pythonFloat(value))",
            argument: "learning_rate")
    }
}

/// Epsilon may be zero but not negative (Adam and RMSprop).
func checkEpsilon(_ value: Double) throws {
    guard value >= 0 else {
        throw LayerError.value("`epsilon` must be a non-negative float. Received: epsilon=\(pythonFloat(value))",
                               argument: "epsilon")
    }
}

/// A hyperparameter that must lie in `[low, high]` (or `[low, high)` when `highOpen`).
func checkRange(_ value: Double, _ argument: String, _ low: Double, _ high: Double, highOpen: Bool = false) throws {
    let inside = value >= low && (highOpen ? value < high : value <= high)
    guard inside else {
        let range = "[\(pythonNumber(low)), \(pythonNumber(high))\(highOpen ? ")" : "]")"
        throw LayerError.value(
            "`\(argument)` must be a float between \(range). Received: \(argument)=\(pythonFloat(value))",
            argument: argument)
    }
}

/// A float as Python's `repr` shows it: `0.001`, `1e-07`, `0.0`, `nan`.
func pythonFloat(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return String(value)
}

/// A learning rate as Keras's `get_config()` reports it: the float32 variable read back.
func float32Repr(_ value: Float) -> String { pythonFloat(Double(value)) }

func pythonBool(_ value: Bool) -> String { value ? "True" : "False" }
