import FoveaLang
import Glibc

/// The `random` module's generator: the Mersenne Twister (MT19937) that CPython's `random` uses,
/// seeded from an int as CPython seeds it (`init_by_array` over the int's 32-bit words), so that
/// `random.seed(42); random.random()` gives CPython's number. `random()`, and the integers that
/// `randint`, `randrange`, `choice` and `shuffle` draw through `below` (CPython's `_randbelow`:
/// `getrandbits` with rejection), follow CPython's algorithms; `gauss` and `sample` do not.
public final class RandomGenerator {
    private var mt = [UInt32](repeating: 0, count: 624)
    private var index = 624

    public init(seed: UInt64) { self.seed(seed) }

    /// Seeds from a non-negative integer, as CPython's `random.seed(n)` (n = abs of the int).
    public func seed(_ value: UInt64) {
        var key: [UInt32] = [UInt32(truncatingIfNeeded: value)]
        if value >> 32 != 0 { key.append(UInt32(truncatingIfNeeded: value >> 32)) }
        seed(key: key)
    }

    /// Seeds from one 32-bit word with the reference `init_genrand`, as numpy's
    /// `RandomState.seed(n)` seeds its MT19937.
    public func seed(word: UInt32) { initGenrand(word) }

    /// Seeds from 32-bit words with the reference `init_by_array` (non-empty `key`): CPython's int
    /// seeds and numpy's `RandomState.seed([a, b, ...])`.
    public func seed(key: [UInt32]) {
        precondition(!key.isEmpty, "init_by_array needs at least one word")
        initGenrand(19_650_218)
        var i = 1, j = 0
        for _ in 0..<max(624, key.count) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= 624 { mt[0] = mt[623]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<623 {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= 624 { mt[0] = mt[623]; i = 1 }
        }
        mt[0] = 0x8000_0000
        index = 624
    }

    private func initGenrand(_ s: UInt32) {
        mt[0] = s
        for i in 1..<624 { mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i) }
        index = 624
    }

    /// The next 32 random bits (genrand_uint32).
    public func next32() -> UInt32 {
        if index >= 624 {
            for k in 0..<624 {
                let y = (mt[k] & 0x8000_0000) | (mt[(k + 1) % 624] & 0x7fff_ffff)
                mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_b0df)
            }
            index = 0
        }
        var y = mt[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// 64 random bits.
    public func next() -> UInt64 { UInt64(next32()) | UInt64(next32()) << 32 }

    /// Uniform in [0, 1) with 53 random bits, as CPython's `random()`.
    public func double() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `k` random bits (1...64), as CPython's `getrandbits(k)`.
    public func bits(_ k: Int) -> UInt64 {
        if k <= 32 { return UInt64(next32() >> UInt32(32 - k)) }
        let low = UInt64(next32())
        return low | UInt64(next32() >> UInt32(64 - k)) << 32
    }

    /// Uniform in 0..<n (n > 0), as CPython's `_randbelow`: `getrandbits` of n's bit length,
    /// drawn again while it is not below n.
    public func below(_ n: UInt64) -> UInt64 {
        let k = 64 - n.leadingZeroBitCount
        while true {
            let r = bits(k)
            if r < n { return r }
        }
    }

    /// Normal distribution (Box-Muller).
    public func gauss(_ mu: Double, _ sigma: Double) -> Double {
        var u = double()
        while u <= 0 { u = double() }
        let v = double()
        return mu + sigma * (-2 * Glibc.log(u)).squareRoot() * Glibc.cos(2 * Double.pi * v)
    }
}

extension StandardModules {
    /// The seed of `random.seed(a)`: an int's absolute value as CPython takes it; a hash of a
    /// float or str; the clock for None.
    public static func seedValue(_ v: Value?) -> UInt64 {
        switch v {
        case .int(let i)?: return UInt64(i.magnitude)
        case .bool(let b)?: return b ? 1 : 0
        case .float(let d)?: return d.bitPattern
        case .str(let s)?:
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        default:
            var ts = timespec()
            clock_gettime(CLOCK_REALTIME, &ts)
            return UInt64(bitPattern: Int64(ts.tv_sec)) &* 1_000_000_007 &+ UInt64(ts.tv_nsec)
        }
    }

    static func randRange(_ g: RandomGenerator, _ lo: Int, _ hi: Int, step: Int = 1, span: Span) throws -> Int {
        let r = RangeValue(start: lo, stop: hi, step: step)
        let n = r.count
        guard n > 0 else { throw Diagnostic(.valueError, "empty range in randrange(\(lo), \(hi))", at: span) }
        return r.element(Int(g.below(UInt64(n))))
    }

    /// One function of `random`: the module's and a `random.Random` object's, each over its own
    /// generator.
    struct RandomFunction {
        let name: String
        let doc: String
        let parameters: [NativeParameter]
        let body: (RandomGenerator, inout BoundArguments, CallContext) throws -> Value
        init(_ name: String, _ doc: String, _ parameters: [NativeParameter] = [],
             _ body: @escaping (RandomGenerator, inout BoundArguments, CallContext) throws -> Value) {
            self.name = name; self.doc = doc; self.parameters = parameters; self.body = body
        }
    }

    static let randomFunctions: [RandomFunction] = [
        RandomFunction("seed", "Start the random generator from a fixed point: after seed(42) the same calls give the same numbers every time. Without an argument, seed from the clock.",
                       [.optional("a", default: Value.none)]) { g, a, _ in
            g.seed(seedValue(a["a"].flatMap { $0.isNone ? nil : $0 })); return .none
        },
        RandomFunction("random", "Return a random float in the interval [0.0, 1.0).") { g, _, _ in .float(g.double()) },
        RandomFunction("uniform", "Return a random float between a and b.", [.required("a"), .required("b")]) { g, a, _ in
            let lo = try a.double("a"), hi = try a.double("b")
            return .float(lo + (hi - lo) * g.double())
        },
        RandomFunction("randint", "Return a random int N with a <= N <= b (both ends included).", [.required("a"), .required("b")]) { g, a, ctx in
            let lo = try a.int("a"), hi = try a.int("b")
            guard hi < Int.max else { throw Diagnostic(.overflowError, "randint() upper bound is too large", at: a.span(of: "b")) }
            return .int(try randRange(g, lo, hi + 1, span: ctx.span))
        },
        RandomFunction("randrange", "Return a random element of range(start, stop, step), like choice(range(...)) without building the range.",
                       [.required("start"), .optional("stop"), .optional("step", default: .int(1))]) { g, a, ctx in
            let step = try a.int("step")
            guard step != 0 else { throw Diagnostic(.valueError, "zero step for randrange()", at: a.span(of: "step")) }
            if a["stop"] == nil || a["stop"]!.isNone { return .int(try randRange(g, 0, try a.int("start"), span: ctx.span)) }
            return .int(try randRange(g, try a.int("start"), try a.int("stop"), step: step, span: ctx.span))
        },
        RandomFunction("choice", "Return a random element of a non-empty sequence.", [.required("seq")]) { g, a, ctx in
            let items = try ctx.at(a.span(of: "seq")).iterate(a["seq"]!)
            guard !items.isEmpty else { throw Diagnostic(.indexError, "Cannot choose from an empty sequence", at: a.span(of: "seq")) }
            return items[Int(g.below(UInt64(items.count)))]
        },
        RandomFunction("shuffle", "Shuffle a list in place (every order equally likely); returns None.", [.required("x")]) { g, a, _ in
            guard case .list(let l) = a["x"]! else {
                throw Diagnostic(.typeError, "shuffle() needs a list, not '\(a["x"]!.typeName)'", at: a.span(of: "x"))
            }
            var i = l.items.count - 1
            while i > 0 {
                let j = Int(g.below(UInt64(i + 1)))
                l.items.swapAt(i, j)
                i -= 1
            }
            return .none
        },
        RandomFunction("sample", "Return a list of k distinct elements chosen at random from the population.", [.required("population"), .required("k")]) { g, a, ctx in
            var items = try ctx.at(a.span(of: "population")).iterate(a["population"]!)
            let k = try a.int("k")
            guard k >= 0 && k <= items.count else { throw Diagnostic(.valueError, "Sample larger than population or is negative", at: a.span(of: "k")) }
            for i in 0..<k { items.swapAt(i, i + Int(g.below(UInt64(items.count - i)))) }
            return .list(Array(items.prefix(k)))
        },
        RandomFunction("gauss", "Return a random float from the normal (Gaussian) distribution with mean mu and standard deviation sigma.",
                       [.optional("mu", default: .float(0)), .optional("sigma", default: .float(1))]) { g, a, _ in
            .float(g.gauss(try a.double("mu"), try a.double("sigma")))
        },
    ]

    @Sendable static func random() -> ModuleValue {
        let g = RandomGenerator(seed: seedValue(nil))
        let m = ModuleValue("random", doc: "Pseudo-random numbers: random(), randint(), choice(), shuffle(), uniform(), gauss(). Call seed(n) first to get the same numbers on every run; random.Random(n) is a generator of its own.")
        for f in randomFunctions {
            m.add(NativeFunction(f.name, doc: f.doc, parameters: f.parameters) { a, ctx in try f.body(g, &a, ctx) })
        }
        m.add(RandomObject.binding.typeValue(constructor: NativeFunction("Random", doc: RandomObject.classDoc,
                                                                          parameters: [.optional("x", default: Value.none)]) { a, _ in
            .object(RandomObject(seed: seedValue(a["x"].flatMap { $0.isNone ? nil : $0 })))
        }))
        return m
    }
}

/// `random.Random(42)`: a generator of its own, with the module's functions as methods, so
/// that one part of a program draws the same numbers whatever the rest does.
final class RandomObject: FoveaObject {
    let generator: RandomGenerator
    init(seed: UInt64) { generator = RandomGenerator(seed: seed) }

    var typeName: String { "Random" }
    var doc: String { RandomObject.classDoc }
    var hostClass: AnyHostClass? { RandomObject.binding }
    func repr() -> String { "<random.Random object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>" }

    static let classDoc = "Random(x=None): a random generator of its own, seeded like random.seed(x); it has random(), randint(), choice(), shuffle(), ..."
    static let binding: HostClass<RandomObject> = {
        let c = HostClass<RandomObject>("Random", module: "random", doc: classDoc)
        for f in StandardModules.randomFunctions {
            c.method(f.name, f.parameters, doc: f.doc) { o, a, ctx in try f.body(o.generator, &a, ctx) }
        }
        return c
    }()
}
