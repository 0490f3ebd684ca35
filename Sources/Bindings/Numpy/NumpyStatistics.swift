import FoveaLang
import Tensor

/// numpy's statistics: percentile and quantile (method 'linear'), median, histogram, average and
/// ptp, with numpy's result types and numpy scalars for single results.
enum NumpyStatistics {
    static let quantileMethods = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf", "hazen",
                                  "weibull", "linear", "median_unbiased", "normal_unbiased", "lower", "higher", "midpoint", "nearest"]

    static func register(_ m: ModuleValue) {
        let fn = NumpyArguments.function
        for percent in [true, false] {
            let name = percent ? "percentile" : "quantile"
            let q = percent ? "q in [0, 100]" : "q in [0, 1]"
            m.add(fn(name, """
                \(name)(a, q, axis=None, method='linear', keepdims=False)

                The \(name)(s) \(q) of the values (axis=None) or along axis, interpolating linearly between \
                the two nearest sorted values (numpy's default method). An array of shape q.shape + the \
                other axes, or a numpy scalar.
                """, [.required("a"), .required("q"), .optional("axis", default: Value.none), .unsupported("out"),
                      .unsupported("overwrite_input", default: .bool(false)), .optional("method", default: .str("linear")),
                      .optional("keepdims", default: .bool(false)), .keywordOnly("weights", default: Value.none),
                      .keywordOnly("interpolation", default: Value.none)]) { a, _ in
                let t = try NumpyArguments.array(a, "a")
                try checkMethod(a)
                for unsupported in ["weights", "interpolation"] where !(a[unsupported]?.isNone ?? true) {
                    throw Diagnostic(.notImplementedError, "Fovea does not support `\(unsupported)` yet", at: a.span(of: unsupported))
                }
                let qValue = a["q"]!
                // numpy: a Python int or float q keeps the array's float type (weak promotion).
                let weak: Bool = { switch qValue { case .int, .float: return true; default: return false } }()
                var quantiles = try NumpyArguments.array(a, "q")
                let axis = try NumpyArguments.axis(a)
                let keep = NumpyArguments.flag(a, "keepdims")
                return NumpyArguments.result(try ArrayValues.run(a.span(of: "q")) {
                    if percent { quantiles = try Tensor.arithmetic(.divide, .tensor(quantiles), .int(100)) }
                    guard Tensor.quantilesAreValid(quantiles) else {
                        throw ArrayError("ValueError", percent ? "Percentiles must be in the range [0, 100]" : "Quantiles must be in the range [0, 1]")
                    }
                    return try t.quantile(quantiles, axis: axis, keepDims: keep, weakQ: weak)
                })
            })
        }
        m.add(fn("median", "median(a, axis=None, keepdims=False)\n\nThe middle value (the mean of the two middle ones for an even count) of all values or along axis; float64 for integers.",
                 [.required("a"), .optional("axis", default: Value.none), .unsupported("out"), .unsupported("overwrite_input", default: .bool(false)),
                  .optional("keepdims", default: .bool(false))]) { a, _ in
            let t = try NumpyArguments.array(a, "a")
            let axis = try NumpyArguments.axis(a)
            return NumpyArguments.result(try ArrayValues.run(a.span(of: "axis")) { try t.median(axis: axis, keepDims: NumpyArguments.flag(a, "keepdims")) })
        })
        m.add(fn("ptp", "ptp(a, axis=None, keepdims=False)\n\nThe range max - min of all values or along axis, in the array's type.",
                 [.required("a"), .optional("axis", default: Value.none), .unsupported("out"), .optional("keepdims", default: .bool(false))]) { a, _ in
            let t = try NumpyArguments.array(a, "a")
            let axis = try NumpyArguments.axis(a)
            return NumpyArguments.result(try ArrayValues.run(a.span(of: "axis")) { try t.peakToPeak(axis: axis, keepDims: NumpyArguments.flag(a, "keepdims")) })
        })
        m.add(fn("average", """
            average(a, axis=None, weights=None, returned=False, *, keepdims=False)

            The mean of all values or along axis; with weights (a's shape, or 1-d along axis), \
            sum(a * weights) / sum(weights). returned=True also gives the sum of the weights.
            """, [.required("a"), .optional("axis", default: Value.none), .optional("weights", default: Value.none),
                  .optional("returned", default: .bool(false)), .keywordOnly("keepdims", default: .bool(false))]) { a, _ in
            let t = try NumpyArguments.array(a, "a")
            let axis = try NumpyArguments.axis(a)
            let weights = try NumpyArguments.optionalArray(a, "weights")
            let (avg, scale) = try ArrayValues.run(a.callSpan) { try t.average(axis: axis, weights: weights, keepDims: NumpyArguments.flag(a, "keepdims")) }
            return NumpyArguments.flag(a, "returned") ? NumpyArguments.tuple([avg, scale]) : NumpyArguments.result(avg)
        })
        m.add(fn("histogram", """
            histogram(a, bins=10, range=None, density=None, weights=None)

            (counts, bin_edges): how many values fall in each of bins equal-width bins over range \
            (the data's min and max by default), each bin [left, right) but the last [left, right]. \
            bins may also list the edges, or name numpy's estimator of the count ('auto', 'fd', 'sturges', ...). Counts are int64 (the weights' type with weights, float64 \
            with density=True); edges are float64 (float32 for float32 data).
            """, [.required("a"), .optional("bins", default: .int(10)), .optional("range", default: Value.none),
                  .optional("density", default: Value.none), .optional("weights", default: Value.none)]) { a, _ in
            let t = try NumpyArguments.array(a, "a")
            let bins = try binsArgument(a)
            var range: (Operand, Operand)? = nil
            if let r = a["range"], !r.isNone {
                guard let items = KerasArguments.sequence(r), items.count == 2 else {
                    throw Diagnostic(.valueError, "too many values to unpack (expected 2)", at: a.span(of: "range"))
                }
                range = (try NumpyArguments.operand(items[0], at: a.span(of: "range")), try NumpyArguments.operand(items[1], at: a.span(of: "range")))
            }
            let weights = try NumpyArguments.optionalArray(a, "weights")
            let (counts, edges) = try ArrayValues.run(a.callSpan) {
                try t.histogram(bins: bins, range: range, weights: weights, density: NumpyArguments.flag(a, "density"))
            }
            return .tuple([.object(TensorObject(counts)), .object(TensorObject(edges))])
        })
    }

    /// `method=`: numpy's names; only 'linear' (the default) is computed.
    private static func checkMethod(_ a: BoundArguments) throws {
        let v = a["method"]!
        guard case .str(let s) = v, quantileMethods.contains(s) else {
            let keys = "dict_keys([" + quantileMethods.map { "'\($0)'" }.joined(separator: ", ") + "])"
            throw Diagnostic(.valueError, "\(Repr.repr(v)) is not a valid method. Use one of: \(keys)", at: a.span(of: "method"))
        }
        guard s == "linear" else {
            throw Diagnostic(.notImplementedError, "Fovea computes quantiles with method='linear' only. Received: method='\(s)'", at: a.span(of: "method"),
                             notes: ["help: leave `method` out of the call"])
        }
    }

    /// `bins=`: a count, a list or array of edges, or the name of an estimator.
    private static func binsArgument(_ a: BoundArguments) throws -> HistogramBins {
        let v = a["bins"]!
        let span = a.span(of: "bins")
        switch v {
        case .str(let s): return .estimated(s)
        case .bool, .int: return .count(v.asInt!)
        default:
            guard KerasArguments.sequence(v) != nil || v.isArray else {
                throw Diagnostic(.typeError, "`bins` must be an integer, a string, or an array", at: span)
            }
            let edges = try ArrayValues.array(v, argument: "bins", at: span)
            guard edges.shape.rank > 0 else {
                guard edges.dtype.isInteger else { throw Diagnostic(.typeError, "`bins` must be an integer, a string, or an array", at: span) }
                return .count(Int(edges.integer(at: 0)))
            }
            return .edges(edges)
        }
    }
}

extension Value {
    /// Whether this is an ndarray (or numpy scalar).
    fileprivate var isArray: Bool { if case .object(let o) = self { return o is TensorObject }; return false }
}
