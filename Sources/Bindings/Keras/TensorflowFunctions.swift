import FoveaLang
import Tensor

/// The `tf` functions that make and reshape tensors: constant, convert_to_tensor, Variable,
/// zeros/ones (and _like), fill, range, reshape, expand_dims, squeeze, cast, concat, stack,
/// shape, identity, transpose, matmul; with TensorFlow's inference, results and errors.
enum TFFunctions {
    static func fn(_ name: String, _ doc: String, _ parameters: [NativeParameter],
                   _ body: @escaping (BoundArguments, CallContext) throws -> Value) -> NativeFunction {
        NativeFunction(name, doc: doc, parameters: parameters) { args, ctx in try body(args, ctx) }
    }

    /// An argument that TF converts to a tensor (`tf.convert_to_tensor`).
    static func tensor(_ a: BoundArguments, _ name: String, dtype: DType? = nil) throws -> Tensor {
        try TF.convert(a[name]!, dtype: dtype, at: a.span(of: name))
    }

    /// `name=` is accepted (and shown by nothing: eager tensors have no names).
    static let nameParameter = NativeParameter.optional("name", default: Value.none)
    static func readName(_ a: BoundArguments) { _ = a["name"] }

    static var all: [NativeFunction] {
        [constant, convertToTensor, zerosOrOnes("zeros", 0), zerosOrOnes("ones", 1), like("zeros_like", 0), like("ones_like", 1),
         fill, range, reshape, expandDims, squeeze, cast, concat, stack, shape, identity, transpose, matmul]
    }

    static let constant = fn("constant", """
        A tensor from a number, nested lists or a numpy array. Python ints give int32, floats float32; \
        numpy arrays keep their dtype. With shape=, a single value fills that shape.
        """, [.required("value"), .optional("dtype", default: Value.none), .optional("shape", default: Value.none), .optional("name", default: .str("Const"))]) { a, _ in
        readName(a)
        let value = a["value"]!
        let t = try TF.constant(value, dtype: try TF.dtype(a), at: a.span(of: "value"))
        guard let s = a["shape"], !s.isNone else { return sameTensor(value, t) ?? TF.wrap(t) }
        let dims = try TF.shape(s, argument: "shape", at: a.span(of: "shape"))
        let span = a.span(of: "shape")
        if dims == t.shape.dims { return TF.wrap(t) }
        let n = Shape(dims).checkedCount ?? -1
        if n == t.count { return TF.wrap(try ArrayValues.run(span) { try t.reshaped(Shape(dims)) }) }
        if t.count == 1 { return TF.wrap(try filled(dims, t, at: span)) }
        throw Diagnostic(.typeError, "Eager execution of tf.constant with unsupported shape. Tensor \(EagerTensorObject(t).str()) (converted from \(Repr.str(value))) has \(t.count) elements, but got `shape` \(Shape(dims)) with \(n) elements).",
                         at: span)
    }

    /// `value` itself when it is a tf tensor holding `t` (TF returns a tensor given as it is).
    static func sameTensor(_ value: Value, _ t: Tensor) -> Value? {
        if case .object(let o as EagerTensorObject) = value, !(o is VariableObject), o.tensor === t { return value }
        return nil
    }

    /// A tensor of shape `dims` holding the one value of `value`.
    static func filled(_ dims: [Int], _ value: Tensor, at span: Span) throws -> Tensor {
        try ArrayValues.run(span) {
            let zeros = try Tensor(zeros: Shape(dims), dtype: value.dtype)
            return try Tensor.arithmetic(.add, .tensor(zeros), .tensor(try value.reshaped([])))
        }
    }

    static let convertToTensor = fn("convert_to_tensor", """
        The value as a tensor: a tensor stays itself, a numpy array or nested lists become one.
        """, [.required("value"), .optional("dtype", default: Value.none), .optional("dtype_hint", default: Value.none), nameParameter]) { a, _ in
        readName(a)
        let value = a["value"]!
        let t = try TF.convert(value, dtype: try TF.dtype(a), hint: try TF.dtype(a, "dtype_hint"), at: a.span(of: "value"))
        return sameTensor(value, t) ?? TF.wrap(t)
    }

    static func zerosOrOnes(_ name: String, _ fillValue: Double) -> NativeFunction {
        fn(name, "A tensor of \(name) of the given shape.",
           [.required("shape"), .optional("dtype", default: .object(TFDTypeObject.of(.float32))), nameParameter]) { a, _ in
            readName(a)
            let dims = try TF.shape(a["shape"]!, argument: "shape", at: a.span(of: "shape"))
            return TF.wrap(try filled(dims, Tensor.scalar(fillValue, dtype: try TF.dtype(a) ?? .float32), at: a.span(of: "shape")))
        }
    }

    static func like(_ name: String, _ fillValue: Double) -> NativeFunction {
        fn(name, "A tensor of \(name.prefix(while: { $0 != "_" })) with the shape (and, unless dtype= is given, the dtype) of input.",
           [.required("input"), .optional("dtype", default: Value.none), nameParameter]) { a, _ in
            readName(a)
            let t = try tensor(a, "input")
            return TF.wrap(try filled(t.shape.dims, Tensor.scalar(fillValue, dtype: try TF.dtype(a) ?? t.dtype), at: a.span(of: "input")))
        }
    }

    static let fill = fn("fill", "A tensor of shape dims holding value everywhere (its dtype is value's).",
                         [.required("dims"), .required("value"), nameParameter]) { a, _ in
        readName(a)
        let dims = try TF.shape(a["dims"]!, argument: "dims", at: a.span(of: "dims"))
        let v = try tensor(a, "value")
        guard v.shape.rank == 0 else {
            throw TF.kernelError("Fill", "value must be a scalar, got a tensor with shape \(TF.dims(v.shape))", at: a.span(of: "value"))
        }
        return TF.wrap(try filled(dims, v, at: a.span(of: "dims")))
    }

    static let range = fn("range", """
        The numbers from start up to (not including) limit, delta apart: int32 for ints, float32 for floats.
        """, [.required("start"), .optional("limit", default: Value.none), .optional("delta", default: .int(1)),
              .optional("dtype", default: Value.none), .optional("name", default: .str("range"))]) { a, _ in
        readName(a)
        // range(limit) counts from 0.
        var args = try ["start", "limit", "delta"].filter { !a[$0]!.isNone }.map { try tensor(a, $0) }
        if args.count == 2 { args.insert(Tensor.scalar(0, dtype: args[0].dtype), at: 0) }
        let hierarchy: [DType] = [.int32, .int64, .float32, .float64]
        let inferred = args.map(\.dtype).max { (hierarchy.firstIndex(of: $0) ?? 0) < (hierarchy.firstIndex(of: $1) ?? 0) }!
        let type = try TF.dtype(a) ?? inferred
        let span = a.callSpan
        let (start, limit, delta) = (args[0].scalar(at: 0), args[1].scalar(at: 0), args[2].scalar(at: 0))
        if delta == 0 { throw TF.kernelError("Range", "Requires delta != 0: \(number(args[2]))", name: "range", at: span) }
        if delta > 0 && start > limit || delta < 0 && start < limit {
            throw TF.kernelError("Range", "Requires start \(delta > 0 ? "<=" : ">=") limit when delta \(delta > 0 ? ">" : "<") 0: \(number(args[0]))/\(number(args[1]))",
                                 name: "range", at: span)
        }
        let n = type.isFloat ? Int((abs((limit - start) / delta)).rounded(.up))
                             : Int((abs(args[1].integer(at: 0) - args[0].integer(at: 0)) + abs(args[2].integer(at: 0)) - 1) / abs(args[2].integer(at: 0)))
        return TF.wrap(try ArrayValues.run(span) {
            // TF adds delta n times (in the result's type), rather than computing start + i * delta.
            let out = try Tensor(zeros: [n], dtype: type)
            if type == .float32 {
                var v = Float(start); let d = Float(delta)
                for i in 0..<n { out.floats[i] = v; v += d }
            } else if type == .float64 {
                var v = start
                for i in 0..<n { out.doubles[i] = v; v += delta }
            } else {
                var v = args[0].integer(at: 0); let d = args[2].integer(at: 0)
                let wide = try Tensor(zeros: [n], dtype: .int64)
                for i in 0..<n { wide.int64s[i] = v; v &+= d }
                return wide.converted(to: type)
            }
            return out
        })
    }

    /// A scalar as TF's C++ prints it in messages.
    static func number(_ t: Tensor) -> String {
        let d = t.scalar(at: 0)
        return !t.dtype.isFloat ? String(t.integer(at: 0)) : d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : Repr.repr(.float(d))
    }

    static let reshape = fn("reshape", "The same values in another shape; one dimension may be -1 (worked out from the others).",
                            [.required("tensor"), .required("shape"), nameParameter]) { a, _ in
        readName(a)
        let t = try tensor(a, "tensor")
        let dims = try TF.shape(a["shape"]!, argument: "shape", at: a.span(of: "shape"))
        let span = a.span(of: "shape")
        let unknown = dims.indices.filter { dims[$0] == -1 }
        if unknown.count > 1 { throw TF.kernelError("Reshape", "Only one input size may be -1, not both \(unknown[0]) and \(unknown[1])", at: span) }
        let known = dims.filter { $0 != -1 }.reduce(1, *)
        if unknown.isEmpty ? known != t.count : (known == 0 || t.count % known != 0) {
            throw TF.kernelError("Reshape", "Input to reshape is a tensor with \(t.count) values, but the requested shape \(unknown.isEmpty ? "has" : "requires a multiple of") \(known)", at: span)
        }
        return TF.wrap(try ArrayValues.run(span) { try t.reshaping(dims) })
    }

    static let expandDims = fn("expand_dims", "The tensor with a new axis of length 1 at position axis: tf.expand_dims(image, 0) makes a batch of one.",
                               [.required("input"), .required("axis"), nameParameter]) { a, _ in
        readName(a)
        let t = try tensor(a, "input")
        let axis = try TF.axes(a, many: false)?.first ?? 0
        guard axis >= -t.shape.rank - 1 && axis <= t.shape.rank else {
            throw TF.kernelError("ExpandDims", "Tried to expand dim index \(axis) for tensor with \(t.shape.rank) dimensions.", at: a.span(of: "axis"))
        }
        return TF.wrap(try ArrayValues.run(a.span(of: "axis")) { try t.expandingDims(axis) })
    }

    static let squeeze = fn("squeeze", "The tensor without its axes of length 1 (or without the listed ones).",
                            [.required("input"), .optional("axis", default: Value.none), nameParameter]) { a, _ in
        readName(a)
        let t = try tensor(a, "input")
        let rank = t.shape.rank
        guard let axes = try TF.axes(a, many: true) else { return TF.wrap(try ArrayValues.run(a.callSpan) { try t.squeezed() }) }
        var dims = t.shape.dims
        for axis in Set(axes.map { $0 < 0 ? $0 + rank : $0 }).sorted(by: >) {
            guard axis >= 0 && axis < rank else {
                throw TF.kernelError("Squeeze", "Tried to squeeze dim index \(axis) for tensor with \(rank) dimensions.", at: a.span(of: "axis"))
            }
            guard dims[axis] == 1 else {
                throw TF.kernelError("Squeeze", "Can not squeeze dim[\(axis)], expected a dimension of 1, got \(dims[axis])", at: a.span(of: "axis"))
            }
            dims.remove(at: axis)
        }
        return TF.wrap(try ArrayValues.run(a.callSpan) { try t.reshaped(Shape(dims)) })
    }

    static let cast = fn("cast", "The values in another dtype: floats to ints truncate toward zero, anything to bool is != 0.",
                         [.required("x"), .required("dtype"), nameParameter]) { a, _ in
        readName(a)
        guard let d = try TF.dtype(a) else {
            throw Diagnostic(.typeError, "cast() argument 'dtype' must be a dtype such as tf.float32. Received: dtype=None", at: a.span(of: "dtype"))
        }
        let t = try tensor(a, "x")
        return TF.wrap(t.dtype == d ? t : t.converted(to: d))
    }

    /// The tensors of a `values` list argument (concat, stack), converted to one dtype.
    static func values(_ a: BoundArguments, op: String, name: String) throws -> [Tensor] {
        let span = a.span(of: "values")
        // A single tensor is one value (TF wraps it in a list).
        if TF.isTFTensor(a["values"]!) { return [TF.tensorValue(a["values"]!)!] }
        guard let items = KerasArguments.sequence(a["values"]!), !items.isEmpty else {
            throw Diagnostic(.typeError, "\(a.functionName)() argument 'values' must be a non-empty list of tensors. Received: values=\(Repr.repr(a["values"]!))", at: span)
        }
        return try TF.matching(items, op: op, name: name, at: Array(repeating: span, count: items.count))
    }

    static let concat = fn("concat", "The tensors joined along an existing axis; they must have one dtype and the same other dimensions.",
                           [.required("values"), .required("axis"), .optional("name", default: .str("concat"))]) { a, _ in
        readName(a)
        let parts = try values(a, op: "ConcatV2", name: "concat")
        let axis = try TF.axes(a, many: false)?.first ?? 0
        if parts.count == 1 { return TF.wrap(parts[0]) }
        func fail(_ m: String) -> Diagnostic { TF.kernelError("ConcatV2", "ConcatOp : " + m, name: "concat", wrapped: "ConcatV2_N_\(parts.count)", at: a.callSpan) }
        let first = parts[0], rank = first.shape.rank
        if rank == 0 { throw fail("Can't concatenate scalars (use tf.stack instead)") }
        guard axis >= -rank && axis < rank else { throw fail("Expected concatenating dimensions in the range [\(-rank), \(rank)), but got \(axis)") }
        let a0 = axis < 0 ? axis + rank : axis
        for (i, p) in parts.enumerated().dropFirst() {
            guard p.shape.rank == rank else {
                throw fail("Ranks of all input tensors should match: shape[0] = \(TF.dims(first.shape)) vs. shape[\(i)] = \(TF.dims(p.shape))")
            }
            if let d = (0..<rank).first(where: { $0 != a0 && p.shape.dims[$0] != first.shape.dims[$0] }) {
                throw fail("Dimension \(d) in both shapes must be equal: shape[0] = \(TF.dims(first.shape)) vs. shape[\(i)] = \(TF.dims(p.shape))")
            }
        }
        return TF.wrap(try ArrayValues.run(a.callSpan) { try Tensor.concatenated(parts, axis: a0) })
    }

    static let stack = fn("stack", "Tensors of one shape and dtype joined along a new axis.",
                          [.required("values"), .optional("axis", default: .int(0)), .optional("name", default: .str("stack"))]) { a, _ in
        readName(a)
        let parts = try values(a, op: "Pack", name: "stack")
        let axis = try TF.axes(a, many: false)?.first ?? 0
        let n = parts[0].shape.rank + 1
        guard axis >= -n && axis < n else {
            throw Diagnostic(.valueError, "Argument `axis` = \(axis) not in range [\(-n), \(n))", at: a.span(of: "axis"))
        }
        for (i, p) in parts.enumerated() where p.shape != parts[0].shape {
            throw TF.kernelError("Pack", "Shapes of all inputs must match: values[0].shape = \(TF.dims(parts[0].shape)) != values[\(i)].shape = \(TF.dims(p.shape))",
                                 name: "stack", wrapped: "Pack_N_\(parts.count)", at: a.callSpan)
        }
        return TF.wrap(try ArrayValues.run(a.callSpan) { try Tensor.stacked(parts, axis: axis) })
    }

    static let shape = fn("shape", "The shape of a tensor as a 1-D int32 tensor (t.shape gives it as a TensorShape).",
                          [.required("input"), .optional("out_type", default: .object(TFDTypeObject.of(.int32))), nameParameter]) { a, _ in
        readName(a)
        let t = try tensor(a, "input")
        let out = try Tensor(shape: [t.shape.rank], int64s: t.shape.dims.map(Int64.init))
        return TF.wrap(out.converted(to: try TF.dtype(a, "out_type") ?? .int32))
    }

    static let identity = fn("identity", "The same values, as a tensor (a Variable's current value).", [.required("input"), nameParameter]) { a, _ in
        readName(a)
        return TF.wrap(try tensor(a, "input"))
    }

    static let transpose = fn("transpose", "The tensor with its axes reversed, or in the order perm gives.",
                              [.required("a"), .optional("perm", default: Value.none), .unsupported("conjugate", default: .bool(false)),
                               .optional("name", default: .str("transpose"))]) { a, _ in
        readName(a)
        let t = try tensor(a, "a")
        let perm = try a["perm"].flatMap { $0.isNone ? nil : try TF.shape($0, argument: "perm", at: a.span(of: "perm")) }
        return TF.wrap(try ArrayValues.run(a.span(of: "perm")) { try t.transposed(perm) })
    }

    static let matmul = fn("matmul", "The matrix product a @ b (of matrices, or of stacks of them).",
                           [.required("a"), .required("b"), .optional("transpose_a", default: .bool(false)), .optional("transpose_b", default: .bool(false)), nameParameter]) { a, _ in
        readName(a)
        let ts = try TF.matching([a["a"]!, a["b"]!], op: "MatMul", at: [a.span(of: "a"), a.span(of: "b")])
        func swapLast(_ t: Tensor, _ flag: String) throws -> Tensor {
            guard a.bool(flag), t.shape.rank >= 2 else { return t }
            let r = t.shape.rank
            return try ArrayValues.run(a.span(of: flag)) { try t.transposed(Array(0..<(r - 2)) + [r - 1, r - 2]) }
        }
        return TF.wrap(try TFMath.matmul(try swapLast(ts[0], "transpose_a"), try swapLast(ts[1], "transpose_b"), at: a.callSpan))
    }
}
