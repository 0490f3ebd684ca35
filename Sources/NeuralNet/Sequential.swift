import Tensor

/// `keras.Sequential(layers=None, name=None)`: a stack of layers, built as soon as its input
/// shape is known (an `input_shape=` on the first layer, an `InputLayer`/`Input`, or `build`).
///
/// Unlike Keras, a failed `add` (or `build`) leaves the model exactly as it was: every new layer
/// is checked against the current output shape, and the memory its weights need is checked,
/// before the model changes.
public final class Sequential {
    public let name: String
    public let session: Session
    /// Keras's `model.trainable`: when false, every weight counts as non-trainable.
    public var trainable = true
    /// The model's input, once known. Not part of `layers`, as in Keras 3.
    public private(set) var inputLayer: InputLayer?
    /// What `compile` set up: optimizer, loss and metrics; nil before compile.
    public internal(set) var compiled: CompileSetup?
    private var stack: [any Layer] = []
    /// A functional model's graph (`keras.Model(inputs, outputs)`); nil for a Sequential model.
    /// Such a model runs, trains and summarises through its graph; its `layers` are the graph's.
    public let graph: LayerGraph?
    /// A built Sequential model's output placeholder (`model.outputs`): its layers are linked
    /// from the input's placeholder as Keras links them when it builds the model.
    public private(set) var sequentialOutput: SymbolicTensor?

    /// `Sequential(layers, name=...)`: takes its name first, then adds the layers all at once
    /// (one memory check for all their weights, then one per layer).
    public init(layers: [any Layer] = [], name: String? = nil, session: Session) throws {
        self.session = session
        self.name = name ?? session.names.autoName(forClass: "Sequential")
        graph = nil
        if let name, name.isEmpty {
            throw LayerError.value("The `name` argument must not be empty.", argument: "name")
        }
        var rest = layers[...]
        if let input = rest.first as? InputLayer {
            inputLayer = input
            rest = rest.dropFirst()
        }
        try attach(Array(rest))
        didBuild()
    }

    /// `keras.Model(inputs, outputs, name=None)`: a functional model over `graph`, named
    /// `functional`, `functional_1`, ... by default. Its layers are built already.
    public init(graph: LayerGraph, name: String? = nil, session: Session) throws {
        if let name, name.isEmpty {
            throw LayerError.value("The `name` argument must not be empty.", argument: "name")
        }
        var seen: [String: ObjectIdentifier] = [:]
        for layer in graph.layers {
            if let other = seen[layer.name], other != ObjectIdentifier(layer) {
                throw LayerError.value(
                    "The name \"\(layer.name)\" is used 2 times in the model. All operation names should be unique.",
                    argument: "outputs", hint: "Give one of the layers another name= when you create it.")
            }
            seen[layer.name] = ObjectIdentifier(layer)
        }
        self.session = session
        self.name = name ?? session.names.autoName(forClass: "Functional")
        self.graph = graph
        inputLayer = graph.inputs.first?.layer as? InputLayer
    }

    /// Keras's class name: `Sequential`, or `Functional` for a model made by `keras.Model`.
    public var className: String { graph == nil ? "Sequential" : "Functional" }

    /// The layers, without the InputLayer (Keras 3's `model.layers`).
    public var layers: [any Layer] { graph?.layers ?? stack }
    public var isBuilt: Bool { inputLayer != nil }
    /// `(None, 28, 28, 1)` once known.
    public var inputShape: [Int?]? { inputLayer.map { [nil] + $0.shape } }
    /// The last layer's output shape once built (the input shape for an empty built model).
    public var outputShape: [Int?]? {
        guard isBuilt else { return nil }
        if let graph { return graph.outputs.first?.shape }
        return stack.last?.outputShape ?? inputShape
    }

    /// `model.add(layer)`. Throws, leaving the model unchanged, when the layer cannot take the
    /// current output shape, its name is already used in the model, or its weights would not fit.
    public func add(_ layer: any Layer) throws {
        guard graph == nil else {
            throw LayerError.type("A functional model has no add(): its layers come from the graph it was made from.",
                                  hint: "Call the new layer on model.output and make a new keras.Model from the result.")
        }
        if let input = layer as? InputLayer {
            guard inputLayer == nil, stack.isEmpty else {
                throw LayerError.value(
                    "An InputLayer can only be the first layer of a Sequential model; \"\(name)\" already has "
                        + (inputLayer != nil ? "an input of shape \(formatShape(inputShape!))." : "layers."),
                    hint: "Create the model with the Input first: Sequential([Input(shape=...), ...]).")
            }
            inputLayer = input
            return
        }
        try attach([layer])
        didBuild()
    }

    /// `model.pop()`: removes and returns the last layer.
    @discardableResult
    public func pop() throws -> any Layer {
        guard graph == nil else {
            throw LayerError.type("A functional model has no pop(): its layers come from the graph it was made from.")
        }
        guard let last = stack.popLast() else {
            throw LayerError.type("There are no layers in the model.")
        }
        sequentialOutput = nil
        didBuild()
        return last
    }

    /// `model.build(input_shape)` with the batch first (`(None, 28, 28, 1)`). All or nothing.
    public func build(inputShape: [Int?]) throws {
        if let current = self.inputShape {
            guard shapesCompatible(current, inputShape) else {
                throw LayerError.value(
                    "Model \"\(name)\" was built for input shape \(formatShape(current)) and cannot take "
                        + "input shape \(formatShape(inputShape)).",
                    argument: "input_shape")
            }
            return
        }
        guard inputShape.count >= 2 else {
            throw LayerError.value(
                "The `input_shape` of a model includes the batch: (None, 28, 28, 1). Received: "
                    + "input_shape=\(formatShape(inputShape))",
                argument: "input_shape")
        }
        let inputs = try plan(stack, from: inputShape, after: nil)
        try buildAll(stack, inputs)
        inputLayer = try InputLayer(shape: Array(inputShape.dropFirst()), session: session)
        didBuild()
    }

    /// What Keras does each time it (re)builds a Sequential model with layers: it makes a
    /// Functional model inside, which uses up a default name (`functional`, ...), and calls the
    /// layers on the input's placeholder, so `layer.output` and `model.outputs` exist.
    private func didBuild() {
        guard graph == nil, let input = inputLayer, !stack.isEmpty else { return }
        _ = session.names.autoName(forClass: "Functional")
        var x = input.placeholder
        for layer in stack {
            if let node = layer.inboundNodes.first(where: { $0.inputs.count == 1 && $0.inputs[0] === x }), let out = node.output {
                x = out
                continue
            }
            guard let y = try? layer.callSymbolic([x], asList: false) else { return }
            x = y
        }
        sequentialOutput = x
    }

    /// Adds layers after the current ones, all or nothing.
    private func attach(_ new: [any Layer]) throws {
        var names = Set(stack.map(\.name))
        for layer in new {
            if layer is InputLayer {
                throw LayerError.value("An InputLayer can only be the first layer of a Sequential model.")
            }
            if stack.contains(where: { $0 === layer }) || new.filter({ $0 === layer }).count > 1 {
                throw LayerError.value("Layer \"\(layer.name)\" is already in the model \"\(name)\".")
            }
            guard names.insert(layer.name).inserted else {
                throw LayerError.value(
                    "The name \"\(layer.name)\" is used 2 times in the model. All layer names should be unique.",
                    argument: "name",
                    hint: "Give the new layer another name, or leave `name` out for a default one.")
            }
        }
        // Where the new layers start: the current output, or the first layer's input_shape.
        var start = outputShape
        var declaredInput: [Int?]?
        if start == nil, stack.isEmpty, let declared = new.first?.core.declaredInputShape {
            declaredInput = declared
            start = [nil] + declared
        }
        if let start {
            let inputs = try plan(new, from: start, after: stack.last)
            try buildAll(new, inputs)
            if let declaredInput {
                inputLayer = try InputLayer(shape: declaredInput, session: session)
            }
        }
        stack += new
    }

    /// The input shape of each layer, checked through the chain without changing anything.
    /// An ndim error gets a hint naming the layer before (`dense`, with its output shape).
    private func plan(_ layers: [any Layer], from input: [Int?], after previous: (any Layer)?) throws -> [[Int?]] {
        var shape = input
        var previous = previous
        var inputs: [[Int?]] = []
        for layer in layers {
            if let built = layer.inputShape, !shapesCompatible(built, shape) {
                throw LayerError.value(
                    "Layer \"\(layer.name)\" was built for input shape \(formatShape(built)) and cannot take "
                        + "input shape \(formatShape(shape)).")
            }
            do {
                inputs.append(shape)
                shape = try layer.computeOutputShape(shape)
            } catch var error as LayerError {
                if error.expectedRank == 4, shape.count < 4, let previous {
                    error.hint = "The layer before it, \"\(previous.name)\" (\(previous.className)), outputs "
                        + "\(formatShape(shape)), which has no height, width and channels: put convolution and "
                        + "pooling layers before Flatten and Dense."
                }
                throw error
            }
            previous = layer
        }
        return inputs
    }

    /// Checks the memory all the new weights need at once, then builds layer by layer.
    private func buildAll(_ layers: [any Layer], _ inputs: [[Int?]]) throws {
        let needs = zip(layers, inputs).filter { !$0.0.isBuilt }.compactMap { $0.0.weightMemory(for: $0.1) }
        if needs.count > 1 {
            let bytes = needs.reduce(0) { $0 + $1.bytes }
            try MemoryGuard.check(
                bytes: bytes,
                what: "the weights of \(name) (\(needs.count) layers, \(groupedDigits(bytes / 4)) parameters)")
        }
        for (layer, input) in zip(layers, inputs) { try layer.build(input, scope: name) }
    }

    /// `model.get_layer(name)`.
    public func getLayer(name layerName: String) throws -> any Layer {
        if let layer = layers.first(where: { $0.name == layerName }) { return layer }
        throw LayerError.value(
            "No such layer: \(layerName). Existing layers are: [\(layers.map { "'\($0.name)'" }.joined(separator: ", "))].",
            argument: "name", hint: didYouMean(layerName, layers.map(\.name)))
    }

    /// `model.get_layer(index=i)`: negative indices count from the end, as in Python.
    public func getLayer(index: Int) throws -> any Layer {
        let i = index < 0 ? index + layers.count : index
        guard i >= 0, i < layers.count else {
            throw LayerError.value(
                "Was asked to retrieve layer at index \(index) but model only has \(layers.count) layers.",
                argument: "index")
        }
        return layers[i]
    }

    /// All weights, layer by layer.
    public var weights: [Weight] { layers.flatMap(\.weights) }

    /// Keras's `model.get_weights()`: copies of every layer's weights, layer by layer.
    public func getWeights() -> [Tensor] { weights.map { $0.value.copy() } }

    /// Keras's `model.set_weights(weights)`: as many tensors as `get_weights()` gives, each of its
    /// weight's shape. Checks everything before assigning anything.
    public func setWeights(_ values: [Tensor]) throws {
        let all = weights
        guard values.count == all.count else {
            throw LayerError.value(
                "You called `set_weights(weights)` on layer \"\(name)\" with a weight list of length "
                    + "\(values.count), but the layer was expecting \(all.count) weights.",
                argument: "weights")
        }
        for layer in layers {
            let mine = layer.weights.map { w in all.firstIndex { $0 === w }! }
            for i in mine where values[i].shape.dims != all[i].shape {
                throw LayerError.value(
                    "Layer \(layer.name) weight shape \(formatShape(all[i].shape)) is not compatible with provided weight "
                        + "shape \(formatShape(values[i].shape.dims)).",
                    argument: "weights")
            }
        }
        for (w, v) in zip(all, values) { try w.assign(v) }
    }
    public var trainableWeights: [Weight] { trainable ? layers.flatMap(\.trainableWeights) : [] }
    public var nonTrainableWeights: [Weight] {
        trainable ? layers.flatMap(\.nonTrainableWeights) : weights
    }

    /// `model.count_params()`: an error before the model is built.
    public func countParams() throws -> Int {
        guard isBuilt else {
            throw LayerError.value(
                "You tried to call `count_params` on layer '\(name)', but the layer isn't built. "
                    + "You can build it manually via: `\(name).build(batch_input_shape)`.")
        }
        return weights.reduce(0) { $0 + $1.count }
    }

    /// `model.summary()` as data: one row per layer (unbuilt: no shape, no params) and totals.
    /// `expandNested`: a nested model's layers follow its row, named `   └ dense` one level in,
    /// as Keras's `expand_nested=True` shows them.
    public func summary(expandNested: Bool = false) -> ModelSummary {
        let connected = graph.map { !$0.isSequentialLike } ?? false
        func rows(of model: Sequential, level: Int) -> [ModelSummary.Row] {
            let prefix = level == 0 ? "" : String(repeating: "   ", count: level) + "└ "
            return model.layers.flatMap { layer -> [ModelSummary.Row] in
                let row = ModelSummary.Row(name: prefix + layer.name, className: layer.className,
                                           outputShape: isBuilt ? layer.outputShape : nil,
                                           params: isBuilt ? layer.weights.reduce(0) { $0 + $1.count } : nil,
                                           connections: connected ? (level == 0 ? graph!.connections(of: layer) : []) : nil)
                guard expandNested, let nested = layer as? NestedModel else { return [row] }
                return [row] + rows(of: nested.model, level: level + 1)
            }
        }
        let rows = rows(of: self, level: 0)
        let trainable = trainableWeights
        // Keras builds the optimizer's variables on the first training step; only then it counts them.
        let optimizerParams = compiled.flatMap { $0.optimizer.iterations > 0 ? $0.optimizer.variableCount(for: trainable) : nil }
        var summary = ModelSummary(modelName: name, modelClass: className, rows: rows,
                                   trainableParams: trainable.reduce(0) { $0 + $1.count },
                                   nonTrainableParams: nonTrainableWeights.reduce(0) { $0 + $1.count },
                                   optimizerParams: optimizerParams)
        summary.integerParams = weights.filter(\.isInteger).reduce(0) { $0 + $1.count }
        return summary
    }
}
