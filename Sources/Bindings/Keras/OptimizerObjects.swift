import FoveaLang
import NeuralNet
import Tensor

/// An optimizer made in the language (`keras.optimizers.Adam(learning_rate=1e-3)`), for compile.
final class OptimizerObject: FoveaObject {
    let optimizer: Optimizer
    /// The `keras.optimizers.schedules` object given as `learning_rate=`, if any.
    let scheduleObject: ScheduleObject?
    init(_ optimizer: Optimizer, schedule: ScheduleObject? = nil) { self.optimizer = optimizer; self.scheduleObject = schedule }

    var typeName: String { optimizer.className }
    var doc: String { OptimizerClasses.entries.first { $0.name == optimizer.className }?.doc ?? "An optimizer." }
    func repr() -> String { "<keras.optimizers.\(optimizer.className) name=\(optimizer.name), learning_rate=\(optimizer.learningRate)>" }
    var hostClass: AnyHostClass? { OptimizerObject.binding }

    static let binding = HostClass<OptimizerObject>("Optimizer", module: "keras.optimizers", doc: "An optimizer, for compile(optimizer=...).")
        .property("name", doc: "The optimizer's name.") { o, _ in .str(o.optimizer.name) }
        .property("learning_rate", doc: "The step size; it may be changed between fits. With a schedule, the schedule's value at the current step.",
                  get: { o, _ in .float(o.optimizer.learningRate) },
                  set: { o, value, ctx in
            guard let lr = value.asDouble, lr >= 0 else {
                throw Diagnostic(.valueError, "learning_rate must be a non-negative number. Received: \(Repr.repr(value))", at: ctx.span)
            }
            do { try o.optimizer.setLearningRate(lr) } catch let error as LayerError { throw Diagnostic(.typeError, error.message, at: ctx.span) }
        })
        .property("lr", doc: "An old name of learning_rate.") { o, _ in .float(o.optimizer.learningRate) }
        .property("iterations", doc: "How many training steps the optimizer has taken.") { o, _ in .int(o.optimizer.iterations) }
        .method("get_config", doc: "The optimizer's settings as a dict.") { o, _, _ in
            let optimizer = o.optimizer
            let d = DictBox()
            d.set(.str("name"), .str("name"), .str(optimizer.name))
            d.set(.str("learning_rate"), .str("learning_rate"), o.scheduleObject?.serialized() ?? .float(optimizer.learningRate))
            for (k, v) in optimizer.config where k != "name" && k != "learning_rate" {
                d.set(.str(k), .str(k), .str(v))
            }
            return .dict(d)
        }
}

/// A loss made in the language (`keras.losses.SparseCategoricalCrossentropy(from_logits=True)`).
final class LossObject: FoveaObject {
    let loss: Loss
    let className: String
    init(_ loss: Loss, className: String) { self.loss = loss; self.className = className }
    var typeName: String { className }
    func repr() -> String { "<keras.losses.\(className) name=\(loss.name)>" }
    var hostClass: AnyHostClass? { LossObject.binding }
    static let binding = HostClass<LossObject>("Loss", module: "keras.losses", doc: "A loss, for compile(loss=...).")
        .property("name", doc: "The loss's name.") { l, _ in .str(l.loss.name) }
}

/// `keras.optimizers` and `keras.losses`: classes with Keras's arguments and defaults.
enum OptimizerClasses {
    struct Entry {
        let name: String
        let doc: String
        let parameters: [NativeParameter]
        let make: (BoundArguments) throws -> Optimizer
    }

    static let entries: [Entry] = [
        Entry(name: "SGD",
              doc: "Stochastic gradient descent: each step moves every weight against its gradient, scaled by the learning rate; momentum keeps part of the previous step.",
              parameters: [.optional("learning_rate", default: .float(0.01)), .optional("momentum", default: .float(0)),
                           .optional("nesterov", default: .bool(false)), .keywordOnly("name", default: .none)],
              make: { a in
                  try SGD(learningRate: rate(a), schedule: schedule(a), momentum: a.double("momentum"), nesterov: a.bool("nesterov"))
              }),
        Entry(name: "Adam",
              doc: "Adam keeps a running mean of each weight's gradient and of its square, and steps by their ratio: a good default that needs little tuning.",
              parameters: [.optional("learning_rate", default: .float(0.001)), .optional("beta_1", default: .float(0.9)),
                           .optional("beta_2", default: .float(0.999)), .optional("epsilon", default: .float(1e-7)),
                           .optional("amsgrad", default: .bool(false)), .keywordOnly("name", default: .none)],
              make: { a in
                  try Adam(learningRate: rate(a), schedule: schedule(a), beta1: a.double("beta_1"), beta2: a.double("beta_2"),
                           epsilon: a.double("epsilon"), amsgrad: a.bool("amsgrad"))
              }),
        Entry(name: "RMSprop",
              doc: "RMSprop divides each step by a running root mean square of recent gradients.",
              parameters: [.optional("learning_rate", default: .float(0.001)), .optional("rho", default: .float(0.9)),
                           .optional("momentum", default: .float(0)), .optional("epsilon", default: .float(1e-7)),
                           .optional("centered", default: .bool(false)), .keywordOnly("name", default: .none)],
              make: { a in
                  try RMSprop(learningRate: rate(a), schedule: schedule(a), rho: a.double("rho"), momentum: a.double("momentum"),
                              epsilon: a.double("epsilon"), centered: a.bool("centered"))
              }),
    ]

    /// The schedule given as `learning_rate=`, if one was.
    static func scheduleObject(_ a: BoundArguments) -> ScheduleObject? {
        if case .object(let o as ScheduleObject) = a["learning_rate"] { return o }
        return nil
    }

    static func schedule(_ a: BoundArguments) -> LearningRateSchedule? { scheduleObject(a)?.schedule }

    /// A float `learning_rate=`; with a schedule, its value at step 0 (what the optimizer's
    /// variable would start at).
    static func rate(_ a: BoundArguments) throws -> Double {
        if let s = scheduleObject(a) { return Double(s.schedule.value(at: 0)) }
        return try a.double("learning_rate")
    }

    static let losses: [(name: String, doc: String, make: (Bool) -> Loss, hasLogits: Bool)] = [
        ("SparseCategoricalCrossentropy", "SparseCategoricalCrossentropy(from_logits=False)\n\nThe loss for integer class labels (0 to 9) against per-class probabilities.",
         { .sparseCategoricalCrossentropy(fromLogits: $0) }, true),
        ("CategoricalCrossentropy", "CategoricalCrossentropy(from_logits=False)\n\nThe loss for one-hot labels (see keras.utils.to_categorical) against per-class probabilities.",
         { .categoricalCrossentropy(fromLogits: $0) }, true),
        ("BinaryCrossentropy", "BinaryCrossentropy(from_logits=False)\n\nThe loss for yes/no labels (0 or 1) against a probability.",
         { .binaryCrossentropy(fromLogits: $0) }, true),
        ("MeanSquaredError", "MeanSquaredError()\n\nThe mean of the squared differences between targets and predictions.",
         { _ in .meanSquaredError }, false),
    ]

    static func optimizersModule(_ name: String) -> ModuleValue {
        let m = ModuleValue(name, doc: "Keras optimizers: SGD, Adam, RMSprop. Pass one to compile(optimizer=...), or its name: optimizer='adam'.")
        for e in entries {
            let constructor = NativeFunction(e.name, doc: e.doc, parameters: e.parameters) { args, _ in
                do { return .object(OptimizerObject(try e.make(args), schedule: scheduleObject(args))) } catch let error as LayerError { throw error.diagnostic(args) }
            }
            m.add(TypeValue(objectClass: e.name, module: name, doc: e.doc, constructor: constructor))
        }
        return m
    }

    static func lossesModule(_ name: String) -> ModuleValue {
        let m = ModuleValue(name, doc: "Keras losses. Pass one to compile(loss=...), or its name: loss='sparse_categorical_crossentropy'.")
        for e in losses {
            let parameters: [NativeParameter] = (e.hasLogits ? [.optional("from_logits", default: .bool(false))] : [])
                + [.keywordOnly("reduction", default: .str("sum_over_batch_size")), .keywordOnly("name", default: .none)]
            let constructor = NativeFunction(e.name, doc: e.doc, parameters: parameters) { args, _ in
                let reduction = try args.string("reduction")
                guard reduction == "sum_over_batch_size" else {
                    throw Diagnostic(.valueError, "Fovea computes losses with reduction='sum_over_batch_size' (the mean over "
                                     + "the batch) only. Received: reduction='\(reduction)'", at: args.span(of: "reduction"))
                }
                return .object(LossObject(e.make(e.hasLogits && args.bool("from_logits")), className: e.name))
            }
            m.add(TypeValue(objectClass: e.name, module: name, doc: e.doc, constructor: constructor))
        }
        return m
    }
}
