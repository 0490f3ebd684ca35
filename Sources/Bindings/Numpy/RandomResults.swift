import FoveaLang
import Tensor

/// What `np.random`'s functions return: a number when `size` is None (a Python float or int, or
/// a numpy scalar where numpy gives one), else an array (allocated first, through the memory
/// guard, then filled a block of draws at a time).
enum RandomResults {
    static let block = 65_536

    /// Doubles from `draw(n)` (the next n values): a Python float, or a float64 array of `dims`.
    static func floats(_ dims: [Int]?, at span: Span, _ draw: (Int) -> [Double]) throws -> Value {
        guard let dims else { return .float(draw(1)[0]) }
        let t = try ArrayValues.run(span) { try Tensor(zeros: Shape(dims), dtype: .float64) }
        withExtendedLifetime(t) { fill(t.doubles, draw) }
        return .object(TensorObject(t))
    }

    /// Integers from `draw(n)`: an int64 or int32 array of `dims`, else one value, a Python int
    /// when `pythonInt` (RandomState's randint with dtype=int, and choice from an int) or a
    /// numpy scalar.
    static func integers(_ dims: [Int]?, _ dtype: IntegerDType, pythonInt: Bool, at span: Span,
                         _ draw: (Int) -> [Int64]) throws -> Value {
        guard let dims else {
            let v = draw(1)[0]
            return pythonInt ? .int(Int(v)) : ArrayValues.wrap(Tensor.scalar(integer: v, dtype: dtype.tensorType))
        }
        let t = try ArrayValues.run(span) { try Tensor(zeros: Shape(dims), dtype: dtype.tensorType) }
        withExtendedLifetime(t) {
            if dtype == .int32 {
                fill(t.int32s) { draw($0).map { Int32(truncatingIfNeeded: $0) } }
            } else {
                fill(t.int64s, draw)
            }
        }
        return .object(TensorObject(t))
    }

    private static func fill<T>(_ out: UnsafeMutableBufferPointer<T>, _ draw: (Int) -> [T]) {
        var done = 0
        while done < out.count {
            let n = min(block, out.count - done)
            for (i, v) in draw(n).enumerated() { out[done + i] = v }
            done += n
        }
    }

    /// Bytes drawn in one go (numpy's byte buffer lasts one call): a uint8 array, or np.uint8.
    static func bytes(_ dims: [Int]?, at span: Span, _ draw: (Int) -> [UInt8]) throws -> Value {
        guard let dims else { return ArrayValues.wrap(Tensor.scalar(integer: Int64(draw(1)[0]), dtype: .uint8)) }
        let t = try ArrayValues.run(span) { try Tensor(zeros: Shape(dims), dtype: .uint8) }
        withExtendedLifetime(t) { _ = t.bytes.update(fromContentsOf: draw(t.count)) }
        return .object(TensorObject(t))
    }

    /// Integer indices as an int64 array of `dims` (0-d for None).
    static func indexArray(_ idx: [Int], _ dims: [Int]?, at span: Span) throws -> Tensor {
        try ArrayValues.run(span) { try Tensor(shape: Shape(dims ?? []), int64s: idx.map(Int64.init)) }
    }

    /// Python values arranged as nested lists of `dims` (choice and permutation of a list of
    /// strings: numpy makes an array of them, Fovea a list).
    static func nested(_ items: [Value], _ dims: [Int]) -> Value {
        guard let first = dims.first else { return items.first ?? .none }
        let inner = dims.dropFirst().reduce(1, *)
        return .list((0..<first).map { nested(Array(items[($0 * inner)..<(($0 + 1) * inner)]), Array(dims.dropFirst())) })
    }
}
