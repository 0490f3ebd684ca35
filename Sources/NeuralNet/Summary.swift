/// A model's summary as plain data: what `model.summary()` shows, before any rendering.
/// Rendering turns it into Keras's box-drawn text and into an HTML table.
public struct ModelSummary: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The layer's name, e.g. `conv2d_1`.
        public var name: String
        /// The layer's class, e.g. `Conv2D`.
        public var className: String
        /// The output shape with the batch as nil, e.g. `[nil, 26, 26, 32]`; nil while unbuilt.
        public var outputShape: [Int?]?
        /// The layer's parameter count; nil while unbuilt (shown as `0 (unbuilt)`).
        public var params: Int?
        /// A functional model's "Connected to": `conv2d[0][0]` per input tensor (empty for an
        /// Input); nil for a model whose summary has no such column.
        public var connections: [String]?

        public init(name: String, className: String, outputShape: [Int?]?, params: Int?, connections: [String]? = nil) {
            self.name = name; self.className = className; self.outputShape = outputShape; self.params = params
            self.connections = connections
        }
    }

    /// `sequential`, `sequential_1`, ...
    public var modelName: String
    /// `Sequential`
    public var modelClass: String
    public var rows: [Row]
    public var trainableParams: Int
    public var nonTrainableParams: Int
    /// The optimizer's state after compile and fit (Adam: 2 slots per trainable weight, plus
    /// its iteration counter as Keras counts it); nil before the optimizer is built, and then
    /// the line is not shown.
    public var optimizerParams: Int?
    /// Bytes per parameter (4 for float32).
    public var bytesPerParam: Int
    /// Parameters Keras keeps as int64 (Normalization's `count`), all non-trainable: each counts
    /// `bytesPerParam` more bytes.
    public var integerParams = 0

    public var totalParams: Int { trainableParams + nonTrainableParams }
    /// Whether the table has Keras's "Connected to" column (a functional model that is not a chain).
    public var showsConnections: Bool { rows.contains { $0.connections != nil } }

    public init(modelName: String, modelClass: String, rows: [Row], trainableParams: Int,
                nonTrainableParams: Int, optimizerParams: Int? = nil, bytesPerParam: Int = 4) {
        self.modelName = modelName
        self.modelClass = modelClass
        self.rows = rows
        self.trainableParams = trainableParams
        self.nonTrainableParams = nonTrainableParams
        self.optimizerParams = optimizerParams
        self.bytesPerParam = bytesPerParam
    }
}
