import FoveaLang
import Tensor

/// The tensor part of `tf`: the functions, the dtypes, `tf.Tensor`, `tf.Variable`,
/// `tf.TensorShape`, and the submodules `tf.math`, `tf.nn`, `tf.errors`, `tf.dtypes`.
enum TensorflowTensors {
    static func install(into tf: ModuleValue, _ store: SessionStore) {
        for f in TFFunctions.all + TFOps.binaries + TFReductions.all { tf.add(f) }
        // TF 2 exports these element-wise functions on tf itself; log and ceil only under tf.math.
        for f in TFOps.unaries where f.name != "log" && f.name != "ceil" { tf.add(f) }
        for d in DType.allCases { tf.add(d.rawValue, .object(TFDTypeObject.of(d))) }
        tf.add("double", .object(TFDTypeObject.of(.float64)))
        tf.add("newaxis", .none)
        tf.add(tensorType)
        tf.add(variableType)
        tf.add(tensorShapeType)
        tf.add("DType", .type(dtypeType))
        tf.add(NativeFunction("as_dtype", doc: "The tf.DType for a dtype, numpy type or name: tf.as_dtype('float32') is tf.float32.",
                              parameters: [.required("type_value")]) { a, _ in
            .object(TFDTypeObject.of(try ArrayValues.dtype(a["type_value"]!, argument: "type_value", at: a.span(of: "type_value"))))
        })
        tf.add("math", .module(math(store)))
        tf.add("nn", .module(nn(store)))
        tf.add("errors", .module(errors(store)))
        tf.add("dtypes", .module(dtypes(store)))
    }

    static func math(_ store: SessionStore) -> ModuleValue {
        store.shared("module:tensorflow.math") {
            let m = ModuleValue("tensorflow.math", doc: "Element-wise math, reductions, argmax and confusion_matrix on tensors.")
            for f in TFOps.binaries + TFOps.unaries + TFReductions.all { m.add(f) }
            for f in TFOps.nn where f.name == "softmax" || f.name == "log_softmax" { m.add(f) }
            m.add(TFReductions.confusionMatrix)
            return m
        }
    }

    static func nn(_ store: SessionStore) -> ModuleValue {
        store.shared("module:tensorflow.nn") {
            let m = ModuleValue("tensorflow.nn", doc: "Activations on tensors: relu, sigmoid, softmax, ...")
            for f in TFOps.nn { m.add(f) }
            return m
        }
    }

    static func errors(_ store: SessionStore) -> ModuleValue {
        store.shared("module:tensorflow.errors") {
            let m = ModuleValue("tensorflow.errors", doc: "TensorFlow's exceptions: OpError and the InvalidArgumentError an op raises for inputs it cannot take.")
            for e in [TF.opError, TF.invalidArgumentError, TF.notFoundError] { m.add(e.typeValue()) }
            return m
        }
    }

    static func dtypes(_ store: SessionStore) -> ModuleValue {
        store.shared("module:tensorflow.dtypes") {
            let m = ModuleValue("tensorflow.dtypes", doc: "TensorFlow's dtypes: tf.dtypes.float32, ...")
            for d in DType.allCases { m.add(d.rawValue, .object(TFDTypeObject.of(d))) }
            m.add(dtypeType)
            return m
        }
    }

    static func objectTest(_ test: @escaping (any FoveaObject) -> Bool) -> (Value) -> Bool {
        { if case .object(let o) = $0 { return test(o) } else { return false } }
    }

    static let dtypeType = TypeValue("DType", module: "tensorflow.python.framework.dtypes", doc: TFDTypeObject.binding.doc, constructor: nil,
                                     test: objectTest { $0 is TFDTypeObject })

    /// `tf.Tensor`, for isinstance (a tf.Variable is not one, as in TF).
    static let tensorType = TypeValue("Tensor", module: "tensorflow.python.framework.tensor", doc: EagerTensorObject.tensorBinding.doc, constructor: nil,
                                      test: objectTest { $0 is EagerTensorObject && !($0 is VariableObject) })

    static let tensorShapeType = TypeValue(
        "TensorShape", module: "tensorflow.python.framework.tensor_shape", doc: TensorShapeObject.binding.doc,
        constructor: NativeFunction("TensorShape", doc: "A shape, such as TensorShape([2, 3]).", parameters: [.required("dims")]) { a, _ in
            .object(TensorShapeObject(try TF.shape(a["dims"]!, argument: "dims", at: a.span(of: "dims"))))
        },
        test: objectTest { $0 is TensorShapeObject })

    static let variableType = TypeValue(
        "Variable", module: "tensorflow.python.ops.variables", doc: VariableObject.variableBinding.doc,
        constructor: NativeFunction("Variable", doc: """
            A tensor whose value can change: v.assign(x), v.assign_add(x), v.assign_sub(x). Its dtype and \
            shape are those of initial_value (converted as tf.convert_to_tensor converts it).
            """, parameters: [.optional("initial_value", default: Value.none), .optional("trainable", default: Value.none),
                              .unsupported("validate_shape", default: .bool(true)), .unsupported("caching_device"),
                              .optional("name", default: Value.none), .unsupported("variable_def"), .optional("dtype", default: Value.none),
                              .unsupported("import_scope"), .unsupported("constraint"), .unsupported("shape")]) { a, _ in
            guard let v = a["initial_value"], !v.isNone else {
                throw Diagnostic(.valueError, "The `initial_value` arg (None) must be specified.", at: a.callSpan)
            }
            let t = try TF.convert(v, dtype: try TF.dtype(a), at: a.span(of: "initial_value"))
            let trainable = a["trainable"].map { $0.isNone || $0.isTruthy } ?? true
            let name = try a.optionalString("name") ?? "Variable"
            return .object(VariableObject(t.copy(), name: name, trainable: trainable))
        },
        test: objectTest { $0 is VariableObject })
}
