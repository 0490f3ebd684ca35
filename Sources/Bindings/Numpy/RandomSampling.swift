import FoveaLang
import Tensor

/// `choice`, `shuffle` and `permutation` on Python values, shared by RandomState and Generator:
/// the arguments checked in numpy's order with numpy's messages (which differ between the two),
/// the draws left to the caller's generator.
enum RandomSampling {
    /// Whose messages: the legacy RandomState's or the Generator's.
    enum Flavor { case legacy, generator }

    /// What `choice` and `permutation` draw from.
    enum Population {
        case range(Int)          // an int n: 0..<n
        case rows(Tensor)        // an array (or numbers in lists): its rows
        case values([Value])     // a list of other values (str, ...): numpy makes an array of them
    }

    /// `a` as numpy's `np.asarray(a)`; nil for a 0-d value that is not an int.
    static func population(_ v: Value, at span: Span) throws -> Population? {
        switch v {
        case .int(let n): return .range(n)
        case .bool(let b): return .range(b ? 1 : 0)
        case .object(let o as TensorObject):
            if o.tensor.shape.rank > 0 { return .rows(o.tensor) }
            return o.tensor.dtype.isFloat ? nil : .range(Int(o.tensor.integer(at: 0)))
        case .range(let r):
            try indexMemory(r.count, at: span)
            return .rows(try ArrayValues.array(.list((0..<r.count).map { .int(r.element($0)) }), at: span))
        case .list, .tuple:
            let items = KerasArguments.sequence(v) ?? []
            let numeric = items.allSatisfy { item in
                switch item {
                case .int, .float, .bool, .list, .tuple: return true
                case .object(let o): return o is TensorObject
                default: return false
                }
            }
            if numeric { return .rows(try ArrayValues.array(v, argument: "a", at: span)) }
            if items.contains(where: { KerasArguments.sequence($0) != nil }) {
                throw Diagnostic(.typeError, "Fovea's arrays hold numbers: a list of lists of other values cannot be sampled", at: span)
            }
            return .values(items)
        default: return nil
        }
    }

    /// `choice(a, size=None, replace=True, p=None)`: `draw(population, count, replace, p)` gives
    /// the indices.
    static func choice(_ a: BoundArguments, _ flavor: Flavor,
                       draw: (Int, Int, Bool, [Double]?) -> [Int]) throws -> Value {
        let legacy = flavor == .legacy
        let span = a.span(of: "a")
        let dims = try RandomArguments.size(a, negative: true)
        let replace = a.bool("replace")
        let anyDrawn = RandomArguments.count(dims) != 0
        guard let population = try population(a["a"]!, at: span) else {
            throw Diagnostic(.valueError, legacy ? "a must be 1-dimensional or an integer"
                                                 : "a must be a sequence or an integer, not <class '\(a["a"]!.typeName)'>", at: span)
        }
        let size: Int
        switch population {
        case .range(let n):
            if n <= 0 && anyDrawn {
                throw Diagnostic(.valueError, legacy ? "a must be greater than 0 unless no samples are taken"
                                                     : "a must be a positive integer unless no samples are taken", at: span)
            }
            size = n
        case .rows(let t):
            if legacy && t.shape.rank != 1 { throw Diagnostic(.valueError, "a must be 1-dimensional", at: span) }
            size = t.shape.dims[0]
            if size == 0 && anyDrawn {
                throw Diagnostic(.valueError, legacy ? "'a' cannot be empty unless no samples are taken"
                                                     : "a cannot be empty unless no samples are taken", at: span)
            }
        case .values(let items): size = items.count
        }
        let p = try probabilities(a, size: size, legacy: legacy)
        let count = RandomArguments.count(dims)
        let negative = dims?.contains { $0 < 0 } ?? false
        if replace {
            if negative { throw Diagnostic(.valueError, "negative dimensions are not allowed", at: a.span(of: "size")) }
        } else {
            if count > size {
                throw Diagnostic(.valueError, "Cannot take a larger sample than population when "
                                 + (legacy ? "'replace=False'" : "replace is False"), at: a.span(of: "size"))
            }
            if negative {
                throw Diagnostic(.valueError, "\(legacy ? "N" : "n")egative dimensions are not allowed", at: a.span(of: "size"))
            }
            if let p, p.filter({ $0 > 0 }).count < count {
                throw Diagnostic(.valueError, "Fewer non-zero entries in p than size", at: a.span(of: "p"))
            }
        }
        // The indices' memory (and for RandomState's sample, the whole population's, which it
        // permutes) is checked before anything is drawn.
        try indexMemory(count, at: a.callSpan)
        if legacy && !replace && p == nil { try indexMemory(max(size, 0), at: a.callSpan) }
        let idx = draw(size, count, replace, p)
        switch population {
        case .range:
            let t = try RandomResults.indexArray(idx, dims, at: a.callSpan)
            return dims == nil ? .int(idx[0]) : .object(TensorObject(t))
        case .rows(let t):
            let rows = try ArrayValues.run(a.callSpan) { try t.selecting(try RandomResults.indexArray(idx, dims, at: a.callSpan)) }
            return ArrayValues.wrap(rows)
        case .values(let items):
            return RandomResults.nested(idx.map { items[$0] }, dims ?? [])
        }
    }

    /// Refuses, as numpy's allocation would, `n` indices that do not fit in memory.
    private static func indexMemory(_ n: Int, at span: Span) throws {
        let (bytes, overflow) = n.multipliedReportingOverflow(by: 8)
        try ArrayValues.run(span) { try MemoryGuard.check(bytes: overflow ? .max : bytes, what: overflow ? "the indices" : "\(n) int64 indices") }
    }

    /// `p=`: the weights, checked against a population of `size`; nil when not given.
    private static func probabilities(_ a: BoundArguments, size: Int, legacy: Bool) throws -> [Double]? {
        guard let v = a["p"], !v.isNone else { return nil }
        let span = a.span(of: "p")
        let t = try ArrayValues.array(v, dtype: nil, argument: "p", at: span)
        let values = t.doubleArray
        if t.shape.rank != 1 { throw Diagnostic(.valueError, legacy ? "'p' must be 1-dimensional" : "p must be 1-dimensional", at: span) }
        let float32 = t.dtype == .float32  // a float32 array: numpy allows its coarser sum
        switch WeightedChoice.problem(values, size: size, float32: float32) {
        case nil: return values
        case .sizeMismatch?: throw Diagnostic(.valueError, legacy ? "'a' and 'p' must have same size" : "a and p must have same size", at: span)
        case .nan?: throw Diagnostic(.valueError, legacy ? "probabilities contain NaN" : "Probabilities contain NaN", at: span)
        case .negative?: throw Diagnostic(.valueError, legacy ? "probabilities are not non-negative" : "Probabilities are not non-negative", at: span)
        case .notSummingToOne?:
            throw Diagnostic(.valueError, legacy ? "probabilities do not sum to 1"
                             : "Probabilities do not sum to 1. See Notes section of docstring for more information.", at: span)
        }
    }

    /// `shuffle(x)`: a list or an array's rows, in place. `shuffle` makes numpy's swaps on
    /// indices; the rows are then put in that order (the same result as swapping them).
    static func shuffle(_ a: BoundArguments, _ flavor: Flavor, shuffle: (inout [Int]) -> Void) throws -> Value {
        let x = a["x"]!, span = a.span(of: "x")
        switch x {
        case .list(let box):
            var order = Array(box.items.indices)
            shuffle(&order)
            let items = box.items
            box.items = order.map { items[$0] }
        case .object(let o as TensorObject) where o.tensor.shape.rank > 0:
            let t = o.tensor
            // The Generator returns at once for an empty array; RandomState still draws.
            if flavor == .generator && t.count == 0 { return .none }
            var order = Array(0..<t.shape.dims[0])
            shuffle(&order)
            try ArrayValues.run(span) {
                let rows = try t.selecting(try Tensor(shape: [order.count], int64s: order.map(Int64.init)))
                try t.assign([.all], rows)
            }
        case .object(let o as TensorObject):
            throw Diagnostic(.typeError, "object of type 'numpy.\(o.tensor.dtype.rawValue)' has no len()", at: span)
        case .tuple, .str:
            throw Diagnostic(.typeError, "'\(x.typeName)' object does not support item assignment", at: span)
        default:
            throw Diagnostic(.typeError, "object of type '\(x.typeName)' has no len()", at: span)
        }
        return .none
    }

    /// `permutation(x)`: `range(x)` shuffled for an int, else a shuffled copy of x's rows.
    static func permutation(_ a: BoundArguments, _ flavor: Flavor, shuffle: (inout [Int]) -> Void) throws -> Value {
        let x = RandomArguments.plain(a["x"]!), span = a.span(of: "x")
        let population: Population?
        switch x {
        case .int, .bool: population = try self.population(x, at: span)
        case .object(let o as TensorObject) where o.tensor.shape.rank == 0: population = nil
        default: population = try self.population(x, at: span).flatMap { if case .range = $0 { return nil } else { return $0 } }
        }
        guard let population else {
            if flavor == .legacy { throw Diagnostic(.indexError, "x must be an integer or at least 1-dimensional", at: span) }
            throw Diagnostic(ArrayValues.axisError, "axis 0 is out of bounds for array of dimension 0", at: span)
        }
        switch population {
        case .range(let n):
            try indexMemory(max(n, 0), at: span)
            var order = Array(0..<max(n, 0))
            shuffle(&order)
            return .object(TensorObject(try RandomResults.indexArray(order, [order.count], at: a.callSpan)))
        case .rows(let t):
            var order = Array(0..<t.shape.dims[0])
            shuffle(&order)
            let rows = try ArrayValues.run(a.callSpan) { try t.selecting(try RandomResults.indexArray(order, [order.count], at: a.callSpan)) }
            return .object(TensorObject(rows))
        case .values(let items):
            var order = Array(items.indices)
            shuffle(&order)
            return .list(order.map { items[$0] })
        }
    }
}
