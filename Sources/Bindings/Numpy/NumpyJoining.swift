import FoveaLang
import Tensor

/// numpy's joining, splitting and rearranging functions: concatenate, stack, vstack, hstack,
/// column_stack, split, array_split, ravel, flip, tile and repeat.
enum NumpyJoining {
    static func register(_ m: ModuleValue) {
        let fn = NumpyArguments.function
        m.add(fn("concatenate", "concatenate(arrays, axis=0, dtype=None)\n\nThe arrays joined along an existing axis (axis=None: flattened first); their types promote.",
                 [.required("arrays"), .optional("axis", default: .int(0)), .optional("dtype", default: Value.none)]) { a, _ in
            let parts = try NumpyArguments.arrays(a, "arrays", function: "concatenate")
            let axis = try NumpyArguments.axis(a)
            let dtype = try NumpyArguments.dtype(a)
            return .object(TensorObject(try ArrayValues.run(a.callSpan) {
                let joined = axis == nil
                    ? try Tensor.concatenated(try parts.map { try $0.reshaped([$0.count]) }, axis: 0)
                    : try Tensor.concatenated(parts, axis: axis!)
                return dtype.map { joined.converted(to: $0) } ?? joined
            }))
        })
        m.add(fn("stack", "stack(arrays, axis=0)\n\nArrays of one shape joined along a new axis.",
                 [.required("arrays"), .optional("axis", default: .int(0))]) { a, _ in
            let parts = try NumpyArguments.arrays(a, "arrays", function: "stack")
            let axis = try NumpyArguments.axis(a) ?? 0
            return .object(TensorObject(try ArrayValues.run(a.callSpan) { try Tensor.stacked(parts, axis: axis) }))
        })
        m.add(fn("vstack", "vstack(tup)\n\nArrays stacked as rows: 1-d arrays of length n become rows (1, n), then joined along axis 0.",
                 [.required("tup")]) { a, _ in
            let parts = try NumpyArguments.arrays(a, "tup", function: "vstack")
            return .object(TensorObject(try ArrayValues.run(a.callSpan) {
                try Tensor.concatenated(try parts.map { try atLeast2D($0) }, axis: 0)
            }))
        })
        m.add(fn("hstack", "hstack(tup)\n\nArrays joined side by side: along axis 0 for 1-d arrays, axis 1 otherwise.",
                 [.required("tup")]) { a, _ in
            let parts = try NumpyArguments.arrays(a, "tup", function: "hstack")
            return .object(TensorObject(try ArrayValues.run(a.callSpan) {
                let ones = try parts.map { $0.shape.rank == 0 ? try $0.reshaped([1]) : $0 }
                return try Tensor.concatenated(ones, axis: ones.first?.shape.rank == 1 ? 0 : 1)
            }))
        })
        m.add(fn("column_stack", "column_stack(tup)\n\n1-d arrays as the columns of a 2-d array (2-d arrays join as they are).",
                 [.required("tup")]) { a, _ in
            let parts = try NumpyArguments.arrays(a, "tup", function: "column_stack")
            return .object(TensorObject(try ArrayValues.run(a.callSpan) {
                try Tensor.concatenated(try parts.map { $0.shape.rank < 2 ? try $0.reshaped([$0.count, 1]) : $0 }, axis: 1)
            }))
        })
        for uneven in [false, true] {
            let name = uneven ? "array_split" : "split"
            m.add(fn(name, """
                \(name)(ary, indices_or_sections, axis=0)

                A list of sub-arrays along axis: an int n makes n \(uneven ? "parts (the first ones one longer when n does not divide the length)" : "equal parts"), \
                a list of indices splits before each index.
                """, [.required("ary"), .required("indices_or_sections"), .optional("axis", default: .int(0))]) { a, _ in
                let t = try NumpyArguments.array(a, "ary")
                let axis = try NumpyArguments.axis(a) ?? 0
                // numpy reads ary.shape[axis] first: a plain IndexError for a bad axis.
                guard axis < t.shape.rank && axis >= -t.shape.rank else { throw Diagnostic(.indexError, "tuple index out of range", at: a.span(of: "axis")) }
                let how = a["indices_or_sections"]!
                let span = a.span(of: "indices_or_sections")
                // numpy: anything with a len() lists indices; a number counts sections.
                var isCount = false
                switch how {
                case .int, .bool, .float: isCount = true
                case .object(let o): isCount = o is NumpyScalar
                default: break
                }
                if !isCount {
                    let indices = try NumpyArguments.ints(how, argument: "indices_or_sections", at: span,
                                                          floats: .reject("slice indices must be integers or None or have an __index__ method"))
                    return NumpyArguments.list(try ArrayValues.run(span) { try t.split(at: indices, axis: axis) })
                }
                let sections = try NumpyArguments.ints(how, argument: "indices_or_sections", at: span)[0]
                if !uneven {
                    let n = t.shape[axis]
                    if sections == 0 { throw Diagnostic(.zeroDivisionError, "integer modulo by zero", at: span) }
                    // Python's modulo (the sign of the divisor), as numpy checks it before anything else.
                    let r = ((n % sections) + sections) % sections
                    if r != 0 { throw Diagnostic(.valueError, "array split does not result in an equal division", at: span) }
                }
                return NumpyArguments.list(try ArrayValues.run(span) { try t.split(into: sections, axis: axis, allowUneven: true) })
            })
        }
        m.add(fn("ravel", "ravel(a)\n\nThe values of a as a 1-d array (sharing a's memory, like numpy's view).", [.required("a")]) { a, _ in
            let t = try NumpyArguments.array(a, "a")
            return .object(TensorObject(try ArrayValues.run(a.callSpan) { try t.reshaped([t.count]) }))
        })
        m.add(fn("flip", "flip(m, axis=None)\n\nThe values in reverse order along the given axis (an int or a tuple), or along every axis.",
                 [.required("m"), .optional("axis", default: Value.none)]) { a, _ in
            let t = try NumpyArguments.array(a, "m")
            let axes = try NumpyArguments.axes(a)
            return NumpyArguments.result(try ArrayValues.run(a.span(of: "axis")) { try t.flipped(axes: axes) })
        })
        m.add(fn("tile", "tile(A, reps)\n\nThe array repeated reps times (an int, or a count per axis): np.tile([1, 2], 2) is [1, 2, 1, 2].",
                 [.required("A"), .required("reps")]) { a, _ in
            let t = try NumpyArguments.array(a, "A")
            let reps = try NumpyArguments.ints(a["reps"]!, argument: "reps", at: a.span(of: "reps"),
                                               floats: .reject("'float' object cannot be interpreted as an integer"))
            return .object(TensorObject(try ArrayValues.run(a.span(of: "reps")) { try t.tiled(reps) }))
        })
        m.add(fn("repeat", "repeat(a, repeats, axis=None)\n\nEach value (of the flattened array, or each slice along axis) repeated: np.repeat([1, 2], 2) is [1, 1, 2, 2].",
                 [.required("a"), .required("repeats"), .optional("axis", default: Value.none)]) { a, _ in
            try repeatCall(try NumpyArguments.array(a, "a"), a)
        })
    }

    /// `np.repeat(a, ...)` and `a.repeat(...)`.
    static func repeatCall(_ t: Tensor, _ a: BoundArguments) throws -> Value {
        let repeats = try NumpyArguments.ints(a["repeats"]!, argument: "repeats", at: a.span(of: "repeats"))
        let axis = try NumpyArguments.axis(a)
        return .object(TensorObject(try ArrayValues.run(a.callSpan) { try t.repeated(repeats, axis: axis) }))
    }

    /// numpy's atleast_2d: () → (1, 1), (n,) → (1, n).
    private static func atLeast2D(_ t: Tensor) throws -> Tensor {
        switch t.shape.rank {
        case 0: return try t.reshaped([1, 1])
        case 1: return try t.reshaped([1, t.count])
        default: return t
        }
    }
}
