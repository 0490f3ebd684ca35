import Tensor

/// `keras.regularizers.L1(l1=0.01)`, `L2(l2=0.01)` and `L1L2(l1=0.0, l2=0.0)`: a penalty on a
/// weight's values, `l1 * sum(|w|) + l2 * sum(w^2)`, that training adds to the loss it minimises
/// and reports, and whose gradient `l1 * sign(w) + 2 * l2 * w` it adds to the weight's gradient.
public struct Regularizer: Equatable, Sendable {
    /// Keras's class: what `get_config()` lists (`{'l2': 0.01}` for L2, both factors for L1L2).
    public enum Kind: String, Sendable {
        case l1 = "L1", l2 = "L2", l1l2 = "L1L2"
    }

    public let kind: Kind
    public let l1: Double
    public let l2: Double

    /// Keras's check of each factor: a finite, non-negative number.
    public init(_ kind: Kind, l1: Double = 0, l2: Double = 0) throws {
        for (name, value) in [("l1", l1), ("l2", l2)] where !value.isFinite || value < 0 {
            throw LayerError.value("Invalid value for argument \(name): expected a non-negative float."
                                   + "Received: \(name)=\(formatFactor(value))", argument: name)
        }
        self.kind = kind
        self.l1 = l1
        self.l2 = l2
    }

    /// A regularizer given by name, as Keras's `regularizers.get` takes one: `'l1'`, `'l2'` and
    /// `'l1_l2'` (or the class names) with the class's defaults.
    public static func named(_ name: String, argument: String) throws -> Regularizer {
        switch name {
        case "l1", "L1": return try Regularizer(.l1, l1: 0.01)
        case "l2", "L2": return try Regularizer(.l2, l2: 0.01)
        case "l1_l2", "L1L2": return try Regularizer(.l1l2)
        default:
            throw LayerError.value("Could not interpret regularizer identifier: \(name)", argument: argument)
        }
    }

    public var className: String { kind.rawValue }

    /// Keras's `get_config()`, in its order.
    public var config: [(name: String, value: Double)] {
        switch kind {
        case .l1: return [("l1", l1)]
        case .l2: return [("l2", l2)]
        case .l1l2: return [("l1", l1), ("l2", l2)]
        }
    }

    /// `l1 * sum(|w|) + l2 * sum(w^2)`.
    public func penalty(_ w: Tensor) -> Double {
        var absolute = 0.0, squares = 0.0
        for v in w.floats {
            let d = Double(v)
            absolute += abs(d)
            squares += d * d
        }
        return l1 * absolute + l2 * squares
    }

    /// Adds the penalty's gradient, `l1 * sign(w) + 2 * l2 * w`, to `gradient` (w's shape) in place.
    public func addGradient(of w: Tensor, to gradient: Tensor) {
        let values = w.floats, g = gradient.floats
        let a = Float(l1), b = Float(2 * l2)
        for i in 0..<min(values.count, g.count) {
            let v = values[i]
            let sign: Float = v > 0 ? 1 : (v < 0 ? -1 : 0)
            g[i] += a * sign + b * v
        }
    }
}

/// Python's repr of a float or an integral factor, as Keras's message shows it (`l2=-1`, `l2=-0.5`).
private func formatFactor(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
}

/// A layer with a kernel and a bias that may each carry a regularizer (Dense, Conv2D).
public protocol RegularizedLayer: Layer {
    var kernelRegularizer: Regularizer? { get }
    var biasRegularizer: Regularizer? { get }
}

extension Layer {
    /// The regularizer of one of this layer's weights, by the weight's name; for a model used as
    /// a layer, that of the inner layer owning the weight (none when that layer is frozen).
    public func regularizer(for weight: Weight) -> Regularizer? {
        if let nested = self as? NestedModel {
            guard let owner = nested.model.layers.first(where: { $0.weights.contains { $0 === weight } }),
                  owner.trainable else { return nil }
            return owner.regularizer(for: weight)
        }
        guard let layer = self as? RegularizedLayer else { return nil }
        switch weight.name {
        case "kernel": return layer.kernelRegularizer
        case "bias": return layer.biasRegularizer
        default: return nil
        }
    }
}

extension Sequential {
    /// Keras's `model.losses`: the penalty of each regularized trainable weight, in layer order
    /// (a frozen layer's weights add none, as in Keras).
    public var regularizationLosses: [Double] {
        guard trainable else { return [] }
        var losses: [Double] = []
        for layer in layers where layer.trainable && layer.isBuilt {
            for w in layer.weights where w.isTrainableVariable {
                if let r = layer.regularizer(for: w) { losses.append(r.penalty(w.value)) }
            }
        }
        return losses
    }

    /// The sum of `regularizationLosses`: what fit and evaluate add to the data loss.
    public var regularizationLoss: Double { regularizationLosses.reduce(0, +) }
}
