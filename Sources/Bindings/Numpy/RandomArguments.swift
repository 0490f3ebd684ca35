import FoveaLang
import Tensor

/// The arguments of `np.random`'s functions as numpy reads them (sizes, numbers, seeds), with
/// numpy's errors.
enum RandomArguments {
    // MARK: sizes

    /// `size=`: nil for None (one value, returned as a number), else the dimensions; negative
    /// ones are refused unless `negative` (choice checks them later, as numpy does).
    static func size(_ a: BoundArguments, _ name: String = "size", negative: Bool = false) throws -> [Int]? {
        guard let v = a[name].map(plain), !v.isNone else { return nil }
        let span = a.span(of: name)
        func checked(_ dims: [Int], at span: Span) throws -> [Int] { negative ? dims : try RandomArguments.checked(dims, at: span) }
        switch v {
        case .int(let n): return try checked([n], at: span)
        case .bool, .float:
            throw Diagnostic(.typeError, "expected a sequence of integers or a single integer, got '\(Repr.repr(v))'", at: span)
        case .tuple, .list:
            return try checked(try (KerasArguments.sequence(v) ?? []).map { try dimension($0, at: span) }, at: span)
        default:
            throw Diagnostic(.typeError, "'\(v.typeName)' object cannot be interpreted as an integer", at: span)
        }
    }

    /// `rand(d0, d1, ...)`: nil when no dimension is given (one value).
    static func dimensions(_ a: BoundArguments) throws -> [Int]? {
        guard !a.varPositional.isEmpty else { return nil }
        return try checked(try a.varPositional.map { try dimension($0.value, at: $0.span) }, at: a.callSpan)
    }

    private static func dimension(_ v: Value, at span: Span) throws -> Int {
        guard case .int(let n) = plain(v) else {
            if case .bool(let b) = v { return b ? 1 : 0 }
            throw Diagnostic(.typeError, "'\(v.typeName)' object cannot be interpreted as an integer", at: span)
        }
        return n
    }

    static func checked(_ dims: [Int], at span: Span) throws -> [Int] {
        if dims.contains(where: { $0 < 0 }) { throw Diagnostic(.valueError, "negative dimensions are not allowed", at: span) }
        return dims
    }

    /// A numpy integer scalar (`np.int64(3)`, `x.shape[0]` of some arrays) as the Python int it
    /// stands for, as numpy's `operator.index` reads it; other values as they are.
    static func plain(_ v: Value) -> Value {
        if case .object(let o) = v, let i = o.indexValue() { return .int(i) }
        return v
    }

    /// How many values a size asks for (1 for None); Int.max when the product overflows (the
    /// array's allocation then refuses it).
    static func count(_ dims: [Int]?) -> Int {
        guard let dims else { return 1 }
        var n = 1
        for d in dims {
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow { return dims.contains(0) ? 0 : .max }
            n = p
        }
        return n
    }

    // MARK: numbers

    /// A float parameter (loc, scale, low, high): a number. numpy also takes arrays and
    /// broadcasts them; Fovea does not yet.
    static func number(_ a: BoundArguments, _ name: String) throws -> Double {
        let v = a[name] ?? .none
        if let d = v.asDouble { return d }
        if case .object(let o) = v, let t = o as? TensorObject, t.tensor.count == 1 { return Double(t.tensor.scalar(at: 0)) }
        let isArray = KerasArguments.sequence(v) != nil || (v.objectValue is TensorObject)
        throw Diagnostic(.typeError, "\(a.functionName)() argument '\(name)' must be a number, not '\(v.typeName)'", at: a.span(of: name),
                         notes: isArray ? ["help: numpy also broadcasts arrays of parameters; in Fovea draw one array per value"] : [])
    }

    /// An integer bound (low, high): an int, or a float truncated as numpy's int() does.
    static func integer(_ a: BoundArguments, _ name: String) throws -> Int {
        let v = a[name] ?? .none
        if case .float(let d) = v, d.isFinite, abs(d) < 9.2e18 { return Int(d) }
        if case .object(let o) = v, let t = o as? TensorObject, t.tensor.count == 1, t.tensor.dtype.isInteger { return Int(t.tensor.integer(at: 0)) }
        return try a.int(name)
    }

    // MARK: seeds

    /// `RandomState.seed(seed)`: nil for None (the operating system's randomness), one word for
    /// an int, several for a list of ints (numpy's init_by_array).
    static func legacySeed(_ v: Value, at span: Span) throws -> [UInt32]? {
        let outOfRange = Diagnostic(.valueError, "Seed must be between 0 and 2**32 - 1", at: span)
        switch plain(v) {
        case .none: return nil
        case .int(let n):
            guard let w = UInt32(exactly: n) else { throw outOfRange }
            return [w]
        case .bool(let b): return [b ? 1 : 0]
        case .float: throw castError("float64", at: span)
        case .str(let s): throw castError("<U\(s.count)", at: span)
        default:
            let items = try seedItems(v, at: span)
            guard !items.isEmpty else { throw Diagnostic(.valueError, "Seed must be non-empty", at: span) }
            return try items.map { item in
                guard case .int(let n) = plain(item) else {
                    if KerasArguments.sequence(item) != nil { throw Diagnostic(.valueError, "Seed array must be 1-d", at: span) }
                    throw castError(item.isFloat ? "float64" : "object", at: span)
                }
                guard let w = UInt32(exactly: n) else { throw outOfRange }
                return w
            }
        }
    }

    /// `SeedSequence(entropy)` for `default_rng(seed)`: an int's 32-bit words, or those of each
    /// int of a list, in order; nil for None.
    static func entropy(_ v: Value, at span: Span) throws -> [UInt32]? {
        func words(_ item: Value) throws -> [UInt32] {
            guard case .int(let n) = plain(item) else {
                throw Diagnostic(.typeError, "SeedSequence expects int or sequence of ints for entropy not \(Repr.repr(v))", at: span)
            }
            guard n >= 0 else { throw Diagnostic(.valueError, "expected non-negative integer", at: span) }
            return SeedSequence.words(UInt64(n))
        }
        switch plain(v) {
        case .none: return nil
        case .int: return try words(v)
        case .bool(let b): return [b ? 1 : 0]
        case .float, .str: return try words(v)
        default: return try seedItems(v, at: span).flatMap(words)
        }
    }

    private static func seedItems(_ v: Value, at span: Span) throws -> [Value] {
        if let items = KerasArguments.sequence(v) { return items }
        if case .range(let r) = v { return (0..<r.count).map { .int(r.element($0)) } }
        if case .object(let o) = v, let t = o as? TensorObject, t.tensor.dtype.isInteger {
            return (0..<t.tensor.count).map { .int(Int(t.tensor.integer(at: $0))) }
        }
        throw Diagnostic(.typeError, "seed must be an int or a sequence of ints, not '\(v.typeName)'", at: span)
    }

    private static func castError(_ dtype: String, at span: Span) -> Diagnostic {
        Diagnostic(.typeError, "Cannot cast scalar from dtype('\(dtype)') to dtype('int64') according to the rule 'safe'", at: span)
    }
}

extension Value {
    var objectValue: (any FoveaObject)? { if case .object(let o) = self { return o } else { return nil } }
    var isFloat: Bool { if case .float = self { return true } else { return false } }
}
