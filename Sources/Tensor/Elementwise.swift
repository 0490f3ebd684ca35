import Glibc

/// Element-wise arithmetic and comparisons with numpy's broadcasting and (float32-only) type
/// promotion. Results are new contiguous tensors (copies, never views).
///
/// Promotion: float32 with anything → float32; int64 with uint8/bool → int64; uint8 with
/// uint8/bool → uint8 (wrapping like numpy); bool with bool → int64 for arithmetic. A Python int
/// takes the array's type (numpy's weak scalars: `x_uint8 + 1` stays uint8; a value that does not
/// fit is an OverflowError as in numpy 2), a Python float makes float32. `/` always gives
/// float32. numpy would give float64 where a float meets an integer array; Fovea has no float64
/// and computes in float32.
public enum ArithmeticOp: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", remainder = "%", power = "**"
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

/// The element types the kernels are generic over: Float (float32), UInt8 (uint8 and bool),
/// Int64 (int64).
protocol TensorScalar {
    var asFloat: Float { get }
    var asInt64: Int64 { get }
    static func from<S: TensorScalar>(_ s: S) -> Self
}

extension Float: TensorScalar {
    var asFloat: Float { self }
    var asInt64: Int64 { isNaN ? 0 : self >= 9.2233715e18 ? .max : self <= -9.2233715e18 ? .min : Int64(self) }
    @inline(__always) static func from<S: TensorScalar>(_ s: S) -> Float { s.asFloat }
}
extension Int64: TensorScalar {
    var asFloat: Float { Float(self) }
    var asInt64: Int64 { self }
    @inline(__always) static func from<S: TensorScalar>(_ s: S) -> Int64 { s.asInt64 }
}
extension UInt8: TensorScalar {
    var asFloat: Float { Float(self) }
    var asInt64: Int64 { Int64(self) }
    @inline(__always) static func from<S: TensorScalar>(_ s: S) -> UInt8 { UInt8(truncatingIfNeeded: s.asInt64) }
}

extension Tensor {
    /// The shape two shapes broadcast to, with numpy's error when they cannot.
    public static func broadcastShape(_ a: Shape, _ b: Shape) throws -> Shape {
        let n = max(a.rank, b.rank)
        var dims = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let x = i < n - a.rank ? 1 : a.dims[i - (n - a.rank)]
            let y = i < n - b.rank ? 1 : b.dims[i - (n - b.rank)]
            guard x == y || x == 1 || y == 1 else {
                throw ArrayError("ValueError", "operands could not be broadcast together with shapes \(ArrayError.compact(a.dims)) \(ArrayError.compact(b.dims))")
            }
            dims[i] = x == 1 ? y : x
        }
        return Shape(dims)
    }

    /// Strides (in elements) that read this tensor as if it had shape `target` (0 on broadcast axes).
    func broadcastStrides(to target: Shape) -> [Int] {
        let own = StridedLoop.contiguousStrides(shape.dims)
        let pad = target.rank - shape.rank
        return (0..<target.rank).map { i in
            i < pad || shape.dims[i - pad] == 1 ? 0 : own[i - pad]
        }
    }

    /// A 0-d tensor holding one number.
    public static func scalar(_ value: Double, dtype: DType) -> Tensor {
        let t = Tensor(uncheckedShape: [], dtype: dtype)
        switch dtype {
        case .float32: t.floats[0] = Float(value)
        case .int64: t.int64s[0] = Int64(exactly: value.rounded(.towardZero)) ?? 0
        case .uint8: t.bytes[0] = UInt8(truncatingIfNeeded: Int64(exactly: value.rounded(.towardZero)) ?? 0)
        case .bool: t.bytes[0] = value != 0 ? 1 : 0
        }
        return t
    }

    /// The dtype of `a op b` under the rules above, and each operand as a tensor.
    static func promote(_ a: Operand, _ b: Operand, forDivision: Bool) throws -> (DType, Tensor, Tensor) {
        func tensorType(_ x: DType, _ y: DType) -> DType {
            if x == .float32 || y == .float32 { return .float32 }
            if x == .int64 || y == .int64 { return .int64 }
            if x == .uint8 || y == .uint8 { return .uint8 }
            return .int64
        }
        func withScalar(_ t: DType, _ s: Operand) throws -> DType {
            switch s {
            case .float: return .float32
            case .int(let i):
                if t == .uint8 && !(0...255).contains(i) {
                    throw ArrayError("OverflowError", "Python integer \(i) out of bounds for uint8")
                }
                return t == .bool ? .int64 : t
            case .bool: return t == .bool ? .int64 : t
            case .tensor(let u): return tensorType(t, u.dtype)
            }
        }
        var type: DType
        switch (a, b) {
        case (.tensor(let x), _): type = try withScalar(x.dtype, b)
        case (_, .tensor(let y)): type = try withScalar(y.dtype, a)
        default: throw ArrayError("TypeError", "at least one operand must be an array")
        }
        if forDivision { type = .float32 }
        func tensor(_ o: Operand) -> Tensor {
            switch o {
            case .tensor(let t): return t
            case .int(let i): return scalar(Double(i), dtype: type)
            case .float(let d): return scalar(d, dtype: .float32)
            case .bool(let v): return scalar(v ? 1 : 0, dtype: type)
            }
        }
        return (type, tensor(a), tensor(b))
    }

    /// `a op b` element-wise, broadcasting, with numpy's errors for shapes that do not broadcast
    /// and for integers raised to negative integer powers.
    public static func arithmetic(_ op: ArithmeticOp, _ a: Operand, _ b: Operand) throws -> Tensor {
        let (type, x, y) = try promote(a, b, forDivision: op == .divide)
        let shape = try broadcastShape(x.shape, y.shape)
        if op == .power && type != .float32 {
            let e = y.converted(to: .int64)
            if e.int64s.contains(where: { $0 < 0 }) {
                throw ArrayError("ValueError", "Integers to negative integer powers are not allowed.")
            }
        }
        let out = try Tensor(zeros: shape, dtype: type)
        let loop = StridedLoop(dims: shape.dims, strides: [x.broadcastStrides(to: shape), y.broadcastStrides(to: shape),
                                                            StridedLoop.contiguousStrides(shape.dims)])
        switch type {
        case .float32: run(loop, x, y, out.pointer(Float.self), floatOp(op))
        case .int64: run(loop, x, y, out.pointer(Int64.self), intOp(op))
        case .uint8, .bool: run(loop, x, y, out.pointer(UInt8.self), byteOp(op))
        }
        return out
    }

    /// `a op b` element-wise, broadcasting; a bool tensor.
    public static func compare(_ op: ComparisonOp, _ a: Operand, _ b: Operand) throws -> Tensor {
        // Compare in float32 when either side is a float, else exactly in int64 (a uint8 array
        // against 300 is simply never equal, as in numpy).
        let anyFloat: Bool = [a, b].contains { o in
            switch o { case .float: return true; case .tensor(let t): return t.dtype == .float32; default: return false }
        }
        func tensor(_ o: Operand) -> Tensor {
            switch o {
            case .tensor(let t): return t
            case .int(let i): return scalar(Double(i), dtype: anyFloat ? .float32 : .int64)
            case .float(let d): return scalar(d, dtype: .float32)
            case .bool(let v): return scalar(v ? 1 : 0, dtype: .int64)
            }
        }
        let x = tensor(a), y = tensor(b)
        let shape = try broadcastShape(x.shape, y.shape)
        let out = try Tensor(zeros: shape, dtype: .bool)
        let loop = StridedLoop(dims: shape.dims, strides: [x.broadcastStrides(to: shape), y.broadcastStrides(to: shape),
                                                            StridedLoop.contiguousStrides(shape.dims)])
        let r = out.pointer(UInt8.self)
        if anyFloat {
            run(loop, x, y, r, comparator(op) as (Float, Float) -> UInt8)
        } else {
            run(loop, x, y, r, comparator(op) as (Int64, Int64) -> UInt8)
        }
        return out
    }

    /// 1 where `op` holds for the two values, else 0 (a bool element).
    private static func comparator<T: Comparable>(_ op: ComparisonOp) -> (T, T) -> UInt8 {
        switch op {
        case .equal: return { $0 == $1 ? 1 : 0 }
        case .notEqual: return { $0 != $1 ? 1 : 0 }
        case .less: return { $0 < $1 ? 1 : 0 }
        case .lessEqual: return { $0 <= $1 ? 1 : 0 }
        case .greater: return { $0 > $1 ? 1 : 0 }
        case .greaterEqual: return { $0 >= $1 ? 1 : 0 }
        }
    }

    /// `-x` (wrapping for uint8, as numpy); TypeError for bool, as numpy.
    public func negated() throws -> Tensor {
        let out = Tensor(uncheckedShape: shape, dtype: dtype)
        switch dtype {
        case .float32: let s = floats, d = out.floats; for i in 0..<count { d[i] = -s[i] }
        case .int64: let s = int64s, d = out.int64s; for i in 0..<count { d[i] = 0 &- s[i] }
        case .uint8: let s = bytes, d = out.bytes; for i in 0..<count { d[i] = 0 &- s[i] }
        case .bool:
            throw ArrayError("TypeError", "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
        }
        return out
    }

    /// `~x`: logical not for bool, bitwise not for integers; TypeError for float32.
    public func inverted() throws -> Tensor {
        let out = Tensor(uncheckedShape: shape, dtype: dtype)
        switch dtype {
        case .bool: let s = bytes, d = out.bytes; for i in 0..<count { d[i] = s[i] == 0 ? 1 : 0 }
        case .uint8: let s = bytes, d = out.bytes; for i in 0..<count { d[i] = ~s[i] }
        case .int64: let s = int64s, d = out.int64s; for i in 0..<count { d[i] = ~s[i] }
        case .float32:
            throw ArrayError("TypeError", "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
        }
        return out
    }

    // MARK: kernels

    /// Dispatches on the operands' storage types, then runs `f` over the broadcast layout.
    private static func run<C: TensorScalar, R>(_ loop: StridedLoop, _ x: Tensor, _ y: Tensor, _ r: UnsafeMutablePointer<R>,
                                                _ f: (C, C) -> R) {
        switch x.dtype {
        case .float32: run2(loop, x.pointer(Float.self), y, r, f)
        case .int64: run2(loop, x.pointer(Int64.self), y, r, f)
        case .uint8, .bool: run2(loop, x.pointer(UInt8.self), y, r, f)
        }
    }

    private static func run2<A: TensorScalar, C: TensorScalar, R>(_ loop: StridedLoop, _ a: UnsafeMutablePointer<A>, _ y: Tensor,
                                                                  _ r: UnsafeMutablePointer<R>, _ f: (C, C) -> R) {
        switch y.dtype {
        case .float32: kernel(loop, a, y.pointer(Float.self), r, f)
        case .int64: kernel(loop, a, y.pointer(Int64.self), r, f)
        case .uint8, .bool: kernel(loop, a, y.pointer(UInt8.self), r, f)
        }
    }

    private static func kernel<A: TensorScalar, B: TensorScalar, C: TensorScalar, R>(
        _ loop: StridedLoop, _ a: UnsafeMutablePointer<A>, _ b: UnsafeMutablePointer<B>, _ r: UnsafeMutablePointer<R>, _ f: (C, C) -> R
    ) {
        loop.forEachRow { oa, ob, orr, n, sa, sb, sr in
            var i = oa, j = ob, k = orr
            for _ in 0..<n {
                r[k] = f(C.from(a[i]), C.from(b[j]))
                i += sa; j += sb; k += sr
            }
        }
    }

    private static func floatOp(_ op: ArithmeticOp) -> (Float, Float) -> Float {
        switch op {
        case .add: return { $0 + $1 }
        case .subtract: return { $0 - $1 }
        case .multiply: return { $0 * $1 }
        case .divide: return { $0 / $1 }
        case .floorDivide: return { ($0 / $1).rounded(.down) }
        case .remainder:
            // numpy's remainder: the sign of the divisor.
            return { a, b in
                let m = fmodf(a, b)
                return m != 0 && (m < 0) != (b < 0) ? m + b : m
            }
        case .power: return { powf($0, $1) }
        }
    }

    private static func intOp(_ op: ArithmeticOp) -> (Int64, Int64) -> Int64 {
        switch op {
        case .add: return { $0 &+ $1 }
        case .subtract: return { $0 &- $1 }
        case .multiply: return { $0 &* $1 }
        case .divide: return { _, _ in 0 }   // never used: division computes in float32
        case .floorDivide:
            // numpy: x // 0 is 0 for integers (with a warning).
            return { a, b in
                if b == 0 || (a == .min && b == -1) { return b == 0 ? 0 : .min }
                let q = a / b
                return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q
            }
        case .remainder:
            return { a, b in
                if b == 0 || b == -1 { return 0 }
                let m = a % b
                return m != 0 && (m < 0) != (b < 0) ? m + b : m
            }
        case .power: return { a, b in integerPower(a, b) }
        }
    }

    private static func byteOp(_ op: ArithmeticOp) -> (UInt8, UInt8) -> UInt8 {
        switch op {
        case .add: return { $0 &+ $1 }
        case .subtract: return { $0 &- $1 }
        case .multiply: return { $0 &* $1 }
        case .divide: return { _, _ in 0 }
        case .floorDivide: return { $1 == 0 ? 0 : $0 / $1 }
        case .remainder: return { $1 == 0 ? 0 : $0 % $1 }
        case .power: return { UInt8(truncatingIfNeeded: integerPower(Int64($0), Int64($1))) }
        }
    }

    /// a ** b for b >= 0, wrapping on overflow like numpy.
    static func integerPower(_ a: Int64, _ b: Int64) -> Int64 {
        var result: Int64 = 1, base = a, e = b
        while e > 0 {
            if e & 1 == 1 { result = result &* base }
            base = base &* base
            e >>= 1
        }
        return result
    }
}
