import FoveaLang
import NeuralNet
import Tensor

/// A `keras.optimizers.schedules` object: `schedule(step)` is the learning rate at that step (a
/// float32 tf tensor, as Keras's is), `get_config()` Keras's dict; passed as an optimizer's
/// `learning_rate=`, the optimizer follows it step by step.
final class ScheduleObject: FoveaObject {
    let schedule: LearningRateSchedule
    /// Keras's `get_config()`, the arguments as given (ints stay ints), in Keras's order.
    let config: [(String, Value)]
    init(_ schedule: LearningRateSchedule, config: [(String, Value)]) { self.schedule = schedule; self.config = config }

    var typeName: String { schedule.className }
    var doc: String { ScheduleClasses.entries.first { $0.name == schedule.className }?.doc ?? ScheduleClasses.baseDoc }
    func repr() -> String { "<keras.optimizers.schedules.\(schedule.className) object>" }
    var hostClass: AnyHostClass? { ScheduleClasses.bindings[schedule.className] ?? ScheduleClasses.base }
    var isCallable: Bool { true }

    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        let a = try BoundArguments.bind(functionName: "__call__", parameters: [.required("step")], arguments: arguments,
                                        callSpan: context.span)
        let given = a["step"]!
        guard let step = given.asDouble else {
            throw Diagnostic(.typeError, "The step of a learning rate schedule must be a number. Received: step=\(Repr.repr(given))",
                             at: a.span(of: "step"))
        }
        let value = schedule.value(atStep: step)
        return TF.wrap(try Tensor(shape: Shape([]), floats: [value]))
    }

    /// The config as a dict, as `get_config()` returns it.
    func configDict() -> Value {
        let d = DictBox()
        for (k, v) in config { d.set(.str(k), .str(k), v) }
        return .dict(d)
    }

    /// How Keras serialises the schedule inside an optimizer's `get_config()`.
    func serialized() -> Value {
        let d = DictBox()
        d.set(.str("module"), .str("module"), .str("keras.optimizers.schedules"))
        d.set(.str("class_name"), .str("class_name"), .str(schedule.className))
        d.set(.str("config"), .str("config"), configDict())
        d.set(.str("registered_name"), .str("registered_name"), .none)
        return .dict(d)
    }
}

/// `keras.optimizers.schedules`: the schedule classes with Keras's arguments, defaults and checks.
enum ScheduleClasses {
    struct Entry {
        let name: String
        let doc: String
        let parameters: [NativeParameter]
        let make: (BoundArguments) throws -> LearningRateSchedule
    }

    static let baseDoc = "A learning rate that changes with the training step: pass it as an optimizer's learning_rate=."

    static let base = HostClass<ScheduleObject>("LearningRateSchedule", module: "keras.optimizers.schedules", doc: baseDoc)
        .method("get_config", doc: "The schedule's arguments as a dict.") { s, _, _ in s.configDict() }

    static let bindings: [String: HostClass<ScheduleObject>] = Dictionary(uniqueKeysWithValues: entries.map { e in
        (e.name, HostClass<ScheduleObject>(e.name, module: "keras.optimizers.schedules", doc: e.doc, base: base))
    })

    static let entries: [Entry] = [
        Entry(name: "ExponentialDecay",
              doc: "ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)\n\nThe learning rate at step s is initial_learning_rate * decay_rate ** (s / decay_steps); with staircase=True the exponent is rounded down, so the rate drops every decay_steps steps.",
              parameters: [.required("initial_learning_rate"), .required("decay_steps"), .required("decay_rate"),
                           .optional("staircase", default: .bool(false)), .optional("name", default: .str("ExponentialDecay"))],
              make: { a in
                  .exponentialDecay(initialLearningRate: try a.double("initial_learning_rate"), decaySteps: try a.double("decay_steps"),
                                    decayRate: try a.double("decay_rate"), staircase: a.bool("staircase"))
              }),
        Entry(name: "PiecewiseConstantDecay",
              doc: "PiecewiseConstantDecay(boundaries, values)\n\nvalues[0] up to and including step boundaries[0], values[1] up to boundaries[1], ..., values[-1] after the last boundary.",
              parameters: [.required("boundaries"), .required("values"), .optional("name", default: .str("PiecewiseConstant"))],
              make: { a in
                  let boundaries = try numbers(a, "boundaries"), values = try numbers(a, "values")
                  guard boundaries.count == values.count - 1 else {
                      throw Diagnostic(.valueError, "The length of boundaries should be 1 less than the length of values. Received: "
                                       + "boundaries=\(Repr.repr(a["boundaries"]!)) of length \(boundaries.count), and "
                                       + "values=\(Repr.repr(a["values"]!)) of length \(values.count).", at: a.span(of: "values"))
                  }
                  return .piecewiseConstantDecay(boundaries: boundaries, values: values)
              }),
        Entry(name: "CosineDecay",
              doc: "CosineDecay(initial_learning_rate, decay_steps, alpha=0.0, warmup_target=None, warmup_steps=0)\n\nThe rate follows half a cosine from initial_learning_rate down to alpha * initial_learning_rate over decay_steps steps. With warmup_target, it first rises in a straight line to warmup_target over warmup_steps steps, then decays from there.",
              parameters: [.required("initial_learning_rate"), .required("decay_steps"), .optional("alpha", default: .float(0)),
                           .optional("name", default: .str("CosineDecay")), .optional("warmup_target", default: .none),
                           .optional("warmup_steps", default: .int(0))],
              make: { a in
                  var target: Double?
                  if let given = a["warmup_target"], !given.isNone { target = try a.double("warmup_target") }
                  return .cosineDecay(initialLearningRate: try a.double("initial_learning_rate"), decaySteps: try a.double("decay_steps"),
                                      alpha: try a.double("alpha"), warmupTarget: target, warmupSteps: try a.double("warmup_steps"))
              }),
        Entry(name: "InverseTimeDecay",
              doc: "InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)\n\nThe learning rate at step s is initial_learning_rate / (1 + decay_rate * s / decay_steps); with staircase=True, s / decay_steps is rounded down.",
              parameters: [.required("initial_learning_rate"), .required("decay_steps"), .required("decay_rate"),
                           .optional("staircase", default: .bool(false)), .optional("name", default: .str("InverseTimeDecay"))],
              make: { a in
                  .inverseTimeDecay(initialLearningRate: try a.double("initial_learning_rate"), decaySteps: try a.double("decay_steps"),
                                    decayRate: try a.double("decay_rate"), staircase: a.bool("staircase"))
              }),
    ]

    /// A list or tuple of numbers.
    private static func numbers(_ a: BoundArguments, _ name: String) throws -> [Double] {
        let given = a[name]!
        let items: [Value]
        switch given {
        case .list(let l): items = l.items
        case .tuple(let t): items = t
        default:
            throw Diagnostic(.typeError, "`\(name)` must be a list of numbers. Received: \(name)=\(Repr.repr(given))", at: a.span(of: name))
        }
        return try items.map { v in
            guard let d = v.asDouble else {
                throw Diagnostic(.typeError, "`\(name)` must be a list of numbers. Received: \(name)=\(Repr.repr(given))", at: a.span(of: name))
            }
            return d
        }
    }

    static func module(_ name: String) -> ModuleValue {
        let m = ModuleValue(name, doc: "Learning rate schedules: ExponentialDecay, PiecewiseConstantDecay, CosineDecay, InverseTimeDecay. Pass one as an optimizer's learning_rate=.")
        m.add(base.typeValue(constructor: nil))  // for isinstance
        for e in entries {
            let constructor = NativeFunction(e.name, doc: e.doc, parameters: e.parameters) { args, _ in
                let schedule: LearningRateSchedule
                do { schedule = try e.make(args).validated() } catch let error as LayerError { throw error.diagnostic(args) }
                let config = e.parameters.map { p in (p.name, args[p.name] ?? .none) }
                return .object(ScheduleObject(schedule, config: config))
            }
            m.add(bindings[e.name]!.typeValue(constructor: constructor))
        }
        return m
    }
}

extension Value {
    fileprivate var isNone: Bool { if case .none = self { return true } else { return false } }
}
