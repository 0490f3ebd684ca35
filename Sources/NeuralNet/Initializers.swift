import Tensor

/// Keras's weight initializers, by the names its `*_initializer` arguments take.
///
/// The variance-scaling ones follow Keras: `fan_in` and `fan_out` are the last two dimensions
/// times the receptive field (a conv kernel `(kh, kw, in, out)` has fan_in = kh*kw*in and
/// fan_out = kh*kw*out); uniform ones draw from [-limit, limit] with
/// limit = sqrt(3 * scale / n), normal ones from a normal truncated at two standard deviations.
public enum Initializer: String, CaseIterable, Sendable {
    case glorotUniform = "glorot_uniform"
    case glorotNormal = "glorot_normal"
    case heUniform = "he_uniform"
    case heNormal = "he_normal"
    case lecunUniform = "lecun_uniform"
    case lecunNormal = "lecun_normal"
    case zeros
    case ones

    /// Parses an initializer name as Keras accepts it (`'glorot_uniform'`, `'zeros'`, ...).
    public static func parse(_ name: String, argument: String) throws -> Initializer {
        let names = allCases.map(\.rawValue)
        if let i = Initializer(rawValue: name) { return i }
        throw LayerError.value(
            "Could not interpret initializer identifier: '\(name)'. Expected one of \(quotedList(names))",
            argument: argument, hint: didYouMean(name, names))
    }

    /// Keras's `compute_fans`.
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        case 2: return (shape[0], shape[1])
        default:
            let receptive = shape.dropLast(2).reduce(1, *)
            return (shape[shape.count - 2] * receptive, shape[shape.count - 1] * receptive)
        }
    }

    /// The uniform limit (or the normal's standard deviation before truncation) for a shape.
    public static func glorotLimit(_ shape: [Int]) -> Float {
        let (fanIn, fanOut) = fans(shape)
        return (6 / Float(max(1, fanIn + fanOut))).squareRoot()
    }

    /// A new tensor of `shape` drawn with `generator`.
    /// `what` names the tensor in a memory error (`dense_1/kernel`).
    public func make(shape: [Int], generator: inout SeededGenerator, what: String? = nil) throws -> Tensor {
        let t = try Tensor(zeros: Shape(shape), what: what)
        let values = t.floats
        switch self {
        case .zeros: return t
        case .ones: values.update(repeating: 1); return t
        default: break
        }
        let (fanIn, fanOut) = Initializer.fans(shape)
        let (scale, n): (Float, Float)
        switch self {
        case .glorotUniform, .glorotNormal: (scale, n) = (1, Float(fanIn + fanOut) / 2)
        case .heUniform, .heNormal: (scale, n) = (2, Float(fanIn))
        default: (scale, n) = (1, Float(fanIn))
        }
        switch self {
        case .glorotUniform, .heUniform, .lecunUniform:
            let limit = (3 * scale / max(1, n)).squareRoot()
            for i in 0..<values.count { values[i] = generator.uniformFloat(-limit, limit) }
        default:
            // Keras's truncated normal: the std is corrected for the truncation at 2 std.
            let std = (scale / max(1, n)).squareRoot() / 0.87962566103423978
            for i in 0..<values.count {
                var v: Float
                repeat { v = generator.normalFloat(mean: 0, std: std) } while abs(v) > 2 * std
                values[i] = v
            }
        }
        return t
    }
}
