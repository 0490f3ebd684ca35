import Glibc

/// The memory behind one or more tensors (a reshaped tensor shares its source's storage).
/// 64-byte aligned, zero-initialised, handed back to BufferCache when the last tensor using it
/// goes away.
final class TensorStorage: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer
    let byteCount: Int

    init(count: Int, dtype: DType, zeroed: Bool = true) {
        let bytes = max(count * dtype.byteSize, 1)
        byteCount = bytes
        raw = BufferCache.allocate(bytes: bytes)
        // Bind the memory to the element type once, for the storage's lifetime. Kernels that
        // write every element skip the zero fill (a pass over memory per layer and batch).
        if !zeroed, dtype == .float32 {
            raw.bindMemory(to: Float.self, capacity: count)
            return
        }
        switch dtype {
        case .float32: raw.initializeMemory(as: Float.self, repeating: 0, count: count)
        case .float64: raw.initializeMemory(as: Double.self, repeating: 0, count: count)
        case .uint8, .bool: raw.initializeMemory(as: UInt8.self, repeating: 0, count: count)
        case .int32: raw.initializeMemory(as: Int32.self, repeating: 0, count: count)
        case .int64: raw.initializeMemory(as: Int64.self, repeating: 0, count: count)
        }
    }

    deinit { BufferCache.release(raw, bytes: byteCount) }
}

/// An n-dimensional array with reference semantics, like a numpy array: contiguous, row-major
/// (NHWC for images). Element access goes through `floats`, `bytes` or `int64s`, which are valid
/// for as long as the tensor (or any tensor sharing its storage) lives. Keep a reference to the tensor
/// while using them: Swift may release an unused tensor early, so never index `floats` of a
/// temporary (`makeTensor().floats[0]`); use floatArray, byteArray, int64Array or withFloats.
public final class Tensor: @unchecked Sendable {
    public let shape: Shape
    public let dtype: DType
    /// The number of elements (shape.count).
    public let count: Int
    let storage: TensorStorage

    /// Internal: allocate without the MemoryGuard check (for results no larger than an input).
    init(uncheckedShape shape: Shape, dtype: DType) {
        self.shape = shape
        self.dtype = dtype
        self.count = shape.count
        self.storage = TensorStorage(count: count, dtype: dtype)
    }

    /// Internal: a float32 tensor whose elements are NOT initialised, for kernels that write every
    /// element before anyone reads it. Checked by MemoryGuard like `init(zeros:)`.
    public init(uninitialized shape: Shape, what: String) throws {
        let n = try MemoryGuard.checkElements(shape: shape, dtype: .float32, what: what)
        self.shape = shape
        self.dtype = .float32
        self.count = n
        self.storage = TensorStorage(count: n, dtype: .float32, zeroed: false)
    }

    init(shape: Shape, dtype: DType, sharing storage: TensorStorage) {
        self.shape = shape
        self.dtype = dtype
        self.count = shape.count
        self.storage = storage
    }

    /// A tensor of zeros. Throws MemoryError (via MemoryGuard) if it would be too large, and
    /// TensorError for a negative dimension. `what` names it in the error ("dense_1/kernel").
    public init(zeros shape: Shape, dtype: DType = .float32, what: String? = nil) throws {
        let n = try MemoryGuard.checkElements(
            shape: shape, dtype: dtype, what: what ?? "a \(dtype.rawValue) tensor of shape \(shape)")
        self.shape = shape
        self.dtype = dtype
        self.count = n
        self.storage = TensorStorage(count: n, dtype: dtype)
    }

    public convenience init(shape: Shape, floats: [Float]) throws {
        try Tensor.checkCount(shape, floats.count)
        try self.init(zeros: shape, dtype: .float32)
        _ = self.floats.update(fromContentsOf: floats)
    }

    public convenience init(shape: Shape, bytes: [UInt8]) throws {
        try Tensor.checkCount(shape, bytes.count)
        try self.init(zeros: shape, dtype: .uint8)
        _ = self.bytes.update(fromContentsOf: bytes)
    }

    public convenience init(shape: Shape, int64s: [Int64]) throws {
        try Tensor.checkCount(shape, int64s.count)
        try self.init(zeros: shape, dtype: .int64)
        _ = self.int64s.update(fromContentsOf: int64s)
    }

    public convenience init(repeating value: Float, shape: Shape) throws {
        try self.init(zeros: shape, dtype: .float32)
        if value != 0 { floats.update(repeating: value) }
    }

    private static func checkCount(_ shape: Shape, _ given: Int) throws {
        guard let n = shape.checkedCount, n == given else {
            throw TensorError("cannot make a tensor of shape \(shape) from \(given) values")
        }
    }

    /// The elements of a float32 tensor (precondition: dtype == .float32).
    public var floats: UnsafeMutableBufferPointer<Float> {
        precondition(dtype == .float32, "floats of a \(dtype.rawValue) tensor")
        return UnsafeMutableBufferPointer(start: storage.raw.assumingMemoryBound(to: Float.self), count: count)
    }

    /// The elements of a uint8 tensor, or the 0/1 bytes of a bool one
    /// (precondition: dtype == .uint8 or .bool).
    public var bytes: UnsafeMutableBufferPointer<UInt8> {
        precondition(dtype == .uint8 || dtype == .bool, "bytes of a \(dtype.rawValue) tensor")
        return UnsafeMutableBufferPointer(start: storage.raw.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// The elements of an int64 tensor (precondition: dtype == .int64).
    public var int64s: UnsafeMutableBufferPointer<Int64> {
        precondition(dtype == .int64, "int64s of a \(dtype.rawValue) tensor")
        return UnsafeMutableBufferPointer(start: storage.raw.assumingMemoryBound(to: Int64.self), count: count)
    }

    /// Calls `body` with the elements of a float32 tensor, keeping the tensor alive meanwhile.
    /// Prefer this (or floatArray) over `floats` on a temporary: `f().floats[0]` may read freed
    /// memory, because Swift can release the temporary tensor as soon as the getter returns.
    public func withFloats<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(floats) }
    }

    /// A copy of the elements of a uint8 tensor.
    public var byteArray: [UInt8] { Array(bytes) }

    /// A copy of the elements of an int64 tensor.
    public var int64Array: [Int64] { Array(int64s) }

    /// A copy of the elements as Swift floats (any dtype).
    public var floatArray: [Float] { dtype == .float32 ? Array(floats) : converted(to: .float32).floatArray }

    /// The same elements in a new shape with the same count. SHARES STORAGE with `self`, like
    /// numpy's reshape returning a view: writing through one is visible through the other.
    /// Use `copy()` first for an independent tensor. One dimension may be -1 (inferred).
    public func reshaped(_ newShape: Shape) throws -> Tensor {
        var dims = newShape.dims
        let unknown = dims.indices.filter { dims[$0] == -1 }
        if unknown.count > 1 || dims.contains(where: { $0 < -1 }) {
            throw TensorError("cannot reshape a tensor of \(count) elements into shape \(newShape)")
        }
        if let u = unknown.first {
            let known = dims.enumerated().filter { $0.offset != u }.reduce(1) { $0 * $1.element }
            guard known > 0, count % known == 0 else {
                throw TensorError("cannot reshape a tensor of \(count) elements into shape \(newShape)")
            }
            dims[u] = count / known
        }
        let resolved = Shape(dims)
        guard resolved.checkedCount == count else {
            throw TensorError("cannot reshape a tensor of \(count) elements into shape \(newShape)")
        }
        return Tensor(shape: resolved, dtype: dtype, sharing: storage)
    }

    /// An independent copy with its own storage.
    public func copy() -> Tensor {
        let out = Tensor(uncheckedShape: shape, dtype: dtype)
        out.storage.raw.copyMemory(from: storage.raw, byteCount: count * dtype.byteSize)
        return out
    }

    /// A pointer to the first float (internal fast path; no bounds).
    var floatPointer: UnsafeMutablePointer<Float> { storage.raw.assumingMemoryBound(to: Float.self) }
}

extension Tensor: CustomStringConvertible {
    public var description: String { "Tensor(shape=\(shape), dtype=\(dtype.rawValue))" }
}
