/// The arithmetic operators, with their Python spelling.
public enum ArithmeticOp: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", remainder = "%", power = "**"
    case bitAnd = "&", bitOr = "|", bitXor = "^"
    /// numpy's maximum and minimum: NaN wins.
    case maximum, minimum

    /// numpy's ufunc name, for errors.
    var ufuncName: String {
        switch self {
        case .bitAnd: return "bitwise_and"
        case .bitOr: return "bitwise_or"
        case .bitXor: return "bitwise_xor"
        default: return rawValue
        }
    }
}

/// Element-wise comparisons; results are bool tensors.
public enum ComparisonOp: String, Sendable, CaseIterable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// One side of an element-wise operation: a tensor or a Python number (a "weak" scalar).
public enum Operand {
    case tensor(Tensor)
    case int(Int)
    case float(Double)
    case bool(Bool)
}

/// numpy 2's type promotion (NEP 50). Between arrays (and numpy scalars, which are 0-d arrays
/// here): the larger of two integer types (bool < uint8 < int32 < int64), float64 when a float
/// meets float64 or int32/int64, float32 when float32 meets float32, uint8 or bool. A Python
/// number is "weak": an int takes an integer or float array's type (OverflowError when it does not
/// fit), a float takes a float array's type and makes float64 with an integer one, a bool takes
/// any array's type. `/` gives float64 for integers.
extension DType {
    /// The order of the integer types, for promotion.
    private var integerRank: Int {
        switch self {
        case .bool: return 0
        case .uint8: return 1
        case .int32: return 2
        default: return 3
        }
    }

    /// The type numpy gives an operation between arrays of types `a` and `b`.
    public static func promoted(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a.isFloat || b.isFloat {
            if a == .float64 || b == .float64 { return .float64 }
            let other = a == .float32 ? b : a
            return other == .bool || other == .uint8 || other == .float32 ? .float32 : .float64
        }
        return a.integerRank >= b.integerRank ? a : b
    }

    /// The type numpy gives an array of this type with a Python number `s` (a weak scalar).
    func promoted(withWeak s: Operand, checkFits: Bool) throws -> DType {
        switch s {
        case .tensor(let t): return DType.promoted(self, t.dtype)
        case .bool: return self
        case .float: return isFloat ? self : .float64
        case .int(let i):
            if self == .bool { return .int64 }
            if checkFits && !isFloat, let range = integerRange, !range.contains(Int64(i)) {
                throw ArrayError("OverflowError", "Python integer \(i) out of bounds for \(rawValue)")
            }
            return self
        }
    }

    /// The values an integer type holds.
    public var integerRange: ClosedRange<Int64>? {
        switch self {
        case .uint8: return 0...255
        case .int32: return Int64(Int32.min)...Int64(Int32.max)
        case .int64: return Int64.min...Int64.max
        case .bool: return 0...1
        default: return nil
        }
    }
}

extension Tensor {
    /// The dtype of `a op b` and each operand as a tensor of its own type (a weak Python number
    /// becomes a 0-d tensor of the result's type).
    static func promote(_ a: Operand, _ b: Operand, checkFits: Bool = true) throws -> (DType, Tensor, Tensor) {
        let type: DType
        switch (a, b) {
        case (.tensor(let x), _): type = try x.dtype.promoted(withWeak: b, checkFits: checkFits)
        case (_, .tensor(let y)): type = try y.dtype.promoted(withWeak: a, checkFits: checkFits)
        default: throw ArrayError("TypeError", "at least one operand must be an array")
        }
        func tensor(_ o: Operand) -> Tensor {
            switch o {
            case .tensor(let t): return t
            case .int(let i): return scalar(integer: Int64(i), dtype: type)
            case .float(let d): return scalar(d, dtype: type)
            case .bool(let v): return scalar(v ? 1 : 0, dtype: type)
            }
        }
        return (type, tensor(a), tensor(b))
    }

    /// The type `op` computes in and returns for operands promoted to `type`.
    static func resultType(_ op: ArithmeticOp, _ type: DType) throws -> DType {
        switch (op, type) {
        case (.divide, _): return type.isFloat ? type : .float64
        case (.subtract, .bool):
            throw ArrayError("TypeError", "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
        case (.floorDivide, .bool), (.remainder, .bool), (.power, .bool): return .int64
        case (.maximum, .bool), (.minimum, .bool): return .bool
        case (.bitAnd, _), (.bitOr, _), (.bitXor, _):
            if type.isFloat {
                throw ArrayError("TypeError", "ufunc '\(op.ufuncName)' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
            }
            return type
        default: return type
        }
    }
}
