import FoveaLang
import Tensor

/// A Tensor seen from the language as a numpy array: what `predict` returns, what
/// `load_data()` gives and what `np.array` makes. Attributes and methods are in
/// TensorMethods.swift, indexing in TensorIndexing.swift, printing in ArrayFormat.swift.
/// Operations return new tensors (copies) except reshape/expand_dims/squeeze, which share storage.
/// NumpyScalar subclasses it for numpy's scalars, EagerTensorObject for TensorFlow's tensors; what
/// they override is declared here, in the class.
class TensorObject: FoveaObject {
    let tensor: Tensor
    init(_ tensor: Tensor) { self.tensor = tensor }

    /// The values others read from this object (numpy functions, Keras, tf functions): the
    /// tensor itself; a tf.Variable gives a copy of its current value, which `assign` changes.
    func read() -> Tensor { tensor }

    /// `int(a)` and `float(a)` of a one-element array.
    func scalarValue() -> Value? { tensor.count == 1 ? ArrayValues.pythonNumber(tensor) : nil }
    /// Arrays are not indices (numpy scalars of integer type are).
    func indexValue() -> Int? { nil }
    func hashKey(at span: Span?, depth: Int) throws -> HashKey? { nil }
    func isEqual(to other: Value) -> Bool? { nil }
    var hostClass: AnyHostClass? { TensorObject.binding }
    /// Whether an array operator with this object on the other side leaves the operation to it,
    /// as numpy does for objects with a higher `__array_priority__` (tf tensors: `np_array + t` is
    /// `t.__radd__(np_array)`, a tf tensor).
    var takesPriority: Bool { false }

    var typeName: String { "ndarray" }
    var doc: String {
        "An array of numbers with a shape, as numpy's ndarray: x.shape, x.dtype, x.reshape(-1, 28, 28, 1), x.astype('float32') / 255.0, x[:100], x.max(), x.argmax(axis=1)."
    }
    var isHashable: Bool { false }

    func repr() -> String { ArrayFormat.repr(tensor) }
    func str() -> String { ArrayFormat.str(tensor) }
    /// `f"{x}"`: an array formats as `str`, a numpy scalar with a spec as its number (Format).
    func formatted(_ spec: String) throws -> String? { nil }

    func length() -> Int? { tensor.shape.rank == 0 ? nil : tensor.shape.dims[0] }

    var isTruthy: Bool { tensor.count == 1 ? tensor.scalar(at: 0) != 0 : tensor.count > 0 }

    func makeIterator(context: CallContext) throws -> IteratorBox? {
        guard tensor.shape.rank > 0 else {
            throw Diagnostic(.typeError, "iteration over a 0-d array", at: context.span)
        }
        var i = 0
        let t = tensor
        return IteratorBox("iterator") {
            guard i < t.shape.dims[0] else { return nil }
            defer { i += 1 }
            return ArrayValues.wrap(try t.indexed([.index(i)]))
        }
    }

    /// `x[index]` and `x[index] = v` (TensorIndexing.swift).
    func getItem(_ index: Value, context: CallContext) throws -> Value? { try arrayItem(index, context: context) }
    func setItem(_ index: Value, _ value: Value, context: CallContext) throws -> Bool { try setArrayItem(index, value, context: context) }

    /// Whether `other` is an object that takes array operators from this one (`takesPriority`).
    func defers(to other: Value) -> Bool {
        guard case .object(let o) = other, let t = o as? TensorObject else { return false }
        return t.takesPriority && !takesPriority
    }

    func binaryOperation(_ op: BinaryOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        if defers(to: other) { return nil }
        let arithmetic: ArithmeticOp
        switch op {
        case .add: arithmetic = .add
        case .subtract: arithmetic = .subtract
        case .multiply: arithmetic = .multiply
        case .divide: arithmetic = .divide
        case .floorDivide: arithmetic = .floorDivide
        case .modulo: arithmetic = .remainder
        case .power: arithmetic = .power
        case .bitAnd: arithmetic = .bitAnd
        case .bitOr: arithmetic = .bitOr
        case .bitXor: arithmetic = .bitXor
        case .matmul:
            guard let o = try ArrayValues.operand(other, at: context.span), case .tensor(let t) = o else { return nil }
            return try ArrayValues.run(context.span) { ArrayValues.wrap(reflected ? try t.dot(tensor) : try tensor.dot(t)) }
        default: return nil
        }
        guard let o = try ArrayValues.operand(other, at: context.span) else { return nil }
        let me = Operand.tensor(tensor)
        return try ArrayValues.run(context.span) {
            ArrayValues.wrap(try Tensor.arithmetic(arithmetic, reflected ? o : me, reflected ? me : o))
        }
    }

    func comparison(_ op: CompareOp, _ other: Value, reflected: Bool, context: CallContext) throws -> Value? {
        if defers(to: other) { return nil }
        var cmp: ComparisonOp
        switch op {
        case .eq: cmp = .equal
        case .ne: cmp = .notEqual
        case .lt: cmp = .less
        case .le: cmp = .lessEqual
        case .gt: cmp = .greater
        case .ge: cmp = .greaterEqual
        default: return nil
        }
        guard let o = try ArrayValues.operand(other, at: context.span) else {
            if op == .eq || op == .ne { return nil }
            throw Diagnostic(.typeError, "'\(op.rawValue)' not supported between instances of 'ndarray' and '\(other.typeName)'", at: context.span)
        }
        if reflected {
            // `3 < x` arrives as x reflected: flip the comparison.
            switch cmp {
            case .less: cmp = .greater
            case .lessEqual: cmp = .greaterEqual
            case .greater: cmp = .less
            case .greaterEqual: cmp = .lessEqual
            default: break
            }
        }
        let c = cmp
        return try ArrayValues.run(context.span) { ArrayValues.wrap(try Tensor.compare(c, .tensor(tensor), o)) }
    }

    func unaryOperation(_ op: UnaryOp, context: CallContext) throws -> Value? {
        try ArrayValues.run(context.span) {
            switch op {
            case .negate: return ArrayValues.wrap(try tensor.negated())
            case .plus: return .object(TensorObject(tensor.copy()))
            case .invert: return ArrayValues.wrap(try tensor.inverted())
            case .absolute: return ArrayValues.wrap(try tensor.mapped(.abs))
            default: return nil
            }
        }
    }
}

extension TensorObject {
    /// A float32 tensor from a Tensor object or nested lists/tuples of numbers (for Keras calls).
    static func tensor(from value: Value, argument: String, at span: Span) throws -> Tensor {
        if case .object(let o) = value, let t = o as? TensorObject {
            let v = t.read()
            return v.dtype == .float32 ? v : v.converted(to: .float32)
        }
        guard KerasArguments.sequence(value) != nil || value.asDouble != nil else {
            throw Diagnostic(.typeError, "\(argument) must be an array of numbers. Received a value of type '\(value.typeName)'", at: span)
        }
        return try ArrayValues.array(value, dtype: .float32, argument: argument, at: span)
    }
}
