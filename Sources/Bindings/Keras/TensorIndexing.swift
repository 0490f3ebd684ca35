import FoveaLang
import Tensor

/// `x[...]` and `x[...] = v` for arrays: ints, slices, `...`, None/np.newaxis on any axis, and a
/// bool mask or a list/array of indices as the whole index (first axes).
extension TensorObject {
    enum Index {
        case basic([IndexItem])
        case select(Tensor)
    }

    static func index(_ value: Value, at span: Span) throws -> Index {
        if case .object(let o) = value, let t = o as? TensorObject { return .select(t.tensor) }
        if case .list = value { return .select(try ArrayValues.array(value, argument: "index", at: span)) }
        let items: [Value]
        if case .tuple(let t) = value { items = t } else { items = [value] }
        return .basic(try items.map { v -> IndexItem in
            switch v {
            case .int(let i): return .index(i)
            case .none: return .newAxis
            case .object(let o):
                if o is EllipsisObject { return .ellipsis }
                if let s = o as? SliceValue {
                    func bound(_ b: Value) throws -> Int? {
                        if b.isNone { return nil }
                        guard case .int(let i) = b else {
                            throw Diagnostic(.typeError, "slice indices must be integers or None or have an __index__ method", at: span)
                        }
                        return i
                    }
                    return .slice(start: try bound(s.lower), stop: try bound(s.upper), step: try bound(s.step))
                }
            default: break
            }
            throw Diagnostic(.indexError, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
                             at: span, notes: v.typeName == "float" ? ["help: convert the index with int(...)"] : [])
        })
    }

    func getItem(_ index: Value, context: CallContext) throws -> Value? {
        let span = context.span
        switch try TensorObject.index(index, at: span) {
        case .basic(let items): return try ArrayValues.run(span) { ArrayValues.wrap(try tensor.indexed(items)) }
        case .select(let t): return try ArrayValues.run(span) { ArrayValues.wrap(try tensor.selecting(t)) }
        }
    }

    func setItem(_ index: Value, _ value: Value, context: CallContext) throws -> Bool {
        let span = context.span
        let v: Tensor
        switch value {
        case .int(let i): v = Tensor.scalar(Double(i), dtype: tensor.dtype == .float32 ? .float32 : .int64)
        case .float(let d): v = Tensor.scalar(d, dtype: .float32)
        case .bool(let b): v = Tensor.scalar(b ? 1 : 0, dtype: .int64)
        default: v = try ArrayValues.array(value, argument: "value", at: span)
        }
        switch try TensorObject.index(index, at: span) {
        case .basic(let items): try ArrayValues.run(span) { try tensor.assign(items, v) }
        case .select(let t): try ArrayValues.run(span) { try tensor.assignSelected(t, v.converted(to: tensor.dtype)) }
        }
        return true
    }
}
