import FoveaLang
import NeuralNet
import Tensor

/// fit's `sample_weight=`, `class_weight=` and `validation_freq=`, checked as Keras 3 checks
/// them, with its words.
enum FitWeightArguments {
    /// Reads `sample_weight` and `class_weight` into `options`. With a dataset or generator, the
    /// weights belong in its batches (Keras refuses `sample_weight`); `class_weight` works with a
    /// dataset or a Sequence but not with a Python generator, as in Keras 3.
    static func read(_ args: BoundArguments, source: BatchSource?, into options: inout FitOptions, samples: Int) throws {
        let classWeight = args["class_weight"] ?? .none, sampleWeight = args["sample_weight"] ?? .none
        if !sampleWeight.isNone, !classWeight.isNone {
            throw Diagnostic(.valueError, "You cannot `class_weight` and `sample_weight` at the same time.", at: args.span(of: "class_weight"),
                             notes: ["help: fold the class weights into the sample weights, or pass one of them"])
        }
        if let source {
            try noSampleWeight(args, source: source)
        } else {
            options.sampleWeight = try SampleWeightArguments.weights(args, "sample_weight", samples: samples)
        }
        guard !classWeight.isNone else { return }
        if source is IteratorBatches {
            throw Diagnostic(.valueError, "Argument `class_weight` is not supported for Python generator inputs. Received: class_weight=\(Repr.repr(classWeight))",
                             at: args.span(of: "class_weight"))
        }
        guard case .dict(let d) = classWeight else {
            throw Diagnostic(.valueError, "`class_weight` must be a dict mapping each class index to its weight. Received: class_weight=\(Repr.repr(classWeight))",
                             at: args.span(of: "class_weight"), notes: ["help: class_weight={0: 1.0, 1: 5.0}"])
        }
        var weights: [Int: Double] = [:]
        for (k, v) in d.entries {
            guard let label = number(k).flatMap({ $0 == $0.rounded() ? Int($0) : nil }) else {
                throw Diagnostic(.valueError, "`class_weight` keys must be class indices (integers). Received the key \(Repr.repr(k)) in class_weight=\(Repr.repr(classWeight))",
                                 at: args.span(of: "class_weight"))
            }
            guard let w = number(v) else {
                throw Diagnostic(.valueError, "`class_weight` values must be numbers. Received \(Repr.repr(v)) for class \(label)",
                                 at: args.span(of: "class_weight"))
            }
            weights[label] = w
        }
        options.classWeight = weights
    }

    /// Keras's refusal of `sample_weight` next to a dataset, a Sequence or a generator.
    static func noSampleWeight(_ args: BoundArguments, source: BatchSource) throws {
        guard let v = args["sample_weight"], !v.isNone else { return }
        let kind = source is DatasetBatches ? "tf.data.Dataset" : "PyDataset"
        throw Diagnostic(.valueError, "When providing `x` as a \(kind), `sample_weights` should not be passed. Instead, the sample weights should be included as part of the \(kind).",
                         at: args.span(of: "sample_weight"), notes: ["help: give batches of (x, y, sample_weight)"])
    }

    /// `validation_freq=`: an int n (validate after every n-th epoch) or a list of epochs (1-based).
    static func validationFrequency(_ args: BoundArguments) throws -> ValidationFrequency {
        let v = args["validation_freq"] ?? .int(1)
        if case .bool = v {} else if let n = v.asInt {
            guard n > 0 else {
                throw Diagnostic(.valueError, "`validation_freq` must be a positive integer (validate every n epochs) or a list of epochs. Received: validation_freq=\(n)",
                                 at: args.span(of: "validation_freq"))
            }
            return .every(n)
        }
        if let items = KerasArguments.sequence(v), let epochs = Optional(items.compactMap(\.asInt)), epochs.count == items.count {
            return .epochs(epochs)
        }
        let shown: String
        if case .str(let text) = v { shown = text } else { shown = Repr.repr(v) }
        throw Diagnostic(.valueError, "Expected `validation_freq` to be a list or int. Received: validation_freq=\(shown) of the type <class '\(v.typeName)'>.",
                         at: args.span(of: "validation_freq"))
    }

    /// A Python or numpy number as a Double.
    static func number(_ v: Value) -> Double? {
        if let d = v.asDouble { return d }
        if case .object(let o) = v, let s = o.scalarValue() { return s.asDouble }
        return nil
    }
}
