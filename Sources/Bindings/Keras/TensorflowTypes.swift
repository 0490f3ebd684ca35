import FoveaLang
import Tensor

extension EagerTensorObject {
    static let tensorBinding: HostClass<EagerTensorObject> = {
        // No module: the type name is already TF's full one (type(t) is
        // <class 'tensorflow.python.framework.ops.EagerTensor'>, as its C type names itself).
        let c = HostClass<EagerTensorObject>("Tensor", module: nil, doc: """
            A tf.Tensor: an immutable array of one dtype. t.numpy() gives its values as a numpy array, \
            t.shape its TensorShape, t.dtype its tf.DType.
            """)
        c.property("shape", doc: "The length of each axis, as a TensorShape: TensorShape([1, 10]).") { t, _ in .object(TensorShapeObject(t.tensor.shape.dims)) }
        c.property("dtype", doc: "The element type, a tf.DType: tf.float32, tf.int32, ...") { t, _ in .object(TFDTypeObject.of(t.tensor.dtype)) }
        c.property("ndim", doc: "The number of axes.") { t, _ in .int(t.tensor.shape.rank) }
        c.property("device", doc: "Where the tensor lives: Fovea computes on the CPU.") { _, _ in .str("/job:localhost/replica:0/task:0/device:CPU:0") }
        c.method("numpy", doc: "A copy of the values as a numpy array (a numpy scalar for a tensor of shape ()).") { t, _, _ in
            ArrayValues.wrap(t.read().copy())
        }
        c.method("get_shape", doc: "The TensorShape, as t.shape.") { t, _, _ in .object(TensorShapeObject(t.tensor.shape.dims)) }
        return c
    }()
}

/// `tf.float32`, `tf.int32`, ...: TensorFlow's dtypes. One object per dtype (`t.dtype is tf.float32`);
/// shown as `tf.float32`, printed as `<dtype: 'float32'>`, equal to numpy's dtype and type of the
/// same name and to the name itself, and accepted as `dtype=` by numpy, Keras and tf functions.
final class TFDTypeObject: FoveaObject {
    let dtype: DType
    private init(_ dtype: DType) { self.dtype = dtype }
    private static let all: [DType: TFDTypeObject] = Dictionary(uniqueKeysWithValues: DType.allCases.map { ($0, TFDTypeObject($0)) })
    static func of(_ d: DType) -> TFDTypeObject { all[d]! }

    var typeName: String { "DType" }
    var doc: String { "A TensorFlow dtype, such as tf.float32: its name, and whether it is floating, integer or bool." }
    func repr() -> String { TF.dtypeRepr(dtype) }
    func str() -> String { "<dtype: '\(dtype.rawValue)'>" }
    var hostClass: AnyHostClass? { TFDTypeObject.binding }

    func isEqual(to other: Value) -> Bool? {
        switch other {
        case .str(let s): return s == dtype.rawValue
        case .type(let t): return t.name == dtype.rawValue || (t.name == "bool_" && dtype == .bool)
        case .object(let o): return ((o as? TFDTypeObject)?.dtype ?? (o as? DTypeObject)?.dtype) == dtype
        default: return false
        }
    }

    static let binding = HostClass<TFDTypeObject>("DType", module: "tensorflow.python.framework.dtypes", doc: "A TensorFlow dtype.")
        .property("name", doc: "The dtype's name: 'float32'.") { d, _ in .str(d.dtype.rawValue) }
        .property("size", doc: "Bytes per element.") { d, _ in .int(d.dtype.byteSize) }
        .property("is_floating", doc: "Whether it is float32 or float64.") { d, _ in .bool(d.dtype.isFloat) }
        .property("is_integer", doc: "Whether it is an integer type (uint8, int32, int64).") { d, _ in .bool(d.dtype.isInteger && d.dtype != .bool) }
        .property("is_bool", doc: "Whether it is tf.bool.") { d, _ in .bool(d.dtype == .bool) }
        .property("base_dtype", doc: "The dtype itself.") { d, _ in .object(d) }
}

/// `t.shape`: TF's TensorShape. Shown as `TensorShape([1, 10])`, printed as `(1, 10)`; an index
/// gives an int and a slice a TensorShape; equal to the tuple or list of the same ints; accepted
/// wherever a shape is (`np.zeros(t.shape)`, `tf.zeros(t.shape)`, `input_shape=t.shape[1:]`).
final class TensorShapeObject: FoveaObject {
    let dims: [Int]
    init(_ dims: [Int]) { self.dims = dims }

    var typeName: String { "TensorShape" }
    var doc: String { "The shape of a tf tensor: shape[0], shape.as_list(), shape.rank; equal to a tuple of the same ints." }
    func repr() -> String { "TensorShape([\(dims.map(String.init).joined(separator: ", "))])" }
    func str() -> String { Shape(dims).description }
    var hostClass: AnyHostClass? { TensorShapeObject.binding }
    func length() -> Int? { dims.count }
    var isTruthy: Bool { true }

    func isEqual(to other: Value) -> Bool? {
        if case .object(let o as TensorShapeObject) = other { return o.dims == dims }
        guard let items = KerasArguments.sequence(other), let ints = KerasArguments.ints(items) else { return false }
        return ints == dims
    }

    func makeIterator(context: CallContext) throws -> IteratorBox? {
        var i = 0
        let d = dims
        return IteratorBox("iterator") {
            guard i < d.count else { return nil }
            defer { i += 1 }
            return .int(d[i])
        }
    }

    func getItem(_ index: Value, context: CallContext) throws -> Value? {
        if case .object(let s as SliceValue) = index {
            func bound(_ b: Value) throws -> Int? {
                if b.isNone { return nil }
                guard let i = b.asInt else { throw Diagnostic(.typeError, "slice indices must be integers or None or have an __index__ method", at: context.span) }
                return i
            }
            let (start, step, n) = try ArrayValues.run(context.span) {
                try Tensor.sliceIndices(try bound(s.lower), try bound(s.upper), try bound(s.step), count: dims.count)
            }
            return .object(TensorShapeObject((0..<n).map { dims[start + $0 * step] }))
        }
        guard let i = index.asInt ?? { if case .object(let o) = index { return o.indexValue() }; return nil }() else {
            throw Diagnostic(.typeError, "tuple indices must be integers or slices, not \(index.typeName)", at: context.span)
        }
        guard i < dims.count && i >= -dims.count else { throw Diagnostic(.indexError, "tuple index out of range", at: context.span) }
        return .int(dims[i < 0 ? i + dims.count : i])
    }

    static let binding = HostClass<TensorShapeObject>("TensorShape", module: "tensorflow.python.framework.tensor_shape", doc: "The shape of a tf tensor.")
        .property("rank", doc: "The number of axes.") { s, _ in .int(s.dims.count) }
        .property("ndims", doc: "The number of axes (rank).") { s, _ in .int(s.dims.count) }
        .method("as_list", doc: "The dimensions as a list of ints: [1, 10].") { s, _, _ in .list(ListBox(s.dims.map(Value.int))) }
        .method("num_elements", doc: "The number of elements: the product of the dimensions.") { s, _, _ in .int(s.dims.reduce(1, *)) }
        .method("is_fully_defined", doc: "Whether every dimension is known: always True for an eager tensor.") { _, _, _ in .bool(true) }
}

/// `tf.Variable`: a tensor whose value `assign`, `assign_add` and `assign_sub` change in place
/// (the shape and dtype stay). It computes as a tensor (`v * 2` is a tf.Tensor) and reads a copy
/// of its value for everything else, so an earlier read never changes. `assign` returns the
/// variable as TF's `UnreadVariable` (the same storage, shown under that name).
final class VariableObject: EagerTensorObject {
    let name: String
    var trainable: Bool
    init(_ tensor: Tensor, name: String, trainable: Bool) {
        self.name = name
        self.trainable = trainable
        super.init(tensor)
    }

    override var typeName: String { "ResourceVariable" }
    override var doc: String { "A tf.Variable: a tensor whose value v.assign(x), v.assign_add(x) and v.assign_sub(x) change; v.numpy() reads it." }
    override var hostClass: AnyHostClass? { VariableObject.variableBinding }
    override func read() -> Tensor { tensor.copy() }

    /// `Variable:0`, or `UnreadVariable` for what assign returns.
    var shownName: String { name == "UnreadVariable" ? name : name + ":0" }
    override func repr() -> String {
        "<tf.Variable '\(shownName)' shape=\(tensor.shape) dtype=\(tensor.dtype.rawValue), numpy=\(EagerTensorObject.numpyText(tensor, repr: true))>"
    }
    override func str() -> String { repr() }
    override func hashKey(at span: Span?, depth: Int) throws -> HashKey? {
        throw Diagnostic(.typeError, "Variable is unhashable. Instead, use variable.ref() as the key.", at: span)
    }

    /// Writes `value` (converted to the variable's dtype) into the variable: `op` combines it with
    /// the current value (assign_add, assign_sub) or replaces it.
    func update(_ value: Value, _ op: ArithmeticOp?, _ args: BoundArguments, _ argument: String) throws -> Value {
        let span = args.span(of: argument)
        let new = try TF.convert(value, dtype: tensor.dtype, at: span)
        guard new.shape == tensor.shape else {
            if op == nil {
                throw Diagnostic(.valueError, "Cannot assign value to variable ' \(shownName)': Shape mismatch.The variable shape \(tensor.shape), and the assigned value shape \(new.shape) are incompatible.", at: span)
            }
            let kernel = op == .add ? "AssignAddVariableOp" : "AssignSubVariableOp"
            throw Diagnostic(TF.invalidArgumentError, "Cannot update variable with shape \(TF.dims(tensor.shape)) using a Tensor with shape \(TF.dims(new.shape)), shapes must be equal." + TF.opSuffix(kernel, ""), at: span)
        }
        let result = try op.map { op in try ArrayValues.run(span) { try Tensor.arithmetic(op, .tensor(tensor), .tensor(new)) } } ?? new
        try ArrayValues.run(span) { try tensor.assign([], result) }
        if let r = args["read_value"], !r.isTruthy { return .none }
        return .object(VariableObject(tensor, name: "UnreadVariable", trainable: trainable))
    }

    static let variableBinding: HostClass<VariableObject> = {
        let c = HostClass<VariableObject>("Variable", module: "tensorflow.python.ops.resource_variable_ops", doc: "A tensor whose value can change: assign, assign_add, assign_sub.",
                                          base: EagerTensorObject.tensorBinding)
        c.property("name", doc: "The variable's name: 'Variable:0' unless name= was given.") { v, _ in .str(v.shownName) }
        c.property("trainable", doc: "Whether training would change it.") { v, _ in .bool(v.trainable) }
        for (method, op) in [("assign", nil), ("assign_add", ArithmeticOp.add), ("assign_sub", .subtract)] as [(String, ArithmeticOp?)] {
            let argument = op == nil ? "value" : "delta"
            let what = op == nil ? "Replace the value with" : op == .add ? "Add" : "Subtract"
            c.method(method, [.required(argument), .unsupported("use_locking"), .unsupported("name"), .optional("read_value", default: .bool(true))],
                     doc: "\(what) \(argument) (of the variable's shape, converted to its dtype); returns the variable.") { v, args, _ in
                try v.update(args[argument]!, op, args, argument)
            }
        }
        c.method("read_value", doc: "The current value, as a tf.Tensor.") { v, _, _ in TF.wrap(v.read()) }
        c.method("value", doc: "The current value, as a tf.Tensor.") { v, _, _ in TF.wrap(v.read()) }
        return c
    }()
}
