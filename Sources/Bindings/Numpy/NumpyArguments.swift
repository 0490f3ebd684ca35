import FoveaLang
import Tensor

/// Reading numpy function arguments: array-likes (lists, tuples, arrays, numbers), sequences of
/// them, integer lists (`reps`, `indices`), axes and dtypes, each failing with a located Python
/// error the way numpy would.
enum NumpyArguments {
    typealias Body = (BoundArguments, CallContext) throws -> Value

    static func function(_ name: String, _ doc: String, _ parameters: [NativeParameter], _ body: @escaping Body) -> NativeFunction {
        NativeFunction(name, doc: doc, parameters: parameters) { args, ctx in try body(args, ctx) }
    }

    /// An array-like argument: an array, a (nested) list or tuple of numbers, or a number.
    static func array(_ args: BoundArguments, _ name: String, dtype: DType? = nil) throws -> Tensor {
        try ArrayValues.array(args[name] ?? .none, dtype: dtype, argument: name, at: args.span(of: name))
    }

    /// An array-like argument, or nil when it is absent or None.
    static func optionalArray(_ args: BoundArguments, _ name: String) throws -> Tensor? {
        guard let v = args[name], !v.isNone else { return nil }
        return try array(args, name)
    }

    /// A sequence of array-likes (`np.concatenate((a, b))`): a list or tuple, or an array's rows.
    static func arrays(_ args: BoundArguments, _ name: String, function: String) throws -> [Tensor] {
        let v = args[name] ?? .none
        let span = args.span(of: name)
        if case .object(let o) = v, let t = o as? TensorObject, t.tensor.shape.rank > 0 {
            return try ArrayValues.run(span) { try (0..<t.tensor.shape.dims[0]).map { try t.tensor.indexed([.index($0)]) } }
        }
        guard let items = KerasArguments.sequence(v) else {
            throw Diagnostic(.typeError, function == "concatenate" ? "dispatcher for __array_function__ did not return an iterable"
                             : "arrays to stack must be passed as a \"sequence\" type such as list or tuple.", at: span)
        }
        return try items.map { try ArrayValues.array($0, argument: name, at: span) }
    }

    /// An integer (a Python int, or a numpy integer scalar), with Python's TypeError otherwise.
    static func int(_ args: BoundArguments, _ name: String) throws -> Int {
        let v = args[name] ?? .none
        if case .bool = v { return v.asInt! }
        guard let i = v.asInt else {
            throw Diagnostic(.typeError, "'\(v.typeName)' object cannot be interpreted as an integer", at: args.span(of: name))
        }
        return i
    }

    /// What an integer list does with floats: numpy's repeat casts them (truncating), tile and
    /// split refuse them with their own TypeError.
    enum Floats {
        case truncate
        case reject(String)
    }

    /// An int, or a list/tuple/array of ints (`reps`, `repeats`, split indices).
    static func ints(_ v: Value, argument: String, at span: Span, floats: Floats = .truncate) throws -> [Int] {
        if let i = v.asInt { return [i] }
        let t = try ArrayValues.array(v, argument: argument, at: span)
        if t.dtype.isFloat, t.count > 0, case .reject(let message) = floats { throw Diagnostic(.typeError, message, at: span) }
        return (0..<t.count).map { Int(t.integer(at: $0)) }
    }

    /// `axis=`: None, an int or a numpy integer scalar.
    static func axis(_ args: BoundArguments, _ name: String = "axis") throws -> Int? {
        guard let v = args[name], !v.isNone else { return nil }
        if case .bool = v {} else if let i = v.asInt { return i }
        throw Diagnostic(.typeError, "'\(v.typeName)' object cannot be interpreted as an integer", at: args.span(of: name))
    }

    /// `axis=` that may also be a tuple of ints.
    static func axes(_ args: BoundArguments, _ name: String = "axis") throws -> [Int]? {
        guard let v = args[name], !v.isNone else { return nil }
        if let items = KerasArguments.sequence(v) {
            return try items.map { item in
                guard let i = item.asInt else {
                    throw Diagnostic(.typeError, "'\(item.typeName)' object cannot be interpreted as an integer", at: args.span(of: name))
                }
                return i
            }
        }
        return try axis(args, name).map { [$0] }
    }

    /// `dtype=`: nil when absent or None.
    static func dtype(_ args: BoundArguments, _ name: String = "dtype") throws -> DType? {
        guard let v = args[name], !v.isNone else { return nil }
        return try ArrayValues.dtype(v, argument: name, at: args.span(of: name))
    }

    /// A Python number as a weak operand, a numpy scalar or array as itself.
    static func operand(_ v: Value, at span: Span) throws -> Operand {
        if let o = try ArrayValues.operand(v, at: span) { return o }
        return .tensor(try ArrayValues.array(v, at: span))
    }

    /// The tensor of a value numpy would turn into an array for `full`'s fill value, converting a
    /// Python int into an integer type with numpy's OverflowError when it does not fit.
    static func fill(_ v: Value, dtype: DType?, at span: Span) throws -> Tensor {
        if case .int(let i) = v, let dtype, dtype != .bool, let range = dtype.integerRange, !range.contains(Int64(i)) {
            throw Diagnostic(.overflowError, "Python integer \(i) out of bounds for \(dtype.rawValue)", at: span)
        }
        return try ArrayValues.array(v, at: span)
    }

    /// Whether a keyword flag is set (Python truthiness).
    static func flag(_ args: BoundArguments, _ name: String) -> Bool { args[name]?.isTruthy ?? false }

    /// An array result (numpy scalars for 0-d ones).
    static func result(_ t: Tensor) -> Value { ArrayValues.wrap(t) }

    /// Several array results as a tuple.
    static func tuple(_ ts: [Tensor]) -> Value { .tuple(ts.map { ArrayValues.wrap($0) }) }

    /// Several arrays as a Python list (split's result).
    static func list(_ ts: [Tensor]) -> Value { .list(ListBox(ts.map { .object(TensorObject($0)) })) }
}
