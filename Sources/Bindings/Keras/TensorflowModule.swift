import FoveaLang
import PythonLibrary
import Tensor

/// `import tensorflow as tf`: the Keras API under `tf.keras`; eager tensors (`tf.constant`,
/// `tf.Variable`, `tf.zeros`, `tf.range`, ...; EagerTensor.swift) and the functions tutorials call
/// on them: shapes (`tf.reshape`, `tf.concat`, `tf.stack`, ...; TensorflowFunctions.swift),
/// element-wise math and `tf.nn` (TensorflowOps.swift), reductions, `tf.argmax` and
/// `tf.math.confusion_matrix` (TensorflowReductions.swift), `tf.random` (TensorflowRandom.swift);
/// the dtypes `tf.float32`, ... and `tf.errors`; and what the first cells of tutorials call:
/// `tf.__version__`, `tf.config.list_physical_devices`, `@tf.function`. `tf.GradientTape` says
/// what Fovea offers instead.
enum TensorflowModule {
    /// The TensorFlow and Keras versions whose API Fovea follows, with Fovea's own version as a
    /// PEP 440 local label, so that tutorials comparing versions keep working.
    static let tensorflowVersion = "2.21.0+fovea.\(FoveaLibraries.version)"
    static let kerasVersion = "3.15.1+fovea.\(FoveaLibraries.version)"

    static func module(_ store: SessionStore) -> ModuleValue {
        let tf = ModuleValue("tensorflow", doc: "TensorFlow as Fovea provides it: tf.keras, eager tensors (tf.constant, tf.Variable, tf.reduce_sum, tf.nn.softmax, ...), tf.random.")
        tf.add("__version__", .str(tensorflowVersion))
        tf.add("keras", .module(KerasModules.module("keras", store)))
        tf.add("random", .module(random(store)))
        TensorflowTensors.install(into: tf, store)
        tf.add("config", .module(config(store)))
        tf.add("data", .module(DatasetModule.module(store)))
        tf.add(function)
        tf.add(NativeFunction("get_logger", doc: "TensorFlow's logger, logging.getLogger('tensorflow'): tf.get_logger().setLevel('ERROR') quiets it.") { _, ctx in
            try ctx.call(try ctx.getAttribute(.module(LoggingModule.shared(store)), "getLogger"), [.str("tensorflow")])
        })
        tf.add("autograph", .module(quietModule("tensorflow.autograph", "set_verbosity", [.required("level"), .optional("alsologtostdout", default: .bool(false))])))
        let logging = quietModule("tensorflow.compat.v1.logging", "set_verbosity", [.required("v")])
        for (name, level) in [("DEBUG", 10), ("INFO", 20), ("WARN", 30), ("ERROR", 40), ("FATAL", 50)] { logging.add(name, .int(level)) }
        let v1 = ModuleValue("tensorflow.compat.v1", doc: "TensorFlow 1's names that tutorials still call; Fovea keeps the logging ones.")
        v1.add("logging", .module(logging))
        let compat = ModuleValue("tensorflow.compat", doc: "Compatibility names.")
        compat.add("v1", .module(v1))
        tf.add("compat", .module(compat))
        tf.add(NativeFunction("GradientTape", doc: "Not in Fovea: it trains with fit, whose gradients are written in Swift.",
                              parameters: [.varPositional("args"), .varKeyword("kwargs")]) { a, ctx in
            _ = a.varPositional; _ = a.varKeyword
            throw Diagnostic(.notImplementedError, "Fovea does not provide tf.GradientTape: its layers compute their gradients in Swift, inside fit",
                             at: ctx.span, notes: ["help: train with model.compile(...) and model.fit(...); a Callback runs your code every epoch",
                                                   "help: to see what a network learned, show_feature_maps(model, image) and show_filters(model.layers[0])"])
        })
        return tf
    }

    /// A module whose one function sets how much TensorFlow logs: Fovea's TensorFlow logs nothing,
    /// so the call checks its arguments and does nothing else.
    static func quietModule(_ name: String, _ function: String, _ parameters: [NativeParameter]) -> ModuleValue {
        let m = ModuleValue(name, doc: "How much TensorFlow logs; Fovea's TensorFlow logs nothing.")
        m.add(NativeFunction(function, doc: "Accepted: Fovea's TensorFlow writes no log lines to quiet.", parameters: parameters) { a, _ in
            for p in parameters { _ = a[p.name] }
            return .none
        })
        return m
    }

    static func random(_ store: SessionStore) -> ModuleValue {
        store.shared("module:tensorflow.random") {
            let r = ModuleValue("tensorflow.random", doc: "Random tensors (uniform, normal, shuffle) and the seed that makes them and the initial weights of layers reproducible.")
            r.add(NativeFunction("set_seed", doc: "Make the random tensors drawn and the initial weights of layers built from now on reproducible.",
                                 parameters: [.required("seed")]) { args, _ in
                let result = try KerasModules.seed(args, KerasModules.state(store))
                TFRandom.state(store).setSeed(try args.int("seed"))
                return result
            })
            for f in TFRandom.functions(store) { r.add(f) }
            return r
        }
    }

    /// `@tf.function`: TensorFlow compiles the function into a graph; Fovea runs it as it is.
    static var function: NativeFunction {
        NativeFunction("function", doc: "@tf.function: TensorFlow would compile the function into a graph; Fovea runs it as written and returns it unchanged.",
                       parameters: [.optional("func", default: Value.none), .varKeyword("options")]) { a, _ in
            _ = a.varKeyword
            let f = a["func"] ?? .none
            if !f.isNone { return f }
            // @tf.function(jit_compile=True): the options are accepted; the decorator returned keeps the function.
            return .native(NativeFunction("function", doc: "Returns the function it is given.", parameters: [.required("func")]) { b, _ in b["func"]! })
        }
    }

    static func config(_ store: SessionStore) -> ModuleValue {
        store.shared("module:tensorflow.config") { makeConfig() }
    }

    private static func makeConfig() -> ModuleValue {
        let m = ModuleValue("tensorflow.config", doc: "The devices TensorFlow would run on: Fovea runs on the CPU.")
        m.add(NativeFunction("list_physical_devices", doc: "The devices of a type: 'CPU' gives the one CPU Fovea runs on; 'GPU' gives [] (Fovea uses no GPU).",
                             parameters: [.optional("device_type", default: Value.none)]) { a, _ in
            let type = try a.optionalString("device_type")?.uppercased()
            guard type == nil || type == "CPU" else { return .list(ListBox([])) }
            return .list(ListBox([.object(PhysicalDevice())]))
        })
        return m
    }
}

/// `tf.config.list_physical_devices('CPU')[0]`.
final class PhysicalDevice: FoveaObject {
    var typeName: String { "PhysicalDevice" }
    var doc: String { "A device TensorFlow can run on; for Fovea, the CPU." }
    func repr() -> String { "PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')" }
    var hostClass: AnyHostClass? { PhysicalDevice.binding }
    static let binding = HostClass<PhysicalDevice>("PhysicalDevice", module: "tensorflow.config", doc: "A device TensorFlow can run on.")
        .property("name", doc: "The device's name.") { _, _ in .str("/physical_device:CPU:0") }
        .property("device_type", doc: "'CPU'.") { _, _ in .str("CPU") }
}
