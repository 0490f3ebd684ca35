import FoveaLang
import Tensor

/// `np.random.default_rng(seed)`: numpy's Generator over PCG64, seeded through SeedSequence as
/// numpy seeds it.
final class GeneratorObject: FoveaObject {
    let generator: PCG64Generator
    init(_ generator: PCG64Generator) { self.generator = generator }

    var typeName: String { "Generator" }
    var doc: String { GeneratorObject.classDoc }
    var hostClass: AnyHostClass? { GeneratorObject.binding }
    func repr() -> String { "Generator(PCG64) at 0x\(String(UInt(bitPattern: ObjectIdentifier(self)), radix: 16, uppercase: true))" }

    static let classDoc = """
        Generator: numpy's recommended generator (PCG64), made by np.random.default_rng(seed). The same seed gives \
        numpy's numbers for random, integers, uniform, choice, shuffle and permutation; normal and standard_normal \
        use numpy's ziggurat with tables built by Fovea, and about one value in seven differs from numpy's in its \
        last digits (at most 1e-14 relative).
        """

    /// `default_rng(seed=None)`.
    static let constructor = NativeFunction("default_rng", doc: """
        A Generator (PCG64) seeded from seed, an int >= 0 or a list of them, through numpy's SeedSequence: \
        default_rng(42).random() is numpy's 0.7739560485559633. None seeds from the operating system; a \
        Generator is returned as it is.
        """, parameters: [.optional("seed", default: Value.none)]) { a, _ in
        let v = a["seed"]!
        if case .object(let o as GeneratorObject) = v { return .object(o) }
        let seeds = try RandomArguments.entropy(v, at: a.span(of: "seed")).map(SeedSequence.init(entropy:)) ?? SeedSequence.fromSystem()
        return .object(GeneratorObject(PCG64Generator(seeds)))
    }

    private static let size = NativeParameter.optional("size", default: Value.none)

    static let binding: HostClass<GeneratorObject> = {
        let c = HostClass<GeneratorObject>("Generator", module: "numpy.random", doc: classDoc)
        c.method("random", [size], doc: "Uniform random values in [0, 1); one float when size is None.") { o, a, _ in
            try RandomResults.floats(try RandomArguments.size(a), at: a.span(of: "size")) { o.generator.random($0) }
        }
        c.method("integers", [.required("low"), .optional("high", default: Value.none), size, .optional("dtype", default: Value.none),
                              .optional("endpoint", default: .bool(false))],
                 doc: "Random integers in [low, high) ([low, high] with endpoint=True), or from 0 to low without high; dtype int64, int32 or uint8.") { o, a, _ in
            try integers(o.generator, a)
        }
        c.method("uniform", [.optional("low", default: .float(0)), .optional("high", default: .float(1)), size],
                 doc: "Uniform random values in [low, high).") { o, a, _ in
            let low = try RandomArguments.number(a, "low"), high = try RandomArguments.number(a, "high")
            if high - low < 0 { throw Diagnostic(.valueError, "high - low < 0", at: a.callSpan) }
            if !(high - low).isFinite { throw Diagnostic(.overflowError, "high - low range exceeds valid bounds", at: a.callSpan) }
            return try RandomResults.floats(try RandomArguments.size(a), at: a.span(of: "size")) { o.generator.uniform(low: low, high: high, count: $0) }
        }
        c.method("normal", [.optional("loc", default: .float(0)), .optional("scale", default: .float(1)), size],
                 doc: "Normal values with mean loc and standard deviation scale (numpy's ziggurat; see standard_normal).") { o, a, _ in
            let loc = try RandomArguments.number(a, "loc"), scale = try RandomArguments.number(a, "scale")
            if scale < 0 { throw Diagnostic(.valueError, "scale < 0", at: a.span(of: "scale")) }
            return try RandomResults.floats(try RandomArguments.size(a), at: a.span(of: "size")) { o.generator.normal(loc: loc, scale: scale, count: $0) }
        }
        c.method("standard_normal", [size], doc: """
            Standard normal values by numpy's ziggurat. Its tables are built by Fovea from numpy's recipe and differ \
            from numpy's in the last bits of a few layers: about one value in seven differs from numpy's by at most \
            1e-14 relative (the same at the 8 digits numpy prints); the others, and the draws consumed, are numpy's.
            """) { o, a, _ in
            try RandomResults.floats(try RandomArguments.size(a), at: a.span(of: "size")) { o.generator.standardNormal($0) }
        }
        c.method("choice", [.required("a"), size, .optional("replace", default: .bool(true)), .optional("p", default: Value.none),
                            .unsupported("axis", default: .int(0)), .unsupported("shuffle", default: .bool(true))],
                 doc: "Random elements (rows) of a, or of range(a) for an int, with or without replacement, optionally with probabilities p. From a list of strings, a list (numpy: an array of str).") { o, a, _ in
            try RandomSampling.choice(a, .generator) { o.generator.choice(population: $0, count: $1, replace: $2, p: $3) }
        }
        c.method("shuffle", [.required("x"), .unsupported("axis", default: .int(0))],
                 doc: "Shuffle a list, or an array along its first axis, in place; returns None.") { o, a, _ in
            try RandomSampling.shuffle(a, .generator) { o.generator.shuffle(&$0) }
        }
        c.method("permutation", [.required("x"), .unsupported("axis", default: .int(0))],
                 doc: "A shuffled range(x) for an int x, else a shuffled copy of x (along its first axis).") { o, a, _ in
            try RandomSampling.permutation(a, .generator) { o.generator.shuffle(&$0) }
        }
        return c
    }()

    private static func integers(_ g: PCG64Generator, _ a: BoundArguments) throws -> Value {
        var low = try RandomArguments.integer(a, "low"), high = 0
        if let h = a["high"], !h.isNone { high = try RandomArguments.integer(a, "high") } else { (low, high) = (0, low) }
        let dims = try RandomArguments.size(a)
        let dtype = try IntegerDType(a, function: "integers")
        let endpoint = a.bool("endpoint")
        if let dims, RandomArguments.count(dims) == 0 {
            // numpy returns an empty array before checking the bounds.
            return try RandomResults.integers(dims, dtype, pythonInt: false, at: a.callSpan) { _ in [] }
        }
        let top = endpoint ? high : high &- 1
        try dtype.check(low: low, top: top, closed: endpoint, at: a.callSpan)
        if dtype == .uint8 {
            return try RandomResults.bytes(dims, at: a.callSpan) { g.integerBytes(low: low, top: top, count: $0) }
        }
        return try RandomResults.integers(dims, dtype, pythonInt: false, at: a.callSpan) {
            g.integers(low: Int64(low), high: Int64(top), endpoint: true, count: $0)
        }
    }
}
