import FoveaLang
import Tensor

/// What `np.random`'s functions return: a Python number when `size` is None, else an array
/// (allocated first, through the memory guard, then filled a block of draws at a time).
enum RandomResults {
    static let block = 65_536

    /// Doubles from `draw(n)` (the next n values): a float, or a float32 array of `dims`.
    /// (numpy's are float64; Fovea's arrays are float32 until Tensor has float64.)
    static func floats(_ dims: [Int]?, at span: Span, _ draw: (Int) -> [Double]) throws -> Value {
        guard let dims else { return .float(draw(1)[0]) }
        let t = try ArrayValues.run(span) { try Tensor(zeros: Shape(dims), dtype: .float32) }
        t.withFloats { out in
            var done = 0
            while done < out.count {
                for (i, v) in draw(min(block, out.count - done)).enumerated() { out[done + i] = Float(v) }
                done = min(done + block, out.count)
            }
        }
        return .object(TensorObject(t))
    }

    /// Integers from `draw(n)`: an int, or an int64 array of `dims`.
    static func ints(_ dims: [Int]?, at span: Span, _ draw: (Int) -> [Int64]) throws -> Value {
        guard let dims else { return .int(Int(draw(1)[0])) }
        let t = try ArrayValues.run(span) { try Tensor(zeros: Shape(dims), dtype: .int64) }
        withExtendedLifetime(t) {
            let out = t.int64s
            var done = 0
            while done < out.count {
                for (i, v) in draw(min(block, out.count - done)).enumerated() { out[done + i] = v }
                done = min(done + block, out.count)
            }
        }
        return .object(TensorObject(t))
    }

    /// Bytes drawn in one go (numpy's byte buffer lasts one call): an int, or a uint8 array.
    static func bytes(_ dims: [Int]?, at span: Span, _ draw: (Int) -> [UInt8]) throws -> Value {
        guard let dims else { return .int(Int(draw(1)[0])) }
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
