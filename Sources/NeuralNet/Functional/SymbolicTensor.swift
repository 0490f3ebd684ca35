/// Keras's `KerasTensor`: a placeholder with a shape and no values, made by `keras.Input` or by
/// calling a layer on placeholders. The functional API wires layers together with them; a
/// `keras.Model(inputs, outputs)` then runs the graph they describe.
public final class SymbolicTensor {
    /// The shape with the batch first as nil: `(None, 28, 28, 1)`.
    public let shape: [Int?]
    /// `keras_tensor`, `keras_tensor_1`, ... (counted per session, as Keras names them).
    public let name: String
    /// The call that made it; an input's is its InputLayer's own node.
    public let node: GraphNode
    /// Which of the node's outputs it is (always 0: Fovea's layers have one output).
    public let index: Int

    init(shape: [Int?], name: String, node: GraphNode, index: Int = 0) {
        self.shape = shape; self.name = name; self.node = node; self.index = index
    }

    /// The layer that made it (`KerasTensor._keras_history.operation`).
    public var layer: any Layer { node.layer }
}

/// One call of a layer on symbolic tensors (Keras's `Node`): the layer, the tensors it was given
/// and, weakly, the tensor it made (the consumers of that tensor hold it).
public final class GraphNode {
    public let layer: any Layer
    public let inputs: [SymbolicTensor]
    /// Whether the layer was given a list (a merge layer) rather than one tensor.
    public let takesList: Bool
    /// The node's position among the layer's calls: the `1` of `conv2d[1][0]`.
    public let nodeIndex: Int
    weak var output: SymbolicTensor?
    /// An opaque tag for a language binding: the object the learner called (so a model made
    /// from the graph can give back the same layer objects).
    public var owner: AnyObject?

    init(layer: any Layer, inputs: [SymbolicTensor], takesList: Bool, nodeIndex: Int) {
        self.layer = layer; self.inputs = inputs; self.takesList = takesList; self.nodeIndex = nodeIndex
    }

    public var isInput: Bool { inputs.isEmpty }
}

struct WeakNode {
    weak var node: GraphNode?
}

extension Layer {
    /// The layer's calls on symbolic tensors that are still in use, in order.
    public var inboundNodes: [GraphNode] { core.inboundNodes.compactMap(\.node) }

    /// Keras's `layer.output`: the tensor the layer's first call made.
    public var symbolicOutput: SymbolicTensor? { core.inboundNodes.first?.node?.output }

    /// Keras's `layer.input`: what the layer's first call was given (one tensor, or a list).
    public var symbolicInputs: [SymbolicTensor]? { core.inboundNodes.first?.node?.inputs }

    /// Calls the layer on placeholders: checks and builds it for their shapes, records the call
    /// as a node and returns the placeholder of its output. `asList`: the layer was given a
    /// list (merge layers need one). Throws LayerError, leaving nothing recorded, when the
    /// layer cannot take the shapes.
    public func callSymbolic(_ inputs: [SymbolicTensor], asList: Bool) throws -> SymbolicTensor {
        let shapes = inputs.map(\.shape)
        let output: [Int?]
        if let merge = self as? MergeLayer {
            guard asList else { throw merge.notAList(shapes[0]) }
            output = try merge.buildMerged(shapes)
        } else {
            guard !asList || inputs.count == 1 else {
                throw LayerError.value(
                    "Layer \"\(name)\" (\(className)) takes one input, but it was called on a list of \(inputs.count) tensors "
                        + "with shapes \(shapes.map(formatShape).joined(separator: ", ")).",
                    hint: "Merge them first, e.g. keras.layers.Concatenate()([a, b]), or call the layer on one of them.")
            }
            try build(shapes[0])
            output = try computeOutputShape(shapes[0])
        }
        return record(inputs: inputs, asList: asList, outputShape: output)
    }

    /// Records a node of this layer; its output is a new placeholder of `outputShape`.
    func record(inputs: [SymbolicTensor], asList: Bool, outputShape: [Int?], tensorName: String? = nil) -> SymbolicTensor {
        core.inboundNodes.removeAll { $0.node == nil }
        let node = GraphNode(layer: self, inputs: inputs, takesList: asList, nodeIndex: core.nodeCount)
        core.nodeCount += 1
        let tensor = SymbolicTensor(shape: outputShape, name: tensorName ?? core.session.names.uniquify("keras_tensor"),
                                    node: node)
        node.output = tensor
        core.inboundNodes.append(WeakNode(node: node))
        return tensor
    }
}

extension InputLayer {
    /// The placeholder `keras.Input` returns: the output of the InputLayer's own node, made once.
    public var placeholder: SymbolicTensor {
        if let existing = symbolicOutput { return existing }
        let tensor = record(inputs: [], asList: false, outputShape: [nil] + shape, tensorName: givenName)
        keptPlaceholder = tensor
        return tensor
    }
}
