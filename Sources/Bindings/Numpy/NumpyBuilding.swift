import FoveaLang
import Tensor

/// numpy's array builders: linspace, eye, identity, full, full_like, zeros_like, ones_like,
/// empty, empty_like and copy. `empty` arrays hold zeros (numpy leaves memory as it was).
enum NumpyBuilding {
    static func register(_ m: ModuleValue) {
        let fn = NumpyArguments.function
        m.add(fn("linspace", """
            linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)

            num evenly spaced numbers from start to stop (stop included unless endpoint=False), computed \
            as numpy does so the values are the same to the last bit: float64, or float32 for float32 \
            inputs. Array starts and stops give a new axis of samples (at axis). retstep=True also \
            returns the step.
            """, [.required("start"), .required("stop"), .optional("num", default: .int(50)), .optional("endpoint", default: .bool(true)),
                  .optional("retstep", default: .bool(false)), .optional("dtype", default: Value.none),
                  .optional("axis", default: .int(0))]) { a, _ in
            let num = try NumpyArguments.int(a, "num")
            // Arrays and numpy scalars fix the compute type; Python numbers are weak (NEP 50).
            var strong: [DType] = []
            var ends: [Tensor] = []
            for name in ["start", "stop"] {
                let v = a[name]!
                switch v {
                case .int, .float, .bool: ends.append(Tensor.scalar(v.asDouble!, dtype: .float64))
                default:
                    let t = try NumpyArguments.array(a, name)
                    strong.append(t.dtype)
                    ends.append(t)
                }
            }
            let compute: DType = strong.isEmpty ? .float64 : strong.dropFirst().reduce(strong[0], DType.promoted) == .float32 ? .float32 : .float64
            let dtype = try NumpyArguments.dtype(a)
            let axis = try NumpyArguments.axis(a) ?? 0
            let (values, step) = try ArrayValues.run(a.callSpan) {
                try Tensor.linspace(start: ends[0], stop: ends[1], count: num, endpoint: NumpyArguments.flag(a, "endpoint"),
                                    computeType: compute, dtype: dtype, axis: axis)
            }
            guard NumpyArguments.flag(a, "retstep") else { return .object(TensorObject(values)) }
            return .tuple([.object(TensorObject(values)), step.map { ArrayValues.wrap($0) } ?? .float(.nan)])
        })
        m.add(fn("eye", "eye(N, M=None, k=0, dtype=float)\n\nA 2-d array with ones on the k-th diagonal and zeros elsewhere.",
                 [.required("N"), .optional("M", default: Value.none), .optional("k", default: .int(0)), .optional("dtype", default: Value.none)]) { a, _ in
            let n = try NumpyArguments.int(a, "N")
            let cols = a["M"]!.isNone ? nil : try NumpyArguments.int(a, "M")
            let k = try NumpyArguments.int(a, "k")
            let dtype = try NumpyArguments.dtype(a) ?? .float64
            return .object(TensorObject(try ArrayValues.run(a.callSpan) { try Tensor.eye(rows: n, columns: cols, diagonal: k, dtype: dtype) }))
        })
        m.add(fn("identity", "identity(n, dtype=None)\n\nThe n x n identity matrix (float64 unless dtype says otherwise).",
                 [.required("n"), .optional("dtype", default: Value.none)]) { a, _ in
            let n = try NumpyArguments.int(a, "n")
            let dtype = try NumpyArguments.dtype(a) ?? .float64
            return .object(TensorObject(try ArrayValues.run(a.callSpan) { try Tensor.eye(rows: n, dtype: dtype) }))
        })
        m.add(fn("full", "full(shape, fill_value, dtype=None)\n\nAn array of the given shape filled with fill_value (a number, or an array broadcast to the shape); its type is fill_value's unless dtype says otherwise.",
                 [.required("shape"), .required("fill_value"), .optional("dtype", default: Value.none)]) { a, _ in
            let shape = try shapeArgument(a, "shape")
            let dtype = try NumpyArguments.dtype(a)
            let value = try NumpyArguments.fill(a["fill_value"]!, dtype: dtype, at: a.span(of: "fill_value"))
            return .object(TensorObject(try ArrayValues.run(a.callSpan) { try Tensor.full(Shape(shape), value, dtype: dtype ?? value.dtype) }))
        })
        m.add(fn("full_like", "full_like(a, fill_value, dtype=None, shape=None)\n\nAn array like a (its shape and type) filled with fill_value.",
                 [.required("a"), .required("fill_value"), .optional("dtype", default: Value.none), .optional("shape", default: Value.none)]) { a, _ in
            let (dtype, shape) = try likeArguments(a)
            let value = try NumpyArguments.fill(a["fill_value"]!, dtype: dtype, at: a.span(of: "fill_value"))
            return .object(TensorObject(try ArrayValues.run(a.callSpan) { try Tensor.full(shape, value, dtype: dtype) }))
        })
        for (name, fill, what) in [("zeros_like", 0.0, "zeros"), ("ones_like", 1.0, "ones"), ("empty_like", 0.0, "zeros (numpy: whatever memory held)")] {
            m.add(fn(name, "\(name)(a, dtype=None, shape=None)\n\nAn array like a (its shape and type) of \(what).",
                     [.required("a"), .optional("dtype", default: Value.none), .optional("shape", default: Value.none)]) { a, _ in
                let (dtype, shape) = try likeArguments(a)
                return .object(TensorObject(try ArrayValues.run(a.callSpan) { try Tensor.full(shape, Tensor.scalar(fill, dtype: dtype), dtype: dtype) }))
            })
        }
        m.add(fn("empty", "empty(shape, dtype=float)\n\nA new array of the given shape. Fovea's holds zeros (numpy's holds whatever memory held: fill it before reading).",
                 [.required("shape"), .optional("dtype", default: Value.none)]) { a, _ in
            let shape = try shapeArgument(a, "shape")
            let dtype = try NumpyArguments.dtype(a) ?? .float64
            return .object(TensorObject(try ArrayValues.run(a.callSpan) {
                guard shape.allSatisfy({ $0 >= 0 }) else { throw ArrayError("ValueError", "negative dimensions are not allowed") }
                return try Tensor(zeros: Shape(shape), dtype: dtype)
            }))
        })
        m.add(fn("copy", "copy(a)\n\nAn independent copy of an array (or an array made from lists).", [.required("a")]) { a, _ in
            let v = a["a"]!
            let t = try NumpyArguments.array(a, "a")
            if case .object(let o) = v, (o as? TensorObject)?.tensor === t { return .object(TensorObject(t.copy())) }
            return .object(TensorObject(t))
        })
    }

    /// A shape argument: an int or a sequence of ints, with numpy's TypeError otherwise.
    static func shapeArgument(_ a: BoundArguments, _ name: String) throws -> [Int] {
        let v = a[name]!
        if case .bool = v {} else if let i = v.asInt { return [i] }
        if let items = KerasArguments.sequence(v), let ints = items.map({ $0.asInt }) as [Int?]?, !ints.contains(where: { $0 == nil }) {
            return ints.map { $0! }
        }
        throw Diagnostic(.typeError, "expected a sequence of integers or a single integer, got '\(Repr.repr(v))'", at: a.span(of: name))
    }

    /// `a`, `dtype` and `shape` of the *_like functions: the type and shape default to a's.
    private static func likeArguments(_ a: BoundArguments) throws -> (DType, Shape) {
        let like = try NumpyArguments.array(a, "a")
        let dtype = try NumpyArguments.dtype(a) ?? like.dtype
        let shape = a["shape"]!.isNone ? like.shape : Shape(try shapeArgument(a, "shape"))
        return (dtype, shape)
    }
}
