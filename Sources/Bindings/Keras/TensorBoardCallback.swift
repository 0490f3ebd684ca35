import DataIO
import FoveaLang
import Glibc
import NeuralNet

/// `TensorBoard(log_dir='logs', histogram_freq=0, write_graph=True, write_images=False,
/// write_steps_per_second=False, update_freq='epoch', profile_batch=0, embeddings_freq=0,
/// embeddings_metadata=None)`: writes TensorBoard event files as Keras 3 does with TensorFlow.
///
/// - `log_dir/train/events.out.tfevents...v2`: `epoch_<name>` for each training log, then
///   `epoch_learning_rate` (and `epoch_steps_per_second`), at step = epoch (from 0); with
///   `update_freq='batch'` or an integer, `batch_<name>` after every batch at step = the batch's
///   number counted from 1 across epochs (Keras 3 writes every batch whatever the integer: its
///   `record_if` condition reads a step frozen at 0).
/// - `log_dir/validation/...` (with validation data): `evaluation_<name>_vs_iterations` at step =
///   the optimizer's iterations (Keras's on_test_end), then `epoch_<name>` without `val_` at
///   step = epoch.
/// - `histogram_freq=N`: every N epochs, `<weight path>/histogram` (e.g.
///   `sequential/dense/kernel/histogram`) in the train file, TensorBoard's 30 buckets.
/// Every fit opens new files (the train file when it starts, the validation file at the first
/// validation); they are flushed at each epoch end and closed when training ends.
final class TensorBoardCallback: CallbackObject {
    let logDir: String, histogramFreq: Int, writeGraph: Bool, writeImages: Bool, writeStepsPerSecond: Bool
    /// nil for 'epoch'; 1 for 'batch'; the integer otherwise.
    let updateFreq: Int?
    let updateFreqValue: Value, embeddingsMetadata: Value

    private var trainWriter: EventFileWriter?
    private var validationWriter: EventFileWriter?
    private var globalTrainBatch = 0
    private var epochStart = 0.0, batchStart = 0.0, iterationsAtEpochStart = 0

    init(_ a: inout BoundArguments) throws {
        logDir = try a.path("log_dir")
        histogramFreq = try a.int("histogram_freq")
        writeGraph = a.bool("write_graph"); writeImages = a.bool("write_images")
        writeStepsPerSecond = a.bool("write_steps_per_second")
        updateFreqValue = a["update_freq"]!
        embeddingsMetadata = a["embeddings_metadata"] ?? .none
        switch updateFreqValue {
        case .str("epoch"): updateFreq = nil
        case .str("batch"): updateFreq = 1
        case .int(let n) where n > 0: updateFreq = n
        default:
            throw Diagnostic(.valueError, "update_freq must be 'epoch', 'batch' or a positive number of batches. Received: update_freq=\(Repr.repr(updateFreqValue))",
                             at: a.span(of: "update_freq"), notes: ["help: update_freq='batch' writes batch_loss, ... after every batch; update_freq='epoch' (the default) once an epoch"])
        }
        guard histogramFreq >= 0 else {
            throw Diagnostic(.valueError, "histogram_freq must be a non-negative number of epochs. Received: histogram_freq=\(histogramFreq)", at: a.span(of: "histogram_freq"))
        }
        if histogramFreq > 0 && writeImages {
            throw Diagnostic(.notImplementedError, "Fovea's TensorBoard writes weight histograms but not weights as images. Received: write_images=True",
                             at: a.span(of: "write_images"), notes: ["help: leave write_images=False; show_filters(model) draws a layer's filters in the notebook"])
        }
        try Self.checkProfileBatch(a["profile_batch"]!, span: a.span(of: "profile_batch"))
        if let freq = a["embeddings_freq"]?.asInt, freq != 0 {
            throw Diagnostic(.notImplementedError, "Fovea's TensorBoard does not write embeddings for the projector. Received: embeddings_freq=\(freq)",
                             at: a.span(of: "embeddings_freq"), notes: ["help: leave embeddings_freq=0"])
        }
    }

    /// Keras's checks of `profile_batch` (an int, a pair, or 'start,stop'); a batch to profile
    /// needs TensorFlow's profiler, which Fovea has not.
    static func checkProfileBatch(_ v: Value, span: Span) throws {
        let message = "profile_batch must be a non-negative integer or 2-tuple of positive integers. A pair of positive integers signifies a range of batches to profile. Found: \(Repr.str(v))"
        var bounds: [Int] = []
        if case .str(let s) = v {
            for part in s.split(separator: ",", omittingEmptySubsequences: false) {
                guard let n = Int(part.filter { $0 != " " }) else { throw Diagnostic(.valueError, message, at: span) }
                bounds.append(n)
            }
        } else if case .int(let n) = v {
            bounds = [n]
        } else if let items = KerasArguments.sequence(v), items.count == 2, let a = items[0].asInt, let b = items[1].asInt {
            bounds = [a, b]
        } else {
            throw Diagnostic(.valueError, message, at: span)
        }
        guard bounds.count <= 2, bounds[0] >= 0, bounds.last! >= bounds[0] else { throw Diagnostic(.valueError, message, at: span) }
        if bounds != [0] && bounds != [0, 0] {
            throw Diagnostic(.notImplementedError, "Fovea has no TensorFlow profiler for TensorBoard's Profile tab. Received: profile_batch=\(Repr.repr(v))",
                             at: span, notes: ["help: leave profile_batch=0; FOVEA_PROFILE=1 in the kernel's environment prints where fit's time goes"])
        }
    }

    override var typeName: String { "TensorBoard" }
    override var hostClass: AnyHostClass? { Self.callbackBinding }
    static let doc = """
        Write the loss, metrics and learning rate of every epoch to event files that TensorBoard shows: \
        TensorBoard(log_dir='logs') writes logs/train and logs/validation; view them with \
        `tensorboard --logdir logs`. update_freq='batch' also writes every batch's running values; \
        histogram_freq=1 writes each weight's histogram every epoch.
        """
    static let callbackBinding = HostClass<TensorBoardCallback>("TensorBoard", module: "keras.callbacks", doc: doc, base: CallbackObject.binding,
                                                                isSubclassable: true)
        .property("log_dir", doc: "The folder the event files are written under (train/ and validation/).") { c, _ in .str(c.logDir) }
        .property("histogram_freq", doc: "Epochs between weight histograms (0: none).") { c, _ in .int(c.histogramFreq) }
        .property("write_graph", doc: "Whether the model's graph is written (Fovea writes none yet).") { c, _ in .bool(c.writeGraph) }
        .property("write_images", doc: "Whether weights are written as images along with histograms.") { c, _ in .bool(c.writeImages) }
        .property("write_steps_per_second", doc: "Whether steps_per_second is written too.") { c, _ in .bool(c.writeStepsPerSecond) }
        .property("update_freq", doc: "'epoch', or every how many batches batch_ scalars are written ('batch' is 1).") { c, _ in
            c.updateFreq.map { .int($0) } ?? .str("epoch")
        }
        .property("embeddings_metadata", doc: "Metadata files for embedding layers (unused by Fovea).") { c, _ in c.embeddingsMetadata }

    static func makeType() -> TypeValue {
        KerasCallbacks.make(callbackBinding, doc, [.optional("log_dir", default: .str("logs")), .optional("histogram_freq", default: .int(0)),
                                                   .optional("write_graph", default: .bool(true)), .optional("write_images", default: .bool(false)),
                                                   .optional("write_steps_per_second", default: .bool(false)),
                                                   .optional("update_freq", default: .str("epoch")), .optional("profile_batch", default: .int(0)),
                                                   .optional("embeddings_freq", default: .int(0)),
                                                   .optional("embeddings_metadata", default: Value.none)]) {
            try TensorBoardCallback(&$0)
        }
    }

    deinit {
        try? trainWriter?.close()
        try? validationWriter?.close()
    }

    private var trainDir: String { logDir + "/train" }
    private var validationDir: String { logDir + "/validation" }

    override func handle(_ hook: String, index: Int?, logs: Value, context: CallContext) throws {
        do {
            try run(hook, index: index, logs: logs, context: context)
        } catch let e as EventFileError {
            throw diagnostic(e, context)
        }
    }

    private func run(_ hook: String, index: Int?, logs: Value, context: CallContext) throws {
        switch hook {
        case "on_train_begin":
            try closeWriters()
            globalTrainBatch = 0
            // Keras opens the train writer at once when it writes the graph (write_graph=True).
            if writeGraph { _ = try writer(validation: false) }
        case "on_epoch_begin":
            epochStart = EventFileWriter.wallTime()
            iterationsAtEpochStart = try trainedModel(context).optimizerObject?.optimizer.iterations ?? 0
        case "on_train_batch_begin":
            globalTrainBatch += 1
            batchStart = EventFileWriter.wallTime()
        case "on_train_batch_end":
            guard updateFreq != nil else { return }
            let w = try writer(validation: false)
            let step = Int64(globalTrainBatch)
            if writeStepsPerSecond {
                try w.addScalar("batch_steps_per_second", Float(1 / max(EventFileWriter.wallTime() - batchStart, 1e-9)), step: step)
            }
            for (name, value) in Self.numbers(logs) { try w.addScalar("batch_" + name, Float(value), step: step) }
        case "on_epoch_end":
            try epochEnd(index ?? 0, logs: logs, context: context)
        case "on_train_end":
            try closeWriters()
        default: break
        }
    }

    private func epochEnd(_ epoch: Int, logs: Value, context: CallContext) throws {
        let entries = Self.numbers(logs)
        var train = entries.filter { !$0.name.hasPrefix("val_") }
        let validation = entries.filter { $0.name.hasPrefix("val_") }.map { (name: String($0.name.dropFirst(4)), value: $0.value) }
        let optimizer = try trainedModel(context).optimizerObject?.optimizer
        if let optimizer {
            // Keras's `float(optimizer.learning_rate)`: the float32 variable (or the schedule's value now).
            let rate = Double(Float(optimizer.learningRate))
            if let i = train.firstIndex(where: { $0.name == "learning_rate" }) { train[i].value = rate } else { train.append(("learning_rate", rate)) }
        }
        if writeStepsPerSecond {
            let steps = (optimizer?.iterations ?? 0) - iterationsAtEpochStart
            train.append(("steps_per_second", Double(steps) / max(EventFileWriter.wallTime() - epochStart, 1e-9)))
        }
        if !validation.isEmpty {
            let w = try writer(validation: true)
            // What Keras's on_test_end writes after the epoch's validation, at the optimizer's step.
            if let optimizer {
                for (name, value) in validation {
                    try w.addScalar("evaluation_\(name)_vs_iterations", Float(value), step: Int64(optimizer.iterations))
                }
            }
        }
        if !train.isEmpty {
            let w = try writer(validation: false)
            for (name, value) in train { try w.addScalar("epoch_" + name, Float(value), step: Int64(epoch)) }
            try w.flush()
        }
        if !validation.isEmpty {
            let w = try writer(validation: true)
            for (name, value) in validation { try w.addScalar("epoch_" + name, Float(value), step: Int64(epoch)) }
            try w.flush()
        }
        if histogramFreq > 0 && epoch % histogramFreq == 0 {
            // Keras 3.15's `_log_weights`: every weight of every layer, tagged by its path.
            let w = try writer(validation: false)
            for weight in try trainedModel(context).model.weights {
                let tag = weight.path.split(separator: ":", omittingEmptySubsequences: false).joined(separator: "_") + "/histogram"
                try w.addHistogram(tag, weight.value.floatArray, step: Int64(epoch))
            }
            try w.flush()
        }
    }

    /// The train or validation writer, made on first use as Keras makes them.
    private func writer(validation: Bool) throws -> EventFileWriter {
        if validation, let w = validationWriter { return w }
        if !validation, let w = trainWriter { return w }
        let w = try EventFileWriter(directory: validation ? validationDir : trainDir)
        if validation { validationWriter = w } else { trainWriter = w }
        return w
    }

    private func closeWriters() throws {
        let writers = [trainWriter, validationWriter].compactMap { $0 }
        trainWriter = nil; validationWriter = nil
        for w in writers { try w.close() }
    }

    /// The logs' numbers in their order (`accuracy`, `loss`, `val_accuracy`, ...).
    static func numbers(_ logs: Value) -> [(name: String, value: Double)] {
        guard case .dict(let d) = logs else { return [] }
        return d.entries.compactMap { entry in
            guard case .str(let name) = entry.0, let x = entry.1.asDouble else { return nil }
            return (name, x)
        }
    }

    private func diagnostic(_ e: EventFileError, _ context: CallContext) -> Diagnostic {
        guard e.kind == .notADirectory else { return Diagnostic.os(errno: e.code, path: e.path, at: context.span) }
        var d = Diagnostic(.notADirectoryError,
                           "TensorBoard writes its event files into folders under log_dir, but \(Repr.string(e.path)) is a file. Received: log_dir=\(Repr.string(logDir))",
                           at: context.span,
                           notes: ["help: pass a folder name that is not a file, e.g. TensorBoard(log_dir='logs/fit'), or remove the file"])
        d.args = [.int(Int(ENOTDIR)), .str(String(cString: strerror(ENOTDIR)))]
        d.filename = .str(e.path)
        return d
    }
}
