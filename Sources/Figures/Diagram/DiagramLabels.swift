import NeuralNet
import Tensor

/// What Keras 3's `plot_model` writes in a layer's box (`make_layer_label`): a black header with
/// "**name** (Class)" (or "**Class**" without layer names), then, as asked, a row
/// "Activation: **relu**", and a row of cells "Input shape: **(None, 28, 28, 1)**" (not for an
/// InputLayer), "Output shape: **...**", "Output dtype: **float32**", "Trainable".
enum DiagramLabels {
    static func rows(of layer: any Layer, _ options: ModelDiagram.Options) -> [[ModelDiagram.Cell]] {
        typealias Run = ModelDiagram.Run
        let header = options.showLayerNames ? [Run(layer.name, bold: true), Run(" (\(layer.className))")] : [Run(layer.className, bold: true)]
        var rows = [[ModelDiagram.Cell(header, size: ModelDiagram.Metrics.headerSize, fill: .black)]]
        if options.showLayerActivations, let activation = activationName(layer) {
            rows.append([cell("Activation: ", activation)])
        }
        var cells: [ModelDiagram.Cell] = []
        if options.showShapes {
            if !(layer is InputLayer) { cells.append(cell("Input shape: ", inputShape(layer))) }
            cells.append(cell("Output shape: ", outputShape(layer)))
        }
        if options.showDtype { cells.append(cell("Output dtype: ", layer.isBuilt ? "float32" : "?")) }
        if options.showTrainable, !layer.weights.isEmpty {
            cells.append(ModelDiagram.Cell([Run(layer.trainable ? "Trainable" : "Non-trainable", bold: true)],
                                           size: ModelDiagram.Metrics.rowSize, fill: layer.trainable ? .forestGreen : .firebrick))
        }
        if !cells.isEmpty { rows.append(cells) }
        return rows
    }

    static func cell(_ label: String, _ value: String) -> ModelDiagram.Cell {
        ModelDiagram.Cell([ModelDiagram.Run(label), ModelDiagram.Run(value, bold: true)], size: ModelDiagram.Metrics.rowSize, fill: .white)
    }

    /// `layer.input`'s shape as Keras prints it: `(None, 8)`, or `[(None, 8), (None, 8)]` for a
    /// layer given a list; `?` when the layer was never called.
    static func inputShape(_ layer: any Layer) -> String {
        if let node = layer.inboundNodes.first(where: { !$0.isInput }) {
            let shapes = node.inputs.map { formatShape($0.shape) }
            return node.takesList ? "[" + shapes.joined(separator: ", ") + "]" : shapes.joined(separator: ", ")
        }
        return layer.inputShape.map(formatShape) ?? "?"
    }

    static func outputShape(_ layer: any Layer) -> String {
        (layer.symbolicOutput?.shape ?? layer.outputShape).map(formatShape) ?? "?"
    }

    /// The name of the layer's `activation`, for the layers that have one (Keras checks
    /// `hasattr(layer, "activation")`).
    static func activationName(_ layer: any Layer) -> String? {
        switch layer {
        case let l as Dense: return l.activation.rawValue
        case let l as Conv2D: return l.activation.rawValue
        case let l as DepthwiseConv2D: return l.activation.rawValue
        case let l as ActivationLayer: return l.activation.rawValue
        default: return nil
        }
    }
}
