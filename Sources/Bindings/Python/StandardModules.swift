import FoveaLang
import Glibc

/// Python's standard modules as Fovea has them (`sys`, `math`, `time`, `random`, `os`, `os.path`,
/// `shutil`, `json`, `pathlib`, ...), registered into
/// a session by `install(into:)`.
public enum StandardModules {
    /// Makes `import sys`, `import math`, `import time` and `import random` work in `session`.
    public static func install(into session: Session) {
        session.modules.register("sys") { _ in sys() }
        session.modules.register("math") { _ in math() }
        session.modules.register("time") { _ in time() }
        session.modules.register("random") { _ in random() }
        session.modules.register("os") { store in store.shared("module:os") { OSModule.os() } }
        session.modules.register("os.path") { store in
            guard case .module(let p)? = store.shared("module:os", { OSModule.os() })["path"] else { return OSModule.osPath() }
            return p
        }
        session.modules.register("shutil") { _ in OSModule.shutil() }
        session.modules.register("json") { _ in JSONModule.module() }
        session.modules.register("itertools") { _ in ToolModules.itertools() }
        session.modules.register("functools") { _ in ToolModules.functools() }
        session.modules.register("string") { _ in ToolModules.string() }
        session.modules.register("warnings") { _ in ToolModules.warnings() }
        session.modules.register("csv") { _ in CSVModule.module() }
        session.modules.register("pathlib") { _ in PathlibModule.module() }
        session.modules.register("collections") { _ in CollectionsModule.module() }
        session.modules.register("typing") { _ in TypingModule.module() }
        session.modules.register("glob") { _ in GlobModule.module() }
        session.modules.register("logging") { store in LoggingModule.shared(store) }
        session.modules.register("tempfile") { _ in TempfileModule.module() }
        session.modules.register("__future__") { _ in future() }
        session.modules.register("dataclasses") { _ in Dataclasses.module() }
        session.modules.register("datetime") { _ in DatetimeModule.module() }
        session.modules.register("IPython") { store in store.shared("module:IPython") { IPythonModule.ipython() } }
        session.modules.register("IPython.display") { store in
            guard case .module(let d)? = store.shared("module:IPython", { IPythonModule.ipython() })["display"] else { return IPythonModule.display() }
            return d
        }
    }

    @Sendable static func sys() -> ModuleValue {
        let m = ModuleValue("sys", doc: "System-specific values: the output streams stdout and stderr, and the version of the language.")
        m.add("stdout", .object(StreamObject(.stdout)))
        m.add("stderr", .object(StreamObject(.stderr)))
        m.add("version", .str("3.11 (FoveaLang: a Python subset interpreted by the Fovea kernel)"))
        m.add("version_info", .tuple([.int(3), .int(11), .int(0)]))
        m.add("platform", .str("fovea"))
        m.add("maxsize", .int(Int.max))
        m.add("argv", .list([]))
        m.add(NativeFunction("exit", doc: "Stop the cell with SystemExit; the kernel and its variables stay (as in IPython).",
                             parameters: [.optional("status", default: Value.none)]) { a, ctx in
            let status = a["status"]!
            var d = Diagnostic(.systemExit, status.isNone ? "" : Repr.str(status), at: ctx.span)
            d.args = status.isNone ? [] : [status]
            throw d
        })
        return m
    }

    /// `from __future__ import annotations` (or division, print_function, ...): what those
    /// features turn on is how Fovea always behaves, so importing them changes nothing.
    static func future() -> ModuleValue {
        let m = ModuleValue("__future__", doc: "Python's future features; Fovea already behaves as they ask.")
        for name in ["annotations", "division", "print_function", "absolute_import", "unicode_literals", "generators",
                     "with_statement", "nested_scopes", "generator_stop"] {
            m.add(name, .bool(true))
        }
        return m
    }

    static func f1(_ name: String, _ doc: String, domain: ((Double) -> Bool)? = nil, _ f: @escaping (Double) -> Double) -> NativeFunction {
        NativeFunction(name, doc: doc, parameters: [.required("x", positionalOnly: true)]) { a, _ in
            let x = try a.double("x")
            if let domain, !domain(x), !x.isNaN { throw Diagnostic(.valueError, "math domain error", at: a.span(of: "x")) }
            let r = f(x)
            if r.isInfinite && x.isFinite { throw Diagnostic(.overflowError, "math range error", at: a.span(of: "x")) }
            return .float(r)
        }
    }


    @Sendable static func math() -> ModuleValue {
        let m = ModuleValue("math", doc: "Mathematical functions and constants for floats: sqrt, exp, log, the trigonometric functions, floor and ceil, pi, e and inf.")
        m.add("pi", .float(Double.pi))
        m.add("e", .float(M_E))
        m.add("tau", .float(2 * Double.pi))
        m.add("inf", .float(.infinity))
        m.add("nan", .float(.nan))
        m.add(f1("sqrt", "Return the square root of x. x must not be negative.", domain: { $0 >= 0 }) { $0.squareRoot() })
        m.add(f1("exp", "Return e raised to the power x: the inverse of log.") { Glibc.exp($0) })
        m.add(NativeFunction("log", doc: "Return the natural logarithm of x (base e), or the logarithm to the given base. x must be positive.",
                             parameters: [.required("x", positionalOnly: true), .optional("base", positionalOnly: true)]) { a, _ in
            let x = try a.double("x")
            guard x > 0 || x.isNaN else { throw Diagnostic(.valueError, "math domain error", at: a.span(of: "x")) }
            if a["base"] != nil {
                let b = try a.double("base")
                guard b > 0 && b != 1 else {
                    throw Diagnostic(b == 1 ? .zeroDivisionError : .valueError, b == 1 ? "float division by zero" : "math domain error", at: a.span(of: "base"))
                }
                return .float(Glibc.log(x) / Glibc.log(b))
            }
            return .float(Glibc.log(x))
        })
        m.add(f1("log2", "Return the base-2 logarithm of x.", domain: { $0 > 0 }) { Glibc.log2($0) })
        m.add(f1("log10", "Return the base-10 logarithm of x.", domain: { $0 > 0 }) { Glibc.log10($0) })
        m.add(f1("log1p", "Return log(1 + x), accurate even when x is tiny.", domain: { $0 > -1 }) { Glibc.log1p($0) })
        m.add(f1("sin", "Return the sine of x, an angle in radians.", domain: { $0.isFinite }) { Glibc.sin($0) })
        m.add(f1("cos", "Return the cosine of x, an angle in radians.", domain: { $0.isFinite }) { Glibc.cos($0) })
        m.add(f1("tan", "Return the tangent of x, an angle in radians.", domain: { $0.isFinite }) { Glibc.tan($0) })
        m.add(f1("asin", "Return the arc sine of x, in radians.", domain: { abs($0) <= 1 }) { Glibc.asin($0) })
        m.add(f1("acos", "Return the arc cosine of x, in radians.", domain: { abs($0) <= 1 }) { Glibc.acos($0) })
        m.add(f1("atan", "Return the arc tangent of x, in radians.") { Glibc.atan($0) })
        m.add(f1("tanh", "Return the hyperbolic tangent of x, a squashing function from -1 to 1.") { Glibc.tanh($0) })
        m.add(f1("sinh", "Return the hyperbolic sine of x.") { Glibc.sinh($0) })
        m.add(f1("cosh", "Return the hyperbolic cosine of x.") { Glibc.cosh($0) })
        m.add(f1("fabs", "Return the absolute value of x as a float.") { Swift.abs($0) })
        m.add(f1("degrees", "Convert an angle from radians to degrees.") { $0 * 180 / Double.pi })
        m.add(f1("radians", "Convert an angle from degrees to radians.") { $0 * Double.pi / 180 })
        m.add(NativeFunction("atan2", doc: "Return the arc tangent of y/x in radians, using the signs of both to pick the quadrant.",
                             parameters: [.required("y", positionalOnly: true), .required("x", positionalOnly: true)]) { a, _ in
            .float(Glibc.atan2(try a.double("y"), try a.double("x")))
        })
        m.add(NativeFunction("hypot", doc: "Return the Euclidean length sqrt(x*x + y*y + ...) of the coordinates.", parameters: [.varPositional("coordinates")]) { a, _ in
            var s = 0.0
            for c in a.varPositional {
                guard let d = c.value.asDouble else { throw Diagnostic(.typeError, "must be real number, not \(c.value.typeName)", at: c.span) }
                s += d * d
            }
            return .float(s.squareRoot())
        })
        m.add(NativeFunction("pow", doc: "Return x raised to the power y, as a float.", parameters: [.required("x", positionalOnly: true), .required("y", positionalOnly: true)]) { a, ctx in
            let r: Value? = try ctx.binary(.power, .float(try a.double("x")), .float(try a.double("y")))
            return r ?? .none
        })
        for (name, doc, f) in [("floor", "Return the largest integer less than or equal to x, as an int.", { (d: Double) in d.rounded(.down) }),
                               ("ceil", "Return the smallest integer greater than or equal to x, as an int.", { (d: Double) in d.rounded(.up) }),
                               ("trunc", "Return x with its fractional part removed (rounded toward zero), as an int.", { (d: Double) in d.rounded(.towardZero) })] {
            m.add(NativeFunction(name, doc: doc, parameters: [.required("x", positionalOnly: true)]) { a, _ in
                if let i = a["x"]?.asInt { return .int(i) }
                return try Builtins.toInt(f(try a.double("x")), a.span(of: "x"))
            })
        }
        m.add(NativeFunction("isnan", doc: "Return True if x is a NaN (not a number).", parameters: [.required("x", positionalOnly: true)]) { a, _ in .bool(try a.double("x").isNaN) })
        m.add(NativeFunction("isinf", doc: "Return True if x is positive or negative infinity.", parameters: [.required("x", positionalOnly: true)]) { a, _ in .bool(try a.double("x").isInfinite) })
        m.add(NativeFunction("isfinite", doc: "Return True if x is neither infinite nor NaN.", parameters: [.required("x", positionalOnly: true)]) { a, _ in .bool(try a.double("x").isFinite) })
        m.add(NativeFunction("isclose", doc: "Return True if a and b are close: within rel_tol of each other relative to their size, or within abs_tol.",
                             parameters: [.required("a", positionalOnly: true), .required("b", positionalOnly: true),
                                          .keywordOnly("rel_tol", default: .float(1e-9)), .keywordOnly("abs_tol", default: .float(0))]) { a, _ in
            let x = try a.double("a"), y = try a.double("b")
            if x == y { return .bool(true) }
            let d = Swift.abs(x - y), rel = try a.double("rel_tol"), absTol = try a.double("abs_tol")
            return .bool(d.isFinite && (d <= rel * Swift.max(Swift.abs(x), Swift.abs(y)) || d <= absTol))
        })
        m.add(NativeFunction("factorial", doc: "Return n! = 1 * 2 * ... * n for a non-negative int n.", parameters: [.required("n", positionalOnly: true)]) { a, _ in
            let n = try a.int("n")
            guard n >= 0 else { throw Diagnostic(.valueError, "factorial() not defined for negative values", at: a.span(of: "n")) }
            var r = 1
            for k in stride(from: 2, through: n, by: 1) {
                let (p, o) = r.multipliedReportingOverflow(by: k)
                if o { throw Diagnostic(.overflowError, "factorial(\(n)) does not fit in Fovea's 64-bit int", at: a.span(of: "n")) }
                r = p
            }
            return .int(r)
        })
        for (name, choose) in [("comb", true), ("perm", false)] {
            m.add(NativeFunction(name, doc: choose ? "Return the number of ways to choose k items from n, without order: comb(5, 2) is 10."
                                                  : "Return the number of ways to choose k items from n, in order: perm(5, 2) is 20.",
                                 parameters: [.required("n", positionalOnly: true), .optional("k", default: Value.none, positionalOnly: true)]) { a, _ in
                let n = try a.int("n")
                let k = a["k"]!.isNone ? n : try a.int("k")
                guard n >= 0 else { throw Diagnostic(.valueError, "n must be a non-negative integer", at: a.span(of: "n")) }
                guard k >= 0 else { throw Diagnostic(.valueError, "k must be a non-negative integer", at: a.span(of: "k")) }
                if k > n { return .int(0) }
                // Exact at every step: r * (n - i) / (i + 1) is the binomial coefficient C(n, i + 1).
                var r = 1
                for i in 0..<(choose ? min(k, n - k) : k) {
                    let (p, o) = r.multipliedReportingOverflow(by: n - i)
                    if o { throw Diagnostic(.overflowError, "\(name)(\(n), \(k)) does not fit in Fovea's 64-bit int", at: a.callSpan) }
                    r = choose ? p / (i + 1) : p
                }
                return .int(r)
            })
        }
        m.add(NativeFunction("gcd", doc: "Return the greatest common divisor of the integers.", parameters: [.varPositional("integers")]) { a, _ in
            var g = 0
            for v in a.varPositional {
                guard var x = v.value.asInt?.magnitude else { throw Diagnostic(.typeError, "'\(v.value.typeName)' object cannot be interpreted as an integer", at: v.span) }
                var y = UInt(g)
                while y != 0 { (x, y) = (y, x % y) }
                g = Int(clamping: x)
            }
            return .int(g)
        })
        m.add(NativeFunction("prod", doc: "Return the product of the numbers of an iterable (start, 1 by default, times each).",
                             parameters: [.required("iterable", positionalOnly: true), .keywordOnly("start", default: .int(1))]) { a, ctx in
            var acc = a["start"]!
            for v in try ctx.at(a.span(of: "iterable")).iterate(a["iterable"]!) { acc = try ctx.binary(.multiply, acc, v) }
            return acc
        })
        m.add(NativeFunction("fsum", doc: "Return an accurate float sum of the numbers of an iterable.", parameters: [.required("iterable", positionalOnly: true)]) { a, ctx in
            var s = 0.0, c = 0.0
            for v in try ctx.at(a.span(of: "iterable")).iterate(a["iterable"]!) {
                guard let d = v.asDouble else { throw Diagnostic(.typeError, "must be real number, not \(v.typeName)", at: a.span(of: "iterable")) }
                let y = d - c, t = s + y
                c = (t - s) - y; s = t
            }
            return .float(s)
        })
        m.add(NativeFunction("copysign", doc: "Return a float with the magnitude of x and the sign of y.", parameters: [.required("x", positionalOnly: true), .required("y", positionalOnly: true)]) { a, _ in
            .float(Glibc.copysign(try a.double("x"), try a.double("y")))
        })
        return m
    }

    @Sendable static func time() -> ModuleValue {
        let m = ModuleValue("time", doc: "Clocks and waiting: time() for the current time in seconds, perf_counter() for measuring durations, sleep() to pause.")
        m.add(NativeFunction("time", doc: "Return the current time in seconds since the Unix epoch (1970-01-01 UTC), as a float.") { _, _ in
            var ts = timespec()
            clock_gettime(CLOCK_REALTIME, &ts)
            return .float(Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9)
        })
        m.add(NativeFunction("perf_counter", doc: "Return a precise clock in seconds for measuring durations: subtract two readings.") { _, _ in
            .float(HostSystem.monotonicSeconds())
        })
        m.add(NativeFunction("monotonic", doc: "Return a clock in seconds that never goes backwards; subtract two readings to measure durations.") { _, _ in
            .float(HostSystem.monotonicSeconds())
        })
        m.add(NativeFunction("sleep", doc: "Pause for the given number of seconds (a float is fine). Interrupting the kernel stops the pause.",
                             parameters: [.required("secs", positionalOnly: true)]) { a, ctx in
            let secs = try a.double("secs")
            guard secs >= 0 else { throw Diagnostic(.valueError, "sleep length must be non-negative", at: a.span(of: "secs")) }
            guard secs.isFinite else { throw Diagnostic(.overflowError, "sleep length is too large", at: a.span(of: "secs")) }
            ctx.flush()
            let end = HostSystem.monotonicSeconds() + secs
            while true {
                try ctx.checkInterrupt()
                let left = end - HostSystem.monotonicSeconds()
                if left <= 0 { break }
                var req = timespec(tv_sec: 0, tv_nsec: Int(Swift.min(left, 0.01) * 1e9))
                nanosleep(&req, nil)
            }
            return .none
        })
        return m
    }
}
