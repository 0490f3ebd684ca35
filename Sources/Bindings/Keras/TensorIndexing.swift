import FoveaLang
import Tensor

/// `x[...]` and `x[...] = v` for arrays: ints, slices, `...`, None/np.newaxis on any axis, and a
/// bool mask or a list/array of indices as the whole index (first axes).
extension TensorObject {
    enum Index {
        case basic([IndexItem])
        case select(Tensor)
        case advanced([AdvancedIndexItem])
    }

    static func index(_ value: Value, at span: Span) throws -> Index {
        if case .object(let o) = value, let t = o as? TensorObject, !(o is NumpyScalar) { return .select(t.tensor) }
        if case .list = value { return .select(try ArrayValues.array(value, argument: "index", at: span)) }
        let items: [Value]
        if case .tuple(let t) = value { items = t } else { items = [value] }
        let parsed = try items.map { v -> AdvancedIndexItem in
            if case .object(let o) = v, let t = o as? TensorObject, !(o is NumpyScalar) || !t.tensor.dtype.isInteger { return .array(t.tensor) }
            if case .list = v { return .array(try ArrayValues.array(v, argument: "index", at: span)) }
            return .basic(try basicItem(v, at: span))
        }
        let basics = parsed.compactMap { item -> IndexItem? in if case .basic(let b) = item { return b }; return nil }
        return basics.count == parsed.count ? .basic(basics) : .advanced(parsed)
    }

    private static func basicItem(_ v: Value, at span: Span) throws -> IndexItem {
        if let i = v.asInt, !KerasArguments.isBool(v) { return .index(i) }
        switch v {
        case .none: return .newAxis
        case .object(let o):
            if o is EllipsisObject { return .ellipsis }
            if let s = o as? SliceValue {
                func bound(_ b: Value) throws -> Int? {
                    if b.isNone { return nil }
                    guard let i = b.asInt else {
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
    }

    func arrayItem(_ index: Value, context: CallContext) throws -> Value? {
        let span = context.span
        switch try TensorObject.index(index, at: span) {
        case .basic(let items): return try ArrayValues.run(span) { ArrayValues.wrap(try tensor.indexed(items)) }
        case .select(let t): return try ArrayValues.run(span) { ArrayValues.wrap(try tensor.selecting(t)) }
        case .advanced(let items): return try ArrayValues.run(span) { ArrayValues.wrap(try tensor.indexed(advanced: items)) }
        }
    }

    func setArrayItem(_ index: Value, _ value: Value, context: CallContext) throws -> Bool {
        let span = context.span
        let v: Tensor
        switch value {
        case .int(let i): v = Tensor.scalar(integer: Int64(i), dtype: tensor.dtype.isFloat ? .float64 : .int64)
        case .float(let d): v = Tensor.scalar(d, dtype: .float64)
        case .bool(let b): v = Tensor.scalar(b ? 1 : 0, dtype: .bool)
        default: v = try ArrayValues.array(value, argument: "value", at: span)
        }
        switch try TensorObject.index(index, at: span) {
        case .basic(let items): try ArrayValues.run(span) { try tensor.assign(items, v) }
        case .select(let t): try ArrayValues.run(span) { try tensor.assignSelected(t, v.converted(to: tensor.dtype)) }
        case .advanced(let items): try ArrayValues.run(span) { try tensor.assign(advanced: items, v) }
        }
        return true
    }
}
