import Tensor

/// The data of a model with several inputs or outputs: one array per input and one per output
/// (nil for an output that has no loss and no metrics), all with the same number of samples,
/// and the samples' weights for each output (nil: unweighted).
public struct MultiArrays {
    public var xs: [Tensor]
    public var ys: [Tensor?]
    public var weights: [[Float]?]

    public init(xs: [Tensor], ys: [Tensor?], weights: [[Float]?]? = nil) {
        self.xs = xs; self.ys = ys
        self.weights = weights ?? ys.map { _ in nil }
    }

    /// The number of samples (of the first input).
    public var count: Int { xs.first.map { $0.shape.rank > 0 ? $0.shape[0] : 0 } ?? 0 }

    /// Rows `indices` of every array: the inputs as float32 (as Keras converts them), the
    /// targets in their own dtype.
    func rows(_ indices: ArraySlice<Int>) throws -> MultiArrays {
        MultiArrays(xs: try xs.map { try Batches.gather($0, indices, asFloat: true) },
                    ys: try ys.map { try $0.map { try Batches.gather($0, indices, asFloat: false) } },
                    weights: weights.map { w in w.map { w in indices.map { w[$0] } } })
    }

    /// The samples from `start` on, kept in their dtypes (validation_split's share).
    func tail(from start: Int) throws -> MultiArrays {
        let rest = Array(start..<count)[...]
        return MultiArrays(xs: try xs.map { try Batches.gather($0, rest, asFloat: false) },
                           ys: try ys.map { try $0.map { try Batches.gather($0, rest, asFloat: false) } },
                           weights: weights.map { w in w.map { Array($0[start...]) } })
    }
}

extension Sequential {
    /// Checks data against a functional model with several inputs or outputs, as Keras does:
    /// one array per input of the input's shape, one target per output that the output's loss
    /// accepts, one weight per sample, and the same number of samples everywhere. `what` names
    /// the argument in errors (`x` or `validation_data`).
    func checkMulti(_ data: MultiArrays, _ outputs: [OutputCompile], what: String = "x") throws {
        guard let graph else { throw LayerError.value("The model \"\(name)\" is not a functional model.") }
        try checkInputs(data.xs, graph, allowIntegers: true, argument: what)
        guard data.ys.count == outputs.count else {
            throw LayerError.value(
                "The model \"\(name)\" has \(outputs.count) outputs \(outputs.map { "'\($0.name)'" }), but y holds \(data.ys.count) "
                    + "array\(data.ys.count == 1 ? "" : "s") (Keras: y_true and y_pred have different structures).",
                argument: what == "x" ? "y" : what,
                hint: "Pass one array of targets per output, as a list in the order of model.outputs or a dict keyed by "
                    + "the output layers' names: {\(outputs.map { "'\($0.name)': ..." }.joined(separator: ", "))}.")
        }
        let n = data.count
        let ySizes = data.ys.map { $0.map { $0.shape.rank > 0 ? $0.shape[0] : 0 } }
        if ySizes.contains(where: { $0 != nil && $0 != n }) {
            throw LayerError.value(
                "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. 'x' sizes: "
                    + data.xs.map { String($0.shape[0]) }.joined(separator: ", ") + "\n'y' sizes: "
                    + ySizes.map { $0.map(String.init) ?? "None" }.joined(separator: ", "),
                argument: what == "x" ? "y" : what)
        }
        for (o, output) in outputs.enumerated() {
            if let w = data.weights[o], w.count != n {
                throw LayerError.value(
                    "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. 'x' sizes: \(n), "
                        + "'sample_weight' sizes: \(w.count) (output '\(output.name)')", argument: what == "x" ? "sample_weight" : what)
            }
            guard let y = data.ys[o] else {
                if output.loss != nil || !output.metrics.isEmpty || !output.weightedMetrics.isEmpty {
                    throw LayerError.value("Output '\(output.name)' has a loss or metrics, but its targets are None.",
                                           argument: what == "x" ? "y" : what,
                                           hint: "Pass its targets, or compile it with loss=None and no metrics.")
                }
                continue
            }
            if let loss = output.loss {
                let shape = [n] + graph.outputs[o].shape.dropFirst().map { $0 ?? 1 }
                do {
                    try loss.checkTargets(y, predictionShape: shape)
                } catch var e as LayerError {
                    e.message = "Output '\(output.name)': " + e.message
                    e.argument = what == "x" ? "y" : what
                    throw e
                }
            }
        }
    }
}
