import Glibc

/// numpy's one-argument ufuncs. Types as numpy 2's: abs, square, sign, floor, ceil, trunc and
/// rint keep an integer array's type; exp, log and the other transcendental functions give float64
/// for int32/int64 and float32 for uint8/bool (numpy: float16); isnan, isinf and isfinite give bool.
public enum UnaryFunction: String, Sendable, CaseIterable {
    case abs = "absolute", square, sign, floor, ceil, trunc, rint
    case exp, expm1, log, log2, log10, log1p, sqrt, sin, cos, tan, arcsin, arccos, arctan, sinh, cosh, tanh
    case isnan, isinf, isfinite

    var keepsIntegers: Bool { [.abs, .square, .sign, .floor, .ceil, .trunc, .rint].contains(self) }
    var isPredicate: Bool { self == .isnan || self == .isinf || self == .isfinite }
}

extension Tensor {
    /// `f` applied to every element, in a new tensor.
    public func mapped(_ f: UnaryFunction) throws -> Tensor {
        if f.isPredicate {
            let out = Tensor(uncheckedShape: shape, dtype: .bool)
            let d = out.pointer(UInt8.self), v = dtype.isFloat ? doubleArray : []
            for i in 0..<count {
                let x = dtype.isFloat ? v[i] : 0
                let r = f == .isnan ? x.isNaN : f == .isinf ? x.isInfinite : x.isFinite
                d[i] = r ? 1 : 0
            }
            return out
        }
        if dtype == .bool && f == .sign {
            throw ArrayError("TypeError", "ufunc 'sign' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None")
        }
        if dtype.isInteger && f.keepsIntegers {
            if [.floor, .ceil, .trunc, .rint].contains(f) { return copy() }
            let type: DType = dtype == .bool ? (f == .abs ? .bool : .int64) : dtype
            let out = Tensor(uncheckedShape: shape, dtype: type)
            struct Job: TensorVisitor {
                let f: UnaryFunction, out: Tensor, n: Int
                func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) {
                    for i in 0..<n {
                        let x = p[i].asInt64
                        let r: Int64 = f == .abs ? (x < 0 ? 0 &- x : x) : f == .square ? x &* x : (x > 0 ? 1 : x < 0 ? -1 : 0)
                        out.visit(StoreInteger(i: i, v: r))
                    }
                }
            }
            visit(Job(f: f, out: out, n: count))
            return out
        }
        let type: DType = dtype.isFloat ? dtype : (dtype == .uint8 || dtype == .bool) ? .float32 : .float64
        let source = dtype == type ? self : converted(to: type)
        let out = Tensor(uncheckedShape: shape, dtype: type)
        if type == .float32 {
            let s = source.floats, d = out.floats
            for i in 0..<count { d[i] = Float(Tensor.apply(f, Double(s[i]), single: true)) }
        } else {
            let s = source.doubles, d = out.doubles
            for i in 0..<count { d[i] = Tensor.apply(f, s[i], single: false) }
        }
        return out
    }

    /// `f(x)`; float32 values go through the float32 functions, as numpy's loops do.
    static func apply(_ f: UnaryFunction, _ x: Double, single: Bool) -> Double {
        if single {
            let v = Float(x)
            switch f {
            case .exp: return Double(expf(v))
            case .log: return Double(logf(v))
            case .sqrt: return Double(v.squareRoot())
            case .tanh: return Double(tanhf(v))
            case .sin: return Double(sinf(v))
            case .cos: return Double(cosf(v))
            case .log2: return Double(log2f(v))
            case .log10: return Double(log10f(v))
            case .expm1: return Double(expm1f(v))
            case .log1p: return Double(log1pf(v))
            default: break
            }
        }
        switch f {
        case .abs: return Swift.abs(x)
        case .square: return x * x
        case .sign: return x.isNaN ? x : x > 0 ? 1 : x < 0 ? -1 : 0
        case .floor: return x.rounded(.down)
        case .ceil: return x.rounded(.up)
        case .trunc: return x.rounded(.towardZero)
        case .rint: return x.rounded(.toNearestOrEven)
        case .exp: return Glibc.exp(x)
        case .expm1: return Glibc.expm1(x)
        case .log: return Glibc.log(x)
        case .log2: return Glibc.log2(x)
        case .log10: return Glibc.log10(x)
        case .log1p: return Glibc.log1p(x)
        case .sqrt: return x.squareRoot()
        case .sin: return Glibc.sin(x)
        case .cos: return Glibc.cos(x)
        case .tan: return Glibc.tan(x)
        case .arcsin: return Glibc.asin(x)
        case .arccos: return Glibc.acos(x)
        case .arctan: return Glibc.atan(x)
        case .sinh: return Glibc.sinh(x)
        case .cosh: return Glibc.cosh(x)
        case .tanh: return Glibc.tanh(x)
        case .isnan, .isinf, .isfinite: return x
        }
    }

    /// numpy's `round(x, decimals)`: half to even; with decimals, x * 10^d rounded then divided
    /// (in the array's own float type). Integers round only for negative decimals.
    public func roundedTo(decimals: Int) throws -> Tensor {
        if dtype.isInteger {
            if decimals >= 0 { return copy() }
            let p = Double(Int64(pow(10.0, Double(-decimals))))
            let scaled = try Tensor.arithmetic(.divide, .tensor(self), .float(p)).mapped(.rint)
            return try Tensor.arithmetic(.multiply, .tensor(scaled), .float(p)).converted(to: dtype)
        }
        let out = Tensor(uncheckedShape: shape, dtype: dtype)
        let factor = pow(10.0, Double(Swift.abs(decimals)))
        if dtype == .float32 {
            let s = floats, d = out.floats, f = Float(factor)
            for i in 0..<count {
                d[i] = decimals >= 0 ? (s[i] * f).rounded(.toNearestOrEven) / f : (s[i] / f).rounded(.toNearestOrEven) * f
            }
        } else {
            let s = doubles, d = out.doubles
            for i in 0..<count {
                d[i] = decimals >= 0 ? (s[i] * factor).rounded(.toNearestOrEven) / factor : (s[i] / factor).rounded(.toNearestOrEven) * factor
            }
        }
        return out
    }
}

/// Writes an Int64 result into a tensor of any integer type.
private struct StoreInteger: TensorVisitor {
    let i: Int, v: Int64
    func visit<T: TensorScalar>(_ p: UnsafeMutablePointer<T>) { p[i] = T.from(v) }
}
