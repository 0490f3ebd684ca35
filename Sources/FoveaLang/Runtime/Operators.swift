import Glibc

/// Arithmetic, comparison and membership with Python's rules: int/float promotion, `/` always
/// float, floor semantics for `//` and `%`, sequence concatenation and repetition, and
/// OverflowError instead of a trap when a 64-bit int overflows.
extension Interpreter {
    func binary(_ op: BinaryOp, _ l: Value, _ r: Value, span: Span) throws -> Value {
        if case .object(let o) = l, let v = try o.binaryOperation(op, r, reflected: false, context: context(span)) { return v }
        if case .object(let o) = r, let v = try o.binaryOperation(op, l, reflected: true, context: context(span)) { return v }
        if let a = l.asInt, let b = r.asInt { return try intBinary(op, a, b, span: span) }
        if let a = l.asDouble, let b = r.asDouble, let v = try floatBinary(op, a, b, span: span) { return v }
        switch (op, l, r) {
        case (.add, .str(let a), .str(let b)):
            try Limits.check(bytes: a.utf8.count + b.utf8.count, span: span)
            return .str(a + b)
        case (.add, .list(let a), .list(let b)): return .list(a.items + b.items)
        case (.add, .tuple(let a), .tuple(let b)): return .tuple(a + b)
        case (.add, .str, _), (.add, .list, _), (.add, .tuple, _):
            throw Diagnostic(.typeError, "can only concatenate \(l.typeName) (not \"\(r.typeName)\") to \(l.typeName)", at: span,
                             notes: l.typeName == "str" ? ["help: convert the value to text first, e.g. str(x), or use an f-string"] : [])
        case (.multiply, .str, _), (.multiply, .list, _), (.multiply, .tuple, _):
            return try repeatSequence(l, r, span: span)
        case (.multiply, _, .str), (.multiply, _, .list), (.multiply, _, .tuple):
            return try repeatSequence(r, l, span: span)
        case (.bitOr, .dict(let a), .dict(let b)):
            let d = a.copy()
            for (k, v) in b.entries { if let h = k.hashKey { d.set(k, h, v) } }
            return .dict(d)
        case (.modulo, .str(let s), _):
            return .str(try located(span) { try percentFormat(s, r, span: span) })
        default:
            throw Diagnostic(.typeError, "unsupported operand type(s) for \(op.rawValue): '\(l.typeName)' and '\(r.typeName)'", at: span)
        }
    }

    private func repeatSequence(_ seq: Value, _ count: Value, span: Span) throws -> Value {
        guard let n0 = count.asInt else {
            throw Diagnostic(.typeError, "can't multiply sequence by non-int of type '\(count.typeName)'", at: span)
        }
        let n = max(0, n0)
        switch seq {
        case .str(let s):
            let (total, o) = s.utf8.count.multipliedReportingOverflow(by: n)
            try Limits.check(bytes: o ? Int.max : total, span: span)
            return .str(String(repeating: s, count: n))
        case .list(let l):
            try Limits.check(elements: l.items.count, times: n, span: span)
            return .list(Array([[Value]](repeating: l.items, count: n).joined()))
        case .tuple(let t):
            try Limits.check(elements: t.count, times: n, span: span)
            return .tuple(Array([[Value]](repeating: t, count: n).joined()))
        default: return seq
        }
    }

    private func overflow(_ a: Int, _ op: BinaryOp, _ b: Int, span: Span) -> Diagnostic {
        Diagnostic(.overflowError, "integer overflow: \(a) \(op.rawValue) \(b) does not fit in Fovea's 64-bit int", at: span,
                   notes: ["help: use a float for very large numbers, e.g. float(\(a)) \(op.rawValue) \(b)"])
    }

    func intBinary(_ op: BinaryOp, _ a: Int, _ b: Int, span: Span) throws -> Value {
        func checked(_ r: (partialValue: Int, overflow: Bool)) throws -> Value {
            if r.overflow { throw overflow(a, op, b, span: span) }
            return .int(r.partialValue)
        }
        switch op {
        case .add: return try checked(a.addingReportingOverflow(b))
        case .subtract: return try checked(a.subtractingReportingOverflow(b))
        case .multiply: return try checked(a.multipliedReportingOverflow(by: b))
        case .divide:
            if b == 0 { throw Diagnostic(.zeroDivisionError, "division by zero", at: span) }
            return .float(Double(a) / Double(b))
        case .floorDivide, .modulo:
            if b == 0 {
                throw Diagnostic(.zeroDivisionError, op == .modulo ? "integer modulo by zero" : "integer division or modulo by zero", at: span)
            }
            if a == Int.min && b == -1 {
                if op == .modulo { return .int(0) }
                throw overflow(a, op, b, span: span)
            }
            var q = a / b, m = a % b
            if m != 0 && ((m < 0) != (b < 0)) { q -= 1; m += b }
            return .int(op == .modulo ? m : q)
        case .power:
            if b < 0 {
                if a == 0 { throw Diagnostic(.zeroDivisionError, "0.0 cannot be raised to a negative power", at: span) }
                return .float(pow(Double(a), Double(b)))
            }
            var result = 1, base = a, e = b
            while e > 0 {
                if e & 1 == 1 {
                    let r = result.multipliedReportingOverflow(by: base)
                    if r.overflow { throw overflow(a, op, b, span: span) }
                    result = r.partialValue
                }
                e >>= 1
                if e > 0 {
                    let r = base.multipliedReportingOverflow(by: base)
                    if r.overflow { throw overflow(a, op, b, span: span) }
                    base = r.partialValue
                }
            }
            return .int(result)
        case .bitAnd: return .int(a & b)
        case .bitOr: return .int(a | b)
        case .bitXor: return .int(a ^ b)
        case .leftShift:
            if b < 0 { throw Diagnostic(.valueError, "negative shift count", at: span) }
            if b >= 64 || (a != 0 && (a << b) >> b != a) { throw overflow(a, op, b, span: span) }
            return .int(a << b)
        case .rightShift:
            if b < 0 { throw Diagnostic(.valueError, "negative shift count", at: span) }
            return .int(a >> min(b, 63))
        case .matmul:
            throw Diagnostic(.typeError, "unsupported operand type(s) for @: 'int' and 'int'", at: span)
        }
    }

    func floatBinary(_ op: BinaryOp, _ a: Double, _ b: Double, span: Span) throws -> Value? {
        switch op {
        case .add: return .float(a + b)
        case .subtract: return .float(a - b)
        case .multiply: return .float(a * b)
        case .divide:
            if b == 0 { throw Diagnostic(.zeroDivisionError, "float division by zero", at: span) }
            return .float(a / b)
        case .floorDivide, .modulo:
            if b == 0 {
                throw Diagnostic(.zeroDivisionError, op == .modulo ? "float modulo" : "float floor division by zero", at: span)
            }
            // CPython's float_divmod.
            var mod = fmod(a, b)
            var div = (a - mod) / b
            if mod != 0 {
                if (b < 0) != (mod < 0) { mod += b; div -= 1 }
            } else {
                mod = copysign(0, b)
            }
            var floordiv: Double
            if div != 0 {
                floordiv = div.rounded(.down)
                if div - floordiv > 0.5 { floordiv += 1 }
            } else {
                floordiv = copysign(0, a / b)
            }
            return .float(op == .modulo ? mod : floordiv)
        case .power:
            if a == 0 && b < 0 { throw Diagnostic(.zeroDivisionError, "0.0 cannot be raised to a negative power", at: span) }
            if a < 0 && b.rounded() != b && b.isFinite {
                throw Diagnostic(.valueError, "a negative number cannot be raised to a fractional power (the result would be complex)", at: span)
            }
            let r = pow(a, b)
            if r.isInfinite && a.isFinite && b.isFinite {
                throw Diagnostic(.overflowError, "(34, 'Numerical result out of range')", at: span)
            }
            return .float(r)
        default: return nil
        }
    }

    func unary(_ op: UnaryOp, _ v: Value, span: Span) throws -> Value {
        if op == .not { return .bool(!v.isTruthy) }
        if case .object(let o) = v, let r = try o.unaryOperation(op, context: context(span)) { return r }
        switch (op, v) {
        case (.negate, _) where v.asInt != nil:
            let i = v.asInt!
            if i == Int.min { throw Diagnostic(.overflowError, "integer overflow: -(\(i)) does not fit in Fovea's 64-bit int", at: span) }
            return .int(-i)
        case (.negate, .float(let d)): return .float(-d)
        case (.plus, _) where v.asInt != nil: return .int(v.asInt!)
        case (.plus, .float): return v
        case (.invert, _) where v.asInt != nil: return .int(~v.asInt!)
        default:
            throw Diagnostic(.typeError, "bad operand type for unary \(op.rawValue): '\(v.typeName)'", at: span)
        }
    }

    // MARK: comparison

    func compare(_ op: CompareOp, _ l: Value, _ r: Value, span: Span) throws -> Value {
        switch op {
        case .is: return .bool(Interpreter.identical(l, r))
        case .isNot: return .bool(!Interpreter.identical(l, r))
        case .in: return .bool(try contains(r, l, span: span))
        case .notIn: return .bool(!(try contains(r, l, span: span)))
        default: break
        }
        if case .object(let o) = l, let v = try o.comparison(op, r, reflected: false, context: context(span)) { return v }
        if case .object(let o) = r, let v = try o.comparison(op, l, reflected: true, context: context(span)) { return v }
        switch op {
        case .eq: return .bool(try located(span) { try Interpreter.equal(l, r) })
        case .ne: return .bool(!(try located(span) { try Interpreter.equal(l, r) }))
        default: break
        }
        let ordering = try order(l, r, op: op, span: span)
        switch op {
        case .lt: return .bool(ordering < 0)
        case .le: return .bool(ordering <= 0)
        case .gt: return .bool(ordering > 0)
        default: return .bool(ordering >= 0)
        }
    }

    /// -1, 0, 1; NaN compares as unordered (every comparison false), reported as 2 for `<`... handled by callers via doubles.
    /// `depth`: lists and tuples this comparison is inside (RecursionError past `Value.maxNesting`).
    func order(_ l: Value, _ r: Value, op: CompareOp, span: Span, depth: Int = 0) throws -> Int {
        if let a = l.asInt, let b = r.asInt { return a < b ? -1 : (a == b ? 0 : 1) }
        if let a = l.asDouble, let b = r.asDouble {
            if a.isNaN || b.isNaN { return op == .lt || op == .le ? 1 : -1 }   // every ordering is False
            return a < b ? -1 : (a == b ? 0 : 1)
        }
        switch (l, r) {
        case (.str(let a), .str(let b)):
            if a == b { return 0 }
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value } ? -1 : 1
        case (.tuple(let a), .tuple(let b)): return try orderSequences(a, b, op: op, span: span, depth: depth)
        case (.list(let a), .list(let b)): return try orderSequences(a.items, b.items, op: op, span: span, depth: depth)
        case (.object, _), (_, .object):
            // Objects that define `<` (`__lt__`): sorted(), min() and max() order them by it.
            if let less = try objectLessThan(l, r, span: span), let greater = try objectLessThan(r, l, span: span) {
                return less ? -1 : (greater ? 1 : 0)
            }
            throw Diagnostic(.typeError, "'\(op.rawValue)' not supported between instances of '\(l.typeName)' and '\(r.typeName)'", at: span)
        default:
            throw Diagnostic(.typeError, "'\(op.rawValue)' not supported between instances of '\(l.typeName)' and '\(r.typeName)'", at: span)
        }
    }

    /// `l < r` as the objects' own comparison says; nil when neither defines it.
    private func objectLessThan(_ l: Value, _ r: Value, span: Span) throws -> Bool? {
        if case .object(let o) = l, let v = try o.comparison(.lt, r, reflected: false, context: context(span)) { return v.isTruthy }
        if case .object(let o) = r, let v = try o.comparison(.lt, l, reflected: true, context: context(span)) { return v.isTruthy }
        return nil
    }

    private func orderSequences(_ a: [Value], _ b: [Value], op: CompareOp, span: Span, depth: Int) throws -> Int {
        if depth >= Value.maxNesting { throw Value.recursionError("in comparison", at: span) }
        for (x, y) in zip(a, b) where !(try located(span) { try Interpreter.equal(x, y) }) {
            return try order(x, y, op: op, span: span, depth: depth + 1)
        }
        return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
    }

    /// `l == r`. `depth`: the lists, tuples and dicts this comparison is inside; past
    /// `Value.maxNesting` it is a RecursionError (without a span), as in CPython.
    static func equal(_ l: Value, _ r: Value, depth: Int = 0) throws -> Bool {
        if let a = l.asInt, let b = r.asInt { return a == b }
        if let a = l.asDouble, let b = r.asDouble { return a == b }
        func deeper() throws -> Int {
            if depth >= Value.maxNesting { throw Value.recursionError("in comparison") }
            return depth + 1
        }
        switch (l, r) {
        case (.none, .none): return true
        case (.str(let a), .str(let b)): return a == b
        case (.tuple(let a), .tuple(let b)):
            guard a.count == b.count else { return false }
            let d = try deeper()
            return try zip(a, b).allSatisfy { try equal($0, $1, depth: d) }
        case (.list(let a), .list(let b)):
            if a === b { return true }
            guard a.items.count == b.items.count else { return false }
            let d = try deeper()
            return try zip(a.items, b.items).allSatisfy { try equal($0, $1, depth: d) }
        case (.dict(let a), .dict(let b)):
            if a === b { return true }
            guard a.count == b.count else { return false }
            let d = try deeper()
            for (k, v) in a.entries {
                guard let h = k.hashKey, let w = b.get(h), try equal(v, w, depth: d) else { return false }
            }
            return true
        case (.object(let a as DictView), .object(let b as DictView)):
            // Views show their dict's contents, which may hold views again: compare them here,
            // where the depth is counted.
            guard a.kind == b.kind else { return false }
            return try equal(.list(a.elements), .list(b.elements), depth: try deeper())
        case (.range(let a), .range(let b)):
            return a.count == b.count && (a.count == 0 || (a.start == b.start && (a.count == 1 || a.step == b.step)))
        case (.object(let o), _): return o.isEqual(to: r) ?? identical(l, r)
        case (_, .object(let o)): return o.isEqual(to: l) ?? identical(l, r)
        default: return identical(l, r)
        }
    }

    static func identical(_ l: Value, _ r: Value) -> Bool {
        switch (l, r) {
        case (.none, .none): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern
        case (.str(let a), .str(let b)): return a == b
        case (.tuple(let a), .tuple(let b)): return a.isEmpty && b.isEmpty
        case (.list(let a), .list(let b)): return a === b
        case (.dict(let a), .dict(let b)): return a === b
        case (.function(let a), .function(let b)): return a === b
        case (.native(let a), .native(let b)): return a.qualifiedName == b.qualifiedName && a.receiverType == nil
        case (.module(let a), .module(let b)): return a === b
        case (.type(let a), .type(let b)): return a === b || a.qualifiedName == b.qualifiedName
        case (.iterator(let a), .iterator(let b)): return a === b
        case (.object(let a), .object(let b)): return a === b
        default: return false
        }
    }

    func contains(_ container: Value, _ item: Value, span: Span) throws -> Bool {
        switch container {
        case .str(let s):
            guard case .str(let sub) = item else {
                throw Diagnostic(.typeError, "'in <string>' requires string as left operand, not \(item.typeName)", at: span)
            }
            return sub.isEmpty || Strings.find(sub, in: s) != nil
        case .list(let l): return try located(span) { try l.items.contains { try Interpreter.equal($0, item) } }
        case .tuple(let t): return try located(span) { try t.contains { try Interpreter.equal($0, item) } }
        case .dict(let d):
            guard let h = try item.checkedHashKey(at: span) else { throw Diagnostic(.typeError, "unhashable type: '\(item.typeName)'", at: span) }
            return d.get(h) != nil
        case .range(let r):
            guard let i = item.asInt else { return false }
            let n = r.count
            guard n > 0 else { return false }
            let (off, o) = i.subtractingReportingOverflow(r.start)
            if o || off % r.step != 0 { return false }
            let k = off / r.step
            return k >= 0 && k < n
        case .iterator, .object:
            if case .object(let o) = container, let found = try located(span, { try o.contains(item, context: context(span)) }) {
                return found
            }
            guard let it = try? iterator(container, span: span) else { break }
            while let v = try it.next() { if try located(span, { try Interpreter.equal(v, item) }) { return true } }
            return false
        default: break
        }
        throw Diagnostic(.typeError, "argument of type '\(container.typeName)' is not iterable", at: span)
    }
}

/// Refuses results too large to build (instead of exhausting the machine's memory).
enum Limits {
    static let maxBytes = 1 << 30
    static let maxElements = 50_000_000
    /// The most output `files = !command` keeps.
    static let maxCapturedOutput = 256 << 20

    static func check(bytes: Int, span: Span?) throws {
        if bytes > maxBytes {
            throw Diagnostic(.memoryError, "the result would need \(bytes == Int.max ? "more than 2^63" : String(bytes)) bytes; Fovea refuses strings above 1 GiB", at: span)
        }
    }

    static func check(elements: Int, times n: Int, span: Span?) throws {
        let (total, o) = elements.multipliedReportingOverflow(by: n)
        if o || total > maxElements {
            throw Diagnostic(.memoryError, "the result would have \(o ? "more than 2^63" : String(total)) elements; Fovea refuses lists above \(maxElements)", at: span)
        }
    }
}
