import FoveaLang
import NeuralNet
import Tensor

/// Per session: the network library's session (default names, the random generator) and the
/// module objects, so `keras.layers` and `tensorflow.keras.layers` are one module.
final class KerasState {
    let nn = NeuralNet.Session()
}

/// `tensorflow`, `keras` and their submodules, as lessons import them:
/// `import tensorflow as tf`, `from tensorflow.keras import layers, models`,
/// `from tensorflow.keras.layers import Conv2D`, `from keras.models import Sequential`, ...
enum KerasModules {
    /// Every module name, with the part after `tensorflow.` being the same module as under `keras`.
    static let names = ["keras", "keras.layers", "keras.models", "keras.backend", "keras.utils", "keras.activations",
                        "keras.optimizers", "keras.optimizers.schedules", "keras.losses", "keras.metrics", "keras.regularizers", "keras.callbacks", "keras.preprocessing", "keras.preprocessing.image"]
        + KerasDatasetModules.names + KerasApplications.names

    /// Registers every module and import hint into `session`.
    static func install(into session: FoveaLang.Session) {
        for (name, factory) in factories { session.modules.register(name, factory) }
        for (name, line) in importHints { session.modules.registerImportHint(name, line) }
    }

    static var factories: [String: ModuleTable.Factory] {
        var f: [String: ModuleTable.Factory] = [:]
        for name in names {
            f[name] = { store in module(name, store) }
            f["tensorflow." + name] = { store in module(name, store) }
        }
        f["tensorflow"] = { store in store.shared("module:tensorflow") { TensorflowModule.module(store) } }
        f["tensorflow.config"] = { store in TensorflowModule.config(store) }
        f["numpy"] = { store in NumpyModule.module(store) }
        f["numpy.random"] = { store in NumpyModule.randomModule(store) }
        f["tensorflow.random"] = { store in TensorflowModule.random(store) }
        f["tensorflow.math"] = { store in TensorflowTensors.math(store) }
        f["tensorflow.nn"] = { store in TensorflowTensors.nn(store) }
        f["tensorflow.errors"] = { store in TensorflowTensors.errors(store) }
        f["tensorflow.dtypes"] = { store in TensorflowTensors.dtypes(store) }
        return f
    }

    /// Names a NameError should explain with the import that brings them in.
    static let importHints: [String: String] = {
        var h: [String: String] = [
            "tf": "import tensorflow as tf", "keras": "from tensorflow import keras",
            "layers": "from tensorflow.keras import layers", "models": "from tensorflow.keras import models",
            "Sequential": "from tensorflow.keras.models import Sequential",
            "Input": "from tensorflow.keras.layers import Input",
            "np": "import numpy as np", "to_categorical": "from tensorflow.keras.utils import to_categorical",
            "ImageDataGenerator": "from tensorflow.keras.preprocessing.image import ImageDataGenerator",
        ]
        for e in LayerClasses.entries { h[e.name] = "from tensorflow.keras.layers import \(e.name)" }
        for (alias, _) in LayerClasses.aliases { h[alias] = "from tensorflow.keras.layers import \(alias)" }
        return h
    }()

    static func state(_ store: SessionStore) -> KerasState { store.shared("keras") { KerasState() } }

    static func module(_ name: String, _ store: SessionStore) -> ModuleValue {
        store.shared("module:" + name) { build(name, store) }
    }

    private static func build(_ name: String, _ store: SessionStore) -> ModuleValue {
        let st = state(store)
        switch name {
        case _ where KerasApplications.names.contains(name):
            return KerasApplications.build(name, store)
        case _ where KerasDatasetModules.names.contains(name):
            return KerasDatasetModules.build(name, store)
        case "keras.layers":
            let m = ModuleValue(name, doc: "Keras layers: Conv2D, MaxPooling2D, Flatten, Dense, Dropout, BatchNormalization, ...")
            var types: [String: TypeValue] = [:]
            for e in LayerClasses.entries {
                let t = LayerClasses.typeValue(e, module: name, state: st)
                types[e.name] = t
                m.add(t)
            }
            for (alias, target) in LayerClasses.aliases.sorted(by: { $0.key < $1.key }) { m.add(alias, .type(types[target]!)) }
            m.add(inputFunction(st))
            for f in MergeLayerClasses.functions(st) { m.add(f) }
            m.add(LambdaLayer.typeValue(st))
            m.add(baseClass("Layer", module: name, doc: "The base of every layer: isinstance(x, Layer) holds for Conv2D, Dense, ...",
                            instead: "use Fovea's layers (Conv2D, MaxPooling2D, Dense, ...) in keras.Sequential([...])") {
                $0.hostObject is LayerObject
            })
            return m
        case "keras.models":
            let m = ModuleValue(name, doc: "Keras models: Sequential, Model for the functional API, load_model, model_from_json.")
            let sequential = sequentialType(st, store)
            sequential.attributes["from_config"] = .native(ModelSaving.fromConfig(st))
            m.add(sequential)
            for f in ModelSaving.functions(st) { m.add(f) }
            m.add(FunctionalModels.modelType(st))
            return m
        case "keras.backend":
            let m = ModuleValue(name, doc: "Session-wide Keras state.")
            m.add(NativeFunction("clear_session", doc: "Start default layer names again from conv2d, dense, sequential, ...") { _, _ in
                st.nn.clear()
                return .none
            })
            return m
        case "keras.utils":
            let m = ModuleValue(name, doc: "Keras utilities.")
            m.add(NativeFunction("set_random_seed", doc: "Make the initial weights of layers built from now on, and numpy's global random numbers (which ImageDataGenerator draws from), reproducible.",
                                 parameters: [.required("seed")]) { args, _ in
                let result = try seed(args, st)
                // As Keras's: np.random.seed(seed) too.
                NumpyModule.randomState(store).seed(UInt32(truncatingIfNeeded: try KerasArguments.int(args, "seed")))
                return result
            })
            m.add(KerasDatasetModules.toCategorical)
            m.add(GetFileBinding.getFile)
            m.add(PlotModel.function())
            ImageFiles.register(m)
            m.add(ImageDirectoryDataset.function(store))
            m.add(PyDatasetObject.typeValue("PyDataset"))
            m.add("Sequence", m["PyDataset"]!)
            return m
        case "keras.preprocessing":
            let m = ModuleValue(name, doc: "Keras's older preprocessing helpers: image (load_img, img_to_array, array_to_img, save_img, ImageDataGenerator).")
            m.add("image", .module(module("keras.preprocessing.image", store)))
            m.add(ImageDirectoryDataset.function(store))
            return m
        case "keras.preprocessing.image":
            let m = ModuleValue(name, doc: "Image files (load_img, img_to_array, array_to_img, save_img) and ImageDataGenerator, with its iterators.")
            ImageFiles.register(m)
            m.add(ImageGeneratorConstructor.typeValue(random: NumpyModule.randomState(store)))
            m.add(ImageIteratorObject.binding.typeValue(constructor: nil))
            m.add(ImageIteratorObject.numpyBinding.typeValue(constructor: nil))
            m.add(ImageIteratorObject.directoryBinding.typeValue(constructor: nil))
            return m
        case "keras.activations":
            let m = ModuleValue(name, doc: "Activation functions by name, for activation=...")
            for a in NeuralNet.activationNames {
                m.add(NativeFunction(a, doc: "The \(a) activation; pass it as activation=\(a) or by name, activation='\(a)'.",
                                     parameters: [.required("x")]) { args, _ in
                    let x = try TensorObject.tensor(from: args["x"]!, argument: "x", at: args.span(of: "x"))
                    // Keras 3 on the TensorFlow backend returns a tf tensor.
                    return TF.wrap(try keras(args.span(of: "x")) { try Kernels.activation(Activation(rawValue: a)!, x) })
                })
            }
            return m
        case "keras.optimizers":
            let m = OptimizerClasses.optimizersModule(name)
            m.add("schedules", .module(module("keras.optimizers.schedules", store)))
            return m
        case "keras.optimizers.schedules":
            return ScheduleClasses.module(name)
        case "keras.losses":
            return OptimizerClasses.lossesModule(name)
        case "keras.regularizers":
            return RegularizerClasses.module(name)
        case "keras.metrics":
            return MetricClasses.module(name, store)
        case "keras.callbacks":
            let m = ModuleValue(name, doc: "Callbacks: code fit runs at the start and end of training, epochs and batches. Subclass Callback.")
            m.add(CallbackObject.typeValue())
            for t in KerasCallbacks.types() { m.add(t) }
            m.add(HistoryObject.binding.typeValue(constructor: nil))
            return m
        default:
            let keras = ModuleValue("keras", doc: "Keras, as Fovea runs it: layers, models, backend, utils. Build a model with keras.Sequential([...]).")
            keras.add("__version__", .str(TensorflowModule.kerasVersion))
            for sub in ["layers", "models", "backend", "utils", "activations", "optimizers", "losses", "metrics", "regularizers", "datasets", "callbacks", "preprocessing", "applications"] {
                keras.add(sub, .module(module("keras." + sub, store)))
            }
            keras.add("Sequential", module("keras.models", store)["Sequential"]!)
            keras.add("Model", module("keras.models", store)["Model"]!)
            keras.add("Input", module("keras.layers", store)["Input"]!)
            return keras
        }
    }

    /// A Keras base class Fovea has for isinstance (and for a class statement to name, which
    /// then says what to do instead), but cannot make instances of.
    private static func baseClass(_ name: String, module: String, doc: String, instead: String,
                                  test: @escaping (Value) -> Bool) -> TypeValue {
        let constructor = NativeFunction(name, doc: doc, parameters: [.varPositional("args"), .varKeyword("kwargs")]) { a, ctx in
            _ = a.varPositional; _ = a.varKeyword
            throw Diagnostic(.notImplementedError, "Fovea cannot make a keras.\(name) directly", at: ctx.span, notes: ["help: \(instead)"])
        }
        return TypeValue(name, module: module, doc: doc, constructor: constructor, test: test)
    }

    static func seed(_ args: BoundArguments, _ st: KerasState) throws -> Value {
        let n = try KerasArguments.int(args, "seed")
        do { try st.nn.setRandomSeed(n) } catch let e as LayerError { throw e.diagnostic(args) }
        return .none
    }

    private static func sequentialType(_ st: KerasState, _ store: SessionStore) -> TypeValue {
        let constructor = NativeFunction("Sequential", doc: ModelObject.classDoc,
                                         parameters: [.optional("layers", default: .none), .optional("name", default: .none)]) { args, _ in
            var layers: [LayerObject] = []
            if let v = args["layers"], !v.isNone {
                guard let items = KerasArguments.sequence(v) else {
                    throw Diagnostic(.typeError, "Sequential() expects a list of layers. Received: layers=\(Repr.repr(v))", at: args.span(of: "layers"))
                }
                for item in items {
                    if case .object(let t as KerasTensorObject) = item, t.tensor.layer is InputLayer, t.tensor.node.isInput {
                        layers.append(LayerObject(t.tensor.layer))
                        continue
                    }
                    if case .object(let inner as ModelObject) = item {
                        layers.append(try inner.asLayer(args.span(of: "layers")))
                        continue
                    }
                    guard case .object(let o) = item, let l = o as? LayerObject else {
                        throw Diagnostic(.typeError, "Sequential() expects a list of layers, but one item is \(Repr.repr(item)) (of type \(item.typeName))",
                                         at: args.span(of: "layers"))
                    }
                    layers.append(l)
                }
            }
            let name = try args.optionalString("name")
            do {
                let model = try Sequential(layers: layers.map(\.layer), name: name, session: st.nn)
                return .object(ModelObject(model, layers: layers))
            } catch let e as LayerError {
                // About Sequential's own argument (name), or a layer of the list that does not
                // fit the one before it: then point at the list.
                let own = e.argument.flatMap { args.isGiven($0) ? args.span(of: $0) : nil }
                throw e.diagnostic(at: own ?? args.span(of: "layers"))
            } catch let e as MemoryError {
                throw Diagnostic(.memoryError, e.description, at: args.span(of: "layers"))
            }
        }
        return TypeValue(objectClass: "Sequential", module: "keras.models", doc: ModelObject.classDoc, constructor: constructor)
    }

    /// `Input(shape)`: a KerasTensor, the output of a new InputLayer; it starts a functional
    /// graph, and `Sequential` accepts it as its first item.
    private static func inputFunction(_ st: KerasState) -> NativeFunction {
        NativeFunction("Input",
                       doc: "A symbolic input of this shape (one example's, e.g. Input(shape=(28, 28, 1))): call layers on it to build a functional model, or start a Sequential model with it.",
                       parameters: [.optional("shape", default: .none), .optional("batch_size", default: Value.none),
                                    .optional("dtype", default: Value.none), .unsupported("sparse"), .unsupported("batch_shape"),
                                    .optional("name", default: .none), .unsupported("tensor")]) { args, _ in
            guard let shape = try KerasArguments.shape(args, "shape") else {
                throw Diagnostic(.valueError, "Input() needs the shape of one example, such as shape=(28, 28, 1).", at: args.span(of: "shape"))
            }
            do {
                if let dtype = args["dtype"], !dtype.isNone, Repr.str(dtype) != "float32" {
                    throw Diagnostic(.notImplementedError, "Fovea's models take float32 inputs. Received: dtype=\(Repr.repr(dtype))",
                                     at: args.span(of: "dtype"), notes: ["help: leave dtype out (float32), and convert the data with x.astype('float32')"])
                }
                let input = try InputLayer(shape: shape, name: try args.optionalString("name"), session: st.nn)
                return .object(KerasTensorObject(input.placeholder))
            } catch let e as LayerError {
                throw e.diagnostic(args)
            }
        }
    }
}
