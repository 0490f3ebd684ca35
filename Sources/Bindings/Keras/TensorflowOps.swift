import Glibc
import FoveaLang
import Tensor

/// `tf.add`, `tf.exp`, `tf.nn.relu`, ...: TF's element-wise functions (on `tf`, `tf.math` and
/// `tf.nn` as TF exports them) over TFMath's kernels.
enum TFOps {
    /// `tf.add(x, y)` and the other two-input functions: the inputs are matched to one dtype.
    static func binary(_ name: String, _ kernel: String, _ doc: String) -> NativeFunction {
        TFFunctions.fn(name, doc, [.required("x"), .required("y"), TFFunctions.nameParameter]) { a, _ in
            TFFunctions.readName(a)
            let span = a.callSpan
            if kernel == "RealDiv" {
                // tf.divide is `x / y`: x becomes a tensor (of y's dtype when y is one), y follows x.
                let x = TF.isTFTensor(a["x"]!) || !TF.isTFTensor(a["y"]!) ? try TFFunctions.tensor(a, "x")
                    : try TF.constant(a["x"]!, dtype: TF.tensorValue(a["y"]!)!.dtype, at: a.span(of: "x"))
                return TF.wrap(try TFMath.trueDivide(x, try TF.convert(a["y"]!, hint: x.dtype, at: a.span(of: "y")), at: span))
            }
            let kernelName = kernel == "Logical" ? (name == "logical_and" ? "LogicalAnd" : "LogicalOr") : kernel
            let ts = try TF.matching([a["x"]!, a["y"]!], op: kernelName, at: [a.span(of: "x"), a.span(of: "y")])
            if kernel == "Logical" && ts[0].dtype != .bool {
                throw TFMath.attrError(kernelName, ts[0].dtype, allowed: ["bool"], signature: "x:bool, y:bool -> z:bool", at: span)
            }
            return TF.wrap(try TFMath.compute(kernelName, ts[0], ts[1], at: span))
        }
    }

    static var binaries: [NativeFunction] {
        [binary("add", "AddV2", "x + y, element by element (broadcasting)."),
         binary("subtract", "Sub", "x - y, element by element."),
         binary("multiply", "Mul", "x * y, element by element."),
         binary("divide", "RealDiv", "x / y: integers divide as floats."),
         binary("maximum", "Maximum", "The larger of x and y, element by element."),
         binary("minimum", "Minimum", "The smaller of x and y, element by element."),
         binary("pow", "Pow", "x ** y, element by element."),
         binary("equal", "Equal", "x == y, element by element (a bool tensor)."),
         binary("not_equal", "NotEqual", "x != y, element by element."),
         binary("less", "Less", "x < y, element by element."),
         binary("less_equal", "LessEqual", "x <= y, element by element."),
         binary("greater", "Greater", "x > y, element by element."),
         binary("greater_equal", "GreaterEqual", "x >= y, element by element."),
         binary("logical_and", "Logical", "x and y for bool tensors."),
         binary("logical_or", "Logical", "x or y for bool tensors.")]
    }

    /// The floating types each one-input function takes (TF's allowed lists).
    static let floatFunctions: [String: (kernel: String, f: UnaryFunction?)] = [
        "exp": ("Exp", .exp), "log": ("Log", .log), "sqrt": ("Sqrt", .sqrt), "sin": ("Sin", .sin), "cos": ("Cos", .cos),
        "tanh": ("Tanh", .tanh), "sigmoid": ("Sigmoid", nil), "floor": ("Floor", .floor), "ceil": ("Ceil", .ceil),
    ]

    static func unary(_ name: String, _ doc: String) -> NativeFunction {
        TFFunctions.fn(name, doc, [.required("x"), TFFunctions.nameParameter]) { a, _ in
            TFFunctions.readName(a)
            let t = try TFFunctions.tensor(a, "x"), span = a.span(of: "x")
            if let (kernel, f) = floatFunctions[name] {
                guard t.dtype.isFloat else {
                    throw TFMath.attrError(kernel, t.dtype, allowed: name == "floor" || name == "ceil" ? ["bfloat16", "half", "float", "double"] : TFMath.floatTypes, at: span)
                }
                if let f { return TF.wrap(try ArrayValues.run(span) { try t.mapped(f) }) }
                return TF.wrap(try activation(.sigmoid, t, at: span))
            }
            switch name {
            case "logical_not":
                guard t.dtype == .bool else { throw TFMath.attrError("LogicalNot", t.dtype, allowed: ["bool"], signature: "x:bool -> y:bool", at: span) }
                return TF.wrap(try ArrayValues.run(span) { try t.inverted() })
            case "negative": return TF.wrap(try TFMath.unary(.negate, t, at: span)!)
            case "abs": return TF.wrap(try TFMath.unary(.absolute, t, at: span)!)
            default:
                if t.dtype == .bool { throw TFMath.noKernel(name.prefix(1).uppercased() + name.dropFirst(), t.dtype, at: span) }
                let f: UnaryFunction = name == "square" ? .square : name == "sign" ? .sign : .rint
                return TF.wrap(try ArrayValues.run(span) { try t.mapped(f) })
            }
        }
    }

    static var unaries: [NativeFunction] {
        [unary("abs", "|x|, element by element."), unary("negative", "-x, element by element."),
         unary("exp", "e to the power x (float tensors)."), unary("log", "The natural logarithm (float tensors)."),
         unary("sqrt", "The square root (float tensors)."), unary("square", "x * x, element by element."),
         unary("sign", "-1, 0 or 1 by the sign of x."), unary("round", "x rounded to the nearest whole number, halves to even."),
         unary("floor", "The largest whole number <= x (float tensors)."), unary("ceil", "The smallest whole number >= x (float tensors)."),
         unary("sin", "The sine (float tensors)."), unary("cos", "The cosine (float tensors)."),
         unary("tanh", "The hyperbolic tangent (float tensors)."), unary("sigmoid", "1 / (1 + exp(-x)) (float tensors)."),
         unary("logical_not", "not x for a bool tensor.")]
    }

    // MARK: tf.nn

    /// An activation on a float tensor: Keras's float32 kernels (so `tf.nn.relu(x)` agrees with a
    /// Dense layer's), float64 computed in doubles.
    static func activation(_ a: Activation, _ t: Tensor, axis: Int = -1, log: Bool = false, at span: Span) throws -> Tensor {
        if t.dtype == .float32 && axis == -1 && !log { return try ArrayValues.run(span) { try Kernels.activation(a, t) } }
        if a == .softmax {
            let rank = t.shape.rank
            let ax = axis < 0 ? axis + rank : axis
            let (n, inner) = (t.shape.dims[ax], t.shape.dims[(ax + 1)...].reduce(1, *))
            var v = t.doubleArray
            for o in 0..<(t.count / max(n * inner, 1)) {
                for j in 0..<inner {
                    let idx = (0..<n).map { (o * n + $0) * inner + j }
                    let m = idx.map { v[$0] }.max() ?? 0
                    let e = idx.map { Glibc.exp(v[$0] - m) }
                    let s = e.reduce(0, +)
                    // log_softmax: x - max - log(sum(exp(x - max))), without taking log of a rounded 0.
                    for (k, i) in idx.enumerated() { v[i] = log ? v[i] - m - Glibc.log(s) : e[k] / s }
                }
            }
            return try Tensor(shape: t.shape, doubles: v).converted(to: t.dtype)
        }
        let v = t.doubleArray.map { x -> Double in
            switch a {
            case .relu: return Swift.max(x, 0)
            case .relu6: return Swift.min(Swift.max(x, 0), 6)
            case .sigmoid: return 1 / (1 + Glibc.exp(-x))
            case .elu: return x > 0 ? x : Glibc.expm1(x)
            case .leakyRelu: return x > 0 ? x : 0.2 * x
            default: return x
            }
        }
        return try Tensor(shape: t.shape, doubles: v).converted(to: t.dtype)
    }

    static func nnFunction(_ name: String, _ a: Activation, _ doc: String) -> NativeFunction {
        let softmax = a == .softmax || name == "log_softmax"
        let first = softmax ? "logits" : "features"
        var parameters: [NativeParameter] = [.required(first)]
        if softmax { parameters.append(.optional("axis", default: Value.none)) }
        if a == .leakyRelu { parameters.append(.optional("alpha", default: .float(0.2))) }
        parameters.append(TFFunctions.nameParameter)
        return TFFunctions.fn(name, doc, parameters) { args, _ in
            TFFunctions.readName(args)
            let t = try TFFunctions.tensor(args, first), span = args.span(of: first)
            let kernel = ["relu": "Relu", "relu6": "Relu6", "elu": "Elu", "leaky_relu": "LeakyRelu", "sigmoid": "Sigmoid",
                          "softmax": "Softmax", "log_softmax": "LogSoftmax"][name] ?? name
            if a == .relu || a == .relu6, t.dtype.isInteger && t.dtype != .bool {
                // TF's integer kernels: max(x, 0) (and min(., 6)).
                let out = try TFMath.compute("Maximum", t, Tensor.scalar(0, dtype: t.dtype), at: span)
                return TF.wrap(a == .relu ? out : try TFMath.compute("Minimum", out, Tensor.scalar(6, dtype: t.dtype), at: span))
            }
            guard t.dtype.isFloat else {
                throw TFMath.attrError(kernel, t.dtype, allowed: ["half", "bfloat16", "float", "double"],
                                       signature: softmax ? "logits:T -> \(name):T" : "features:T -> activations:T", at: span)
            }
            if a == .leakyRelu, let alpha = try args["alpha"].map({ _ in try args.double("alpha") }), alpha != 0.2 {
                let v = t.doubleArray.map { $0 > 0 ? $0 : alpha * $0 }
                return TF.wrap(try Tensor(shape: t.shape, doubles: v).converted(to: t.dtype))
            }
            var axis = -1
            if softmax, let given = try TF.axes(args, many: false)?.first {
                guard given >= -t.shape.rank && given < t.shape.rank else {
                    throw Diagnostic(TF.invalidArgumentError, "`axis` = \(given) is out of range for a tensor of rank \(t.shape.rank)", at: args.span(of: "axis"))
                }
                axis = given < 0 ? given + t.shape.rank : (given == t.shape.rank - 1 ? -1 : given)
            }
            if t.shape.rank == 0 && softmax { throw TF.kernelError(kernel, "logits must have >= 1 dimension, got []", at: span) }
            return TF.wrap(try activation(a, t, axis: axis, log: name == "log_softmax", at: span))
        }
    }

    static var nn: [NativeFunction] {
        [nnFunction("relu", .relu, "max(x, 0), element by element."), nnFunction("relu6", .relu6, "min(max(x, 0), 6)."),
         nnFunction("elu", .elu, "x for x > 0, exp(x) - 1 otherwise."), nnFunction("leaky_relu", .leakyRelu, "x for x > 0, alpha * x otherwise."),
         nnFunction("sigmoid", .sigmoid, "1 / (1 + exp(-x))."),
         nnFunction("softmax", .softmax, "exp(x) / sum(exp(x)) along axis (the last by default): each row becomes probabilities that sum to 1."),
         nnFunction("log_softmax", .softmax, "log(softmax(x)) along axis (the last by default).")]
    }
}
