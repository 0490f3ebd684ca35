import FoveaLang
import Tensor

/// numpy's element-wise functions (ufuncs), comparisons of whole arrays, products and reductions,
/// declared from the Tensor operations they run: `np.exp(x)`, `np.maximum(x, 0)`,
/// `np.where(y > 0, 1, 0)`, `np.allclose(a, b)`, `np.dot(w, x)`, `np.std(x, axis=0)`.
enum NumpyMath {
    static func add(to m: ModuleValue) {
        for f in UnaryFunction.allCases { m.add(unary(f.rawValue, f)) }
        m.add("abs", m["absolute"]!)
        for name in ["round", "around"] {
            m.add(NativeFunction(name, doc: "\(name)(a, decimals=0)\n\nValues rounded to the given number of decimals, halves to even.",
                                 parameters: [.required("a"), .optional("decimals", default: .int(0))]) { a, _ in
                let t = try operandArray(a, "a"), d = try a.int("decimals")
                return try ArrayValues.run(a.callSpan) { ArrayValues.wrap(try t.roundedTo(decimals: d)) }
            })
        }
        let binaries: [(String, ArithmeticOp)] = [
            ("add", .add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .divide), ("true_divide", .divide),
            ("floor_divide", .floorDivide), ("mod", .remainder), ("remainder", .remainder), ("power", .power),
            ("maximum", .maximum), ("minimum", .minimum),
            ("bitwise_and", .bitAnd), ("bitwise_or", .bitOr), ("bitwise_xor", .bitXor),
        ]
        for (name, op) in binaries {
            m.add(NativeFunction(name, doc: "\(name)(x1, x2)\n\nThe element-wise \(name) of two arrays (or numbers), broadcasting.",
                                 parameters: [.required("x1"), .required("x2")]) { a, _ in
                let x = try operand(a, "x1"), y = try operand(a, "x2")
                return try ArrayValues.run(a.callSpan) { ArrayValues.wrap(try Tensor.arithmetic(op, x, y)) }
            })
        }
        for (name, op) in [("logical_and", ArithmeticOp.bitAnd), ("logical_or", .bitOr), ("logical_xor", .bitXor)] {
            m.add(NativeFunction(name, doc: "\(name)(x1, x2)\n\nThe element-wise truth of x1 \(op.rawValue) x2, as a bool array.",
                                 parameters: [.required("x1"), .required("x2")]) { a, _ in
                let x = try operandArray(a, "x1").converted(to: .bool), y = try operandArray(a, "x2").converted(to: .bool)
                return try ArrayValues.run(a.callSpan) { ArrayValues.wrap(try Tensor.arithmetic(op, .tensor(x), .tensor(y))) }
            })
        }
        m.add(NativeFunction("logical_not", doc: "logical_not(x)\n\nTrue where x is false (zero).", parameters: [.required("x")]) { a, _ in
            ArrayValues.wrap(try operandArray(a, "x").converted(to: .bool).inverted())
        })
        m.add(NativeFunction("clip", doc: "clip(a, a_min, a_max)\n\nValues limited to [a_min, a_max]; either bound may be None.",
                             parameters: [.required("a"), .optional("a_min", default: Value.none), .optional("a_max", default: Value.none)]) { a, _ in
            let x = try operand(a, "a")
            let lo = a["a_min"]!.isNone ? nil : try operand(a, "a_min"), hi = a["a_max"]!.isNone ? nil : try operand(a, "a_max")
            return try ArrayValues.run(a.callSpan) { ArrayValues.wrap(try Tensor.clipped(x, min: lo, max: hi)) }
        })
        m.add(NativeFunction("where", doc: "where(condition, x, y)\n\nx where the condition holds, y elsewhere, broadcasting the three; where(condition) alone is nonzero(condition).",
                             parameters: [.required("condition"), .optional("x", default: Value.none), .optional("y", default: Value.none)]) { a, _ in
            let c = try operandArray(a, "condition")
            if a["x"]!.isNone && a["y"]!.isNone {
                return .tuple(try ArrayValues.run(a.callSpan) { try c.nonzeroIndices() }.map { .object(TensorObject($0)) })
            }
            guard !a["x"]!.isNone && !a["y"]!.isNone else {
                throw Diagnostic(.valueError, "either both or neither of x and y should be given", at: a.callSpan)
            }
            let x = try operand(a, "x"), y = try operand(a, "y")
            return try ArrayValues.run(a.callSpan) { ArrayValues.wrap(try Tensor.choosing(c, x, y)) }
        })
        let closeParameters: [NativeParameter] = [.required("a"), .required("b"), .optional("rtol", default: .float(1e-05)),
                                                  .optional("atol", default: .float(1e-08)), .optional("equal_nan", default: .bool(false))]
        func close(_ a: BoundArguments) throws -> Tensor {
            let x = try operand(a, "a"), y = try operand(a, "b")
            let (r, t, e) = (try a.double("rtol"), try a.double("atol"), a.bool("equal_nan"))
            return try ArrayValues.run(a.callSpan) { try Tensor.close(x, y, rtol: r, atol: t, equalNaN: e) }
        }
        m.add(NativeFunction("isclose", doc: "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)\n\nWhere |a - b| <= atol + rtol * |b|.",
                             parameters: closeParameters) { a, _ in ArrayValues.wrap(try close(a)) })
        m.add(NativeFunction("allclose", doc: "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)\n\nWhether every pair is close: |a - b| <= atol + rtol * |b|.",
                             parameters: closeParameters) { a, _ in .bool(try close(a).allNonZero) })
        m.add(NativeFunction("array_equal", doc: "array_equal(a1, a2)\n\nTrue when both have the same shape and the same values.",
                             parameters: [.required("a1"), .required("a2")]) { a, _ in
            let x = try operandArray(a, "a1"), y = try operandArray(a, "a2")
            guard x.shape == y.shape else { return .bool(false) }
            return .bool(try ArrayValues.run(a.callSpan) { try Tensor.compare(.equal, .tensor(x), .tensor(y)) }.allNonZero)
        })
        for name in ["dot", "matmul"] {
            m.add(NativeFunction(name, doc: "\(name)(a, b)\n\nThe matrix product (the inner product of two vectors).", parameters: [.required("a"), .required("b")]) { a, _ in
                let x = try operandArray(a, "a"), y = try operandArray(a, "b")
                return try ArrayValues.run(a.callSpan) { ArrayValues.wrap(name == "dot" ? try x.dot(y) : try x.matmul(y)) }
            })
        }
        for r in Reduction.allCases {
            m.add(reduction(r.rawValue, r))
        }
        m.add("amax", m["max"]!)
        m.add("amin", m["min"]!)
        for name in ["all", "any"] {
            m.add(NativeFunction(name, doc: "\(name)(a, axis=None, keepdims=False)\n\nWhether \(name == "all" ? "every value is" : "some value is") true (non-zero), overall or along an axis.",
                                 parameters: [.required("a"), .optional("axis", default: Value.none), .optional("keepdims", default: .bool(false))]) { a, _ in
                try truth(try operandArray(a, "a"), all: name == "all", a)
            })
        }
    }

    static func unary(_ name: String, _ f: UnaryFunction) -> NativeFunction {
        NativeFunction(name, doc: "\(name)(x)\n\nnumpy's \(name), element by element.", parameters: [.required("x")]) { a, _ in
            let t = try operandArray(a, "x")
            return try ArrayValues.run(a.callSpan) { ArrayValues.wrap(try t.mapped(f)) }
        }
    }

    static func reduction(_ name: String, _ r: Reduction) -> NativeFunction {
        var parameters: [NativeParameter] = [.required("a"), .optional("axis", default: Value.none), .optional("keepdims", default: .bool(false))]
        if r == .variance || r == .std { parameters.append(.optional("ddof", default: .int(0))) }
        return NativeFunction(name, doc: "\(name)(a, axis=None, keepdims=False)\n\nThe \(name) of all values of a, or along one axis.", parameters: parameters) { a, _ in
            try TensorObject.reduce(try operandArray(a, "a"), r, a)
        }
    }

    /// `all`/`any` overall or along an axis: a bool scalar or array.
    static func truth(_ t: Tensor, all: Bool, _ args: BoundArguments) throws -> Value {
        let flags = t.converted(to: .bool)
        if flags.count == 0 && (args["axis"]?.isNone ?? true) { return ArrayValues.wrap(Tensor.scalar(all ? 1 : 0, dtype: .bool)) }
        // min of bools is all, max is any.
        return try TensorObject.reduce(flags, all ? .min : .max, args)
    }

    /// An argument that may be an array, a list or a number, as an operand (numbers stay weak).
    static func operand(_ args: BoundArguments, _ name: String) throws -> Operand {
        let v = args[name]!
        guard let o = try ArrayValues.operand(v, at: args.span(of: name)) else {
            throw Diagnostic(.typeError, "\(args.functionName)() argument '\(name)' must be an array or a number; received a value of type '\(v.typeName)'", at: args.span(of: name))
        }
        return o
    }

    /// An argument as an array (numbers become 0-d arrays of numpy's default type).
    static func operandArray(_ args: BoundArguments, _ name: String) throws -> Tensor {
        switch try operand(args, name) {
        case .tensor(let t): return t
        case .int(let i): return Tensor.scalar(integer: Int64(i), dtype: .int64)
        case .float(let d): return Tensor.scalar(d, dtype: .float64)
        case .bool(let b): return Tensor.scalar(b ? 1 : 0, dtype: .bool)
        }
    }
}
