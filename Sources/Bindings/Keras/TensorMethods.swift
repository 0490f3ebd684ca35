import FoveaLang
import Tensor

/// The attributes and methods of arrays: shape, dtype, ndim, size, T, reshape, astype, min, max,
/// mean, sum, argmax, tolist, copy, flatten, squeeze, transpose, item.
extension TensorObject {
    var attributeNames: [String] {
        ["T", "all", "any", "argmax", "astype", "copy", "dtype", "flatten", "item", "max", "mean", "min", "ndim", "reshape",
         "shape", "size", "squeeze", "sum", "tolist", "transpose"]
    }

    func attribute(_ name: String, context: CallContext) throws -> Value? {
        let t = tensor
        switch name {
        case "shape": return .tuple(t.shape.dims.map { .int($0) })
        case "dtype": return .object(DTypeObject(t.dtype))
        case "ndim": return .int(t.shape.rank)
        case "size": return .int(t.count)
        case "T": return try ArrayValues.run(context.span) { .object(TensorObject(try t.transposed())) }
        case "reshape":
            return method(name, "reshape(*shape)\n\nThe same values in another shape; one dimension may be -1 (worked out from the others): x.reshape(-1, 28, 28, 1).",
                          [.varPositional("shape")]) { args in
                var dims: [Int] = []
                for (v, span) in args.varPositional.map({ ($0.value, $0.span) }) {
                    dims += try ArrayValues.shape(v, argument: "reshape() shape", at: span)
                }
                return .object(TensorObject(try ArrayValues.run(args.callSpan) { try t.reshaping(dims) }))
            }
        case "astype":
            return method(name, "astype(dtype)\n\nA copy with another element type: x.astype('float32').", [.required("dtype")]) { args in
                let d = try ArrayValues.dtype(args["dtype"]!, argument: "dtype", at: args.span(of: "dtype"))
                return .object(TensorObject(t.converted(to: d)))
            }
        case "min", "max", "mean", "sum", "argmax":
            let r = Reduction(rawValue: name)!
            return method(name, "\(name)(axis=None, keepdims=False)\n\nThe \(name) of all values, or along one axis: x.\(name)(axis=1).",
                          [.optional("axis", default: Value.none), .optional("keepdims", default: .bool(false))]) { args in
                try TensorObject.reduce(t, r, args)
            }
        case "all", "any":
            return method(name, "\(name)()\n\nWhether \(name == "all" ? "every value is" : "some value is") true (non-zero).", []) { args in
                let flags = try ArrayValues.run(args.callSpan) { try Tensor.compare(.notEqual, .tensor(t), .int(0)) }
                return .bool(name == "all" ? !flags.bytes.contains(0) : flags.bytes.contains(1))
            }
        case "tolist":
            return method(name, "tolist()\n\nThe values as nested Python lists.", []) { _ in TensorObject.nested(t) }
        case "item":
            return method(name, "item()\n\nThe only value of a one-element array, as a Python number.", []) { args in
                guard t.count == 1 else {
                    throw Diagnostic(.valueError, "can only convert an array of size 1 to a Python scalar", at: args.callSpan)
                }
                return ArrayValues.scalar(t)
            }
        case "copy":
            return method(name, "copy()\n\nAn independent copy.", []) { _ in .object(TensorObject(t.copy())) }
        case "flatten":
            return method(name, "flatten()\n\nA one-dimensional copy.", []) { _ in .object(TensorObject(t.flattened())) }
        case "squeeze":
            return method(name, "squeeze(axis=None)\n\nWithout the axes of length 1.", [.optional("axis", default: Value.none)]) { args in
                let axis = try ArrayValues.axis(args)
                return ArrayValues.wrap(try ArrayValues.run(args.callSpan) { try t.squeezed(axis) })
            }
        case "transpose":
            return method(name, "transpose(*axes)\n\nA copy with the axes reversed, or in the given order.", [.varPositional("axes")]) { args in
                var axes: [Int] = []
                for a in args.varPositional { axes += try ArrayValues.shape(a.value, argument: "transpose() axes", at: a.span) }
                return .object(TensorObject(try ArrayValues.run(args.callSpan) { try t.transposed(axes.isEmpty ? nil : axes) }))
            }
        default: return nil
        }
    }

    private func method(_ name: String, _ doc: String, _ parameters: [NativeParameter],
                        _ body: @escaping (BoundArguments) throws -> Value) -> Value {
        .native(NativeFunction(name, signature: String(doc.prefix { $0 != "\n" }), doc: doc, parameters: parameters,
                               receiverType: typeName) { args, _ in try body(args) })
    }

    /// A reduction with `axis=` and `keepdims=`; a Python number when the result has one element
    /// and no axes.
    static func reduce(_ t: Tensor, _ r: Reduction, _ args: BoundArguments) throws -> Value {
        let axis = try ArrayValues.axis(args)
        let keep = args["keepdims"]?.isTruthy ?? false
        return ArrayValues.wrap(try ArrayValues.run(args.callSpan) { try t.reduced(r, axis: axis, keepDims: keep) })
    }

    /// Nested Python lists of the values (numbers as Python int/float/bool).
    static func nested(_ t: Tensor) -> Value {
        let dims = t.shape.dims
        func build(_ axis: Int, _ offset: Int) -> (Value, Int) {
            if axis == dims.count { return (ArrayValues.scalar(t, at: offset), offset + 1) }
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
