/// The Swift types behind each DType and the generic machinery the numpy kernels share:
/// Float (float32), Double (float64), UInt8 (uint8 and bool), Int32 (int32), Int64 (int64).
/// A kernel written once over `TensorScalar` runs on every dtype through `Tensor.visit`.
protocol TensorScalar: Comparable {
    static var isFloatingPoint: Bool { get }
    var asDouble: Double { get }
    /// Integers as they are; floats truncated toward zero, clamped to Int64 (NaN: 0).
    var asInt64: Int64 { get }
    var isNaN: Bool { get }
    static var zero: Self { get }
    /// The element of this type that `s` becomes under numpy's `astype` (floats to integers
    /// truncate toward zero and clamp to the range, NaN gives 0; integers wrap).
    static func from<S: TensorScalar>(_ s: S) -> Self
}

extension Float: TensorScalar {
    static var isFloatingPoint: Bool { true }
    var asDouble: Double { Double(self) }
    var asInt64: Int64 { Double(self).asInt64 }
    static var zero: Float { 0 }
    @inline(__always) static func from<S: TensorScalar>(_ s: S) -> Float {
        if let f = s as? Float { return f }
        return S.isFloatingPoint ? Float(s.asDouble) : Float(s.asInt64)
    }
}

extension Double: TensorScalar {
    static var isFloatingPoint: Bool { true }
    var asDouble: Double { self }
    var asInt64: Int64 { isNaN ? 0 : self >= 9.223372036854775807e18 ? .max : self <= -9.223372036854775808e18 ? .min : Int64(self) }
    static var zero: Double { 0 }
    @inline(__always) static func from<S: TensorScalar>(_ s: S) -> Double {
        S.isFloatingPoint ? s.asDouble : Double(s.asInt64)
    }
}

extension Int64: TensorScalar {
    static var isFloatingPoint: Bool { false }
    var asDouble: Double { Double(self) }
    var asInt64: Int64 { self }
    var isNaN: Bool { false }
    static var zero: Int64 { 0 }
    @inline(__always) static func from<S: TensorScalar>(_ s: S) -> Int64 { s.asInt64 }
}

extension Int32: TensorScalar {
    static var isFloatingPoint: Bool { false }
    var asDouble: Double { Double(self) }
    var asInt64: Int64 { Int64(self) }
    var isNaN: Bool { false }
    static var zero: Int32 { 0 }
    @inline(__always) static func from<S: TensorScalar>(_ s: S) -> Int32 {
        S.isFloatingPoint ? Int32(clamping: s.asInt64) : Int32(truncatingIfNeeded: s.asInt64)
    }
}

extension UInt8: TensorScalar {
    static var isFloatingPoint: Bool { false }
    var asDouble: Double { Double(self) }
    var asInt64: Int64 { Int64(self) }
    var isNaN: Bool { false }
    static var zero: UInt8 { 0 }
    @inline(__always) static func from<S: TensorScalar>(_ s: S) -> UInt8 {
        S.isFloatingPoint ? UInt8(clamping: s.asInt64) : UInt8(truncatingIfNeeded: s.asInt64)
    }
}

/// A computation over a tensor's elements, written once for every element type.
protocol TensorVisitor {
    associatedtype Result
    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) -> Result
}

extension Tensor {
    /// Runs `v` on this tensor's elements as their Swift type (bool as UInt8 0/1).
    func visit<V: TensorVisitor>(_ v: V) -> V.Result {
        switch dtype {
        case .float32: return v.visit(pointer(Float.self))
        case .float64: return v.visit(pointer(Double.self))
        case .uint8, .bool: return v.visit(pointer(UInt8.self))
        case .int32: return v.visit(pointer(Int32.self))
        case .int64: return v.visit(pointer(Int64.self))
        }
    }

    /// The elements of a float64 tensor (precondition: dtype == .float64).
    public var doubles: UnsafeMutableBufferPointer<Double> {
        precondition(dtype == .float64, "doubles of a \(dtype.rawValue) tensor")
        return UnsafeMutableBufferPointer(start: pointer(Double.self), count: count)
    }

    /// The elements of an int32 tensor (precondition: dtype == .int32).
    public var int32s: UnsafeMutableBufferPointer<Int32> {
        precondition(dtype == .int32, "int32s of a \(dtype.rawValue) tensor")
        return UnsafeMutableBufferPointer(start: pointer(Int32.self), count: count)
    }

    public convenience init(shape: Shape, doubles: [Double]) throws {
        guard let n = shape.checkedCount, n == doubles.count else {
            throw TensorError("cannot make a tensor of shape \(shape) from \(doubles.count) values")
        }
        try self.init(zeros: shape, dtype: .float64)
        _ = self.doubles.update(fromContentsOf: doubles)
    }

    /// Whether every element is non-zero (true for an empty tensor), as numpy's `all`.
    public var allNonZero: Bool {
        struct Check: TensorVisitor {
            let n: Int
            func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) -> Bool { !(0..<n).contains { p[$0] == T.zero } }
        }
        return visit(Check(n: count))
    }

    /// A copy of the elements as Doubles (any dtype; int64 beyond 2^53 rounds).
    public var doubleArray: [Double] {
        struct Read: TensorVisitor {
            let n: Int
            func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) -> [Double] { (0..<n).map { p[$0].asDouble } }
        }
        return visit(Read(n: count))
    }

    /// A new tensor of another element type, converted as numpy's `astype` converts (see
    /// `TensorScalar.from`); anything → bool is `!= 0` (NaN is true).
    public func converted(to target: DType) -> Tensor {
        if target == dtype { return copy() }
        let out = Tensor(uncheckedShape: shape, dtype: target)
        visit(ConvertSource(out: out, n: count))
        return out
    }

    /// The element at a flat (row-major) index, as a Double, whatever the dtype.
    public func scalar(at flatIndex: Int) -> Double {
        precondition(flatIndex >= 0 && flatIndex < count, "index \(flatIndex) out of range for shape \(shape)")
        struct Read: TensorVisitor {
            let i: Int
            func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) -> Double { p[i].asDouble }
        }
        return visit(Read(i: flatIndex))
    }

    /// The element at a flat index as an Int64 (integer dtypes exactly; floats truncated).
    public func integer(at flatIndex: Int) -> Int64 {
        precondition(flatIndex >= 0 && flatIndex < count, "index \(flatIndex) out of range for shape \(shape)")
        struct Read: TensorVisitor {
            let i: Int
            func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) -> Int64 { p[i].asInt64 }
        }
        return visit(Read(i: flatIndex))
    }

    /// The element at a flat index as a 0-d tensor of the same dtype (numpy's scalar).
    public func element(at flat: Int) -> Tensor {
        precondition(flat >= 0 && flat < count, "index \(flat) out of range for shape \(shape)")
        let one = Tensor(uncheckedShape: [], dtype: dtype)
        one.storage.raw.copyMemory(from: storage.raw + flat * dtype.byteSize, byteCount: dtype.byteSize)
        return one
    }

    /// Rows `indices` of the first axis in a new tensor of `type`, each element converted as
    /// `converted(to:)` converts (a batch of float32 from uint8 or float64 data).
    public func rows(_ indices: [Int], as type: DType) throws -> Tensor {
        let n = shape.dims.first ?? 0, row = n == 0 ? 0 : count / n
        let outShape = Shape([indices.count] + shape.dims.dropFirst())
        let out = try Tensor(zeros: outShape, dtype: type, what: "a batch of shape \(outShape)")
        if type == dtype || (type == .uint8 && dtype == .bool) {
            let size = dtype.byteSize * row
            for (k, i) in indices.enumerated() { (out.storage.raw + k * size).copyMemory(from: storage.raw + i * size, byteCount: size) }
        } else if type == .bool {
            for (k, i) in indices.enumerated() { for j in 0..<row { out.bytes[k * row + j] = scalar(at: i * row + j) != 0 ? 1 : 0 } }
        } else {
            visit(RowsSource(out: out, indices: indices, row: row))
        }
        return out
    }

    /// A 0-d tensor holding one number (integers beyond 2^53 need `scalar(integer:dtype:)`).
    public static func scalar(_ value: Double, dtype: DType) -> Tensor {
        let t = Tensor(uncheckedShape: [], dtype: dtype)
        if dtype == .bool {
            t.bytes[0] = value != 0 ? 1 : 0
            return t
        }
        struct Write: TensorVisitor {
            let v: Double
            func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) { p[0] = T.from(v) }
        }
        t.visit(Write(v: value))
        return t
    }

    /// A 0-d integer-or-float tensor holding an exact integer.
    public static func scalar(integer value: Int64, dtype: DType) -> Tensor {
        let t = Tensor(uncheckedShape: [], dtype: dtype)
        if dtype == .bool {
            t.bytes[0] = value != 0 ? 1 : 0
            return t
        }
        struct Write: TensorVisitor {
            let v: Int64
            func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) { p[0] = T.from(v) }
        }
        t.visit(Write(v: value))
        return t
    }
}

/// `converted(to:)`'s two dispatches: the source's element type, then the destination's.
private struct ConvertSource: TensorVisitor {
    let out: Tensor, n: Int
    func visit<S: TensorScalar>(_ s: UnsafeMutablePointer<S>) {
        if out.dtype == .bool {
            let d = out.pointer(UInt8.self)
            for i in 0..<n { d[i] = s[i] != S.zero ? 1 : 0 }
            return
        }
        out.visit(ConvertDestination(s: s, n: n))
    }
}

private struct ConvertDestination<S: TensorScalar>: TensorVisitor {
    let s: UnsafeMutablePointer<S>, n: Int
    func visit<D: TensorScalar>(_ d: UnsafeMutablePointer<D>) { for i in 0..<n { d[i] = D.from(s[i]) } }
}

/// `rows(_:as:)`'s converting copy: the source's element type, then the destination's.
private struct RowsSource: TensorVisitor {
    let out: Tensor, indices: [Int], row: Int
    func visit<S: TensorScalar>(_ s: UnsafeMutablePointer<S>) { out.visit(RowsDestination(s: s, indices: indices, row: row)) }
}

private struct RowsDestination<S: TensorScalar>: TensorVisitor {
    let s: UnsafeMutablePointer<S>, indices: [Int], row: Int
    func visit<D: TensorScalar>(_ d: UnsafeMutablePointer<D>) {
        for (k, i) in indices.enumerated() {
            let from = s + i * row, to = d + k * row
            for j in 0..<row { to[j] = D.from(from[j]) }
        }
    }
}
