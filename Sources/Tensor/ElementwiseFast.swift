/// The fast path of element-wise arithmetic and comparisons: when both operands already hold the
/// computing type, each row runs a loop the compiler specialises per operation and type (and
/// vectorises for contiguous rows and scalars), instead of a closure call and two conversions per
/// element. The general path in Elementwise.swift is its naive twin; ElementwiseTests hold this
/// one against it.
protocol ElementOperation {
    associatedtype Element
    associatedtype Result
    static func apply(_ a: Element, _ b: Element) -> Result
}

private enum Add<T: Numeric & TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> T { a + b } }
private enum Subtract<T: Numeric & TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> T { a - b } }
private enum Multiply<T: Numeric & TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> T { a * b } }
private enum Divide<T: FloatingPoint & TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> T { a / b } }
private enum WrappingAdd<T: FixedWidthInteger & TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> T { a &+ b } }
private enum WrappingSubtract<T: FixedWidthInteger & TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> T { a &- b } }
private enum WrappingMultiply<T: FixedWidthInteger & TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> T { a &* b } }
private enum Less<T: TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> UInt8 { a < b ? 1 : 0 } }
private enum LessEqual<T: TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> UInt8 { a <= b ? 1 : 0 } }
private enum Greater<T: TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> UInt8 { a > b ? 1 : 0 } }
private enum GreaterEqual<T: TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> UInt8 { a >= b ? 1 : 0 } }
private enum Equal<T: TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> UInt8 { a == b ? 1 : 0 } }
private enum NotEqual<T: TensorScalar>: ElementOperation { static func apply(_ a: T, _ b: T) -> UInt8 { a != b ? 1 : 0 } }

extension Tensor {
    /// `a op b` by the fast path, or nil when it does not apply (the general path then runs).
    static func fastArithmetic(_ op: ArithmeticOp, _ x: Tensor, _ y: Tensor, _ out: Tensor, _ loop: StridedLoop) -> Bool {
        guard x.dtype == out.dtype, y.dtype == out.dtype else { return false }
        switch (out.dtype, op) {
        case (.float32, _): return floatRows(op, Float.self, loop, x, y, out)
        case (.float64, _): return floatRows(op, Double.self, loop, x, y, out)
        case (.int64, _): return integerRows(op, Int64.self, loop, x, y, out)
        case (.int32, _): return integerRows(op, Int32.self, loop, x, y, out)
        case (.uint8, _): return integerRows(op, UInt8.self, loop, x, y, out)
        case (.bool, _): return false
        }
    }

    private static func floatRows<F: BinaryFloatingPoint & TensorScalar>(_ op: ArithmeticOp, _: F.Type, _ loop: StridedLoop,
                                                                          _ x: Tensor, _ y: Tensor, _ out: Tensor) -> Bool {
        let (a, b, r) = (x.pointer(F.self), y.pointer(F.self), out.pointer(F.self))
        switch op {
        case .add: rows(Add<F>.self, loop, a, b, r)
        case .subtract: rows(Subtract<F>.self, loop, a, b, r)
        case .multiply: rows(Multiply<F>.self, loop, a, b, r)
        case .divide: rows(Divide<F>.self, loop, a, b, r)
        default: return false
        }
        return true
    }

    private static func integerRows<I: FixedWidthInteger & TensorScalar>(_ op: ArithmeticOp, _: I.Type, _ loop: StridedLoop,
                                                                          _ x: Tensor, _ y: Tensor, _ out: Tensor) -> Bool {
        let (a, b, r) = (x.pointer(I.self), y.pointer(I.self), out.pointer(I.self))
        switch op {
        case .add: rows(WrappingAdd<I>.self, loop, a, b, r)
        case .subtract: rows(WrappingSubtract<I>.self, loop, a, b, r)
        case .multiply: rows(WrappingMultiply<I>.self, loop, a, b, r)
        default: return false
        }
        return true
    }

    /// `a op b` into a bool tensor by the fast path, when both operands hold one type.
    static func fastCompare(_ op: ComparisonOp, _ x: Tensor, _ y: Tensor, _ out: Tensor, _ loop: StridedLoop) -> Bool {
        guard x.dtype == y.dtype, x.dtype != .bool else { return false }
        switch x.dtype {
        case .float32: compareRows(op, Float.self, loop, x, y, out)
        case .float64: compareRows(op, Double.self, loop, x, y, out)
        case .int64: compareRows(op, Int64.self, loop, x, y, out)
        case .int32: compareRows(op, Int32.self, loop, x, y, out)
        case .uint8: compareRows(op, UInt8.self, loop, x, y, out)
        case .bool: return false
        }
        return true
    }

    private static func compareRows<T: TensorScalar>(_ op: ComparisonOp, _: T.Type, _ loop: StridedLoop, _ x: Tensor, _ y: Tensor, _ out: Tensor) {
        let (a, b, r) = (x.pointer(T.self), y.pointer(T.self), out.pointer(UInt8.self))
        switch op {
        case .less: rows(Less<T>.self, loop, a, b, r)
        case .lessEqual: rows(LessEqual<T>.self, loop, a, b, r)
        case .greater: rows(Greater<T>.self, loop, a, b, r)
        case .greaterEqual: rows(GreaterEqual<T>.self, loop, a, b, r)
        case .equal: rows(Equal<T>.self, loop, a, b, r)
        case .notEqual: rows(NotEqual<T>.self, loop, a, b, r)
        }
    }

    /// Every row of the broadcast layout, with tight loops for the common shapes of a row:
    /// both contiguous, or one side a repeated scalar.
    private static func rows<K: ElementOperation>(_: K.Type, _ loop: StridedLoop, _ a: UnsafeMutablePointer<K.Element>,
                                                  _ b: UnsafeMutablePointer<K.Element>, _ r: UnsafeMutablePointer<K.Result>) {
        loop.forEachRow { oa, ob, orr, n, sa, sb, sr in
            let (pa, pb, pr) = (a + oa, b + ob, r + orr)
            if sr == 1 && sa == 1 && sb == 1 {
                for i in 0..<n { pr[i] = K.apply(pa[i], pb[i]) }
            } else if sr == 1 && sa == 1 && sb == 0 {
                let v = pb[0]
                for i in 0..<n { pr[i] = K.apply(pa[i], v) }
            } else if sr == 1 && sa == 0 && sb == 1 {
                let v = pa[0]
                for i in 0..<n { pr[i] = K.apply(v, pb[i]) }
            } else {
                for i in 0..<n { pr[i * sr] = K.apply(pa[i * sa], pb[i * sb]) }
            }
        }
    }
}
