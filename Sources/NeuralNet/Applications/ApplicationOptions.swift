/// What every `keras.applications` constructor takes, and Keras's checks of it
/// (`imagenet_utils.obtain_input_shape`, `validate_activation`).
public struct ApplicationOptions {
    public var includeTop = true
    /// `weights='imagenet'` (the constructor's checks differ); the weights themselves are loaded
    /// by the caller after building.
    public var imagenetWeights = false
    /// `input_shape=` without the batch; nil for the default.
    public var inputShape: [Int?]?
    /// `pooling=`: nil, "avg" or "max" (without the top).
    public var pooling: String?
    public var classes = 1000
    public var classifierActivation: String? = "softmax"
    public var name: String?
    /// MobileNet's and MobileNetV2's width multiplier (`alpha=`), and MobileNet's
    /// `depth_multiplier=` and `dropout=` (rate of the Dropout before its classifier).
    public var alpha = 1.0
    public var depthMultiplier = 1
    public var dropout = 1e-3

    public init() {}

    /// Keras's `obtain_input_shape` for channels-last images: the default size with the top, or
    /// any size of at least `minSize` without it (unknown height and width when not given).
    func resolvedInputShape(defaultSize: Int, minSize: Int) throws -> [Int?] {
        if imagenetWeights, includeTop, classes != 1000 {
            throw LayerError.value("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000. "
                                   + "Received classes=\(classes)", argument: "classes")
        }
        let defaultShape: [Int?] = [defaultSize, defaultSize, 3]
        guard let given = inputShape else {
            return includeTop ? defaultShape : [nil, nil, 3]
        }
        let text = formatShape(given)
        if imagenetWeights, includeTop {
            guard given == defaultShape else {
                throw LayerError.value("When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be "
                                       + "\(formatShape(defaultShape)).  Received: input_shape=\(text)", argument: "input_shape")
            }
            return given
        }
        guard given.count == 3 else {
            throw LayerError.value("`input_shape` must be a tuple of three integers. Received: input_shape=\(text)", argument: "input_shape")
        }
        if imagenetWeights, given[2] != 3 {
            throw LayerError.value("The input must have 3 channels; Received `input_shape=\(text)`", argument: "input_shape")
        }
        if let h = given[0], let w = given[1], h < minSize || w < minSize {
            throw LayerError.value("Input size must be at least \(minSize)x\(minSize); Received: input_shape=\(text)", argument: "input_shape")
        }
        if includeTop, given != defaultShape, given.contains(where: { $0 == nil }) {
            throw LayerError.value("If `include_top` is True, you should specify a static `input_shape`. Received: input_shape=\(text)",
                                   argument: "input_shape")
        }
        return given
    }

    func checkPooling() throws {
        if let pooling, pooling != "avg", pooling != "max" {
            throw LayerError.value("`pooling` should be None, 'avg' or 'max'. Received: pooling='\(pooling)'", argument: "pooling")
        }
    }
}

/// Wiring an application's graph: each layer called on the placeholder before it.
struct GraphBuilder {
    let session: Session

    func callAsFunction(_ layer: any Layer, _ x: SymbolicTensor) throws -> SymbolicTensor {
        try layer.callSymbolic([x], asList: false)
    }

    func merge(_ layer: any Layer, _ xs: [SymbolicTensor]) throws -> SymbolicTensor {
        try layer.callSymbolic(xs, asList: true)
    }

    /// Without the top: the `pooling=` layer Keras adds, named as each application names it.
    func pooled(_ x: SymbolicTensor, _ options: ApplicationOptions, avgName: String? = nil, maxName: String? = nil) throws -> SymbolicTensor {
        switch options.pooling {
        case "avg": return try self(GlobalAveragePooling2D(name: avgName, session: session), x)
        case "max": return try self(GlobalMaxPooling2D(name: maxName, session: session), x)
        default: return x
        }
    }

    /// The model over the graph from `input` to `output`.
    func model(_ input: SymbolicTensor, _ output: SymbolicTensor, name: String) throws -> Sequential {
        try Sequential(graph: LayerGraph(inputs: [input], outputs: [output]), name: name, session: session)
    }
}
