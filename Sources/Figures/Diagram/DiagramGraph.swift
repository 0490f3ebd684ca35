import NeuralNet

/// The boxes and edges of a model as Keras 3's `model_to_dot` finds them, before any layout.
///
/// A Sequential model: one box per layer of `model.layers` (no InputLayer box), each joined to
/// the next. A functional model: one box per layer of the graph, InputLayers included, and an
/// edge from the layer that made each tensor to each layer called on it; a layer called several
/// times is one box with several edges, and repeated edges are drawn once (Graphviz's
/// `concentrate`). A model used as a layer is one box, "sequential (Sequential)", unless
/// `expandNested`: then its own boxes sit in a dashed frame, and the edges into and out of it
/// go to its first layer (or InputLayer) and from the layer that makes its output.
struct DiagramGraph {
    var boxes: [ModelDiagram.Box] = []
    /// (from, to) box indices, each pair once, in the order Keras adds them.
    var edges: [(from: Int, to: Int)] = []
    var clusters: [ModelDiagram.Cluster] = []

    private var boxIndex: [ObjectIdentifier: Int] = [:]
    private var edgeSet = Set<[Int]>()
    private let options: ModelDiagram.Options

    /// Throws Keras's error for a model that is not built.
    init(_ model: Sequential, options: ModelDiagram.Options) throws {
        guard model.isBuilt else {
            throw LayerError.value(
                "This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.",
                hint: "Give the first layer input_shape=(...), start the model with keras.Input(shape=(...)), or call model.build((None, ...)).")
        }
        self.options = options
        add(model, cluster: nil)
    }

    private mutating func add(_ model: Sequential, cluster: Int?) {
        for layer in model.layers {
            if options.expandNested, let nested = layer as? NestedModel {
                clusters.append(ModelDiagram.Cluster(name: nested.model.name, parent: cluster))
                add(nested.model, cluster: clusters.count - 1)
            } else if boxIndex[ObjectIdentifier(layer)] == nil {
                boxIndex[ObjectIdentifier(layer)] = boxes.count
                boxes.append(ModelDiagram.Box(layerName: layer.name, className: layer.className,
                                              rows: DiagramLabels.rows(of: layer, options), cluster: cluster))
            }
        }
        if let graph = model.graph {
            for node in graph.nodes where !node.isInput {
                for (k, tensor) in node.inputs.enumerated() {
                    connect(exitBox(tensor.layer), entryBox(node.layer, input: k))
                }
            }
        } else {
            let layers = model.layers
            for i in layers.indices.dropFirst() { connect(exitBox(layers[i - 1]), entryBox(layers[i], input: 0)) }
        }
    }

    private mutating func connect(_ from: Int?, _ to: Int?) {
        guard let from, let to, edgeSet.insert([from, to]).inserted else { return }
        edges.append((from, to))
    }

    /// The box an edge out of `layer` starts from: inside an expanded model, the layer that
    /// makes its output.
    private func exitBox(_ layer: any Layer) -> Int? {
        if options.expandNested, let nested = layer as? NestedModel {
            if let graph = nested.model.graph { return graph.outputs.first.flatMap { exitBox($0.layer) } }
            return nested.model.layers.last.flatMap(exitBox)
        }
        return boxIndex[ObjectIdentifier(layer)]
    }

    /// The box the edge into `layer`'s `input`-th input ends at: inside an expanded functional
    /// model its InputLayer, inside an expanded Sequential model its first layer.
    private func entryBox(_ layer: any Layer, input: Int) -> Int? {
        if options.expandNested, let nested = layer as? NestedModel {
            if let graph = nested.model.graph {
                return graph.inputs.indices.contains(input) ? entryBox(graph.inputs[input].layer, input: 0) : nil
            }
            return nested.model.layers.first.flatMap { entryBox($0, input: input) }
        }
        return boxIndex[ObjectIdentifier(layer)]
    }
}
