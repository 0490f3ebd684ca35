import FoveaLang
import NeuralNet
import Tensor

/// A `tf.data.Dataset`: a lazy pipeline (DatasetStages.swift) that a `for` loop, `fit`,
/// `evaluate` and `predict` pull elements through. `image_dataset_from_directory` sets
/// `class_names` and `file_paths` on the dataset it returns, as Keras does.
final class DatasetObject: FoveaObject {
    let stage: DatasetStage
    let store: SessionStore
    var classNames: [String]?
    var filePaths: [String]?
    private var spec: String?
    /// The session's interpreter, for working out the element spec when the dataset is shown.
    private let context: CallContext

    init(_ stage: DatasetStage, _ store: SessionStore, _ context: CallContext) {
        self.stage = stage; self.store = store; self.context = context
    }

    var typeName: String { stage.className }
    var doc: String { DatasetModule.classDoc }
    var hostClass: AnyHostClass? { DatasetModule.binding }
    func length() -> Int? { if case .finite(let n) = stage.cardinality { return n } else { return nil } }
    var isTruthy: Bool { true }

    func repr() -> String { "<\(typeName) element_spec=\((try? elementSpec()) ?? "...")>" }
    func checkedRepr() throws -> String { "<\(typeName) element_spec=\(try elementSpec())>" }

    func makeIterator(context: CallContext) throws -> IteratorBox? {
        let next = try stage.iterator(context)
        return IteratorBox("OwnedIterator") { try next()?.value }
    }

    /// TF's element spec, read from the first element (TF traces the pipeline once the same
    /// way): `(TensorSpec(shape=(None, 28, 28), dtype=tf.uint8, name=None), ...)`, with the batch
    /// axis unknown unless every batch is full.
    func elementSpec() throws -> String {
        if let spec { return spec }
        guard let first = try stage.iterator(context)() else { return "()" }
        let unknownBatch = stage.isBatched && !Self.dropsRemainder(stage)
        func text(_ e: DatasetElement) -> String {
            switch e {
            case .tensor(let t):
                var dims = t.shape.dims.map { String($0) }
                if unknownBatch, !dims.isEmpty { dims[0] = "None" }
                let shape = dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.joined(separator: ", ") + ")"
                return "TensorSpec(shape=\(shape), dtype=tf.\(t.dtype.rawValue), name=None)"
            case .tuple(let items): return items.count == 1 ? "(\(text(items[0])),)" : "(" + items.map(text).joined(separator: ", ") + ")"
            case .dict(let items): return "{" + items.map { "'\($0.key)': \(text($0.value))" }.joined(separator: ", ") + "}"
            }
        }
        spec = text(first)
        return spec!
    }

    static func dropsRemainder(_ stage: DatasetStage) -> Bool {
        var s: DatasetStage? = stage
        while let cur = s {
            if let b = cur as? BatchStage { return b.dropRemainder }
            s = cur.parent
        }
        return false
    }

    /// A new dataset object ending in `stage`.
    func then(_ stage: DatasetStage) -> Value { .object(DatasetObject(stage, store, context)) }
}

/// `tf.data`: `Dataset` with its constructors and methods, `AUTOTUNE` and the cardinality
/// constants.
enum DatasetModule {
    static let classDoc = "A tf.data dataset: a pipeline of elements (tensors, or tuples of them) read lazily. Build one with tf.data.Dataset.from_tensor_slices((x, y)) or keras.utils.image_dataset_from_directory; chain shuffle, batch, map, take, cache, prefetch; pass it to fit, evaluate and predict, or loop over it."

    static func module(_ store: SessionStore) -> ModuleValue {
        store.shared("module:tensorflow.data") {
            let m = ModuleValue("tensorflow.data", doc: "tf.data: datasets that feed fit batch by batch.")
            let type = binding.typeValue(constructor: nil)
            for f in constructors(store) { type.attributes[f.name.split(separator: ".").last.map(String.init) ?? f.name] = .native(f) }
            m.add("Dataset", .type(type))
            m.add("AUTOTUNE", .int(-1))
            m.add("INFINITE_CARDINALITY", .int(-1))
            m.add("UNKNOWN_CARDINALITY", .int(-2))
            let experimental = ModuleValue("tensorflow.data.experimental", doc: "tf.data's older names.")
            experimental.add("AUTOTUNE", .int(-1))
            experimental.add("INFINITE_CARDINALITY", .int(-1))
            experimental.add("UNKNOWN_CARDINALITY", .int(-2))
            experimental.add(NativeFunction("cardinality", doc: "The number of elements of a dataset (-1 infinite, -2 unknown).",
                                            parameters: [.required("dataset")]) { a, ctx in
                guard case .object(let d as DatasetObject) = a["dataset"]! else {
                    throw Diagnostic(.typeError, "cardinality() takes a tf.data.Dataset. Received: \(Repr.repr(a["dataset"]!))", at: a.span(of: "dataset"))
                }
                return TF.wrap(try Tensor(shape: Shape([]), int64s: [Int64(d.stage.cardinality.number)]))
            })
            m.add("experimental", .module(experimental))
            return m
        }
    }

    static func constructors(_ store: SessionStore) -> [NativeFunction] {
        [NativeFunction("Dataset.from_tensor_slices", doc: "A dataset of the rows of the given arrays: from_tensor_slices((x_train, y_train)) gives (x, y) pairs, one sample each.",
                        parameters: [.required("tensors"), .optional("name", default: Value.none)]) { a, ctx in
            let span = a.span(of: "tensors")
            let element = try DatasetElement.from(a["tensors"]!, span: span)
            guard let n = element.sharedLength else {
                let shapes = element.leaves.map { "(" + $0.shape.dims.map(String.init).joined(separator: ", ") + ")" }
                throw Diagnostic(.valueError, "Dimensions of the components must agree along their first axis: received shapes \(shapes.joined(separator: ", ")).",
                                 at: span, notes: ["help: pass arrays with one row per sample, e.g. from_tensor_slices((x_train, y_train))"])
            }
            return .object(DatasetObject(SliceStage(element, count: n), store, ctx))
         },
         NativeFunction("Dataset.range", doc: "A dataset of int64 numbers: range(stop), range(start, stop[, step]).",
                        parameters: [.varPositional("args")]) { a, ctx in
            let ints = try a.varPositional.map { v -> Int in
                guard let i = v.value.asInt else { throw Diagnostic(.typeError, "range() takes integers. Received: \(Repr.repr(v.value))", at: v.span) }
                return i
            }
            guard (1...3).contains(ints.count), ints.count < 3 || ints[2] != 0 else {
                throw Diagnostic(.valueError, "range() takes (stop), (start, stop) or (start, stop, step) with step not 0.", at: ctx.span)
            }
            let (start, stop) = ints.count == 1 ? (0, ints[0]) : (ints[0], ints[1])
            return .object(DatasetObject(RangeStage(start: start, stop: stop, step: ints.count == 3 ? ints[2] : 1), store, ctx))
         }]
    }

    static func count(_ a: BoundArguments, _ name: String) throws -> Int {
        guard let v = a[name], let n = v.asInt else {
            throw Diagnostic(.typeError, "`\(name)` must be an integer. Received: \(Repr.repr(a[name] ?? .none))", at: a.span(of: name))
        }
        return n
    }

    static func function(_ a: BoundArguments, _ name: String) throws -> Value {
        let f = a[name]!
        let callable: Bool
        switch f {
        case .function, .native, .type: callable = true
        case .object(let o): callable = o.isCallable
        default: callable = false
        }
        guard callable else {
            throw Diagnostic(.typeError, "`\(name)` must be a function. Received: \(Repr.repr(f))", at: a.span(of: name),
                             notes: ["help: ds.map(lambda x, y: (x / 255, y))"])
        }
        return f
    }

    static let binding = HostClass<DatasetObject>("Dataset", module: "tensorflow.data", doc: classDoc)
        .method("batch", [.required("batch_size"), .optional("drop_remainder", default: .bool(false)),
                          .optional("num_parallel_calls", default: Value.none), .optional("deterministic", default: Value.none),
                          .optional("name", default: Value.none)],
                doc: "Consecutive elements stacked into batches of batch_size (the last one smaller unless drop_remainder=True).") { d, a, ctx in
            let n = try count(a, "batch_size")
            guard n > 0 else { throw Diagnostic(TF.invalidArgumentError, "Batch size must be greater than zero.", at: a.span(of: "batch_size")) }
            return d.then(BatchStage(d.stage, size: n, dropRemainder: a.bool("drop_remainder"), span: ctx.span))
        }
        .method("unbatch", [.optional("name", default: Value.none)], doc: "Each batch split back into its elements.") { d, _, ctx in
            d.then(UnbatchStage(d.stage, span: ctx.span))
        }
        .method("map", [.required("map_func"), .optional("num_parallel_calls", default: Value.none),
                        .optional("deterministic", default: Value.none), .optional("name", default: Value.none)],
                doc: "Every element passed through map_func (a tuple element as separate arguments): ds.map(lambda x, y: (x / 255, y)).") { d, a, _ in
            d.then(MapStage(d.stage, function: try function(a, "map_func"), span: a.span(of: "map_func")))
        }
        .method("filter", [.required("predicate"), .optional("name", default: Value.none)],
                doc: "The elements for which predicate returns True.") { d, a, _ in
            d.then(FilterStage(d.stage, predicate: try function(a, "predicate"), span: a.span(of: "predicate")))
        }
        .method("shuffle", [.required("buffer_size"), .optional("seed", default: Value.none),
                            .optional("reshuffle_each_iteration", default: .bool(true)), .optional("name", default: Value.none)],
                doc: "Elements in random order, drawn from a buffer of buffer_size elements; a new order every pass unless reshuffle_each_iteration=False.") { d, a, _ in
            let size = try count(a, "buffer_size")
            guard size > 0 || size == -1 else {
                throw Diagnostic(TF.invalidArgumentError, "buffer_size must be greater than zero or UNKNOWN_CARDINALITY", at: a.span(of: "buffer_size"))
            }
            let seed: UInt64
            if let s = a["seed"], !s.isNone { seed = UInt64(truncatingIfNeeded: try count(a, "seed")) } else { seed = KerasModules.state(d.store).nn.generator.next() }
            let buffer = size == -1 ? Int.max : size
            return d.then(ShuffleStage(d.stage, bufferSize: buffer, seed: seed, reshuffle: a.bool("reshuffle_each_iteration")))
        }
        .method("take", [.required("count"), .optional("name", default: Value.none)], doc: "The first count elements (all with -1).") { d, a, _ in
            d.then(TakeStage(d.stage, count: try count(a, "count"), skipping: false))
        }
        .method("skip", [.required("count"), .optional("name", default: Value.none)], doc: "All but the first count elements.") { d, a, _ in
            d.then(TakeStage(d.stage, count: try count(a, "count"), skipping: true))
        }
        .method("repeat", [.optional("count", default: Value.none), .optional("name", default: Value.none)],
                doc: "The dataset count times over, or forever without a count (fit then needs steps_per_epoch).") { d, a, _ in
            d.then(RepeatStage(d.stage, count: a["count"]!.isNone ? nil : try count(a, "count")))
        }
        .method("prefetch", [.required("buffer_size"), .optional("name", default: Value.none)],
                doc: "Accepted as TF takes it (prefetch(tf.data.AUTOTUNE)); Fovea reads each batch when fit needs it.") { d, a, _ in
            _ = try count(a, "buffer_size")
            return d.then(PassStage(d.stage, className: "_PrefetchDataset"))
        }
        .method("cache", [.optional("filename", default: .str("")), .optional("name", default: Value.none)],
                doc: "Keeps the elements of the first full pass in memory; later passes replay them.") { d, a, _ in
            guard (try a.string("filename")).isEmpty else {
                throw Diagnostic(.notImplementedError, "Fovea caches datasets in memory only: call cache() without a filename.", at: a.span(of: "filename"))
            }
            return d.then(CacheStage(d.stage))
        }
        .method("as_numpy_iterator", doc: "An iterator over the elements as numpy arrays.") { d, _, ctx in
            let next = try d.stage.iterator(ctx)
            return .iterator(IteratorBox("NumpyIterator") { try next()?.numpyValue })
        }
        .method("cardinality", doc: "The number of elements as a tensor: -1 for an infinite dataset, -2 when unknown.") { d, _, _ in
            TF.wrap(try Tensor(shape: Shape([]), int64s: [Int64(d.stage.cardinality.number)]))
        }
        .property("element_spec", doc: "The type and shape of each element, as TensorSpecs.") { d, _ in .str(try d.elementSpec()) }
        .property("class_names", doc: "The class names, in label order (set by image_dataset_from_directory).") { d, ctx in
            guard let names = d.classNames else {
                throw Diagnostic(.attributeError, "'\(d.typeName)' object has no attribute 'class_names'", at: ctx.span,
                                 notes: ["help: read class_names from the dataset image_dataset_from_directory returned, before shuffle, cache or prefetch"])
            }
            return .list(names.map { .str($0) })
        }
        .property("file_paths", doc: "The image files, in the dataset's order (set by image_dataset_from_directory).") { d, ctx in
            guard let paths = d.filePaths else {
                throw Diagnostic(.attributeError, "'\(d.typeName)' object has no attribute 'file_paths'", at: ctx.span)
            }
            return .list(paths.map { .str($0) })
        }
}
