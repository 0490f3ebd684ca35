import FoveaLang
import Tensor

/// numpy's sorting, searching and counting functions: sort, argsort, unique, searchsorted,
/// bincount, cumsum, cumprod, diff, count_nonzero, nonzero and argwhere; and the ndarray methods
/// that go with them (sort in place, argsort, ravel, cumsum, cumprod, nonzero, repeat).
enum NumpySorting {
    static let sortKinds: Set<String> = ["quicksort", "mergesort", "heapsort", "stable"]

    /// `kind=`: numpy's names are accepted; every kind sorts stably here.
    static func checkKind(_ a: BoundArguments) throws {
        if let order = a["order"], !order.isNone {
            throw Diagnostic(.valueError, "Cannot specify order when the array has no fields.", at: a.span(of: "order"))
        }
        guard let v = a["kind"], !v.isNone else { _ = a["stable"]; return }
        if let stable = a["stable"], !stable.isNone {
            throw Diagnostic(.valueError, "`kind` and keyword parameters can't be provided at the same time. Use only one of them.", at: a.span(of: "stable"))
        }
        guard case .str(let s) = v, sortKinds.contains(s) || ["quick", "merge", "heap"].contains(s) else {
            let shown = { if case .str(let s) = v { return s }; return Repr.repr(v) }()
            throw Diagnostic(.valueError, "sort kind must be one of 'quick', 'heap', or 'stable' (got '\(shown)')", at: a.span(of: "kind"))
        }
    }

    static let sortParameters: [NativeParameter] = [.optional("axis", default: .int(-1)), .optional("kind", default: Value.none),
                                                    .optional("order", default: Value.none), .keywordOnly("stable", default: Value.none)]

    static func register(_ m: ModuleValue) {
        let fn = NumpyArguments.function
        m.add(fn("sort", "sort(a, axis=-1, kind=None)\n\nA sorted copy of a, along the last axis by default (axis=None: flattened). NaN sorts last.",
                 [.required("a")] + sortParameters) { a, _ in
            try checkKind(a)
            let t = try NumpyArguments.array(a, "a")
            let axis = try NumpyArguments.axis(a)
            return .object(TensorObject(try ArrayValues.run(a.span(of: "axis")) { try t.sorted(axis: axis) }))
        })
        m.add(fn("argsort", """
            argsort(a, axis=-1, kind=None)

            The int64 indices that sort a along axis (axis=None: flattened). Fovea's sort is always \
            stable (kind='stable'): equal values keep their order. numpy's default quicksort gives the \
            same indices when no two values are equal.
            """, [.required("a")] + sortParameters) { a, _ in
            try checkKind(a)
            let t = try NumpyArguments.array(a, "a")
            let axis = try NumpyArguments.axis(a)
            return .object(TensorObject(try ArrayValues.run(a.span(of: "axis")) { try t.argsorted(axis: axis) }))
        })
        m.add(fn("unique", """
            unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None)

            The sorted distinct values of the flattened array (its type kept; NaNs count once), or the \
            distinct sub-arrays along axis; with the \
            flags also the index of each value's first occurrence, each element's position among the \
            values (in ar's shape) and each value's count, in that order.
            """, [.required("ar"), .optional("return_index", default: .bool(false)), .optional("return_inverse", default: .bool(false)),
                  .optional("return_counts", default: .bool(false)), .optional("axis", default: Value.none),
                  .keywordOnly("equal_nan", default: .bool(true)), .keywordOnly("sorted", default: .bool(true))]) { a, _ in
            let t = try NumpyArguments.array(a, "ar")
            for name in ["equal_nan", "sorted"] where !NumpyArguments.flag(a, name) {
                throw Diagnostic(.notImplementedError, "Fovea does not support `\(name)=False` yet", at: a.span(of: name))
            }
            let axis = try NumpyArguments.axis(a)
            let u = try ArrayValues.run(a.span(of: axis == nil ? "ar" : "axis")) { try axis.map { try t.unique(axis: $0) } ?? t.unique() }
            var parts = [u.values]
            if NumpyArguments.flag(a, "return_index") { parts.append(u.firstIndices) }
            if NumpyArguments.flag(a, "return_inverse") { parts.append(u.inverse) }
            if NumpyArguments.flag(a, "return_counts") { parts.append(u.counts) }
            return parts.count == 1 ? .object(TensorObject(u.values)) : .tuple(parts.map { .object(TensorObject($0)) })
        })
        m.add(fn("searchsorted", """
            searchsorted(a, v, side='left', sorter=None)

            Where each value of v would go in the sorted 1-d array a to keep it sorted: before equal \
            values (side='left') or after them (side='right'). An int64 array, or one np.int64 for a number.
            """, [.required("a"), .required("v"), .optional("side", default: .str("left")), .optional("sorter", default: Value.none)]) { a, _ in
            try searchCall(try NumpyArguments.array(a, "a"), a)
        })
        m.add(fn("bincount", """
            bincount(x, /, weights=None, minlength=0)

            How often each of 0, 1, ..., max(x) occurs in the 1-d array of non-negative ints x (int64), \
            or the sum of the weights of its occurrences (float64); at least minlength long.
            """, [.required("x", positionalOnly: true), .optional("weights", default: Value.none), .optional("minlength", default: .int(0))]) { a, _ in
            let x = try NumpyArguments.array(a, "x")
            let weights = try NumpyArguments.optionalArray(a, "weights")
            for (name, t) in [("x", Optional(x)), ("weights", weights)] where KerasArguments.sequence(a[name]!) != nil && t!.shape.rank > 1 {
                // numpy reads a list straight into a 1-d array.
                throw Diagnostic(.valueError, "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.", at: a.span(of: name))
            }
            if x.dtype.isFloat && KerasArguments.sequence(a["x"]!) == nil {
                // numpy casts float lists (deprecated) but refuses float arrays.
                throw Diagnostic(.typeError, "Cannot cast array data from dtype('\(x.dtype.rawValue)') to dtype('int64') according to the rule 'safe'", at: a.span(of: "x"))
            }
            if a["minlength"]!.isNone { throw Diagnostic(.typeError, "use 0 instead of None for minlength", at: a.span(of: "minlength")) }
            let minlength = try NumpyArguments.int(a, "minlength")
            return .object(TensorObject(try ArrayValues.run(a.span(of: "x")) { try x.bincount(weights: weights, minlength: minlength) }))
        })
        for op in [Accumulation.sum, .product] {
            m.add(fn(op.rawValue, """
                \(op.rawValue)(a, axis=None, dtype=None)

                The running \(op == .sum ? "sums" : "products") along axis (axis=None: of the flattened array). \
                Floats keep their type; integers and bools give int64 (numpy gives uint64 for uint8: the same values).
                """, [.required("a"), .optional("axis", default: Value.none), .optional("dtype", default: Value.none), .unsupported("out")]) { a, _ in
                try accumulateCall(try NumpyArguments.array(a, "a"), op, a)
            })
        }
        m.add(fn("diff", "diff(a, n=1, axis=-1, prepend=None, append=None)\n\nThe n-th differences along axis: a[1:] - a[:-1] (for bools, whether neighbours differ), with prepend/append values joined first.",
                 [.required("a"), .optional("n", default: .int(1)), .optional("axis", default: .int(-1)), .optional("prepend"), .optional("append")]) { a, _ in
            let n = try NumpyArguments.int(a, "n")
            if n == 0 { return a["a"]! }
            var t = try NumpyArguments.array(a, "a")
            let axis = try NumpyArguments.axis(a) ?? -1
            let rank = t.shape.rank, along = axis < 0 ? axis + rank : axis
            return .object(TensorObject(try ArrayValues.run(a.callSpan) {
                // numpy checks n, the rank and the axis first; a number to join is broadcast to
                // the array's shape with length 1 along the axis.
                if n > 0 && rank > 0 && along >= 0 && along < rank {
                    func edge(_ name: String) throws -> [Tensor] {
                        guard let v = a[name] else { return [] }
                        let e = try ArrayValues.array(v, at: a.span(of: name))
                        guard e.shape.rank == 0 else { return [e] }
                        var dims = t.shape.dims
                        dims[along] = 1
                        return [try Tensor.full(Shape(dims), e, dtype: e.dtype)]
                    }
                    let parts = try edge("prepend") + [t] + edge("append")
                    if parts.count > 1 { t = try Tensor.concatenated(parts, axis: along) }
                }
                return try t.differenced(n, axis: axis)
            }))
        })
        m.add(fn("count_nonzero", "count_nonzero(a, axis=None, *, keepdims=False)\n\nHow many values are not zero (an np.int64), or an int64 array of counts along axis (an int or a tuple).",
                 [.required("a"), .optional("axis", default: Value.none), .keywordOnly("keepdims", default: .bool(false))]) { a, _ in
            let t = try NumpyArguments.array(a, "a")
            let axes = try NumpyArguments.axes(a)
            return NumpyArguments.result(try ArrayValues.run(a.span(of: "axis")) { try t.countNonzero(axes: axes, keepDims: NumpyArguments.flag(a, "keepdims")) })
        })
        m.add(fn("nonzero", "nonzero(a)\n\nA tuple with, for each axis, the int64 indices of the non-zero values.", [.required("a")]) { a, _ in
            let t = try NumpyArguments.array(a, "a")
            return .tuple(try ArrayValues.run(a.callSpan) { try t.nonzeroIndices() }.map { .object(TensorObject($0)) })
        })
        m.add(fn("argwhere", "argwhere(a)\n\nThe index of every non-zero value, one row each: an int64 array of shape (N, a.ndim).", [.required("a")]) { a, _ in
            let t = try NumpyArguments.array(a, "a")
            return .object(TensorObject(try ArrayValues.run(a.callSpan) {
                // numpy treats a 0-d array as 1-d and then drops the axis: shape (1, 0) or (0, 0).
                t.shape.rank == 0 ? try Tensor(zeros: [t.scalar(at: 0) != 0 ? 1 : 0, 0], dtype: .int64) : try t.argwhere()
            }))
        })
    }

    static func searchCall(_ t: Tensor, _ a: BoundArguments) throws -> Value {
        let v = try NumpyArguments.array(a, "v")
        guard case .str(let side) = a["side"]!, side == "left" || side == "right" else {
            let shown = { if case .str(let s) = a["side"]! { return s }; return Repr.repr(a["side"]!) }()
            throw Diagnostic(.valueError, "search side must be 'left' or 'right' (got '\(shown)')", at: a.span(of: "side"))
        }
        let sorter = try NumpyArguments.optionalArray(a, "sorter")
        return NumpyArguments.result(try ArrayValues.run(a.callSpan) { try t.searchSorted(v, right: side == "right", sorter: sorter) })
    }

    static func accumulateCall(_ t: Tensor, _ op: Accumulation, _ a: BoundArguments) throws -> Value {
        let axis = try NumpyArguments.axis(a)
        let dtype = try NumpyArguments.dtype(a)
        return .object(TensorObject(try ArrayValues.run(a.span(of: "axis")) {
            let r = try (dtype.map { t.converted(to: $0) } ?? t).accumulated(op, axis: axis)
            return dtype.map { r.dtype == $0 ? r : r.converted(to: $0) } ?? r
        }))
    }

    /// The ndarray methods: sort (in place), argsort, ravel, cumsum, cumprod, nonzero, repeat, searchsorted.
    static func addMethods(to c: HostClass<TensorObject>) {
        c.method("sort", sortParameters,
                 doc: "Sorts the array's values in place along axis (the last by default); returns None.") { o, a, _ in
            try checkKind(a)
            let axis = try NumpyArguments.axis(a) ?? -1
            try ArrayValues.run(a.span(of: "axis")) { try o.tensor.sortInPlace(axis: axis) }
            return .none
        }
        c.method("argsort", sortParameters,
                 doc: "The int64 indices that sort the array along axis (stably).") { o, a, _ in
            try checkKind(a)
            let axis = try NumpyArguments.axis(a)
            return .object(TensorObject(try ArrayValues.run(a.span(of: "axis")) { try o.tensor.argsorted(axis: axis) }))
        }
        c.method("ravel", doc: "The values as a 1-d array (sharing memory, like numpy's view).") { o, a, _ in
            .object(TensorObject(try ArrayValues.run(a.callSpan) { try o.tensor.reshaped([o.tensor.count]) }))
        }
        for op in [Accumulation.sum, .product] {
            c.method(op.rawValue, [.optional("axis", default: Value.none), .optional("dtype", default: Value.none), .unsupported("out")],
                     doc: "The running \(op == .sum ? "sums" : "products") along axis (None: of the flattened array).") { o, a, _ in
                try accumulateCall(o.tensor, op, a)
            }
        }
        c.method("nonzero", doc: "A tuple with, for each axis, the int64 indices of the non-zero values.") { o, a, _ in
            .tuple(try ArrayValues.run(a.callSpan) { try o.tensor.nonzeroIndices() }.map { .object(TensorObject($0)) })
        }
        c.method("repeat", [.required("repeats"), .optional("axis", default: Value.none)],
                 doc: "Each value (or each slice along axis) repeated.") { o, a, _ in
            try NumpyJoining.repeatCall(o.tensor, a)
        }
        c.method("searchsorted", [.required("v"), .optional("side", default: .str("left")), .optional("sorter", default: Value.none)],
                 doc: "Where each value of v would go in this sorted 1-d array.") { o, a, _ in
            try searchCall(o.tensor, a)
        }
    }
}
