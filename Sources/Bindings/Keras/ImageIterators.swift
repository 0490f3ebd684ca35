import FoveaLang
import Glibc
import Tensor

/// Where an image iterator's samples come from: arrays in memory (`flow`) or files in class
/// folders (`flow_from_directory`). Given the indices of a batch, a source makes the batch.
protocol ImageBatchSource: AnyObject {
    /// The number of samples.
    var count: Int { get }
    /// The batch for `indices`: (x, y), x alone, or (x, y, sample_weight), as Keras returns it.
    func batch(_ indices: [Int], _ generator: ImageDataGeneratorObject, _ context: CallContext) throws -> Value
    /// The iterator's class name: NumpyArrayIterator or DirectoryIterator.
    var className: String { get }
    /// The iterator's declared class (its members beyond the Sequence protocol).
    var binding: AnyHostClass { get }
}

/// Keras's image iterators (`keras.preprocessing.image.Iterator`, a `keras.utils.Sequence`):
/// `len(it)` batches, `it[i]` the i-th batch of the current order, `on_epoch_end()` reshuffles,
/// and `next(it)` / `for batch in it` run through batches endlessly as Keras's do, starting a
/// new shuffled order at each pass. With a seed, numpy's generator is seeded with
/// seed + batches seen before each batch, so the same seed gives the same batches.
final class ImageIteratorObject: FoveaObject {
    let source: ImageBatchSource
    let generator: ImageDataGeneratorObject
    let batchSize: Int, shuffle: Bool, seed: Int?
    var batchIndex = 0, totalBatchesSeen = 0
    var indexArray: [Int]?
    private var flowStarted = false

    init(_ source: ImageBatchSource, generator: ImageDataGeneratorObject, batchSize: Int, shuffle: Bool, seed: Int?) {
        self.source = source; self.generator = generator; self.batchSize = batchSize; self.shuffle = shuffle; self.seed = seed
    }

    var n: Int { source.count }
    var typeName: String { source.className }
    var doc: String { Self.iteratorDoc }
    func repr() -> String { "<keras.src.legacy.preprocessing.image.\(source.className) object>" }
    var hostClass: AnyHostClass? { source.binding }
    func length() -> Int? { (n + batchSize - 1) / batchSize }

    func getItem(_ index: Value, context: CallContext) throws -> Value? {
        guard let i = index.asInt, !KerasArguments.isBool(index) else {
            throw Diagnostic(.typeError, "\(typeName) indices must be integers (the number of a batch). Received: \(Repr.repr(index))", at: context.span)
        }
        return try item(i, context)
    }

    func makeIterator(context: CallContext) throws -> IteratorBox? {
        IteratorBox(source.className) { [self] in
            try context.checkInterrupt()
            return try next(context)
        }
    }

    private func seedForBatch() {
        if let seed { generator.random.seed(UInt32(truncatingIfNeeded: seed + totalBatchesSeen)) }
    }

    private func setIndexArray() {
        indexArray = shuffle ? generator.random.permutation(n) : Array(0..<n)
    }

    /// Keras's `Iterator.__getitem__`.
    func item(_ i: Int, _ context: CallContext) throws -> Value {
        let count = length() ?? 0
        guard i >= 0, i < count else {
            throw Diagnostic(.valueError, "Asked to retrieve element \(i), but the Sequence has length \(count)", at: context.span,
                             notes: ["help: batches are numbered 0 to len(iterator) - 1"])
        }
        seedForBatch()
        totalBatchesSeen += 1
        if indexArray == nil { setIndexArray() }
        let all = indexArray!
        let indices = Array(all[(batchSize * i)..<min(batchSize * (i + 1), all.count)])
        return try source.batch(indices, generator, context)
    }

    /// Keras's `Iterator.next()`: the batches of `_flow_index`, endlessly.
    func next(_ context: CallContext) throws -> Value {
        if !flowStarted { flowStarted = true; batchIndex = 0 }
        seedForBatch()
        if batchIndex == 0 { setIndexArray() }
        let current = n == 0 ? 0 : (batchIndex * batchSize) % n
        if n > current + batchSize { batchIndex += 1 } else { batchIndex = 0 }
        totalBatchesSeen += 1
        let all = indexArray ?? []
        let indices = Array(all[min(current, all.count)..<min(current + batchSize, all.count)])
        return try source.batch(indices, generator, context)
    }

    static let iteratorDoc = """
        Batches of images as Keras's ImageDataGenerator gives them (a keras.utils.Sequence): len(it) batches per \
        epoch, it[i] the i-th batch as (x, y), x alone without labels, next(it) and for-loops go on endlessly \
        (break out), on_epoch_end() reshuffles. model.fit(it, epochs=...) trains on it.
        """

    static let binding: HostClass<ImageIteratorObject> = {
        let c = HostClass<ImageIteratorObject>("Iterator", module: "keras.preprocessing.image", doc: iteratorDoc)
        c.property("n", doc: "The number of samples.") { o, _ in .int(o.n) }
            .property("batch_size", doc: "The number of samples in a batch (the last one may have fewer).") { o, _ in .int(o.batchSize) }
            .property("shuffle", doc: "Whether the order is shuffled at each epoch.") { o, _ in .bool(o.shuffle) }
            .property("seed", doc: "The random seed, or None.") { o, _ in o.seed.map(Value.int) ?? .none }
            .property("batch_index", doc: "The position of next(it) in the current pass.") { o, _ in .int(o.batchIndex) }
            .property("total_batches_seen", doc: "How many batches the iterator has made.") { o, _ in .int(o.totalBatchesSeen) }
            .property("index_array", doc: "The current order of the samples (an int64 array), or None before the first batch.") { o, _ in
                guard let a = o.indexArray else { return .none }
                return .object(TensorObject(try Tensor(shape: [a.count], int64s: a.map(Int64.init))))
            }
            .property("image_data_generator", doc: "The ImageDataGenerator that transforms the images.") { o, _ in .object(o.generator) }
            .method("__len__", doc: "The number of batches per epoch: ceil(n / batch_size).") { o, _, _ in .int(o.length() ?? 0) }
            .method("__getitem__", [.required("idx")], doc: "The idx-th batch of the current order: (x, y), or x alone.") { o, a, ctx in
                guard let i = a["idx"]!.asInt, !KerasArguments.isBool(a["idx"]!) else {
                    throw Diagnostic(.typeError, "\(o.typeName) indices must be integers (the number of a batch). Received: \(Repr.repr(a["idx"]!))", at: a.span(of: "idx"))
                }
                return try o.item(i, ctx)
            }
            .method("__iter__", doc: "The iterator itself: next(it) gives batch after batch, endlessly.") { o, _, _ in .object(o) }
            .method("__next__", doc: "The next batch.") { o, _, ctx in try o.next(ctx) }
            .method("next", doc: "The next batch (as next(it)).") { o, _, ctx in try o.next(ctx) }
            .method("on_epoch_end", doc: "Start a new epoch: the samples are put in a new random order when shuffle=True.") { o, _, _ in
                o.setIndexArray()
                return .none
            }
            .method("reset", doc: "Start next(it) again from the first batch of a new pass.") { o, _, _ in
                o.batchIndex = 0
                return .none
            }
        return c
    }()

    static let numpyBinding = HostClass<ImageIteratorObject>(
        "NumpyArrayIterator", module: "keras.preprocessing.image", doc: "ImageDataGenerator.flow's iterator: " + iteratorDoc, base: binding)
        .property("x", doc: "The images (float32, n x height x width x channels).") { o, _ in
            guard let s = o.source as? ArrayBatchSource else { return .none }
            return .object(TensorObject(s.x.dtype == .float32 ? s.x : s.x.converted(to: .float32)))
        }
        .property("y", doc: "The labels, or None.") { o, _ in
            guard let s = o.source as? ArrayBatchSource, let y = s.y else { return .none }
            return .object(TensorObject(y))
        }

    static let directoryBinding = HostClass<ImageIteratorObject>(
        "DirectoryIterator", module: "keras.preprocessing.image", doc: "ImageDataGenerator.flow_from_directory's iterator: " + iteratorDoc, base: binding)
        .property("directory", doc: "The folder the images are read from.") { o, _ in .str(o.folder.directory) }
        .property("class_indices", doc: "Each class name (subfolder) with its index, in sorted order.") { o, _ in
            let d = DictBox()
            for (i, name) in o.folder.classNames.enumerated() { d.set(.str(name), .str(name), .int(i)) }
            return .dict(d)
        }
        .property("classes", doc: "Each image's class index (an int32 array), in the order of filenames.") { o, _ in
            .object(TensorObject(try Tensor(shape: [o.folder.classes.count], int64s: o.folder.classes.map(Int64.init)).converted(to: .int32)))
        }
        .property("labels", doc: "The same as classes.") { o, _ in
            .object(TensorObject(try Tensor(shape: [o.folder.classes.count], int64s: o.folder.classes.map(Int64.init)).converted(to: .int32)))
        }
        .property("filenames", doc: "Each image's path relative to directory ('class/file.png').") { o, _ in .list(o.folder.filenames.map(Value.str)) }
        .property("filepaths", doc: "Each image's full path.") { o, _ in .list(o.folder.filenames.map { .str(o.folder.directory + "/" + $0) }) }
        .property("samples", doc: "The number of images.") { o, _ in .int(o.n) }
        .property("num_classes", doc: "The number of classes.") { o, _ in .int(o.folder.classNames.count) }
        .property("class_mode", doc: "'categorical', 'binary', 'sparse', 'input' or None.") { o, _ in o.folder.classMode.map(Value.str) ?? .none }
        .property("color_mode", doc: "'rgb', 'rgba' or 'grayscale'.") { o, _ in .str(o.folder.colorMode) }
        .property("target_size", doc: "(height, width) the images are resized to.") { o, _ in .tuple([.int(o.folder.targetSize.0), .int(o.folder.targetSize.1)]) }
        .property("image_shape", doc: "(height, width, channels) of one image in a batch.") { o, _ in
            .tuple([.int(o.folder.targetSize.0), .int(o.folder.targetSize.1), .int(o.folder.channels)])
        }

    private var folder: FolderBatchSource { source as! FolderBatchSource }
}
