import FoveaLang
import Tensor

/// A numpy scalar (`np.float32(0.5)`, what `x[0]`, `np.argmax(p)` and `x.mean()` give): a 0-d
/// array that prints as numpy 2 prints it (`np.float64(2.5)`, `np.True_`; `str` gives `2.5`), is an
/// index when it holds an integer, converts with `float()`/`int()` to the exact Python number
/// (`float(np.float32(0.1))` is 0.10000000149011612), hashes like that number and computes with
/// numpy's promotion (`np.float32(1) + 1` stays float32). Arithmetic, comparisons and methods are
/// the array's own (TensorObject).
final class NumpyScalar: TensorObject {
    override var typeName: String { tensor.dtype.rawValue }
    override var doc: String {
        "A numpy \(tensor.dtype.rawValue) scalar: a single number with numpy's type. float(x) and int(x) give Python numbers; x.item() too."
    }

    override func repr() -> String {
        if tensor.dtype == .bool { return tensor.scalar(at: 0) != 0 ? "np.True_" : "np.False_" }
        return "np.\(tensor.dtype.rawValue)(\(str()))"
    }

    /// numpy's `str` of a scalar: the shortest digits that read back as the same value, written
    /// as Python writes floats (`0.1`, `1e-05`, `inf`).
    override func str() -> String {
        switch tensor.dtype {
        case .bool: return tensor.scalar(at: 0) != 0 ? "True" : "False"
        case .float32:
            let f = tensor.floats[0]
            return Repr.repr(.float(f.isFinite ? Double(f.description) ?? Double(f) : Double(f)))
        case .float64: return Repr.repr(.float(tensor.scalar(at: 0)))
        case .uint8, .int32, .int64: return String(tensor.integer(at: 0))
        }
    }

    override var isHashable: Bool { true }
    override func scalarValue() -> Value? { ArrayValues.pythonNumber(tensor) }
    override func indexValue() -> Int? { tensor.dtype.isInteger ? Int(tensor.integer(at: 0)) : nil }
    override func length() -> Int? { nil }
    override var isTruthy: Bool { tensor.scalar(at: 0) != 0 }

    override func hashKey(at span: Span?, depth: Int) throws -> HashKey? {
        try ArrayValues.pythonNumber(tensor).checkedHashKey(at: span, depth: depth)
    }

    /// `==` as numbers: np.int64(3) == 3 and 3.0, np.float32(0.5) == 0.5.
    override func isEqual(to other: Value) -> Bool? {
        let mine = ArrayValues.pythonNumber(tensor)
        if case .object(let o) = other, let s = o as? NumpyScalar { return mine.asDouble == s.scalarValue()?.asDouble }
        guard let theirs = other.asDouble, !(other.isObject) else { return false }
        if let a = mine.asInt, let b = other.asInt { return a == b }
        return mine.asDouble == theirs
    }

    override func makeIterator(context: CallContext) throws -> IteratorBox? {
        throw Diagnostic(.typeError, "'\(typeName)' object is not iterable", at: context.span)
    }
}

extension Value {
    fileprivate var isObject: Bool { if case .object = self { return true } else { return false } }
}
