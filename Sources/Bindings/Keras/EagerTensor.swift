import FoveaLang
import Tensor

/// A `tf.Tensor` as TensorFlow 2's eager mode has it: what `tf.constant`, the `tf` functions,
/// `model(x)` and `layer(x)` return. It prints as TF prints
/// (`<tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 3], dtype=int32)>`), computes with
/// TF's rules (no promotion between dtypes; a Python number or numpy array takes the tensor's
/// dtype), indexes as TF's `__getitem__` does, and is immutable.
///
/// It subclasses TensorObject because TF tensors are array-likes to numpy (`__array__`):
/// `np.array(t)`, `np.argmax(t)`, `plt.imshow(t)`, `model.predict(t)` and every other place that
/// accepts an array take a tf tensor through the same `as? TensorObject` door, as they do in TF.
/// Everything the array class would otherwise give it (attributes, operators, indexing,
/// iteration, hashing) is overridden here; `takesPriority` makes numpy arrays leave their
/// operators to it, as TF's `__array_priority__ = 100` does.
class EagerTensorObject: TensorObject {
    override var typeName: String { "tensorflow.python.framework.ops.EagerTensor" }
    override var doc: String {
        "A tf.Tensor: an immutable array of one dtype (float32, int32, ...). t.numpy() gives its numpy array, t.shape its TensorShape, t.dtype its tf.DType; tf functions and + - * / compute new tensors."
    }
    override var hostClass: AnyHostClass? { EagerTensorObject.tensorBinding }
    override var takesPriority: Bool { true }

    override func repr() -> String {
        "<tf.Tensor: shape=\(tensor.shape), dtype=\(tensor.dtype.rawValue), numpy=\(EagerTensorObject.numpyText(tensor, repr: true))>"
    }
    override func str() -> String {
        "tf.Tensor(\(EagerTensorObject.numpyText(tensor, repr: false)), shape=\(tensor.shape), dtype=\(tensor.dtype.rawValue))"
    }

    /// TF's `__format__` is numpy's: `f"{t}"` shows the values as numpy prints them (`6.0`,
    /// `[1 2 3]`), not `tf.Tensor(...)`; a spec formats a scalar's number (Format does that).
    override func formatted(_ spec: String) throws -> String? {
        guard spec.isEmpty else { return nil }
        let t = read()
        return t.shape.rank == 0 ? NumpyScalar(t).str() : ArrayFormat.str(t)
    }

    /// TF's `numpy_text`: numpy's repr or str of the value (a scalar's repr is that of the Python
    /// number `.item()` gives, so a float32 0.1 shows as 0.10000000149011612), on a new line
    /// when it takes several.
    static func numpyText(_ t: Tensor, repr: Bool) -> String {
        let text: String
        if t.shape.rank == 0 {
            text = repr ? Repr.repr(ArrayValues.pythonNumber(t)) : NumpyScalar(t).str()
        } else {
            text = repr ? ArrayFormat.repr(t) : ArrayFormat.str(t)
        }
        return text.contains("\n") ? "\n" + text : text
    }

    override var isHashable: Bool { false }
    override func hashKey(at span: Span?, depth: Int) throws -> HashKey? {
        throw Diagnostic(.typeError, "Tensor is unhashable. Instead, use tensor.ref() as the key.", at: span)
    }
    /// `__index__`: a scalar integer tensor is an index (`range(t)`, `lst[t]`).
    override func indexValue() -> Int? {
        tensor.shape.rank == 0 && tensor.dtype.isInteger && tensor.dtype != .bool ? Int(tensor.integer(at: 0)) : nil
    }

    override func makeIterator(context: CallContext) throws -> IteratorBox? {
        let t = read()
        guard t.shape.rank > 0 else { throw Diagnostic(.typeError, "Cannot iterate over a scalar tensor.", at: context.span) }
        var i = 0
        return IteratorBox("iterator") {
            guard i < t.shape.dims[0] else { return nil }
            defer { i += 1 }
            return TF.wrap(try t.indexed([.index(i)]))
        }
    }

    // MARK: indexing, as TF's `_slice_helper`

    static let sliceTypeError = "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices"

    override func getItem(_ index: Value, context: CallContext) throws -> Value? {
        let span = context.span, t = read()
        // A bool tensor or array is a mask (tf.boolean_mask).
        if case .object(let o) = index, let m = o as? TensorObject, m.tensor.dtype == .bool, m.tensor.shape.rank > 0 {
            let mask = TF.tensorValue(index)!
            guard mask.shape.rank <= t.shape.rank, Array(t.shape.dims.prefix(mask.shape.rank)) == mask.shape.dims else {
                throw Diagnostic(.valueError, "Shapes \(t.shape) and \(mask.shape) are incompatible", at: span)
            }
            return TF.wrap(try ArrayValues.run(span) { try t.selecting(mask) })
        }
        var values: [Value]
        switch index {
        case .tuple(let items): values = items
        case .list(let box): values = box.items
        default: values = [index]
        }
        var items: [IndexItem] = []
        for v in values { items.append(try EagerTensorObject.indexItem(v, at: span)) }
        let consumed = items.filter { if case .newAxis = $0 { return false }; return $0 != .ellipsis }.count
        if consumed > t.shape.rank {
            throw TF.kernelError("StridedSlice", "Index out of range using input dim \(t.shape.rank); input has only \(t.shape.rank) dims", name: "strided_slice/", at: span)
        }
        // The axis each integer index is on, for TF's out-of-bounds message.
        var axis = 0
        let ellipsisWidth = t.shape.rank - consumed
        for item in items {
            switch item {
            case .index(let i):
                let n = t.shape.dims[axis]
                if i >= n || i < -n {
                    throw TF.kernelError("StridedSlice", "slice index \(i) of dimension \(axis) out of bounds.", name: "strided_slice/", at: span)
                }
                axis += 1
            case .slice: axis += 1
            case .ellipsis: axis += ellipsisWidth
            case .newAxis: break
            }
        }
        return TF.wrap(try ArrayValues.run(span) { try t.indexed(items) })
    }

    static func indexItem(_ v: Value, at span: Span) throws -> IndexItem {
        func integer(_ v: Value) -> Int? {
            if case .int(let i) = v { return i }
            if case .bool(let b) = v { return b ? 1 : 0 }
            if case .object(let o) = v, let i = o.indexValue() { return i }
            return nil
        }
        if let i = integer(v) { return .index(i) }
        switch v {
        case .none: return .newAxis
        case .object(let o) where o is EllipsisObject: return .ellipsis
        case .object(let o as SliceValue):
            func bound(_ b: Value) throws -> Int? {
                if b.isNone { return nil }
                guard let i = integer(b) else { throw Diagnostic(.typeError, sliceTypeError + ", got \(Repr.repr(b))", at: span) }
                return i
            }
            return .slice(start: try bound(o.lower), stop: try bound(o.upper), step: try bound(o.step))
        default:
            throw Diagnostic(.typeError, sliceTypeError + ", got \(Repr.repr(v))", at: span)
        }
    }

    override func setItem(_ index: Value, _ value: Value, context: CallContext) throws -> Bool {
        throw Diagnostic(.typeError, "'\(typeName)' object does not support item assignment", at: context.span,
                         notes: ["help: tf tensors cannot change; make a tf.Variable and call its assign(...), or compute a new tensor"])
    }

    // MARK: operators

    override func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        guard TFMath.isOperand(other) else { return nil }
        let me = read()
        return try TFMath.operator(op, me, other, reflected: reflected, at: context.span).map(TF.wrap)
    }

    override func comparison(_ op: CompareOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        if other.isNone && (op == .eq || op == .ne) { return .bool(op == .ne) }
        guard TFMath.isOperand(other) else { return nil }
        return try TFMath.compare(op, read(), other, reflected: reflected, at: context.span).map(TF.wrap)
    }

    override func unaryOperation(_ op: UnaryOp, context: CallContext) throws -> Value? {
        try TFMath.unary(op, read(), at: context.span).map(TF.wrap)
    }
}
