import NeuralNet
/// `explain_params(model)` as data: for each layer, how its parameter count arises from its
/// weights' shapes, e.g. Conv2D `(3 x 3 x 1 + 1) x 32 = 320`.
public struct ParamExplanation: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var className: String
        /// The arithmetic, without its result: `(3 x 3 x 1 + 1) x 32`; `0` for no weights.
        public var formula: String
        /// What the numbers of the formula are: `3x3 kernel, 1 input channel, +1 bias, 32 filters`.
        public var meaning: String
        public var params: Int
        public var trainable: Int
        public var nonTrainable: Int

        public init(name: String, className: String, formula: String, meaning: String, params: Int, trainable: Int, nonTrainable: Int) {
            self.name = name; self.className = className; self.formula = formula; self.meaning = meaning
            self.params = params; self.trainable = trainable; self.nonTrainable = nonTrainable
        }

        /// `(3 x 3 x 1 + 1) x 32 = 320`, `4 x 64 = 256 (128 trainable)`, `0: no weights`.
        public var equation: String {
            if params == 0 { return "0: no weights" }
            var s = "\(formula) = \(groupedDigits(params))"
            if nonTrainable > 0 { s += " (\(groupedDigits(trainable)) trainable)" }
            return s
        }
    }

    public var modelName: String
    public var rows: [Row]
    public var total: Int { rows.reduce(0) { $0 + $1.params } }
    public var trainable: Int { rows.reduce(0) { $0 + $1.trainable } }
    public var nonTrainable: Int { rows.reduce(0) { $0 + $1.nonTrainable } }

    public init(modelName: String, rows: [Row]) { self.modelName = modelName; self.rows = rows }

    /// The explanation of a built model. Throws when the model is not built.
    public init(_ model: Sequential) throws {
        guard model.isBuilt else {
            throw LayerError.value(
                "The model \(model.name) is not built yet, so its layers have no weights to count.",
                hint: "Give the first layer input_shape=(28, 28, 1), or call model.build((None, 28, 28, 1)).")
        }
        let frozen = !model.trainable
        self.init(modelName: model.name, rows: model.layers.map { ParamExplanation.row($0, modelFrozen: frozen) })
    }

    static func row(_ layer: any Layer, modelFrozen: Bool) -> Row {
        let weights = layer.weights
        let params = weights.reduce(0) { $0 + $1.count }
        let trainable = modelFrozen ? 0 : layer.trainableWeights.reduce(0) { $0 + $1.count }
        let (formula, meaning) = describe(layer, weights)
        return Row(name: layer.name, className: layer.className, formula: formula, meaning: meaning,
                   params: params, trainable: trainable, nonTrainable: params - trainable)
    }

    private static func describe(_ layer: any Layer, _ weights: [Weight]) -> (String, String) {
        if weights.isEmpty {
            switch layer.className {
            case "MaxPooling2D": return ("0", "keeps the largest value of each window: nothing to learn")
            case "AveragePooling2D": return ("0", "averages each window: nothing to learn")
            case "Flatten": return ("0", "only lays the values out in one row")
            case "Dropout": return ("0", "switches random inputs off while training")
            case "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast":
                return ("0", "changes the images at random while training: nothing to learn")
            default: return ("0", "no weights")
            }
        }
        let kernel = weights.first { $0.name == "kernel" }
        let bias = weights.first { $0.name == "bias" }
        if let kernel, kernel.shape.count == 4, let (formula, meaning) = perOutputChannel(layer.className, kernel.shape, bias != nil) {
            return (formula, meaning)
        }
        if let kernel, weights.count <= 2, bias == nil || weights.count == 2 {
            let s = kernel.shape.map { groupedDigits($0) }
            let outputs = s.last!
            let perOutput = s.dropLast().joined(separator: " x ")
            let unit = layer.className == "Dense" ? "unit" : "filter"
            var meaning: String
            if kernel.shape.count == 4 {
                meaning = "\(kernel.shape[0])x\(kernel.shape[1]) kernel on \(plural(kernel.shape[2], "input channel"))"
            } else {
                meaning = "\(plural(kernel.shape[0], "input"))"
            }
            meaning += bias != nil ? ", +1 bias, for each of \(plural(kernel.shape.last!, unit))"
                : ", no bias, for each of \(plural(kernel.shape.last!, unit))"
            if bias != nil {
                return ("(\(perOutput) + 1) x \(outputs)", meaning)
            }
            return ("\(perOutput) x \(outputs)", meaning)
        }
        // Vectors of one length each (BatchNormalization's gamma, beta, moving mean and variance).
        if let first = weights.first, first.shape.count == 1, weights.allSatisfy({ $0.shape == first.shape }) {
            let names = weights.map(\.name).joined(separator: ", ")
            let trainableNames = weights.filter(\.isTrainableVariable).map(\.name)
            var meaning = "\(names) for each of \(plural(first.shape[0], "channel"))"
            if trainableNames.count < weights.count {
                meaning += "; only \(trainableNames.joined(separator: " and ")) are learned"
            }
            return ("\(weights.count) x \(groupedDigits(first.shape[0]))", meaning)
        }
        let parts = weights.map { w in w.shape.map { groupedDigits($0) }.joined(separator: " x ") }
        return (parts.joined(separator: " + "), weights.map(\.name).joined(separator: " + "))
    }

    /// The kernels whose last axis is not the output's: Conv2DTranspose's `(kh, kw, filters, in)`
    /// and DepthwiseConv2D's `(kh, kw, channels, depth_multiplier)` (a kh x kw kernel per output channel).
    private static func perOutputChannel(_ className: String, _ s: [Int], _ hasBias: Bool) -> (String, String)? {
        let biasText = hasBias ? ", +1 bias" : ", no bias"
        switch className {
        case "Conv2DTranspose":
            let perFilter = "\(groupedDigits(s[0])) x \(groupedDigits(s[1])) x \(groupedDigits(s[3]))"
            return (hasBias ? "(\(perFilter) + 1) x \(groupedDigits(s[2]))" : "\(perFilter) x \(groupedDigits(s[2]))",
                    "\(s[0])x\(s[1]) kernel on \(plural(s[3], "input channel"))\(biasText), for each of \(plural(s[2], "filter"))")
        case "DepthwiseConv2D":
            let perChannel = "\(groupedDigits(s[0])) x \(groupedDigits(s[1]))", outputs = s[2] * s[3]
            return (hasBias ? "(\(perChannel) + 1) x \(groupedDigits(outputs))" : "\(perChannel) x \(groupedDigits(outputs))",
                    "\(s[0])x\(s[1]) kernel on one input channel\(biasText), for each of \(plural(outputs, "output channel")) "
                        + "(\(plural(s[3], "kernel")) per input channel)")
        default:
            return nil
        }
    }

    private static func plural(_ n: Int, _ word: String) -> String { "\(groupedDigits(n)) \(word)\(n == 1 ? "" : "s")" }

    /// The table as text: one line per layer, then the totals.
    public var text: String {
        var lines = ["Parameters of \"\(modelName)\""]
        let width = rows.map { $0.name.count + $0.className.count + 3 }.max() ?? 0
        for r in rows {
            let head = "\(r.name) (\(r.className))"
            lines.append(head + String(repeating: " ", count: max(1, width - head.count + 2)) + r.equation)
        }
        lines.append("Total: \(rows.map { groupedDigits($0.params) }.joined(separator: " + ")) = \(groupedDigits(total))")
        lines.append("Trainable: \(groupedDigits(trainable)), non-trainable: \(groupedDigits(nonTrainable))")
        return lines.joined(separator: "\n")
    }
}
