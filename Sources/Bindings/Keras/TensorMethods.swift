import FoveaLang
import Tensor

/// The attributes and methods of arrays: shape, dtype, ndim, size, T, reshape, astype, min, max,
/// mean, sum, argmax, tolist, copy, flatten, squeeze, transpose, item.
extension TensorObject {
    static let binding: HostClass<TensorObject> = {
        let c = HostClass<TensorObject>("ndarray", module: "numpy", doc: """
            An array of numbers with a shape, as numpy's ndarray: x.shape, x.dtype, x.reshape(-1, 28, 28, 1), \
            x.astype('float32') / 255.0, x[:100], x.max(), x.argmax(axis=1).
            """)
        c.property("shape", doc: "The length of each axis, as a tuple: (60000, 28, 28).") { o, _ in .tuple(o.tensor.shape.dims.map { .int($0) }) }
        c.property("dtype", doc: "The element type: uint8, int64, float32, bool.") { o, _ in .object(DTypeObject(o.tensor.dtype)) }
        c.property("ndim", doc: "The number of axes.") { o, _ in .int(o.tensor.shape.rank) }
        c.property("size", doc: "The number of values.") { o, _ in .int(o.tensor.count) }
        c.property("itemsize", doc: "Bytes per value.") { o, _ in .int(o.tensor.dtype.byteSize) }
        c.property("nbytes", doc: "Bytes of all values.") { o, _ in .int(o.tensor.dtype.byteSize * o.tensor.count) }
        c.property("T", doc: "The array with its axes reversed.") { o, ctx in
            try ArrayValues.run(ctx.span) { .object(TensorObject(try o.tensor.transposed())) }
        }
        c.method("reshape", [.varPositional("shape")],
                 doc: "The same values in another shape; one dimension may be -1 (worked out from the others): x.reshape(-1, 28, 28, 1).") { o, args, _ in
            var dims: [Int] = []
            for (v, span) in args.varPositional.map({ ($0.value, $0.span) }) {
                dims += try ArrayValues.shape(v, argument: "reshape() shape", at: span)
            }
            return .object(TensorObject(try ArrayValues.run(args.callSpan) { try o.tensor.reshaping(dims) }))
        }
        c.method("astype", [.required("dtype")], doc: "A copy with another element type: x.astype('float32').") { o, args, _ in
            let d = try ArrayValues.dtype(args["dtype"]!, argument: "dtype", at: args.span(of: "dtype"))
            return o is NumpyScalar ? ArrayValues.wrap(o.tensor.converted(to: d)) : .object(TensorObject(o.tensor.converted(to: d)))
        }
        for r in Reduction.allCases {
            let name = r.rawValue
            var parameters: [NativeParameter] = [.optional("axis", default: Value.none), .optional("keepdims", default: .bool(false))]
            if r == .variance || r == .std { parameters.append(.optional("ddof", default: .int(0))) }
            c.method(name, parameters, doc: "The \(name) of all values, or along one axis: x.\(name)(axis=1).") { o, args, _ in
                try TensorObject.reduce(o.tensor, r, args)
            }
        }
        for name in ["all", "any"] {
            c.method(name, [.optional("axis", default: Value.none), .optional("keepdims", default: .bool(false))],
                     doc: "Whether \(name == "all" ? "every value is" : "some value is") true (non-zero), overall or along an axis.") { o, args, _ in
                try NumpyMath.truth(o.tensor, all: name == "all", args)
            }
        }
        c.method("round", [.optional("decimals", default: .int(0))], doc: "Values rounded to the given decimals, halves to even.") { o, args, _ in
            let d = try args.int("decimals")
            return try ArrayValues.run(args.callSpan) { ArrayValues.wrap(try o.tensor.roundedTo(decimals: d)) }
        }
        c.method("clip", [.optional("min", default: Value.none), .optional("max", default: Value.none)], doc: "Values limited to [min, max].") { o, args, _ in
            let lo = args["min"]!.isNone ? nil : try NumpyMath.operand(args, "min"), hi = args["max"]!.isNone ? nil : try NumpyMath.operand(args, "max")
            return try ArrayValues.run(args.callSpan) { ArrayValues.wrap(try Tensor.clipped(.tensor(o.tensor), min: lo, max: hi)) }
        }
        c.method("dot", [.required("b")], doc: "The matrix product with b.") { o, args, _ in
            let b = try NumpyMath.operandArray(args, "b")
            return try ArrayValues.run(args.callSpan) { ArrayValues.wrap(try o.tensor.dot(b)) }
        }
        c.method("tolist", doc: "The values as nested Python lists.") { o, _, _ in TensorObject.nested(o.tensor) }
        c.method("item", doc: "The only value of a one-element array, as a Python number.") { o, args, _ in
            guard o.tensor.count == 1 else {
                throw Diagnostic(.valueError, "can only convert an array of size 1 to a Python scalar", at: args.callSpan)
            }
            return ArrayValues.pythonNumber(o.tensor)
        }
        c.method("__round__", [.optional("ndigits", default: Value.none)], doc: "round(x, ndigits): a numpy scalar rounded as numpy rounds; round(x) is a Python int.") { o, args, _ in
            guard let nd = try args.optionalInt("ndigits") else {
                guard o.tensor.count == 1 else { throw Diagnostic(.typeError, "type ndarray doesn't define __round__ method", at: args.callSpan) }
                return .int(Int(o.tensor.dtype.isFloat ? o.tensor.scalar(at: 0).rounded(.toNearestOrEven) : Double(o.tensor.integer(at: 0))))
            }
            return try ArrayValues.run(args.callSpan) { ArrayValues.wrap(try o.tensor.roundedTo(decimals: nd)) }
        }
        c.method("copy", doc: "An independent copy.") { o, _, _ in .object(TensorObject(o.tensor.copy())) }
        c.method("flatten", doc: "A one-dimensional copy.") { o, _, _ in .object(TensorObject(o.tensor.flattened())) }
        c.method("squeeze", [.optional("axis", default: Value.none)], doc: "Without the axes of length 1.") { o, args, _ in
            let axis = try ArrayValues.axis(args)
            return ArrayValues.wrap(try ArrayValues.run(args.callSpan) { try o.tensor.squeezed(axis) })
        }
        c.method("transpose", [.varPositional("axes")], doc: "A copy with the axes reversed, or in the given order.") { o, args, _ in
            var axes: [Int] = []
            for a in args.varPositional { axes += try ArrayValues.shape(a.value, argument: "transpose() axes", at: a.span) }
            return .object(TensorObject(try ArrayValues.run(args.callSpan) { try o.tensor.transposed(axes.isEmpty ? nil : axes) }))
        }
        NumpySorting.addMethods(to: c)
        return c
    }()

    /// A reduction with `axis=` and `keepdims=`; a Python number when the result has one element
    /// and no axes.
    static func reduce(_ t: Tensor, _ r: Reduction, _ args: BoundArguments) throws -> Value {
        let axis = try ArrayValues.axis(args)
        let keep = args["keepdims"]?.isTruthy ?? false
        let ddof = try args.optionalInt("ddof") ?? 0
        return ArrayValues.wrap(try ArrayValues.run(args.callSpan) { try t.reduced(r, axis: axis, keepDims: keep, ddof: ddof) })
    }

    /// Nested Python lists of the values (numbers as Python int/float/bool).
    static func nested(_ t: Tensor) -> Value {
        let dims = t.shape.dims
        func build(_ axis: Int, _ offset: Int) -> (Value, Int) {
            if axis == dims.count { return (ArrayValues.pythonNumber(t, at: offset), offset + 1) }
            var items: [Value] = []
            items.reserveCapacity(dims[axis])
            var at = offset
            for _ in 0..<dims[axis] {
                let (v, next) = build(axis + 1, at)
                items.append(v)
                at = next
            }
            return (.list(ListBox(items)), at)
        }
        return build(0, 0).0
    }
}
