import Glibc

/// Built-ins on numbers and characters: abs, round, divmod, pow, chr, ord, bin, hex, oct.
extension Builtins {
    static func round(_ d: Double, _ ndigits: Int) -> Double {
        guard d.isFinite else { return d }
        if ndigits > 300 { return d }
        if ndigits >= 0 {
            // glibc's printf rounds the exact binary value correctly, as CPython's round does.
            let text = Format.c("%.*f", ndigits, d)
            return strtod(text, nil)
        }
        let p = Glibc.pow(10.0, Double(-ndigits))
        if !p.isFinite { return 0 * d }
        return (d / p).rounded(.toNearestOrEven) * p
    }

    static var numbers: [NativeFunction] { [
        NativeFunction("abs", doc: "Return the absolute value of a number: abs(-3) is 3.", parameters: [.required("x", positionalOnly: true)]) { a, ctx in
            let x = a["x"]!
            switch x {
            case .object(let o):
                if let r = try o.unaryOperation(.absolute, context: ctx) { return r }
                throw Diagnostic(.typeError, "bad operand type for abs(): '\(x.typeName)'", at: a.span(of: "x"))
            case .int, .bool:
                let i = x.asInt!
                if i == Int.min { throw Diagnostic(.overflowError, "abs(\(i)) does not fit in Fovea's 64-bit int", at: a.span(of: "x")) }
                return .int(Swift.abs(i))
            case .float(let d): return .float(Swift.abs(d))
            default: throw Diagnostic(.typeError, "bad operand type for abs(): '\(x.typeName)'", at: a.span(of: "x"))
            }
        },
        NativeFunction("round", doc: "Round a number to ndigits digits after the decimal point; without ndigits, to the nearest int. Halves go to the even neighbour: round(2.5) is 2, round(3.5) is 4.",
                       parameters: [.required("number"), .optional("ndigits", default: Value.none)]) { a, ctx in
            var x = a["number"]!
            if case .object(let o) = x, o.length() == nil, let v = o.scalarValue() {
                // Objects with their own __round__ (numpy scalars) answer; others round as their number.
                if let method = try? ctx.getAttribute(x, "__round__") {
                    return try ctx.call(method, a["ndigits"]!.isNone ? [] : [a["ndigits"]!])
                }
                x = v
            }
            let nd = try a.optionalInt("ndigits")
            switch x {
            case .int, .bool:
                let i = x.asInt!
                guard let n = nd, n < 0 else { return .int(i) }
                if n < -18 { return .int(0) }
                var p = 1
                for _ in 0..<(-n) { p *= 10 }
                var q = i / p, r = i % p
                if r < 0 { q -= 1; r += p }
                if 2 * r > p || (2 * r == p && q & 1 == 1) { q += 1 }
                let (v, o) = q.multipliedReportingOverflow(by: p)
                if o { throw Diagnostic(.overflowError, "round() result does not fit in Fovea's 64-bit int", at: a.span(of: "number")) }
                return .int(v)
            case .float(let d):
                if let n = nd { return .float(round(d, n)) }
                return try Builtins.toInt(d.rounded(.toNearestOrEven), a.span(of: "number"))
            default:
                throw Diagnostic(.typeError, "type \(x.typeName) doesn't define __round__ method", at: a.span(of: "number"))
            }
        },
        NativeFunction("divmod", doc: "Return the pair (a // b, a % b): the floor quotient and the remainder.",
                       parameters: [.required("a", positionalOnly: true), .required("b", positionalOnly: true)]) { a, ctx in
            let x = a["a"]!, y = a["b"]!
            if x.asInt != nil && y.asInt != nil && y.asInt! == 0 {
                throw Diagnostic(.zeroDivisionError, "integer division or modulo by zero", at: a.span(of: "b"))
            }
            return .tuple([try ctx.interpreter.binary(.floorDivide, x, y, span: ctx.span),
                           try ctx.interpreter.binary(.modulo, x, y, span: ctx.span)])
        },
        NativeFunction("pow", doc: "pow(base, exp, mod=None): base ** exp, or (base ** exp) % mod computed efficiently for ints.",
                       parameters: [.required("base"), .required("exp"), .optional("mod", default: Value.none)]) { a, ctx in
            if let m = a["mod"], !m.isNone {
                let b = try a.int("base"), e = try a.int("exp"), md = try a.int("mod")
                guard md != 0 else { throw Diagnostic(.valueError, "pow() 3rd argument cannot be 0", at: a.span(of: "mod")) }
                guard e >= 0 else { throw Diagnostic(.valueError, "pow() negative exponent with a modulus is not supported in Fovea", at: a.span(of: "exp")) }
                let m = md.magnitude
                func mulmod(_ x: UInt, _ y: UInt) -> UInt {
                    let p = x.multipliedFullWidth(by: y)
                    return m.dividingFullWidth((p.high, p.low)).remainder
                }
                var result: UInt = 1 % m
                var base = UInt(((b % Int(m)) + Int(m)) % Int(m))
                var ex = e
                while ex > 0 {
                    if ex & 1 == 1 { result = mulmod(result, base) }
                    base = mulmod(base, base)
                    ex >>= 1
                }
                let r = Int(result)
                return .int(md < 0 && r > 0 ? r + md : r)
            }
            return try ctx.interpreter.binary(.power, a["base"]!, a["exp"]!, span: ctx.span)
        },
        NativeFunction("chr", doc: "Return the one-character string for a Unicode code point: chr(65) is 'A'.", parameters: [.required("i", positionalOnly: true)]) { a, _ in
            let i = try a.int("i")
            guard i >= 0, i < 0x110000, let u = Unicode.Scalar(UInt32(i)) else {
                throw Diagnostic(.valueError, "chr() arg not in range(0x110000)", at: a.span(of: "i"))
            }
            return .str(String(u))
        },
        NativeFunction("ord", doc: "Return the Unicode code point of a one-character string: ord('A') is 65.", parameters: [.required("c", positionalOnly: true)]) { a, _ in
            let s = try a.string("c")
            let u = Array(s.unicodeScalars)
            guard u.count == 1 else {
                throw Diagnostic(.typeError, "ord() expected a character, but string of length \(u.count) found", at: a.span(of: "c"))
            }
            return .int(Int(u[0].value))
        },
        NativeFunction("bin", doc: "Return the binary text of an int: bin(5) is '0b101'.", parameters: [.required("number", positionalOnly: true)]) { a, _ in
            .str(try Format.format(.int(try a.int("number")), "#b"))
        },
        NativeFunction("hex", doc: "Return the hexadecimal text of an int: hex(255) is '0xff'.", parameters: [.required("number", positionalOnly: true)]) { a, _ in
            .str(try Format.format(.int(try a.int("number")), "#x"))
        },
        NativeFunction("oct", doc: "Return the octal text of an int: oct(8) is '0o10'.", parameters: [.required("number", positionalOnly: true)]) { a, _ in
            .str(try Format.format(.int(try a.int("number")), "#o"))
        },
    ] }
}

extension Builtins {
    /// A float as an int, truncated already by the caller; ValueError for NaN, OverflowError past
    /// 64 bits.
    public static func toInt(_ d: Double, _ span: Span) throws -> Value {
        if d.isNaN { throw Diagnostic(.valueError, "cannot convert float NaN to integer", at: span) }
        guard d.isFinite else { throw Diagnostic(.overflowError, "cannot convert float infinity to integer", at: span) }
        guard d >= -9.223372036854775e18 && d < 9.223372036854775e18 else {
            throw Diagnostic(.overflowError, "\(Repr.float(d)) does not fit in Fovea's 64-bit int", at: span)
        }
        return .int(Int(d))
    }
}
