import FoveaLang
import NeuralNet

/// `keras.callbacks.Callback`: the class a learner subclasses to run code during `fit`
/// (`on_epoch_end(self, epoch, logs)`), and the observer that calls those methods.
class CallbackObject: FoveaObject {
    /// The model being trained (`self.model`), set by `fit`.
    var model: Value = .none
    /// `self.params`: verbose, epochs and steps of the running `fit`.
    var params: Value = .dict(DictBox())

    init() {}

    /// What Keras's own callbacks (EarlyStopping, CSVLogger, ...) do at a hook; the base class
    /// and a learner's subclass do nothing here (the learner's methods replace the hook).
    func handle(_ hook: String, index: Int?, logs: Value, context: CallContext) throws {}

    /// The model being trained, as the network library's object.
    func trainedModel(_ context: CallContext) throws -> ModelObject {
        guard case .object(let m as ModelObject) = model else {
            throw Diagnostic(.runtimeError, "\(typeName) has no model: it runs inside fit(callbacks=[...])", at: context.span)
        }
        return m
    }

    var typeName: String { "Callback" }
    var doc: String { CallbackObject.classDoc }
    var hostClass: AnyHostClass? { CallbackObject.binding }

    static let classDoc = """
        The base of callbacks: subclass it and define the methods fit should call, e.g. \
        on_epoch_end(self, epoch, logs) with logs holding 'loss', 'accuracy', 'val_loss', ... \
        self.model is the model being trained; set self.model.stop_training = True to end training \
        after this epoch.
        """

    /// The methods fit calls, in the order it calls them, with the arguments each takes.
    static let hooks: [(name: String, takesIndex: String?, doc: String)] = [
        ("on_train_begin", nil, "Called once before training starts."),
        ("on_epoch_begin", "epoch", "Called at the start of every epoch (counted from 0)."),
        ("on_train_batch_begin", "batch", "Called before every batch (counted from 0 in each epoch)."),
        ("on_train_batch_end", "batch", "Called after every batch; logs hold the running loss and metrics of the epoch."),
        ("on_epoch_end", "epoch", "Called at the end of every epoch; logs hold its loss and metrics, and val_ ones with validation data."),
        ("on_train_end", nil, "Called once when training ends."),
    ]

    static let binding: HostClass<CallbackObject> = {
        let c = HostClass<CallbackObject>("Callback", module: "keras.callbacks", doc: classDoc, isSubclassable: true)
        c.property("model", doc: "The model fit is training.", get: { cb, _ in cb.model }, set: { cb, v, _ in cb.model = v })
        c.property("params", doc: "What fit was called with: verbose, epochs, steps.", get: { cb, _ in cb.params },
                   set: { cb, v, _ in cb.params = v })
        c.method("set_model", [.required("model")], doc: "Set self.model (fit does this).") { cb, a, _ in
            cb.model = a["model"]!
            return .none
        }
        c.method("set_params", [.required("params")], doc: "Set self.params (fit does this).") { cb, a, _ in
            cb.params = a["params"]!
            return .none
        }
        for hook in hooks {
            let params: [NativeParameter] = (hook.takesIndex.map { [.required($0)] } ?? []) + [.optional("logs", default: Value.none)]
            c.method(hook.name, params, doc: hook.doc + " The base class does nothing; define it in your subclass.") { cb, a, ctx in
                let index = try hook.takesIndex.map { try a.int($0) }
                try cb.handle(hook.name, index: index, logs: a["logs"] ?? .none, context: ctx)
                return .none
            }
        }
        return c
    }()

    static func typeValue() -> TypeValue {
        binding.typeValue(constructor: NativeFunction("Callback", doc: classDoc) { _, _ in .object(CallbackObject()) })
    }
}

/// What `fit(callbacks=[...])` runs: the progress display first, then each callback's methods.
/// An error raised in a callback stops training and is raised from `fit`.
final class CallbackRunner: TrainingObserver {
    let display: ProgressDisplay
    let callbacks: [Value]
    let model: ModelObject
    let context: CallContext
    private(set) var error: Diagnostic?
    /// Numbers the callbacks added to an epoch's logs (`learning_rate`), per epoch: they join the
    /// History, as in Keras.
    private(set) var addedLogs: [(name: String, values: [Double])] = []

    init(display: ProgressDisplay, callbacks: [Value], model: ModelObject, context: CallContext) {
        self.display = display; self.callbacks = callbacks; self.model = model; self.context = context
    }

    /// The callbacks of `fit(callbacks=...)`: a list of Callback objects (or None).
    static func callbacks(_ args: BoundArguments, model: ModelObject, params: DictBox) throws -> [Value] {
        guard let v = args["callbacks"], !v.isNone else { return [] }
        guard let items = KerasArguments.sequence(v) else {
            throw Diagnostic(.typeError, "callbacks must be a list of keras.callbacks.Callback objects. Received: callbacks=\(Repr.repr(v))",
                             at: args.span(of: "callbacks"), notes: ["help: callbacks=[MyCallback()]"])
        }
        for item in items {
            guard let cb = item.hostObject as? CallbackObject else {
                throw Diagnostic(.typeError, "Expected a keras.callbacks.Callback in callbacks, received \(Repr.repr(item)) of type \(item.typeName)",
                                 at: args.span(of: "callbacks"),
                                 notes: ["help: define class MyCallback(keras.callbacks.Callback) and pass callbacks=[MyCallback()]",
                                         "note: a subclass's __init__ must call super().__init__(...) with what its base class needs"])
            }
            cb.model = .object(model)
            cb.params = .dict(params)
        }
        return items
    }

    func progress(_ p: TrainingProgress) {
        if !(p.phase == .interrupted && error != nil) { display.progress(p) }
        guard error == nil, !callbacks.isEmpty else { return }
        do {
            switch p.phase {
            case .started:
                try run("on_train_begin", [])
                try run("on_epoch_begin", [.int(p.epoch - 1)])
                try run("on_train_batch_begin", [.int(0)])
            case .running:
                try run("on_train_batch_end", [.int(p.step - 1)], logs: p.logs)
                if p.step < p.steps { try run("on_train_batch_begin", [.int(p.step)]) }
            case .epochEnded:
                let logs = try run("on_epoch_end", [.int(p.epoch - 1)], logs: p.logs)
                record(logs, beyond: p.logs, epoch: p.epoch - 1)
                if p.epoch < p.epochs, !model.stopTraining {
                    try run("on_epoch_begin", [.int(p.epoch)])
                    try run("on_train_batch_begin", [.int(0)])
                }
            case .finished, .stoppedOnNaN:
                try run("on_train_end", [], logs: p.logs)
            case .interrupted:
                break
            }
        } catch let d as Diagnostic {
            error = d
        } catch {
            self.error = Diagnostic(.runtimeError, "\(error)", at: context.span)
        }
    }

    var shouldStop: Bool { display.shouldStop || error != nil }
    var stopAfterEpoch: Bool { model.stopTraining }

    /// Calls `method` on every callback in order, all with the same logs dict (a callback may
    /// add to it for the ones after it); returns that dict.
    @discardableResult
    private func run(_ method: String, _ args: [Value], logs: [TrainingProgress.Log]? = nil) throws -> DictBox? {
        var logsValue = Value.none
        var box: DictBox?
        if let logs {
            let d = DictBox()
            for log in logs { d.set(.str(log.name), .str(log.name), .float(log.value)) }
            logsValue = .dict(d)
            box = d
        }
        for cb in callbacks {
            try context.call(try context.getAttribute(cb, method), args + [logsValue])
        }
        return box
    }

    private func record(_ logs: DictBox?, beyond fitLogs: [TrainingProgress.Log], epoch: Int) {
        guard let logs else { return }
        for case (.str(let name), let value) in logs.entries where !fitLogs.contains(where: { $0.name == name }) {
            guard let x = value.asDouble else { continue }
            if let i = addedLogs.firstIndex(where: { $0.name == name }) {
                addedLogs[i].values.append(x)
            } else if epoch == 0 {
                addedLogs.append((name, [x]))
            }
        }
    }
}
