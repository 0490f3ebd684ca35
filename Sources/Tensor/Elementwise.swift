import Glibc

/// Element-wise arithmetic and comparisons with numpy's broadcasting and numpy 2's type
/// promotion (Promotion.swift). Results are new contiguous tensors (copies, never views).
/// Integers wrap on overflow and `x // 0` is 0 for them, as in numpy.
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

    /// `a op b` element-wise, broadcasting, with numpy's errors for shapes that do not broadcast
    /// and for integers raised to negative integer powers.
    /// `fast: false` runs the general (naive) loop, for the tests that hold the fast one to it.
    public static func arithmetic(_ op: ArithmeticOp, _ a: Operand, _ b: Operand, fast: Bool = true) throws -> Tensor {
        var (promotedType, x, y) = try promote(a, b)
        let type = try resultType(op, promotedType)
        let shape = try broadcastShape(x.shape, y.shape)
        if op == .power && !type.isFloat && (0..<y.count).contains(where: { y.integer(at: $0) < 0 }) {
            throw ArrayError("ValueError", "Integers to negative integer powers are not allowed.")
        }
        let fastOps: [ArithmeticOp] = type.isFloat ? [.add, .subtract, .multiply, .divide] : [.add, .subtract, .multiply]
        if fast && fastOps.contains(op) && type != .bool {
            if x.dtype != type { x = x.converted(to: type) }
            if y.dtype != type { y = y.converted(to: type) }
        }
        let out = try Tensor(zeros: shape, dtype: type)
        let loop = StridedLoop(dims: shape.dims, strides: [x.broadcastStrides(to: shape), y.broadcastStrides(to: shape),
                                                            StridedLoop.contiguousStrides(shape.dims)])
        if fast && fastArithmetic(op, x, y, out, loop) { return out }
        switch type {
        case .float32: run(loop, x, y, out.pointer(Float.self), floatOp(op, power: powf))
        case .float64: run(loop, x, y, out.pointer(Double.self), floatOp(op, power: pow))
        case .int64: run(loop, x, y, out.pointer(Int64.self), intOp(op))
        case .int32: run(loop, x, y, out.pointer(Int32.self), intOp(op))
        case .uint8: run(loop, x, y, out.pointer(UInt8.self), intOp(op))
        case .bool:
            // numpy: True + True is True (or), True * False is False (and).
            let f: (UInt8, UInt8) -> UInt8
            switch op {
            case .add, .bitOr, .maximum: f = { $0 | $1 }
            case .bitXor: f = { $0 ^ $1 }
            default: f = { $0 & $1 }
            }
            run(loop, x, y, out.pointer(UInt8.self), f)
        }
        return out
    }

    /// `a op b` element-wise, broadcasting; a bool tensor. Compares in float64 when either side is
    /// a float (a Python float against float32 values as a float32, as numpy), else exactly as
    /// integers (a uint8 array against 300 is simply never equal, as in numpy).
    public static func compare(_ op: ComparisonOp, _ a: Operand, _ b: Operand, fast: Bool = true) throws -> Tensor {
        var floatType: DType? = nil
        for o in [a, b] {
            switch o {
            case .float: floatType = floatType ?? .float64
            case .tensor(let t) where t.dtype.isFloat: floatType = floatType == .float64 && t.dtype == .float32 ? .float64 : t.dtype
            default: break
            }
        }
        let anyFloat = floatType != nil
        func tensor(_ o: Operand) -> Tensor {
            switch o {
            case .tensor(let t): return t
            case .int(let i): return scalar(integer: Int64(i), dtype: anyFloat ? .float64 : .int64)
            case .float(let d):
                let other: Operand = { if case .float = a { return b }; return a }()
                if case .tensor(let t) = other, t.dtype == .float32 { return scalar(Double(Float(d)), dtype: .float64) }
                return scalar(d, dtype: .float64)
            case .bool(let v): return scalar(v ? 1 : 0, dtype: .int64)
            }
        }
        var x = tensor(a), y = tensor(b)
        // A 0-d operand that converts to the other's type without loss joins the fast path.
        func lossless(_ s: Tensor, _ type: DType) -> Tensor? {
            guard s.count == 1, s.dtype != type, type != .bool else { return nil }
            let c = s.converted(to: type)
            return c.converted(to: s.dtype).scalar(at: 0) == s.scalar(at: 0) || s.scalar(at: 0).isNaN ? c : nil
        }
        if fast, x.dtype != y.dtype {
            if y.shape.rank == 0, let c = lossless(y, x.dtype) { y = c } else if x.shape.rank == 0, let c = lossless(x, y.dtype) { x = c }
        }
        let shape = try broadcastShape(x.shape, y.shape)
        let out = try Tensor(zeros: shape, dtype: .bool)
        let loop = StridedLoop(dims: shape.dims, strides: [x.broadcastStrides(to: shape), y.broadcastStrides(to: shape),
                                                            StridedLoop.contiguousStrides(shape.dims)])
        if fast && fastCompare(op, x, y, out, loop) { return out }
        let r = out.pointer(UInt8.self)
        if anyFloat {
            run(loop, x, y, r, comparator(op) as (Double, Double) -> UInt8)
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

    /// `-x` (wrapping for integers, as numpy); TypeError for bool, as numpy.
    public func negated() throws -> Tensor {
        if dtype == .bool {
            throw ArrayError("TypeError", "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
        }
        let out = Tensor(uncheckedShape: shape, dtype: dtype)
        switch dtype {
        case .float32: let s = floats, d = out.floats; for i in 0..<count { d[i] = -s[i] }
        case .float64: let s = doubles, d = out.doubles; for i in 0..<count { d[i] = -s[i] }
        case .int64: let s = int64s, d = out.int64s; for i in 0..<count { d[i] = 0 &- s[i] }
        case .int32: let s = int32s, d = out.int32s; for i in 0..<count { d[i] = 0 &- s[i] }
        case .uint8, .bool: let s = bytes, d = out.bytes; for i in 0..<count { d[i] = 0 &- s[i] }
        }
        return out
    }

    /// `~x`: logical not for bool, bitwise not for integers; TypeError for floats.
    public func inverted() throws -> Tensor {
        let out = Tensor(uncheckedShape: shape, dtype: dtype)
        switch dtype {
        case .bool: let s = bytes, d = out.bytes; for i in 0..<count { d[i] = s[i] == 0 ? 1 : 0 }
        case .uint8: let s = bytes, d = out.bytes; for i in 0..<count { d[i] = ~s[i] }
        case .int64: let s = int64s, d = out.int64s; for i in 0..<count { d[i] = ~s[i] }
        case .int32: let s = int32s, d = out.int32s; for i in 0..<count { d[i] = ~s[i] }
        case .float32, .float64:
            throw ArrayError("TypeError", "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
        }
        return out
    }

    // MARK: kernels

    /// Dispatches on the operands' storage types, then runs `f` over the broadcast layout.
    static func run<C: TensorScalar, R>(_ loop: StridedLoop, _ x: Tensor, _ y: Tensor, _ r: UnsafeMutablePointer<R>,
                                        _ f: (C, C) -> R) {
        withoutActuallyEscaping(f) { f in x.visit(BinaryFirst(loop: loop, y: y, r: r, f: f)) }
    }

    static func kernel<A: TensorScalar, B: TensorScalar, C: TensorScalar, R>(
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

    /// numpy's float arithmetic; floor division and remainder as numpy's `divmod` computes them.
    private static func floatOp<T: BinaryFloatingPoint & TensorScalar>(_ op: ArithmeticOp, power: @escaping (T, T) -> T) -> (T, T) -> T {
        switch op {
        case .add: return { $0 + $1 }
        case .subtract: return { $0 - $1 }
        case .multiply: return { $0 * $1 }
        case .divide: return { $0 / $1 }
        case .floorDivide: return { a, b in floatDivmod(a, b).0 }
        case .remainder: return { a, b in floatDivmod(a, b).1 }
        case .power: return power
        case .bitAnd, .bitOr, .bitXor: return { _, _ in 0 }   // never used: floats refuse them
        case .maximum: return { a, b in a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
        case .minimum: return { a, b in a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }
        }
    }

    /// numpy's `npy_divmod`: the floored quotient and the remainder with the divisor's sign.
    static func floatDivmod<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> (T, T) {
        var mod = a.truncatingRemainder(dividingBy: b)
        if b == 0 { return (a / b, mod) }
        var div = (a - mod) / b
        if mod != 0 {
            if (b < 0) != (mod < 0) { mod += b; div -= 1 }
        } else {
            mod = b < 0 ? -0.0 : 0.0
        }
        var floorDiv: T
        if div != 0 {
            floorDiv = div.rounded(.down)
            if div - floorDiv > 0.5 { floorDiv += 1 }
        } else {
            floorDiv = (a / b) < 0 ? -0.0 : 0.0
        }
        return (floorDiv, mod)
    }

    private static func intOp<T: FixedWidthInteger & TensorScalar>(_ op: ArithmeticOp) -> (T, T) -> T {
        switch op {
        case .add: return { $0 &+ $1 }
        case .subtract: return { $0 &- $1 }
        case .multiply: return { $0 &* $1 }
        case .divide: return { _, _ in 0 }   // never used: division computes in float64
        case .floorDivide:
            // numpy: x // 0 is 0 for integers (with a warning); min // -1 wraps.
            return { a, b in
                if b == 0 { return 0 }
                let (q, overflow) = a.dividedReportingOverflow(by: b)
                if overflow { return q }
                return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q
            }
        case .remainder:
            return { a, b in
                if b == 0 { return 0 }
                let (m, overflow) = a.remainderReportingOverflow(dividingBy: b)
                if overflow { return 0 }
                return m != 0 && (m < 0) != (b < 0) ? m + b : m
            }
        case .power: return { a, b in integerPower(a, b) }
        case .bitAnd: return { $0 & $1 }
        case .bitOr: return { $0 | $1 }
        case .bitXor: return { $0 ^ $1 }
        case .maximum: return { Swift.max($0, $1) }
        case .minimum: return { Swift.min($0, $1) }
        }
    }

    /// a ** b for b >= 0, wrapping on overflow like numpy.
    static func integerPower<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
        var result: T = 1, base = a, e = b
        while e > 0 {
            if e & 1 == 1 { result = result &* base }
            base = base &* base
            e >>= 1
        }
        return result
    }
}

/// `run`'s two dispatches: the first operand's element type, then the second's.
private struct BinaryFirst<C: TensorScalar, R>: TensorVisitor {
    let loop: StridedLoop, y: Tensor, r: UnsafeMutablePointer<R>, f: (C, C) -> R
    func visit<A: TensorScalar>(_ a: UnsafeMutablePointer<A>) {
        y.visit(BinarySecond(loop: loop, a: a, r: r, f: f))
    }
}

private struct BinarySecond<A: TensorScalar, C: TensorScalar, R>: TensorVisitor {
    let loop: StridedLoop, a: UnsafeMutablePointer<A>, r: UnsafeMutablePointer<R>, f: (C, C) -> R
    func visit<B: TensorScalar>(_ b: UnsafeMutablePointer<B>) { Tensor.kernel(loop, a, b, r, f) }
}
