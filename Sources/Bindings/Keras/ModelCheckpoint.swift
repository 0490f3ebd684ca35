import FoveaLang
import Glibc
import ModelFiles
import NeuralNet

/// `ModelCheckpoint(filepath, monitor='val_loss', verbose=0, save_best_only=False,
/// save_weights_only=False, mode='auto', save_freq='epoch', initial_value_threshold=None)`:
/// saves the model (or its weights) during fit, with `{epoch:02d}` and `{val_loss:.2f}` filled in
/// from the epoch and its logs, and Keras's messages. Keras 3 takes `.keras` and `.weights.h5`
/// only; Fovea also takes `.h5`/`.hdf5` and writes the legacy layout older tutorials load.
final class ModelCheckpointCallback: CallbackObject {
    let filepath: String, monitor: String, verbose: Int, saveBestOnly: Bool, saveWeightsOnly: Bool, mode: String
    let saveFrequency: Int?
    let initialBest: Double?
    var best: Double?
    var lowerIsBetter: Bool?
    private var currentEpoch = 0
    private var batchesSinceSave = 0

    init(_ a: inout BoundArguments) throws {
        filepath = try a.path("filepath"); monitor = try a.string("monitor"); verbose = try a.int("verbose")
        saveBestOnly = a.bool("save_best_only"); saveWeightsOnly = a.bool("save_weights_only")
        mode = try KerasCallbacks.mode(a)
        initialBest = a["initial_value_threshold"].flatMap { $0.isNone ? nil : $0.asDouble }
        best = initialBest
        switch a["save_freq"]! {
        case .str("epoch"): saveFrequency = nil
        case .int(let n) where n > 0: saveFrequency = n
        case let v:
            throw Diagnostic(.valueError, "Unrecognized save_freq: \(Repr.str(v)). Expected save_freq are 'epoch' or integer values",
                             at: a.span(of: "save_freq"))
        }
        let lower = filepath.lowercased()
        let legacy = lower.hasSuffix(".h5") || lower.hasSuffix(".hdf5")
        if saveWeightsOnly {
            guard lower.hasSuffix(".weights.h5") || legacy else {
                throw Diagnostic(.valueError, "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in "
                                 + "`.weights.h5` (Keras weights format). Received: filepath=\(filepath)", at: a.span(of: "filepath"),
                                 notes: ["help: Fovea also writes the older HDF5 layout for a name ending in .h5 or .hdf5"])
            }
        } else {
            guard lower.hasSuffix(".keras") || legacy else {
                throw Diagnostic(.valueError, "The filepath provided must end in `.keras` (Keras model format). Received: filepath=\(filepath)",
                                 at: a.span(of: "filepath"),
                                 notes: ["help: ModelCheckpoint('best.keras'), or save_weights_only=True with 'best.weights.h5'"])
            }
        }
    }

    override var typeName: String { "ModelCheckpoint" }
    override var hostClass: AnyHostClass? { Self.callbackBinding }
    static let doc = """
        Save the model (or only its weights) during fit: at the end of every epoch, or with \
        save_best_only=True only when the monitored metric improved. The path may hold {epoch:02d} \
        and log values such as {val_loss:.2f}. Names ending in .keras or .weights.h5 are Keras 3's \
        formats; .h5 and .hdf5 give the older HDF5 layout.
        """
    static let callbackBinding = HostClass<ModelCheckpointCallback>("ModelCheckpoint", module: "keras.callbacks", doc: doc,
                                                                    base: CallbackObject.binding, isSubclassable: true)
        .property("filepath", doc: "The path pattern files are saved to.") { c, _ in .str(c.filepath) }
        .property("monitor", doc: "The metric watched with save_best_only.") { c, _ in .str(c.monitor) }
        .property("best", doc: "The best value of the monitored metric so far (None before the first epoch).") { c, _ in
            c.best.map { .float($0) } ?? .none
        }
        .property("save_best_only", doc: "Whether only improvements are saved.") { c, _ in .bool(c.saveBestOnly) }
        .property("save_weights_only", doc: "Whether only the weights are saved.") { c, _ in .bool(c.saveWeightsOnly) }

    static func makeType() -> TypeValue {
        KerasCallbacks.make(callbackBinding, doc, [.required("filepath"), .optional("monitor", default: .str("val_loss")),
                                                   .optional("verbose", default: .int(0)), .optional("save_best_only", default: .bool(false)),
                                                   .optional("save_weights_only", default: .bool(false)), .optional("mode", default: .str("auto")),
                                                   .optional("save_freq", default: .str("epoch")),
                                                   .optional("initial_value_threshold", default: Value.none)]) {
            try ModelCheckpointCallback(&$0)
        }
    }

    /// Keras's MonitorCallback: min for losses, max for accuracies, set at the first epoch end.
    func direction(_ context: CallContext) throws -> Bool {
        if mode != "auto" { return mode == "min" }
        let name = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
        if name == "loss" || ["mse", "mae", "mean_squared_error", "mean_absolute_error"].contains(name) { return true }
        if name.contains("acc") { return false }
        throw Diagnostic(.valueError, "ModelCheckpoint callback received monitor=\(monitor), but Keras isn't able to automatically determine whether that metric should be maximized or minimized. Pass `mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` in order to use the lowest value.", at: context.span)
    }

    override func handle(_ hook: String, index: Int?, logs: Value, context: CallContext) throws {
        switch hook {
        case "on_epoch_begin":
            currentEpoch = index ?? 0
        case "on_train_batch_end":
            guard let every = saveFrequency else { return }
            batchesSinceSave += 1
            if batchesSinceSave >= every {
                batchesSinceSave = 0
                try save(epoch: currentEpoch, batch: index ?? 0, logs: logs, context)
            }
        case "on_epoch_end":
            if lowerIsBetter == nil {
                let lower = try direction(context)
                lowerIsBetter = lower
                if best == nil { best = lower ? .infinity : -.infinity }
            }
            if saveFrequency == nil { try save(epoch: index ?? 0, batch: nil, logs: logs, context) }
        default: break
        }
    }

    /// Python's `f"{x:.5f}"`.
    static func fixed5(_ x: Double?) -> String {
        guard let x else { return "None" }
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        var buffer = [CChar](repeating: 0, count: 400)
        _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, "%.5f", $0) }
        return String(cString: buffer)
    }

    private func save(epoch: Int, batch: Int?, logs: Value, _ context: CallContext) throws {
        let path = try filePath(epoch: epoch, batch: batch, logs: logs, context)
        if saveBestOnly {
            guard let current = KerasCallbacks.value(logs, monitor) else {
                KerasCallbacks.warn("Can save best model only with \(monitor) available.", context)
                try write(path, epoch: epoch, context)
                return
            }
            let lower = lowerIsBetter ?? true
            let reference = best ?? (lower ? .infinity : -.infinity)
            if lower ? current < reference : current > reference {
                if verbose > 0 {
                    context.write("\nEpoch \(epoch + 1): \(monitor) improved from \(Self.fixed5(best)) to \(Self.fixed5(current)), saving model to \(path)\n")
                }
                best = current
                try write(path, epoch: epoch, context)
            } else if verbose > 0 {
                context.write("\nEpoch \(epoch + 1): \(monitor) did not improve from \(Self.fixed5(best))\n")
            }
            return
        }
        if verbose > 0 { context.write("\nEpoch \(epoch + 1): saving model to \(path)\n") }
        try write(path, epoch: epoch, context)
    }

    private func write(_ path: String, epoch: Int, _ context: CallContext) throws {
        let model = try trainedModel(context).model
        try ModelSaving.files(context.span) {
            if saveWeightsOnly {
                try ModelFile.saveWeights(model, to: path)
            } else {
                try ModelFile.save(model, to: path)
            }
        }
        if verbose > 0 {
            context.write("\nEpoch \(epoch + 1): finished saving model to \(path)\n")
        }
    }

    /// `filepath.format(epoch=epoch + 1, **logs)` with the language's own `str.format`.
    private func filePath(epoch: Int, batch: Int?, logs: Value, _ context: CallContext) throws -> String {
        guard filepath.contains("{") else { return filepath }
        var keywords: [(String, Value)] = [("epoch", .int(epoch + 1))]
        if let batch { keywords.append(("batch", .int(batch + 1))) }
        if case .dict(let d) = logs {
            for case (.str(let k), let v) in d.entries where k != "epoch" && !(batch != nil && k == "batch") { keywords.append((k, v)) }
        }
        do {
            let result = try context.call(try context.getAttribute(.str(filepath), "format"), [], keywords: keywords)
            guard case .str(let s) = result else { return filepath }
            return s
        } catch let d as Diagnostic where d.kind == .keyError {
            throw Diagnostic(.keyError, "Failed to format this callback filepath: \"\(filepath)\". Reason: \(d.message)", at: context.span,
                             notes: ["help: the names in {} must be epoch or keys of the logs: \(KerasCallbacks.keys(logs).joined(separator: ", "))"])
        }
    }
}
