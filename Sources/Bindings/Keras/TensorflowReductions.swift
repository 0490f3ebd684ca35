import FoveaLang
import Tensor

/// `tf.reduce_sum/mean/max/min/prod`, `reduce_all/any`, `tf.argmax/argmin` and
/// `tf.math.confusion_matrix`, as TF computes them: a reduction keeps the input's dtype (the mean
/// of int32 values is an int32, truncated), `axis` is None (every axis), an int or a list.
enum TFReductions {
    static var all: [NativeFunction] {
        [reduction("reduce_sum", "Sum", .sum), reduction("reduce_mean", "Mean", .mean), reduction("reduce_max", "Max", .max),
         reduction("reduce_min", "Min", .min), reduction("reduce_prod", "Prod", .prod),
         logical("reduce_all", "All"), logical("reduce_any", "Any"), arg("argmax", "ArgMax", .argmax), arg("argmin", "ArgMin", .argmin)]
    }

    /// The axes a reduction runs over, checked as TF checks them (non-negative, each once).
    static func axes(_ a: BoundArguments, _ kernel: String, rank: Int) throws -> [Int] {
        guard let given = try TF.axes(a, many: true) else { return Array(0..<rank) }
        for axis in given where axis < -rank || axis >= rank {
            throw TF.kernelError(kernel, "Invalid reduction dimension (\(axis) for input with \(rank) dimension(s)", at: a.span(of: "axis"))
        }
        return Array(Set(given.map { $0 < 0 ? $0 + rank : $0 })).sorted()
    }

    /// `t` reduced over `axes` (kept as length 1, or dropped).
    static func reduce(_ t: Tensor, _ r: Reduction, axes: [Int], keepDims: Bool) throws -> Tensor {
        var out = t
        for axis in axes.reversed() {
            out = try out.reduced(r == .mean ? .sum : r, axis: axis, keepDims: true)
        }
        if r == .mean {
            let n = axes.reduce(1) { $0 * t.shape.dims[$1] }
            if t.dtype.isFloat {
                out = try Tensor.arithmetic(.divide, .tensor(out.converted(to: t.dtype)), .tensor(Tensor.scalar(Double(n), dtype: t.dtype)))
            } else if n > 0 {
                // Integer division, truncating toward zero as C++ does.
                let q = try Tensor(zeros: out.shape, dtype: .int64)
                for i in 0..<out.count { q.int64s[i] = out.integer(at: i) / Int64(n) }
                out = q
            }
        }
        if out.dtype != t.dtype { out = out.converted(to: t.dtype) }
        if keepDims { return out }
        return try out.reshaped(Shape(t.shape.dims.enumerated().filter { !axes.contains($0.offset) }.map(\.element)))
    }

    static func reduction(_ name: String, _ kernel: String, _ r: Reduction) -> NativeFunction {
        TFFunctions.fn(name, """
            The \(r == .mean ? "mean" : r.rawValue) of the values, over every axis or along axis (an int or a list); the result keeps the input's dtype.
            """, [.required("input_tensor"), .optional("axis", default: Value.none), .optional("keepdims", default: .bool(false)), TFFunctions.nameParameter]) { a, _ in
            TFFunctions.readName(a)
            let t = try TFFunctions.tensor(a, "input_tensor")
            if t.dtype == .bool {
                throw Diagnostic(TF.invalidArgumentError, "Value for attr 'T' of bool is not in the list of allowed values: float, double, int32, uint8, int16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, half, uint32, uint64" + TF.opSuffix(kernel, ""),
                                 at: a.span(of: "input_tensor"), notes: ["help: tf.cast(x, tf.int32) first, or use tf.reduce_any / tf.reduce_all"])
            }
            let axes = try axes(a, kernel, rank: t.shape.rank)
            if (r == .max || r == .min) && t.count == 0 { throw TF.kernelError(kernel, "Reduction of an empty tensor has no identity in Fovea", at: a.callSpan) }
            return TF.wrap(try ArrayValues.run(a.callSpan) { try reduce(t, r, axes: axes, keepDims: a.bool("keepdims")) })
        }
    }

    static func logical(_ name: String, _ kernel: String) -> NativeFunction {
        TFFunctions.fn(name, "Whether \(name == "reduce_all" ? "every" : "any") value is True, over every axis or along axis.",
                       [.required("input_tensor"), .optional("axis", default: Value.none), .optional("keepdims", default: .bool(false)), TFFunctions.nameParameter]) { a, _ in
            TFFunctions.readName(a)
            let t = try TFFunctions.tensor(a, "input_tensor", dtype: .bool)
            let axes = try axes(a, kernel, rank: t.shape.rank)
            return TF.wrap(try ArrayValues.run(a.callSpan) {
                try reduce(t.converted(to: .uint8), name == "reduce_all" ? .min : .max, axes: axes, keepDims: a.bool("keepdims")).converted(to: .bool)
            })
        }
    }

    static func arg(_ name: String, _ kernel: String, _ r: Reduction) -> NativeFunction {
        TFFunctions.fn(name, "The index of the \(r == .argmax ? "largest" : "smallest") value along axis (0 when None), as int64.",
                       [.required("input"), .optional("axis", default: Value.none), .optional("output_type", default: .object(TFDTypeObject.of(.int64))), TFFunctions.nameParameter]) { a, _ in
            TFFunctions.readName(a)
            let t = try TFFunctions.tensor(a, "input")
            let axis = try TF.axes(a, many: false)?.first ?? 0
            let rank = t.shape.rank
            guard axis >= -rank && axis < rank else {
                throw TF.kernelError(kernel, "Expected dimension in the range [\(-rank), \(rank)), but got \(axis)", at: a.span(of: "axis"))
            }
            let type = try TF.dtype(a, "output_type") ?? .int64
            return TF.wrap(try ArrayValues.run(a.callSpan) { try t.reduced(r, axis: axis) }.converted(to: type))
        }
    }

    static let confusionMatrix = TFFunctions.fn("confusion_matrix", """
        Counts of (label, prediction) pairs: row i, column j counts the examples of class i predicted as j. \
        Without num_classes, the largest label or prediction plus one.
        """, [.required("labels"), .required("predictions"), .optional("num_classes", default: Value.none), .optional("weights", default: Value.none),
              .optional("dtype", default: .object(TFDTypeObject.of(.int32))), TFFunctions.nameParameter]) { a, _ in
        TFFunctions.readName(a)
        let labels = try TFFunctions.tensor(a, "labels").converted(to: .int64), predictions = try TFFunctions.tensor(a, "predictions").converted(to: .int64)
        let squeeze = { (t: Tensor) -> Tensor in t.shape.rank == 2 && t.shape.dims[1] == 1 ? (try? t.reshaped([t.count])) ?? t : t }
        let (l, p) = (squeeze(labels), squeeze(predictions))
        guard l.shape == p.shape else {
            throw TF.kernelError("Pack", "Shapes of all inputs must match: values[0].shape = \(TF.dims(l.shape)) != values[1].shape = \(TF.dims(p.shape))",
                                 name: "stack", wrapped: "Pack_N_2", at: a.callSpan)
        }
        let ls = (0..<l.count).map { l.integer(at: $0) }, ps = (0..<p.count).map { p.integer(at: $0) }
        for (name, values) in [("labels", ls), ("predictions", ps)] where values.contains(where: { $0 < 0 }) {
            throw Diagnostic(TF.invalidArgumentError, "`\(name)` contains negative values.", at: a.span(of: name))
        }
        let n: Int
        if let given = try a.optionalInt("num_classes") {
            n = given
            for (name, values) in [("labels", ls), ("predictions", ps)] where values.contains(where: { $0 >= Int64(n) }) {
                throw Diagnostic(TF.invalidArgumentError, "`\(name)` out of bound: every value must be less than num_classes=\(n).", at: a.span(of: name))
            }
        } else {
            n = Int((ls + ps).max() ?? -1) + 1
        }
        let type = try TF.dtype(a) ?? .int32
        let weights = try a["weights"].flatMap { $0.isNone ? nil : try TFFunctions.tensor(a, "weights") }
        if let w = weights, w.count != l.count {
            throw Diagnostic(.valueError, "weights must have one value per label: \(w.count) weights for \(l.count) labels", at: a.span(of: "weights"))
        }
        return TF.wrap(try ArrayValues.run(a.callSpan) {
            let counts = try Tensor(zeros: [n, n], dtype: .float64)
            for i in 0..<ls.count { counts.doubles[Int(ls[i]) * n + Int(ps[i])] += weights?.scalar(at: i) ?? 1 }
            return counts.converted(to: type)
        })
    }
}
