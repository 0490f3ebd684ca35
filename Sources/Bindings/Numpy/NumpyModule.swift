import FoveaLang
import PythonLibrary
import Tensor

/// `import numpy as np`: the subset lessons use to prepare data and read predictions. Arrays are
/// Fovea tensors (float32, float64, uint8, int32, int64, bool) with numpy 2's defaults and
/// promotion.
enum NumpyModule {
    static func module(_ store: SessionStore) -> ModuleValue {
        store.shared("module:numpy") { build(store) }
    }

    static func randomModule(_ store: SessionStore) -> ModuleValue {
        store.shared("module:numpy.random") { NumpyRandom.module(global: randomState(store)) }
    }

    /// The session's global numpy RandomState (what `np.random.seed` seeds), which Keras's
    /// ImageDataGenerator draws its random transforms from as well.
    static func randomState(_ store: SessionStore) -> LegacyRandomState {
        store.shared("numpy.random.state") { LegacyRandomState() }
    }

    private static func fn(_ name: String, _ doc: String, _ parameters: [NativeParameter],
                           _ body: @escaping (BoundArguments, CallContext) throws -> Value) -> NativeFunction {
        NativeFunction(name, doc: doc, parameters: parameters) { args, ctx in try body(args, ctx) }
    }

    private static func arrayArgument(_ args: BoundArguments, _ name: String = "a") throws -> Tensor {
        try ArrayValues.array(args[name]!, argument: name, at: args.span(of: name))
    }

    private static func optionalDType(_ args: BoundArguments) throws -> DType? {
        guard let v = args["dtype"], !v.isNone else { return nil }
        return try ArrayValues.dtype(v, argument: "dtype", at: args.span(of: "dtype"))
    }

    /// `np.float32`, `np.uint8`, `np.int64`, `np.bool_`, ...: usable as dtype= and callable on a
    /// number (a numpy scalar) or a list (an array).
    private static func scalarType(_ name: String, _ dtype: DType) -> TypeValue {
        let constructor = NativeFunction(name, doc: "\(name)(x)\n\nThe number x as a numpy \(dtype.rawValue) scalar; a list or array becomes an array of \(dtype.rawValue).",
                                         parameters: [.optional("x", default: .int(0))]) { args, _ in
            let x = args["x"]!
            let span = args.span(of: "x")
            if case .object(let o) = x, let t = o as? TensorObject { return ArrayValues.wrap(t.tensor.converted(to: dtype)) }
            if let items = KerasArguments.sequence(x) {
                return .object(TensorObject(try ArrayValues.array(.list(items), dtype: dtype, argument: "x", at: span)))
            }
            switch x {
            case .int(let i):
                if dtype == .bool { return ArrayValues.wrap(Tensor.scalar(integer: Int64(i), dtype: dtype)) }
                if let range = dtype.integerRange, !range.contains(Int64(i)) {
                    throw Diagnostic(.overflowError, "Python integer \(i) out of bounds for \(dtype.rawValue)", at: span)
                }
                return ArrayValues.wrap(Tensor.scalar(integer: Int64(i), dtype: dtype))
            case .bool(let b): return ArrayValues.wrap(Tensor.scalar(b ? 1 : 0, dtype: dtype))
            case .float(let d): return ArrayValues.wrap(Tensor.scalar(d, dtype: dtype))
            case .str(let s):
                guard let d = Double(s.filter { $0 != " " }) else {
                    throw Diagnostic(.valueError, "could not convert string to float: \(Repr.repr(x))", at: span)
                }
                return ArrayValues.wrap(Tensor.scalar(d, dtype: dtype))
            default:
                throw Diagnostic(.typeError, "\(name)() argument must be a number, not '\(x.typeName)'", at: span)
            }
        }
        return TypeValue(name, module: "numpy", doc: "The \(dtype.rawValue) element type: x.astype(np.\(name)), np.zeros(3, dtype=np.\(name)).",
                         constructor: constructor) { v in
            if case .object(let o as NumpyScalar) = v { return o.tensor.dtype == dtype }
            return false
        }
    }

    private static func build(_ store: SessionStore) -> ModuleValue {
        let m = ModuleValue("numpy", doc: "A numpy subset for preparing data: array, zeros, ones, arange, argmax, max, min, mean, sum, expand_dims, squeeze, reshape, newaxis, float32, uint8, int64, random.")
        m.add(fn("array", """
            array(object, dtype=None, *, copy=True, ndmin=0)

            An array from nested lists of numbers, or a copy of an array. copy=None copies only when \
            needed (the array itself otherwise), copy=False refuses to copy; ndmin adds leading axes.
            """, [.required("object"), .optional("dtype", default: Value.none), .keywordOnly("copy", default: .bool(true)),
                  .keywordOnly("ndmin", default: .int(0))]) { a, _ in
            let d = try optionalDType(a)
            let source = a["object"]!
            let t = try ArrayValues.array(source, dtype: d, at: a.span(of: "object"))
            let given: TensorObject? = { if case .object(let o) = source { return o as? TensorObject }; return nil }()
            let isSame = given?.tensor === t
            let copy = a["copy"]!
            if !copy.isNone && !copy.isTruthy && !isSame {
                throw Diagnostic(.valueError, "Unable to avoid copy while creating an array as requested.\nIf using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when needed (no behavior change in NumPy 1.x).\nFor more details, see https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword.", at: a.span(of: "copy"))
            }
            let ndmin = try a.int("ndmin")
            if isSame && !copy.isTruthy && t.shape.rank >= ndmin, let given, !(given is NumpyScalar) { return source }
            let out = isSame && copy.isTruthy ? t.copy() : t
            guard out.shape.rank < ndmin else { return .object(TensorObject(out)) }
            return .object(TensorObject(try ArrayValues.run(a.span(of: "ndmin")) {
                try out.reshaped(Shape(Array(repeating: 1, count: ndmin - out.shape.rank) + out.shape.dims))
            }))
        })
        m.add(fn("asarray", "asarray(a, dtype=None)\n\nThe array itself, or an array made from lists.",
                 [.required("a"), .optional("dtype", default: Value.none)]) { a, _ in
            .object(TensorObject(try ArrayValues.array(a["a"]!, dtype: try optionalDType(a), at: a.span(of: "a"))))
        })
        for (name, value) in [("zeros", 0.0), ("ones", 1.0)] {
            m.add(fn(name, "\(name)(shape, dtype=float64)\n\nAn array of \(name) of the given shape.",
                     [.required("shape"), .optional("dtype", default: Value.none)]) { a, _ in
                let shape = try ArrayValues.shape(a["shape"]!, argument: "shape", at: a.span(of: "shape"))
                let d = try optionalDType(a) ?? .float64
                return .object(TensorObject(try ArrayValues.run(a.span(of: "shape")) {
                    let t = try Tensor(zeros: Shape(shape), dtype: d)
                    return value == 0 ? t : try Tensor.arithmetic(.add, .tensor(t), .bool(true))
                }))
            })
        }
        m.add(fn("arange", "arange(start, stop=None, step=1, dtype=None)\n\nEvenly spaced values in [start, stop): int64 for ints, float64 otherwise.",
                 [.required("start"), .optional("stop", default: Value.none), .optional("step", default: .int(1)), .optional("dtype", default: Value.none)]) { a, _ in
            var start = a["start"]!, stop = a["stop"]!
            if stop.isNone { stop = start; start = .int(0) }
            let step = a["step"]!
            guard let s0 = start.asDouble, let s1 = stop.asDouble, let st = step.asDouble else {
                throw Diagnostic(.typeError, "arange() needs numbers for start, stop and step", at: a.callSpan)
            }
            if st == 0 { throw Diagnostic(.zeroDivisionError, "division by zero", at: a.span(of: "step")) }
            let allInt = start.asInt != nil && stop.asInt != nil && step.asInt != nil
            let n = max(0, Int(((s1 - s0) / st).rounded(.up)))
            let d = try optionalDType(a) ?? (allInt ? .int64 : .float64)
            return .object(TensorObject(try ArrayValues.run(a.callSpan) {
                if allInt {
                    let (i0, step) = (Int64(start.asInt!), Int64(step.asInt!))
                    let t = try Tensor(zeros: [n], dtype: .int64)
                    for i in 0..<n { t.int64s[i] = i0 &+ Int64(i) &* step }
                    return d == .int64 ? t : t.converted(to: d)
                }
                // numpy: the first two values fix the step, then start + i * delta.
                let t = try Tensor(zeros: [n], dtype: .float64)
                let delta = n > 1 ? (s0 + st) - s0 : st
                for i in 0..<n { t.doubles[i] = s0 + Double(i) * delta }
                return d == .float64 ? t : t.converted(to: d)
            }))
        })
        NumpyMath.add(to: m)
        m.add(fn("expand_dims", "expand_dims(a, axis)\n\nThe array with a new axis of length 1 at position axis: np.expand_dims(x, -1) adds a channel axis.",
                 [.required("a"), .required("axis")]) { a, _ in
            let t = try arrayArgument(a)
            let axis = try a.int("axis")
            return .object(TensorObject(try ArrayValues.run(a.span(of: "axis")) { try t.expandingDims(axis) }))
        })
        m.add(fn("squeeze", "squeeze(a, axis=None)\n\nThe array without its axes of length 1.", [.required("a"), .optional("axis", default: Value.none)]) { a, _ in
            let t = try arrayArgument(a)
            let axis = try ArrayValues.axis(a)
            return ArrayValues.wrap(try ArrayValues.run(a.span(of: "axis")) { try t.squeezed(axis) })
        })
        m.add(fn("reshape", "reshape(a, newshape)\n\nThe values of a in another shape; one dimension may be -1.", [.required("a"), .required("newshape")]) { a, _ in
            let t = try arrayArgument(a)
            let dims = try ArrayValues.shape(a["newshape"]!, argument: "newshape", at: a.span(of: "newshape"))
            return .object(TensorObject(try ArrayValues.run(a.span(of: "newshape")) { try t.reshaping(dims) }))
        })
        m.add(fn("transpose", "transpose(a, axes=None)\n\nThe array with its axes reversed or permuted.", [.required("a"), .optional("axes", default: Value.none)]) { a, _ in
            let t = try arrayArgument(a)
            let axes = try a["axes"].flatMap { $0.isNone ? nil : try ArrayValues.shape($0, argument: "axes", at: a.span(of: "axes")) }
            return .object(TensorObject(try ArrayValues.run(a.callSpan) { try t.transposed(axes) }))
        })
        NumpyBuilding.register(m)
        NumpyJoining.register(m)
        NumpySorting.register(m)
        NumpyStatistics.register(m)
        NumpyFiles.register(m)
        m.add("newaxis", .none)
        m.add("True_", ArrayValues.wrap(Tensor.scalar(1, dtype: .bool)))
        m.add("False_", ArrayValues.wrap(Tensor.scalar(0, dtype: .bool)))
        m.add("nan", .float(.nan))
        m.add("inf", .float(.infinity))
        m.add("pi", .float(Double.pi))
        m.add("e", .float(2.718281828459045))
        for d in DType.allCases {
            m.add(scalarType(d == .bool ? "bool" : d.rawValue, d))
        }
        m.add("bool_", m["bool"]!)
        m.add("float_", m["float64"]!)
        m.add("double", m["float64"]!)
        m.add("single", m["float32"]!)
        m.add("int_", m["int64"]!)
        m.add("intc", m["int32"]!)
        m.add(NativeFunction("dtype", doc: "dtype(obj)\n\nThe element type named by obj: np.dtype('float32'), np.dtype(np.uint8).", parameters: [.required("obj")]) { a, _ in
            .object(DTypeObject(try ArrayValues.dtype(a["obj"]!, argument: "obj", at: a.span(of: "obj"))))
        })
        m.add("ndarray", .type(TypeValue(objectClass: "ndarray", module: "numpy", doc: "numpy's array type.", constructor: nil)))
        m.add("random", .module(randomModule(store)))
        return m
    }
}
