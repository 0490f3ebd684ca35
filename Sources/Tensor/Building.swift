import Glibc

/// numpy's array builders: linspace (numpy's own arithmetic, so the same bits), eye and full.
extension Tensor {
    /// numpy's `linspace(start, stop, num, endpoint, dtype)` for numbers: `num` evenly spaced
    /// values and the step (NaN when there is none). See the tensor version.
    public static func linspace(start: Double, stop: Double, count num: Int, endpoint: Bool = true,
                                computeType: DType = .float64, dtype: DType? = nil) throws -> (values: Tensor, step: Double) {
        let (values, step) = try linspace(start: scalar(start, dtype: .float64), stop: scalar(stop, dtype: .float64), count: num,
                                          endpoint: endpoint, computeType: computeType, dtype: dtype)
        return (values, step.map { $0.scalar(at: 0) } ?? .nan)
    }

    /// numpy's `linspace(start, stop, num, endpoint, dtype, axis)`: `num` evenly spaced values
    /// from each start to each stop (broadcast together), along a new axis (0 by default). numpy
    /// computes in `computeType` (float64, or float32 for float32 inputs): `i * step + start` with
    /// `step = (stop - start) / div` (or `i / div * delta` when some step is 0), the last value set
    /// to `stop`; then floors for an integer `dtype` and converts. Also returns the steps (in the
    /// compute type and the broadcast shape), nil when there are none (numpy's NaN).
    public static func linspace(start: Tensor, stop: Tensor, count num: Int, endpoint: Bool = true, computeType: DType = .float64,
                                dtype: DType? = nil, axis: Int = 0) throws -> (values: Tensor, step: Tensor?) {
        guard num >= 0 else { throw ArrayError("ValueError", "Number of samples, \(num), must be non-negative.") }
        let work = computeType == .float32 ? DType.float32 : .float64
        // numpy's subtract(stop, start): its ufunc message ends with a space.
        guard let shape = try? broadcastShape(stop.shape, start.shape) else {
            throw ArrayError("ValueError", "operands could not be broadcast together with shapes \(ArrayError.compact(stop.shape.dims)) \(ArrayError.compact(start.shape.dims)) ")
        }
        let width = shape.count
        func spread(_ t: Tensor) -> Tensor {
            t.converted(to: work).gather(dims: shape.dims, strides: t.broadcastStrides(to: shape), offset: 0, shape: shape)
        }
        let first = spread(start), last = spread(stop)
        let y = try Tensor(zeros: Shape([num] + shape.dims), dtype: work)
        let steps = Tensor(uncheckedShape: shape, dtype: work)
        let div = endpoint ? num - 1 : num
        if work == .float32 {
            fill(y.pointer(Float.self), steps.pointer(Float.self), first.pointer(Float.self), last.pointer(Float.self), num: num, width: width, div: div, endpoint: endpoint)
        } else {
            fill(y.pointer(Double.self), steps.pointer(Double.self), first.pointer(Double.self), last.pointer(Double.self), num: num, width: width, div: div, endpoint: endpoint)
        }
        var values = y
        let a = axis < 0 ? axis + shape.rank + 1 : axis
        // numpy moves the new axis with moveaxis, naming its destination in the error.
        guard a >= 0 && a <= shape.rank else {
            throw ArrayError("AxisError", "destination: axis \(axis) is out of bounds for array of dimension \(shape.rank + 1)")
        }
        if a != 0 {
            var perm = Array(1...shape.rank)
            perm.insert(0, at: a)
            values = try values.transposed(perm)
        }
        let target = dtype ?? work
        if target.isInteger && target != .bool { values = try values.mapped(.floor) }
        return (target == work ? values : values.converted(to: target), div > 0 ? steps : nil)
    }

    /// numpy's linspace body in the type F: `y` holds num rows of `width` values.
    private static func fill<F: BinaryFloatingPoint>(_ y: UnsafeMutablePointer<F>, _ step: UnsafeMutablePointer<F>, _ start: UnsafeMutablePointer<F>,
                                                     _ stop: UnsafeMutablePointer<F>, num: Int, width: Int, div: Int, endpoint: Bool) {
        var anyZero = false
        for j in 0..<width {
            let delta = stop[j] - start[j]
            step[j] = div > 0 ? delta / F(div) : .nan
            if div > 0 && step[j] == 0 { anyZero = true }
        }
        for i in 0..<num {
            for j in 0..<width {
                let delta = stop[j] - start[j]
                let scaled: F
                if div <= 0 {
                    scaled = F(i) * delta
                } else if anyZero {
                    // numpy's path for denormal steps: divide first, then scale.
                    scaled = (F(i) / F(div)) * delta
                } else {
                    scaled = F(i) * step[j]
                }
                y[i * width + j] = scaled + start[j]
            }
        }
        if endpoint && num > 1 {
            for j in 0..<width { y[(num - 1) * width + j] = stop[j] }
        }
    }

    /// numpy's `eye(N, M, k, dtype)`: ones on the k-th diagonal (above the main one for k > 0).
    public static func eye(rows: Int, columns: Int? = nil, diagonal k: Int = 0, dtype: DType = .float64) throws -> Tensor {
        let m = columns ?? rows
        guard rows >= 0, m >= 0 else { throw ArrayError("ValueError", "negative dimensions are not allowed") }
        let out = try Tensor(zeros: [rows, m], dtype: dtype)
        let one = scalar(1, dtype: dtype)
        let size = dtype.byteSize
        for r in 0..<rows where r + k >= 0 && r + k < m {
            (out.storage.raw + (r * m + r + k) * size).copyMemory(from: one.storage.raw, byteCount: size)
        }
        return out
    }

    /// numpy's `full(shape, fill_value, dtype)`: `value` converted to `dtype` and broadcast to
    /// `shape`, with numpy's error when it cannot be.
    public static func full(_ shape: Shape, _ value: Tensor, dtype: DType) throws -> Tensor {
        guard shape.dims.allSatisfy({ $0 >= 0 }) else { throw ArrayError("ValueError", "negative dimensions are not allowed") }
        let out = try Tensor(zeros: shape, dtype: dtype)
        try out.assign([], value)
        return out
    }
}
