import FoveaLang
import Tensor

/// One function of the legacy `np.random`: the module's (over the session's global RandomState)
/// and a `RandomState` object's method, declared once.
struct LegacyRandomFunction {
    let name: String
    let doc: String
    let parameters: [NativeParameter]
    let body: (LegacyRandomState, BoundArguments, CallContext) throws -> Value
    init(_ name: String, _ doc: String, _ parameters: [NativeParameter] = [],
         _ body: @escaping (LegacyRandomState, BoundArguments, CallContext) throws -> Value) {
        self.name = name; self.doc = doc; self.parameters = parameters; self.body = body
    }
}

/// `np.random.RandomState(seed)`: a legacy generator of its own, with the module's functions as
/// methods.
final class RandomStateObject: FoveaObject {
    let state: LegacyRandomState
    init(_ state: LegacyRandomState) { self.state = state }

    var typeName: String { "RandomState" }
    var doc: String { RandomStateObject.classDoc }
    var hostClass: AnyHostClass? { RandomStateObject.binding }
    func repr() -> String { "RandomState(MT19937) at 0x\(String(UInt(bitPattern: ObjectIdentifier(self)), radix: 16, uppercase: true))" }

    static let classDoc = """
        RandomState(seed=None): numpy's legacy generator (the Mersenne Twister MT19937), seeded as numpy \
        seeds it, so the same seed gives numpy's numbers bit for bit. It has seed, rand, randn, randint, random, \
        random_sample, standard_normal, uniform, normal, choice, shuffle and permutation.
        """

    static let binding: HostClass<RandomStateObject> = {
        let c = HostClass<RandomStateObject>("RandomState", module: "numpy.random", doc: classDoc)
        for f in functions {
            c.method(f.name, f.parameters, doc: f.doc) { o, a, ctx in try f.body(o.state, a, ctx) }
        }
        return c
    }()

    /// `RandomState(seed)` and `np.random.seed(seed)`: an int in 0..2**32-1, a list of such ints,
    /// or None (the operating system's randomness).
    static func seed(_ state: LegacyRandomState?, _ v: Value, at span: Span) throws -> LegacyRandomState {
        let words = try RandomArguments.legacySeed(v, at: span)
        let s = state ?? LegacyRandomState()
        switch words {
        case nil: if state != nil { s.seed(key: MT19937.systemKey()) }
        case let w? where w.count == 1 && v.asInt != nil: s.seed(w[0])
        case let w?: s.seed(key: w)
        }
        return s
    }

    static let functions: [LegacyRandomFunction] = [
        LegacyRandomFunction("seed", "Start numpy's legacy generator from a fixed point, as numpy does: after np.random.seed(42) the same calls give numpy's numbers. seed is an int in 0..2**32-1, a list of them, or None (fresh randomness).",
                             [.optional("seed", default: Value.none)]) { s, a, _ in
            _ = try seed(s, a["seed"]!, at: a.span(of: "seed"))
            return .none
        },
        LegacyRandomFunction("rand", "Uniform random values in [0, 1) of shape (d0, d1, ...); one float without arguments.",
                             [.varPositional("shape")]) { s, a, _ in
            try RandomResults.floats(try RandomArguments.dimensions(a), at: a.callSpan) { s.randomSample($0) }
        },
        LegacyRandomFunction("randn", "Standard normal values (mean 0, standard deviation 1) of shape (d0, d1, ...), by numpy's legacy polar method; one float without arguments.",
                             [.varPositional("shape")]) { s, a, _ in
            try RandomResults.floats(try RandomArguments.dimensions(a), at: a.callSpan) { s.standardNormal($0) }
        },
        LegacyRandomFunction("random_sample", "Uniform random values in [0, 1); one float when size is None.",
                             [.optional("size", default: Value.none)]) { s, a, _ in
            try RandomResults.floats(try RandomArguments.size(a), at: a.span(of: "size")) { s.randomSample($0) }
        },
        LegacyRandomFunction("random", "Uniform random values in [0, 1) (random_sample); one float when size is None.",
                             [.optional("size", default: Value.none)]) { s, a, _ in
            try RandomResults.floats(try RandomArguments.size(a), at: a.span(of: "size")) { s.randomSample($0) }
        },
        LegacyRandomFunction("standard_normal", "Standard normal values (randn with a size).",
                             [.optional("size", default: Value.none)]) { s, a, _ in
            try RandomResults.floats(try RandomArguments.size(a), at: a.span(of: "size")) { s.standardNormal($0) }
        },
        LegacyRandomFunction("randint", "Random integers in [low, high), or [0, low) without high; dtype int (int64), int32 or uint8.",
                             [.required("low"), .optional("high", default: Value.none), .optional("size", default: Value.none),
                              .optional("dtype", default: Value.none)]) { s, a, _ in
            try randint(s, a)
        },
        LegacyRandomFunction("uniform", "Uniform random values in [low, high).",
                             [.optional("low", default: .float(0)), .optional("high", default: .float(1)), .optional("size", default: Value.none)]) { s, a, _ in
            let low = try RandomArguments.number(a, "low"), high = try RandomArguments.number(a, "high")
            if !(high - low).isFinite { throw Diagnostic(.overflowError, "Range exceeds valid bounds", at: a.callSpan) }
            return try RandomResults.floats(try RandomArguments.size(a), at: a.span(of: "size")) { s.uniform(low: low, high: high, count: $0) }
        },
        LegacyRandomFunction("normal", "Normal values with mean loc and standard deviation scale.",
                             [.optional("loc", default: .float(0)), .optional("scale", default: .float(1)), .optional("size", default: Value.none)]) { s, a, _ in
            let loc = try RandomArguments.number(a, "loc"), scale = try RandomArguments.number(a, "scale")
            if scale < 0 { throw Diagnostic(.valueError, "scale < 0", at: a.span(of: "scale")) }
            return try RandomResults.floats(try RandomArguments.size(a), at: a.span(of: "size")) { s.normal(loc: loc, scale: scale, count: $0) }
        },
        LegacyRandomFunction("choice", "Random elements of a 1-d array or list a (or of range(a) for an int), with or without replacement, optionally with probabilities p. From a list of strings, a list (numpy: an array of str).",
                             [.required("a"), .optional("size", default: Value.none), .optional("replace", default: .bool(true)),
                              .optional("p", default: Value.none)]) { s, a, _ in
            try RandomSampling.choice(a, .legacy) { s.choice(population: $0, count: $1, replace: $2, p: $3) }
        },
        LegacyRandomFunction("shuffle", "Shuffle a list, or an array along its first axis, in place; returns None.",
                             [.required("x")]) { s, a, _ in
            try RandomSampling.shuffle(a, .legacy) { s.shuffle(&$0) }
        },
        LegacyRandomFunction("permutation", "A shuffled range(x) for an int x, else a shuffled copy of x (along its first axis).",
                             [.required("x")]) { s, a, _ in
            try RandomSampling.permutation(a, .legacy) { s.shuffle(&$0) }
        },
    ]

    private static func randint(_ s: LegacyRandomState, _ a: BoundArguments) throws -> Value {
        var low = try RandomArguments.integer(a, "low"), high = 0
        if let h = a["high"], !h.isNone { high = try RandomArguments.integer(a, "high") } else { (low, high) = (0, low) }
        let dims = try RandomArguments.size(a)
        let dtype = try IntegerDType(a, function: "randint")
        if let dims, RandomArguments.count(dims) == 0 {
            // numpy returns an empty array before checking the bounds.
            return try RandomResults.integers(dims, dtype, pythonInt: false, at: a.callSpan) { _ in [] }
        }
        try dtype.check(low: low, top: high &- 1, closed: false, at: a.callSpan)
        if dtype == .uint8 {
            return try RandomResults.bytes(dims, at: a.callSpan) { s.randintBytes(low: low, high: high, count: $0) }
        }
        return try RandomResults.integers(dims, dtype, pythonInt: IntegerDType.isPythonInt(a), at: a.callSpan) {
            s.randint(low: Int64(low), high: Int64(high), count: $0)
        }
    }
}
