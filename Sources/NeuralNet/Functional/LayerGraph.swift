/// The graph of a functional model: the nodes that lead from its inputs to its outputs, in the
/// order Keras 3 finds them (`map_graph`), and its layers in Keras's `model.layers` order.
///
/// Keras walks back from each output depth first, numbering layers as it meets them; a node's
/// depth is its longest distance to an output. Layers are listed by decreasing depth (the
/// inputs first), ties in the order they were met: so a second Input can come after layers of
/// the first branch. Nodes run in the same decreasing-depth order.
public final class LayerGraph {
    public let inputs: [SymbolicTensor]
    public let outputs: [SymbolicTensor]
    /// The nodes in the order they run, each with the tensor it makes (held here, strongly).
    let steps: [(node: GraphNode, output: SymbolicTensor)]
    /// Each layer once, in Keras's order, InputLayers included.
    public let layers: [any Layer]
    /// Keras's `sequential_like`: one node per depth, each with one input, and no layer used
    /// twice. The summary then has no "Connected to" column.
    public let isSequentialLike: Bool
    /// What each node's training forward pass kept, restored into its layer before that node's
    /// backward pass (a layer used twice keeps only its last call's state itself).
    var keptStates: [Any?] = []
    /// For each tensor, the step that reads it last (an output: never dropped), so inference can
    /// free it after that step.
    let lastUse: [ObjectIdentifier: Int]

    public init(inputs: [SymbolicTensor], outputs: [SymbolicTensor]) throws {
        self.inputs = inputs
        self.outputs = outputs
        let inputIDs = Set(inputs.map(ObjectIdentifier.init))
        for input in inputs where !(input.layer is InputLayer) || !input.node.isInput {
            throw LayerError.value(
                "The inputs of a Model must be tensors made by keras.Input(); \(input.name) was made by layer "
                    + "\"\(input.layer.name)\" (\(input.layer.className)).",
                argument: "inputs", hint: "Start the graph with x = keras.Input(shape=...) and pass that tensor as inputs.")
        }

        // Keras's _build_map: depth-first from each output, nodes appended when finished.
        var finished = Set<ObjectIdentifier>(), inProgress = Set<ObjectIdentifier>()
        var decreasing: [(node: GraphNode, output: SymbolicTensor)] = []
        var layerIndex: [ObjectIdentifier: Int] = [:]
        var layerByID: [ObjectIdentifier: any Layer] = [:]
        func visit(_ tensor: SymbolicTensor) throws {
            let node = tensor.node, id = ObjectIdentifier(node), layerID = ObjectIdentifier(node.layer)
            if finished.contains(id) { return }
            guard !inProgress.contains(id) else {
                throw LayerError.value("The graph has a cycle through layer \"\(node.layer.name)\".")
            }
            if layerIndex[layerID] == nil { layerIndex[layerID] = layerIndex.count; layerByID[layerID] = node.layer }
            inProgress.insert(id)
            if !node.isInput, !inputIDs.contains(ObjectIdentifier(tensor)) {
                for input in node.inputs { try visit(input) }
            }
            finished.insert(id)
            inProgress.remove(id)
            decreasing.append((node, tensor))
        }
        for output in outputs { try visit(output) }

        // Keras's map_graph: a node's depth is the longest path to an output.
        var nodeDepth: [ObjectIdentifier: Int] = [:]
        var layerDepth: [ObjectIdentifier: Int] = [:]
        for (node, _) in decreasing.reversed() {
            let id = ObjectIdentifier(node), layerID = ObjectIdentifier(node.layer)
            let depth = max(nodeDepth[id] ?? 0, layerDepth[layerID] ?? 0)
            layerDepth[layerID] = depth
            nodeDepth[id] = depth
            for parent in node.inputs.map(\.node) {
                nodeDepth[ObjectIdentifier(parent)] = max(depth + 1, nodeDepth[ObjectIdentifier(parent)] ?? 0)
            }
        }
        for input in inputs where layerDepth[ObjectIdentifier(input.layer)] == nil {
            // An input no output depends on still counts as a layer of the model, listed first.
            layerDepth[ObjectIdentifier(input.layer)] = 0
            layerIndex[ObjectIdentifier(input.layer)] = -1
            layerByID[ObjectIdentifier(input.layer)] = input.layer
            nodeDepth[ObjectIdentifier(input.node)] = 0
            decreasing.append((input.node, input))
        }
        let order = decreasing.enumerated().sorted { a, b in
            let da = nodeDepth[ObjectIdentifier(a.element.node)]!, db = nodeDepth[ObjectIdentifier(b.element.node)]!
            return da != db ? da > db : a.offset > b.offset
        }.map(\.element)
        steps = order
        var lastUse: [ObjectIdentifier: Int] = [:]
        for (i, step) in order.enumerated() { for t in step.node.inputs { lastUse[ObjectIdentifier(t)] = i } }
        for t in outputs { lastUse[ObjectIdentifier(t)] = Int.max }
        self.lastUse = lastUse
        layers = layerByID.keys.sorted { a, b in
            let da = layerDepth[a]!, db = layerDepth[b]!
            return da != db ? da > db : layerIndex[a]! < layerIndex[b]!
        }.map { layerByID[$0]! }

        // Every tensor a node needs must come from the inputs.
        var computable = inputIDs
        for (node, output) in order {
            if node.isInput, !inputIDs.contains(ObjectIdentifier(output)) {
                throw LayerError.value(
                    "Graph disconnected: cannot find parent for tensor \(output.name) at layer \"\(node.layer.name)\": it is "
                        + "an Input that is not among the model's inputs.",
                    argument: "inputs", hint: "Pass every keras.Input the outputs depend on: keras.Model(inputs=[a, b], outputs=...).")
            }
            for input in node.inputs where !computable.contains(ObjectIdentifier(input)) {
                throw LayerError.value(
                    "Graph disconnected: cannot find parent for tensor \(input.name) at layer \"\(node.layer.name)\".",
                    argument: "inputs")
            }
            computable.insert(ObjectIdentifier(output))
        }

        var depthCounts: [Int: [GraphNode]] = [:]
        for (node, _) in order { depthCounts[nodeDepth[ObjectIdentifier(node)]!, default: []].append(node) }
        var sequentialLike = depthCounts.values.allSatisfy { $0.count == 1 && $0[0].inputs.count <= 1 }
        if sequentialLike {
            for layer in layers where order.filter({ $0.node.layer === layer }).count > 1 { sequentialLike = false }
        }
        isSequentialLike = sequentialLike
    }

    /// The graph's nodes, in the order they run.
    public var nodes: [GraphNode] { steps.map(\.node) }

    /// "Connected to" for a layer: `conv2d[0][0]` for each tensor of each of its nodes in this graph.
    public func connections(of layer: any Layer) -> [String] {
        steps.filter { $0.node.layer === layer }.sorted { $0.node.nodeIndex < $1.node.nodeIndex }.flatMap { step in
            step.node.inputs.map { "\($0.layer.name)[\($0.node.nodeIndex)][\($0.index)]" }
        }
    }
}
