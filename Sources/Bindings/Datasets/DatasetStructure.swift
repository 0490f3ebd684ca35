import FoveaLang
import Tensor

/// One element of a `tf.data` dataset as data: a tensor, or a tuple or dict of them (an
/// `(images, labels)` pair, a `{'image': ..., 'label': ...}` record). Elements reach the
/// learner's code as TF eager tensors, as tf.data hands them out.
indirect enum DatasetElement {
    case tensor(Tensor)
    case tuple([DatasetElement])
    case dict([(key: String, value: DatasetElement)])

    /// The element as the learner sees it: eager tensors in tuples and dicts.
    var value: Value {
        switch self {
        case .tensor(let t): return .object(EagerTensorObject(t))
        case .tuple(let items): return .tuple(items.map(\.value))
        case .dict(let items):
            let d = DictBox()
            for (k, v) in items { d.set(.str(k), .str(k), v.value) }
            return .dict(d)
        }
    }

    /// The element with numpy arrays in place of tensors (`as_numpy_iterator`).
    var numpyValue: Value {
        switch self {
        case .tensor(let t): return ArrayValues.wrap(t)
        case .tuple(let items): return .tuple(items.map(\.numpyValue))
        case .dict(let items):
            let d = DictBox()
            for (k, v) in items { d.set(.str(k), .str(k), v.numpyValue) }
            return .dict(d)
        }
    }

    /// The tensors, depth first.
    var leaves: [Tensor] {
        switch self {
        case .tensor(let t): return [t]
        case .tuple(let items): return items.flatMap(\.leaves)
        case .dict(let items): return items.flatMap(\.value.leaves)
        }
    }

    /// The same structure holding `tensors` (as many as `leaves`), in depth-first order.
    func rebuilt(_ tensors: inout ArraySlice<Tensor>) -> DatasetElement {
        switch self {
        case .tensor: return .tensor(tensors.popFirst()!)
        case .tuple(let items): return .tuple(items.map { $0.rebuilt(&tensors) })
        case .dict(let items): return .dict(items.map { ($0.key, $0.value.rebuilt(&tensors)) })
        }
    }

    func mapLeaves(_ f: (Tensor) throws -> Tensor) rethrows -> DatasetElement {
        var out = ArraySlice(try leaves.map(f))
        return rebuilt(&out)
    }

    /// Whether two elements have the same nesting (the tensors may differ).
    func sameStructure(as other: DatasetElement) -> Bool {
        switch (self, other) {
        case (.tensor, .tensor): return true
        case (.tuple(let a), .tuple(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.sameStructure(as: $1) }
        case (.dict(let a), .dict(let b)):
            return a.map(\.key) == b.map(\.key) && zip(a, b).allSatisfy { $0.value.sameStructure(as: $1.value) }
        default: return false
        }
    }

    /// The elements' tensors stacked along a new first axis: a batch of them.
    static func stacked(_ elements: [DatasetElement], span: Span) throws -> DatasetElement {
        let first = elements[0]
        let columns = first.leaves.indices.map { i in elements.map { $0.leaves[i] } }
        var stacked: [Tensor] = []
        for column in columns {
            let shape = column[0].shape
            if let odd = column.first(where: { $0.shape != shape }) {
                throw Diagnostic(TF.invalidArgumentError,
                                 "Cannot batch tensors with different shapes in component 0. First element had shape "
                                     + "\(shapeText(shape.dims)) and element \(column.firstIndex { $0 === odd }!) had shape \(shapeText(odd.shape.dims)).",
                                 at: span, notes: ["help: resize or crop the elements to one shape first (map with keras.layers.Resizing), or batch them one by one with batch(1)"])
            }
            let dtype = column[0].dtype
            stacked.append(try Tensor.stacked(column.map { $0.dtype == dtype ? $0 : $0.converted(to: dtype) }, axis: 0))
        }
        var slice = ArraySlice(stacked)
        return first.rebuilt(&slice)
    }

    /// TF's shape text: `[2,28,28]`.
    static func shapeText(_ dims: [Int]) -> String { "[" + dims.map(String.init).joined(separator: ",") + "]" }

    /// Row `i` of every tensor (the `i`-th sample of a batch, or of `from_tensor_slices`' arrays).
    func row(_ i: Int) throws -> DatasetElement {
        try mapLeaves { t in
            let row = try t.rows([i], as: t.dtype)
            return try row.reshaped(Shape(Array(t.shape.dims.dropFirst())))
        }
    }

    /// The length of the first axis shared by every tensor, or nil when they differ or one is a scalar.
    var sharedLength: Int? {
        let lengths = leaves.map { $0.shape.rank == 0 ? -1 : $0.shape[0] }
        guard let n = lengths.first, n >= 0, lengths.allSatisfy({ $0 == n }) else { return nil }
        return n
    }

    /// A value from the learner's code (`from_tensor_slices`' argument, what a `map` function
    /// returns) as an element: tuples and lists become tuples, dicts with str keys stay dicts,
    /// anything array-like becomes a tensor (Python ints int32 and floats float32, as TF converts them).
    static func from(_ value: Value, span: Span) throws -> DatasetElement {
        switch value {
        case .tuple(let items): return .tuple(try items.map { try from($0, span: span) })
        case .dict(let d):
            var items: [(String, DatasetElement)] = []
            for key in d.keys {
                guard case .str(let k) = key else {
                    throw Diagnostic(.typeError, "Fovea's datasets take dicts with str keys. Received the key \(Repr.repr(key))", at: span)
                }
                items.append((k, try from(d.get(.str(k))!, span: span)))
            }
            return .dict(items)
        case .object(let o as TensorObject): return .tensor(o.read())
        case .list(let l) where l.items.contains(where: { if case .object(let o) = $0 { return o is TensorObject } else { return false } }):
            return .tuple(try l.items.map { try from($0, span: span) })
        default:
            return .tensor(try TF.convert(value, at: span))
        }
    }
}
