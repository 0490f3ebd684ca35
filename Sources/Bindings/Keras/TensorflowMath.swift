import FoveaLang
import Tensor

/// TensorFlow's element-wise ops, for the operators of tf tensors and for `tf.add`, `tf.exp`, ...
/// as TF 2.21's eager mode runs them: the inputs are converted to one dtype first (see
/// `TF.matching`), then the kernel computes in that dtype, broadcasting as numpy does. `/` is
/// TF's `truediv` (integers divide as float64, uint8 as float32), `//` floors (for floats too).
enum TFMath {
    /// What a tf tensor's operators accept on the other side: numbers, lists, arrays and tensors.
    static func isOperand(_ v: Value) -> Bool {
        switch v {
        case .int, .float, .bool, .list, .tuple: return true
        case .object(let o): return o is TensorObject
        default: return false
        }
    }

    /// `t op other` (or `other op t` when reflected) for the Python operators.
    static func `operator`(_ op: BinaryOp, _ me: Tensor, _ other: Value, reflected: Bool, at span: Span) throws -> Tensor? {
        if op == .divide {
            if reflected { return try trueDivide(try TF.constant(other, dtype: me.dtype, at: span), me, at: span) }
            return try trueDivide(me, try TF.convert(other, hint: me.dtype, at: span), at: span)
        }
        let kernel: String
        switch op {
        case .add: kernel = "AddV2"
        case .subtract: kernel = "Sub"
        case .multiply: kernel = "Mul"
        case .floorDivide: kernel = "FloorDiv"
        case .modulo: kernel = "FloorMod"
        case .power: kernel = "Pow"
        case .matmul: kernel = "MatMul"
        case .bitAnd: kernel = me.dtype == .bool ? "LogicalAnd" : "BitwiseAnd"
        case .bitOr: kernel = me.dtype == .bool ? "LogicalOr" : "BitwiseOr"
        case .bitXor: kernel = me.dtype == .bool ? "LogicalXor" : "BitwiseXor"
        default: return nil
        }
        // `+` converts the other side with the tensor's dtype as a hint (`_add_dispatch`); the
        // other ops convert it to that dtype or fail.
        let (x, y) = try operands(kernel, me, other, reflected: reflected, hinted: op == .add, at: span)
        return try compute(kernel, x, y, at: span)
    }

    /// `t < other`, `t == other`, ...; `other < t` arrives reflected and is `t > other`, as in Python.
    static func compare(_ op: CompareOp, _ me: Tensor, _ other: Value, reflected: Bool, at span: Span) throws -> Tensor? {
        let kernel: String
        switch (op, reflected) {
        case (.eq, _): kernel = "Equal"
        case (.ne, _): kernel = "NotEqual"
        case (.lt, false), (.gt, true): kernel = "Less"
        case (.le, false), (.ge, true): kernel = "LessEqual"
        case (.gt, false), (.lt, true): kernel = "Greater"
        case (.ge, false), (.le, true): kernel = "GreaterEqual"
        default: return nil
        }
        let (x, y) = try operands(kernel, me, other, reflected: false, hinted: false, at: span)
        return try compute(kernel, x, y, at: span)
    }

    static func operands(_ kernel: String, _ me: Tensor, _ other: Value, reflected: Bool, hinted: Bool, at span: Span) throws -> (Tensor, Tensor) {
        if TF.isTFTensor(other) {
            let o = TF.tensorValue(other)!
            let (x, y) = reflected ? (o, me) : (me, o)
            if x.dtype != y.dtype { throw TF.dtypeMismatch(kernel, index: 1, expected: x.dtype, got: y.dtype, at: span) }
            return (x, y)
        }
        if reflected { return (try TF.constant(other, dtype: me.dtype, at: span), me) }
        let o = hinted ? try TF.convert(other, hint: me.dtype, at: span) : try TF.constant(other, dtype: me.dtype, at: span)
        if o.dtype != me.dtype { throw TF.dtypeMismatch(kernel, index: 1, expected: me.dtype, got: o.dtype, at: span) }
        return (me, o)
    }

    /// TF's `truediv`: both of one dtype; integers divide as floats (`_TRUEDIV_TABLE`).
    static func trueDivide(_ x: Tensor, _ y: Tensor, name: String = "", at span: Span) throws -> Tensor {
        guard x.dtype == y.dtype else {
            throw Diagnostic(.typeError, "`x` and `y` must have the same dtype, got \(TF.dtypeRepr(x.dtype)) != \(TF.dtypeRepr(y.dtype)).", at: span)
        }
        let target: DType
        switch x.dtype {
        case .float32, .float64: target = x.dtype
        case .uint8: target = .float32
        case .int32, .int64: target = .float64
        case .bool:
            throw Diagnostic(.typeError, "Invalid dtype tf.bool in __truediv__. Expected one of {tf.uint8, tf.int8, tf.uint16, tf.int16, tf.int32, tf.int64, tf.bfloat16, tf.float16, tf.float32, tf.float64, tf.complex64, tf.complex128}.",
                             at: span)
        }
        return try compute("RealDiv", x.converted(to: target), y.converted(to: target), name: name, at: span)
    }

    /// An op TF has no kernel for at this dtype (`x + y` on bools).
    static func noKernel(_ kernel: String, _ d: DType, at span: Span) -> Diagnostic {
        Diagnostic(TF.notFoundError, "Could not find device for node: {{node \(kernel)}} = \(kernel)[T=DT_\(d == .float32 ? "FLOAT" : d == .float64 ? "DOUBLE" : d.rawValue.uppercased())]",
                   at: span)
    }

    /// `kernel(x, y)` for two tensors of one dtype.
    static func compute(_ kernel: String, _ x: Tensor, _ y: Tensor, name: String = "", at span: Span) throws -> Tensor {
        if kernel == "MatMul" { return try matmul(x, y, name: name, at: span) }
        // `==` and `!=` of shapes that do not broadcast are simply False / True (TF's
        // incompatible_shape_error=False).
        if kernel == "Equal" || kernel == "NotEqual", (try? Tensor.broadcastShape(x.shape, y.shape)) == nil {
            return Tensor.scalar(kernel == "Equal" ? 0 : 1, dtype: .bool)
        }
        let shape = try TF.broadcastShape(kernel, x, y, name: name, at: span)
        let comparisons: [String: ComparisonOp] = ["Equal": .equal, "NotEqual": .notEqual, "Less": .less, "LessEqual": .lessEqual,
                                                   "Greater": .greater, "GreaterEqual": .greaterEqual]
        if let c = comparisons[kernel] { return try ArrayValues.run(span) { try Tensor.compare(c, .tensor(x), .tensor(y)) } }
        let logical: [String: ArithmeticOp] = ["LogicalAnd": .bitAnd, "LogicalOr": .bitOr, "LogicalXor": .bitXor,
                                               "BitwiseAnd": .bitAnd, "BitwiseOr": .bitOr, "BitwiseXor": .bitXor]
        if let op = logical[kernel] {
            if x.dtype.isFloat { throw noKernel(kernel, x.dtype, at: span) }
            return try ArrayValues.run(span) { try Tensor.arithmetic(op, .tensor(x), .tensor(y)) }
        }
        if x.dtype == .bool { throw noKernel(kernel, x.dtype, at: span) }
        if !x.dtype.isFloat && (kernel == "FloorDiv" || kernel == "FloorMod") && (0..<y.count).contains(where: { y.integer(at: $0) == 0 }) {
            throw TF.kernelError(kernel, "Integer division by zero", name: name, at: span)
        }
        if !x.dtype.isFloat && kernel == "Pow" && (0..<y.count).contains(where: { y.integer(at: $0) < 0 }) {
            throw TF.kernelError(kernel, "Integers to negative integer powers are not allowed", name: name, at: span)
        }
        return try ArrayValues.run(span) {
            switch kernel {
            case "Maximum", "Minimum":
                // Each side broadcast to the result, then the larger (smaller) of each pair.
                let zeros = try Tensor(zeros: shape, dtype: x.dtype)
                let a = try Tensor.arithmetic(.add, .tensor(x), .tensor(zeros)), b = try Tensor.arithmetic(.add, .tensor(y), .tensor(zeros))
                let pick = try Tensor.compare(kernel == "Maximum" ? .greaterEqual : .lessEqual, .tensor(a), .tensor(b))
                let out = b.copy()
                try out.assignSelected(pick, try a.selecting(pick))
                return out
            case "FloorDiv" where x.dtype.isFloat:
                return try Tensor.arithmetic(.divide, .tensor(x), .tensor(y)).mapped(.floor)
            default:
                let ops: [String: ArithmeticOp] = ["AddV2": .add, "Sub": .subtract, "Mul": .multiply, "RealDiv": .divide,
                                                   "FloorDiv": .floorDivide, "FloorMod": .remainder, "Pow": .power]
                guard let op = ops[kernel] else { throw ArrayError("ValueError", "no kernel \(kernel)") }
                return try Tensor.arithmetic(op, .tensor(x), .tensor(y))
            }
        }
    }

    /// `tf.matmul` / `@`: matrices, or stacks of them whose leading axes broadcast.
    static func matmul(_ x: Tensor, _ y: Tensor, name: String = "", at span: Span) throws -> Tensor {
        let kernel = x.shape.rank > 2 || y.shape.rank > 2 ? "BatchMatMulV2" : "MatMul"
        for (i, t) in [x, y].enumerated() where t.shape.rank < 2 {
            throw TF.kernelError(kernel, "In[\(i)] \(kernel == "MatMul" ? "is not a matrix. Instead it has shape \(TF.dims(t.shape))" : "ndims must be >= 2: \(t.shape.rank)")",
                                 name: name, at: span)
        }
        if x.dtype == .bool || x.dtype == .uint8 { throw noKernel(kernel, x.dtype, at: span) }
        guard x.shape[-1] == y.shape[-2] else {
            throw TF.kernelError(kernel, "Matrix size-incompatible: In[0]: \(TF.dims(x.shape)), In[1]: \(TF.dims(y.shape))", name: name, at: span)
        }
        return try ArrayValues.run(span) { try x.matmul(y) }
    }

    /// `-t`, `abs(t)`, `~t`.
    static func unary(_ op: UnaryOp, _ t: Tensor, at span: Span) throws -> Tensor? {
        switch op {
        case .negate:
            if t.dtype == .bool { throw noKernel("Neg", t.dtype, at: span) }
            return try ArrayValues.run(span) { try t.negated() }
        case .absolute:
            if t.dtype == .bool { throw noKernel("Abs", t.dtype, at: span) }
            return try ArrayValues.run(span) { try t.mapped(.abs) }
        case .invert:
            if t.dtype.isFloat { throw noKernel("Invert", t.dtype, at: span) }
            return try ArrayValues.run(span) { try t.inverted() }
        default:
            return nil
        }
    }

    /// TF's error for an input whose dtype an op does not take (`tf.exp` of int32).
    static func attrError(_ op: String, _ d: DType, allowed: [String], signature: String = "x:T -> y:T", name: String = "", at span: Span) -> Diagnostic {
        let message = "Value for attr 'T' of \(TF.kernelName(d)) is not in the list of allowed values: \(allowed.joined(separator: ", "))\n\t; NodeDef: {{node \(op)}}; Op<name=\(op); signature=\(signature); attr=T:type,allowed=[\(allowed.map { "DT_" + ($0 == "float" ? "FLOAT" : $0.uppercased()) }.joined(separator: ", "))]>"
        return Diagnostic(TF.invalidArgumentError, message + TF.opSuffix(op, name), at: span)
    }

    static let floatTypes = ["bfloat16", "half", "float", "double", "complex64", "complex128"]
}
