import FoveaLang
import Glibc
import NeuralNet
import Tensor

/// Keras's own callbacks, as Keras 3 runs them: EarlyStopping, ReduceLROnPlateau,
/// LearningRateScheduler, CSVLogger, TerminateOnNaN and LambdaCallback. Each is a Callback
/// whose hooks are written in Swift (`handle`), with Keras's arguments, defaults and messages.
enum KerasCallbacks {
    static func types() -> [TypeValue] {
        [EarlyStoppingCallback.makeType(), ReduceLROnPlateauCallback.makeType(), LearningRateSchedulerCallback.makeType(),
         CSVLoggerCallback.makeType(), TerminateOnNaNCallback.makeType(), LambdaCallbackObject.makeType(),
         TensorBoardCallback.makeType(), ModelCheckpointCallback.makeType()]
    }

    /// A number from the epoch's logs, or nil when the key is absent.
    static func value(_ logs: Value, _ key: String) -> Double? {
        guard case .dict(let d) = logs, let v = d.get(.str(key)) else { return nil }
        return v.asDouble
    }

    static func keys(_ logs: Value) -> [String] {
        guard case .dict(let d) = logs else { return [] }
        return d.keys.compactMap { if case .str(let s) = $0 { return s }; return nil }
    }

    /// Keras's `warnings.warn(...)`: a UserWarning line on the cell's stderr.
    static func warn(_ message: String, _ context: CallContext) {
        context.write("UserWarning: \(message)\n", to: .stderr)
    }

    /// `mode=`: 'min', 'max' or 'auto' (what any other value falls back to, as in Keras).
    static func mode(_ a: BoundArguments) throws -> String {
        let m = try a.string("mode")
        return ["auto", "min", "max"].contains(m) ? m : "auto"
    }

    /// The learning rate as Keras reads it back from its float32 variable.
    static func float32(_ x: Double) -> Double { Double(Float(x)) }

    /// Sets the learning rate from a callback; an optimizer made with a schedule raises Keras's
    /// TypeError, placed at the call that runs the callback.
    static func setLearningRate(_ optimizer: Optimizer, _ value: Double, _ context: CallContext) throws {
        do { try optimizer.setLearningRate(value) } catch let error as LayerError {
            throw Diagnostic(.typeError, error.message, at: context.span,
                             notes: ["help: a learning rate schedule and a callback that sets the learning rate cannot both drive it; use one of them"])
        }
    }

    static func make<T: CallbackObject>(_ binding: HostClass<T>, _ doc: String, _ parameters: [NativeParameter],
                                        _ build: @escaping (inout BoundArguments) throws -> T) -> TypeValue {
        binding.typeValue(constructor: NativeFunction(binding.name, doc: doc, parameters: parameters) { a, _ in .object(try build(&a)) })
    }
}

/// `EarlyStopping(monitor='val_loss', min_delta=0, patience=0, verbose=0, mode='auto',
/// baseline=None, restore_best_weights=False, start_from_epoch=0)`.
final class EarlyStoppingCallback: CallbackObject {
    let monitor: String, minDelta: Double, patience: Int, verbose: Int, mode: String
    let baseline: Double?, restoreBestWeights: Bool, startFromEpoch: Int
    var wait = 0, stoppedEpoch = 0, bestEpoch = 0
    var best = Double.infinity
    var lowerIsBetter: Bool?
    var bestWeights: [Tensor]?

    init(_ a: inout BoundArguments) throws {
        monitor = try a.string("monitor"); minDelta = abs(try a.double("min_delta")); patience = try a.int("patience")
        verbose = try a.int("verbose"); baseline = a["baseline"].flatMap { $0.isNone ? nil : $0.asDouble }
        restoreBestWeights = a.bool("restore_best_weights"); startFromEpoch = try a.int("start_from_epoch")
        mode = try KerasCallbacks.mode(a)
    }

    override var typeName: String { "EarlyStopping" }
    override var hostClass: AnyHostClass? { Self.callbackBinding }
    static let doc = "Stop training when a monitored metric has stopped improving for patience epochs; restore_best_weights=True keeps the best epoch's weights."
    static let callbackBinding = HostClass<EarlyStoppingCallback>("EarlyStopping", module: "keras.callbacks", doc: doc, base: CallbackObject.binding,
                                                   isSubclassable: true)
        .property("stopped_epoch", doc: "The epoch (from 0) training stopped at; 0 when it did not stop early.") { c, _ in .int(c.stoppedEpoch) }
        .property("best", doc: "The best value of the monitored metric so far.") { c, _ in .float(c.best) }
        .property("wait", doc: "Epochs since the last improvement.") { c, _ in .int(c.wait) }
        .property("patience", doc: "Epochs without improvement before stopping.") { c, _ in .int(c.patience) }
        .property("monitor", doc: "The metric watched.") { c, _ in .str(c.monitor) }
        .property("best_epoch", doc: "The epoch (from 0) of the best value.") { c, _ in .int(c.bestEpoch) }

    static func makeType() -> TypeValue {
        KerasCallbacks.make(callbackBinding, doc, [.optional("monitor", default: .str("val_loss")), .optional("min_delta", default: .int(0)),
                                           .optional("patience", default: .int(0)), .optional("verbose", default: .int(0)),
                                           .optional("mode", default: .str("auto")), .optional("baseline", default: Value.none),
                                           .optional("restore_best_weights", default: .bool(false)), .optional("start_from_epoch", default: .int(0))]) {
            try EarlyStoppingCallback(&$0)
        }
    }

    /// Keras's choice of direction for mode='auto': down for losses, up for accuracies.
    func direction(_ context: CallContext) throws -> Bool {
        if mode != "auto" { return mode == "min" }
        let name = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
        if name == "loss" || ["mse", "mae", "mean_squared_error", "mean_absolute_error"].contains(name) { return true }
        if name.contains("acc") { return false }
        throw Diagnostic(.valueError, "EarlyStopping callback received monitor=\(monitor) but Keras isn't able to automatically determine whether that metric should be maximized or minimized. Pass `mode='max'` in order to do early stopping based on the highest metric value, or pass `mode='min'` in order to use the lowest value.", at: context.span)
    }

    func improves(_ value: Double, on reference: Double, lower: Bool) -> Bool {
        lower ? value - (-minDelta) < reference : value - minDelta > reference
    }

    override func handle(_ hook: String, index: Int?, logs: Value, context: CallContext) throws {
        switch hook {
        case "on_train_begin":
            wait = 0; stoppedEpoch = 0; bestWeights = nil; bestEpoch = 0
        case "on_epoch_end":
            let epoch = index ?? 0
            if lowerIsBetter == nil {
                let lower = try direction(context)
                lowerIsBetter = lower
                best = lower ? .infinity : -.infinity
            }
            let lower = lowerIsBetter!
            guard let current = KerasCallbacks.value(logs, monitor) else {
                KerasCallbacks.warn("Early stopping conditioned on metric `\(monitor)` which is not available. Available metrics are: \(KerasCallbacks.keys(logs).joined(separator: ","))", context)
                return
            }
            guard epoch >= startFromEpoch else { return }
            let model = try trainedModel(context).model
            if restoreBestWeights && bestWeights == nil { bestWeights = model.weights.map { $0.value.copy() }; bestEpoch = epoch }
            wait += 1
            if improves(current, on: best, lower: lower) {
                best = current
                bestEpoch = epoch
                if restoreBestWeights { bestWeights = model.weights.map { $0.value.copy() } }
                if baseline == nil || improves(current, on: baseline!, lower: lower) { wait = 0 }
                return
            }
            if wait >= patience && epoch > 0 {
                stoppedEpoch = epoch
                try trainedModel(context).stopTraining = true
            }
        case "on_train_end":
            if stoppedEpoch > 0 && verbose > 0 { context.write("Epoch \(stoppedEpoch + 1): early stopping\n") }
            if restoreBestWeights, let saved = bestWeights {
                if verbose > 0 { context.write("Restoring model weights from the end of the best epoch: \(bestEpoch + 1).\n") }
                let model = try trainedModel(context).model
                for (w, v) in zip(model.weights, saved) { try w.assign(v, layerName: nil) }
            }
        default: break
        }
    }
}

/// `ReduceLROnPlateau(monitor='val_loss', factor=0.1, patience=10, verbose=0, mode='auto',
/// min_delta=1e-4, cooldown=0, min_lr=0.0)`.
final class ReduceLROnPlateauCallback: CallbackObject {
    let monitor: String, factor: Double, patience: Int, verbose: Int, mode: String, minDelta: Double, cooldown: Int, minLR: Double
    var wait = 0, cooldownCounter = 0
    var best = Double.infinity

    init(_ a: inout BoundArguments) throws {
        monitor = try a.string("monitor"); factor = try a.double("factor"); patience = try a.int("patience")
        verbose = try a.int("verbose"); minDelta = try a.double("min_delta"); cooldown = try a.int("cooldown")
        minLR = try a.double("min_lr")
        mode = try KerasCallbacks.mode(a)
        guard factor < 1 else {
            throw Diagnostic(.valueError, "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=\(Repr.repr(a["factor"]!))", at: a.span(of: "factor"))
        }
    }

    var lowerIsBetter: Bool { mode == "min" || (mode == "auto" && !monitor.contains("acc")) }

    override var typeName: String { "ReduceLROnPlateau" }
    override var hostClass: AnyHostClass? { Self.callbackBinding }
    static let doc = "Multiply the learning rate by factor when the monitored metric has not improved for patience epochs."
    static let callbackBinding = HostClass<ReduceLROnPlateauCallback>("ReduceLROnPlateau", module: "keras.callbacks", doc: doc, base: CallbackObject.binding,
                                                   isSubclassable: true)
        .property("best", doc: "The best value of the monitored metric so far.") { c, _ in .float(c.best) }
        .property("wait", doc: "Epochs since the last improvement.") { c, _ in .int(c.wait) }

    static func makeType() -> TypeValue {
        KerasCallbacks.make(callbackBinding, doc, [.optional("monitor", default: .str("val_loss")), .optional("factor", default: .float(0.1)),
                                           .optional("patience", default: .int(10)), .optional("verbose", default: .int(0)),
                                           .optional("mode", default: .str("auto")), .optional("min_delta", default: .float(1e-4)),
                                           .optional("cooldown", default: .int(0)), .optional("min_lr", default: .float(0)),
                                           .varKeyword("kwargs")]) { a in
            _ = a.varKeyword
            return try ReduceLROnPlateauCallback(&a)
        }
    }

    override func handle(_ hook: String, index: Int?, logs: Value, context: CallContext) throws {
        switch hook {
        case "on_train_begin":
            best = lowerIsBetter ? .infinity : -.infinity; wait = 0; cooldownCounter = 0
        case "on_epoch_end":
            if case .dict(let d) = logs, let optimizer = try trainedModel(context).optimizerObject?.optimizer {
                d.set(.str("learning_rate"), .str("learning_rate"), .float(KerasCallbacks.float32(optimizer.learningRate)))
            }
            guard let current = KerasCallbacks.value(logs, monitor) else {
                KerasCallbacks.warn("Learning rate reduction is conditioned on metric `\(monitor)` which is not available. Available metrics are: \(KerasCallbacks.keys(logs).joined(separator: ",")).", context)
                return
            }
            if cooldownCounter > 0 { cooldownCounter -= 1; wait = 0 }
            if lowerIsBetter ? current < best - minDelta : current > best + minDelta {
                best = current; wait = 0
            } else if cooldownCounter <= 0 {
                wait += 1
                guard wait >= patience, let optimizer = try trainedModel(context).optimizerObject?.optimizer else { return }
                let old = KerasCallbacks.float32(optimizer.learningRate)
                guard old > KerasCallbacks.float32(minLR) else { return }
                let new = max(old * factor, minLR)
                try KerasCallbacks.setLearningRate(optimizer, new, context)
                if verbose > 0 {
                    context.write("\nEpoch \((index ?? 0) + 1): ReduceLROnPlateau reducing learning rate to \(Repr.repr(.float(new))).\n")
                }
                cooldownCounter = cooldown; wait = 0
            }
        default: break
        }
    }
}

/// `LearningRateScheduler(schedule, verbose=0)`: schedule(epoch, lr) gives each epoch's rate.
final class LearningRateSchedulerCallback: CallbackObject {
    let schedule: Value, verbose: Int
    init(schedule: Value, verbose: Int) { self.schedule = schedule; self.verbose = verbose }

    override var typeName: String { "LearningRateScheduler" }
    override var hostClass: AnyHostClass? { Self.callbackBinding }
    static let doc = "At the start of every epoch, set the learning rate to schedule(epoch, lr): epoch counts from 0, lr is the current rate."
    static let callbackBinding = HostClass<LearningRateSchedulerCallback>("LearningRateScheduler", module: "keras.callbacks", doc: doc, base: CallbackObject.binding,
                                                   isSubclassable: true)
        .property("schedule", doc: "The function giving each epoch's learning rate.") { c, _ in c.schedule }

    static func makeType() -> TypeValue {
        KerasCallbacks.make(callbackBinding, doc, [.required("schedule"), .optional("verbose", default: .int(0))]) { a in
            LearningRateSchedulerCallback(schedule: a["schedule"]!, verbose: try a.int("verbose"))
        }
    }

    override func handle(_ hook: String, index: Int?, logs: Value, context: CallContext) throws {
        guard let optimizer = try trainedModel(context).optimizerObject?.optimizer else { return }
        if hook == "on_epoch_end", case .dict(let d) = logs {
            d.set(.str("learning_rate"), .str("learning_rate"), .float(KerasCallbacks.float32(optimizer.learningRate)))
        }
        guard hook == "on_epoch_begin", let epoch = index else { return }
        let current = KerasCallbacks.float32(optimizer.learningRate)
        var rate: Value
        do {
            rate = try context.call(schedule, [.int(epoch), .float(current)])
        } catch let d as Diagnostic where d.kind == .typeError {
            rate = try context.call(schedule, [.int(epoch)])  // the older schedule(epoch)
        }
        guard case .float(let lr) = rate else {
            throw Diagnostic(.valueError, "The output of the `schedule` function should be a float. Got: \(Repr.str(rate))", at: context.span,
                             notes: ["help: return a float, e.g. return float(lr * 0.9)"])
        }
        try KerasCallbacks.setLearningRate(optimizer, lr, context)
        if verbose > 0 { context.write("\nEpoch \(epoch + 1): LearningRateScheduler setting learning rate to \(Repr.repr(rate)).\n") }
    }
}
