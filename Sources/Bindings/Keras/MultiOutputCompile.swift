import FoveaLang
import NeuralNet
import Tensor

/// compile's `loss=`, `loss_weights=`, `metrics=` and `weighted_metrics=` for a model with
/// several outputs, read as Keras 3 reads them: one loss for every output, a list in the order of
/// `model.outputs`, or a dict by output name; metrics as a list with one entry per output (a name,
/// an object or a list of them), or a dict by output name naming some of them.
enum MultiOutputCompile {
    static func outputs(_ m: ModelObject, _ args: BoundArguments) throws -> [OutputCompile] {
        let names = m.model.outputNames
        let losses = try self.losses(args, names)
        let weights = try self.weights(args, names, losses: args["loss"] ?? .none)
        let metrics = try self.metrics(args, "metrics", names, losses)
        let weighted = try self.metrics(args, "weighted_metrics", names, losses)
        return names.indices.map { i in
            OutputCompile(name: names[i], loss: losses[i], weight: weights[i], metrics: metrics[i], weightedMetrics: weighted[i])
        }
    }

    private static func oneLoss(_ v: Value, _ args: BoundArguments) throws -> Loss? {
        switch v {
        case .none: return nil
        case .str(let name): return try keras(args.span(of: "loss")) { try Loss.named(name) }
        case .object(let o as LossObject): return o.loss
        default:
            throw Diagnostic(.typeError, "Could not interpret loss identifier: \(Repr.repr(v))", at: args.span(of: "loss"),
                             notes: ["help: use names such as loss=['sparse_categorical_crossentropy', 'mse'], one per output"])
        }
    }

    private static func losses(_ args: BoundArguments, _ names: [String]) throws -> [Loss?] {
        let v = args["loss"] ?? .none
        if case .dict(let d) = v {
            let keys = d.keys.map { Repr.str($0) }
            guard Set(keys) == Set(names) else {
                throw Diagnostic(.valueError, "Expected keys \(list(names)) in loss dict, but found loss.keys()=\(list(keys))",
                                 at: args.span(of: "loss"), notes: ["help: name every output layer: loss={\(names.map { "'\($0)': 'mse'" }.joined(separator: ", "))}"])
            }
            return try names.map { try oneLoss(d.get(.str($0)) ?? .none, args) }
        }
        if let items = KerasArguments.sequence(v) {
            guard items.count == names.count else {
                throw Diagnostic(.valueError, "The model has \(names.count) outputs \(list(names)), but `loss` holds \(items.count) losses. "
                                 + "Pass one loss per output, a single loss for all of them, or a dict by output name.",
                                 at: args.span(of: "loss"), notes: ["help: loss=[\(names.map { _ in "'mse'" }.joined(separator: ", "))]"])
            }
            return try items.map { try oneLoss($0, args) }
        }
        if v.isNone {
            throw Diagnostic(.valueError, "compile() needs a loss to train with. Received: loss=None", at: args.span(of: "loss"),
                             notes: ["help: one loss per output: loss=[\(names.map { _ in "'mse'" }.joined(separator: ", "))]"])
        }
        let loss = try oneLoss(v, args)
        return names.map { _ in loss }
    }

    private static func weights(_ args: BoundArguments, _ names: [String], losses: Value) throws -> [Double?] {
        let v = args["loss_weights"] ?? .none
        if v.isNone { return names.map { _ in nil } }
        func number(_ w: Value) throws -> Double {
            guard let d = FitWeightArguments.number(w) else {
                throw Diagnostic(.typeError, "`loss_weights` must hold numbers. Received: \(Repr.repr(w))", at: args.span(of: "loss_weights"))
            }
            return d
        }
        let lossCount = KerasArguments.sequence(losses)?.count ?? { if case .dict(let d) = losses { return d.keys.count } else { return 1 } }()
        if case .dict(let d) = v {
            let keys = d.keys.map { Repr.str($0) }
            guard Set(keys) == Set(names) else {
                throw Diagnostic(.valueError, "Expected keys \(list(names)) in loss_weights dict, but found loss_weights.keys()=\(list(keys))",
                                 at: args.span(of: "loss_weights"))
            }
            return try names.map { try number(d.get(.str($0))!) }
        }
        guard let items = KerasArguments.sequence(v) else {
            throw Diagnostic(.valueError, "`loss_weights` must be a list or a dict by output name. Received: loss_weights=\(Repr.repr(v))",
                             at: args.span(of: "loss_weights"), notes: ["help: loss_weights=[1.0, 0.5], one per output"])
        }
        guard items.count == lossCount, items.count == names.count else {
            throw Diagnostic(.valueError, "`loss_weights` must match the number of losses, got \(lossCount) losses and \(items.count) weights.",
                             at: args.span(of: "loss_weights"),
                             notes: ["help: give one loss and one weight per output: loss=[...] with \(names.count) entries and loss_weights=[...] with \(names.count)"])
        }
        return try items.map { try number($0) }
    }

    private static func metrics(_ args: BoundArguments, _ argument: String, _ names: [String], _ losses: [Loss?]) throws -> [[(name: String, metric: Metric)]] {
        let v = args[argument] ?? .none
        if v.isNone { return names.map { _ in [] } }
        func invalid() -> Diagnostic {
            Diagnostic(.valueError, "Invalid `\(argument)`. `\(argument)` should contain metrics objects and either be a dict or a list matching the output names of the functional model \(list(names)) or match the output structure of the model: [\(names.map { _ in "'X'" }.joined(separator: ", "))].\nReceived: \(argument)=\(Repr.repr(v))",
                       at: args.span(of: argument),
                       notes: ["help: one entry per output, \(argument)=[['accuracy'], ['mae']], or a dict: \(argument)={'\(names[0])': ['accuracy']}"])
        }
        func entry(_ e: Value, _ i: Int) throws -> [(name: String, metric: Metric)] {
            let items = KerasArguments.sequence(e) ?? [e]
            return try items.compactMap { item in
                switch item {
                case .none: return nil
                case .str(let s):
                    let metric = try keras(args.span(of: argument)) { try Metric.resolve(s, loss: losses[i] ?? .meanSquaredError) }
                    return (s, metric)
                case .object(let m as MetricObject): return (m.name, m.metric)
                default: throw invalid()
                }
            }
        }
        if case .dict(let d) = v {
            let keys = d.keys.map { Repr.str($0) }
            guard keys.allSatisfy(names.contains) else { throw invalid() }
            return try names.enumerated().map { i, name in try d.get(.str(name)).map { try entry($0, i) } ?? [] }
        }
        guard let items = KerasArguments.sequence(v), items.count == names.count else { throw invalid() }
        return try items.enumerated().map { try entry($1, $0) }
    }

    /// Python's repr of a list of strings: ['out_a', 'out_b'].
    static func list(_ names: [String]) -> String { "[" + names.map { "'\($0)'" }.joined(separator: ", ") + "]" }
}
