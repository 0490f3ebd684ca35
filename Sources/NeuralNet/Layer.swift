import Tensor

/// A layer in Keras's shape.
///
/// - `init` takes Keras's arguments, takes a default name from the session (`conv2d`, ...) and
///   validates the arguments, throwing `LayerError` that names the argument.
/// - `computeOutputShape(_:)` is the ONE pure shape rule: building, `Sequential.add`'s
///   validation and the summary all use it. Shapes are `[Int?]` with the batch first as nil.
/// - `weightSpecs(for:)` says which named weights building creates (`kernel`, `bias`, ...), so
///   the memory they need is known before anything is allocated; parameter counts are derived
///   from the weights, never stored separately.
/// - `build(_:scope:)` (from the extension) checks the shape, asks `MemoryGuard`, initialises the
///   weights with the session's generator and only then marks the layer built.
/// - `forward(_:training:)` runs a built layer on a batch (NHWC for images). With `training: true`
///   it keeps what `backward` needs (the tensors it was given and made, which must not be changed
///   until then); with `training: false` it keeps nothing and leaves kept state alone.
/// - `backward(_:needInputGradient:)` differentiates the most recent training forward pass: it
///   stores dL/dw for each weight in `core.gradients` and returns dL/dx.
public protocol Layer: AnyObject {
    /// Name, session, trainable flag, declared input shape and, once built, shapes and weights.
    var core: LayerCore { get }
    /// The output shape for an input shape (batch first, nil); throws when the layer cannot take it.
    func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?]
    /// The weights building creates for that input shape, in Keras's order.
    func weightSpecs(for inputShape: [Int?]) -> [WeightSpec]
    /// The forward pass of a built layer.
    func forward(_ x: Tensor, training: Bool) throws -> Tensor
    /// The backward pass of the most recent `forward(x, training: true)`, given dL/dy: stores
    /// dL/dw for each weight in `core.gradients` (same order as `weights`, nil for a variable that
    /// training does not update; overwritten, not accumulated) and returns dL/dx, or nil without
    /// computing it when `needInputGradient` is false. Throws `LayerError` when no training
    /// forward pass was kept.
    func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor?
    /// Weights the layer takes over from elsewhere rather than creating (a model nested in
    /// another); empty for every other layer.
    func adoptedWeights() -> [Weight]
}

/// The state every layer shares. Layers hold one; the protocol extension works on it.
public final class LayerCore {
    public let name: String
    /// Keras's class name: `Conv2D`, `MaxPooling2D`, `ReLU`, `Activation`, ...
    public let className: String
    public let session: Session
    /// `input_shape=` given at construction, without the batch (`(28, 28, 1)`).
    public let declaredInputShape: [Int?]?
    /// Keras's `layer.trainable`: when false, all its weights count as non-trainable.
    public var trainable = true
    public internal(set) var inputShape: [Int?]?
    public internal(set) var outputShape: [Int?]?
    public internal(set) var weights: [Weight] = []
    /// dL/dw for each of `weights` from the last `backward` (nil for non-trainable variables such
    /// as BatchNormalization's moving statistics); empty before the first backward pass.
    public internal(set) var gradients: [Tensor?] = []
    /// A second switch a layer follows (a nested model: the inner model's own `trainable`).
    var alsoTrainable: (() -> Bool)?
    /// What the last training forward pass kept for `backward` (each layer its own type).
    var trainingState: Any?
    /// The calls of the layer on symbolic tensors, in order (Keras's `_inbound_nodes`). Held
    /// weakly: the tensors and graphs that use a node keep it alive, so a layer never keeps
    /// itself alive through its own graph.
    var inboundNodes: [WeakNode] = []
    /// How many nodes the layer has made (the next node's index).
    var nodeCount = 0
    /// A merge layer's input shapes once built (`inputShape` is the first of them).
    var mergedInputShapes: [[Int?]]?

    /// Takes the name first (an explicit one, or the next default), as Keras does before it
    /// validates any argument.
    public init(className: String, name: String?, inputShape: [Int?]? = nil, session: Session) throws {
        self.className = className
        self.session = session
        self.name = name ?? session.names.autoName(forClass: className)
        self.declaredInputShape = inputShape
        if let name, name.isEmpty {
            throw LayerError.value("The `name` argument must not be empty.", argument: "name")
        }
        _ = try checkInputShape(inputShape)
    }

    public var isBuilt: Bool { outputShape != nil }
}

/// One weight a layer creates when built.
public struct WeightSpec: Equatable, Sendable {
    public var name: String
    public var shape: [Int]
    public var trainable: Bool
    public var initializer: Initializer
    /// Keras keeps it as an int64 (Normalization's `count`): Fovea holds it as a float, and the
    /// summary counts it as Keras does, 8 bytes.
    public var isInteger = false

    public init(_ name: String, _ shape: [Int], trainable: Bool = true, initializer: Initializer, isInteger: Bool = false) {
        self.name = name; self.shape = shape; self.trainable = trainable; self.initializer = initializer
        self.isInteger = isInteger
    }

    public var count: Int { shape.reduce(1, *) }
}

/// A layer's weight: its Keras path (`sequential/conv2d/kernel`), shape and value.
public final class Weight {
    /// `kernel`, `bias`, `gamma`, `beta`, `moving_mean`, `moving_variance`.
    public let name: String
    /// `sequential/conv2d/kernel`; the model's name is part of it when the model built the layer.
    public let path: String
    public let shape: [Int]
    /// Whether training updates it (BatchNormalization's moving statistics are not).
    public let isTrainableVariable: Bool
    /// An int64 variable in Keras (see `WeightSpec.isInteger`).
    public let isInteger: Bool
    public private(set) var value: Tensor

    init(name: String, path: String, shape: [Int], trainable: Bool, value: Tensor, isInteger: Bool = false) {
        self.name = name; self.path = path; self.shape = shape
        self.isTrainableVariable = trainable; self.value = value; self.isInteger = isInteger
    }

    /// The bytes Keras's summary counts for it: 4 per float32 value, 8 per int64.
    public var summaryBytes: Int { count * (isInteger ? 8 : 4) }

    public var count: Int { shape.reduce(1, *) }

    /// Replaces the value with a copy of `tensor` (or `tensor` itself when not `copying`: a fresh
    /// tensor nobody else holds), which must have exactly this weight's shape.
    public func assign(_ tensor: Tensor, layerName: String? = nil, copying: Bool = true) throws {
        guard tensor.shape.dims == shape else {
            let owner = layerName.map { "Layer \($0) weight" } ?? "Weight \(path)"
            throw LayerError.value(
                "\(owner) shape \(formatShape(shape)) is not compatible with provided weight shape "
                    + "\(formatShape(tensor.shape.dims)).",
                argument: "weights")
        }
        value = copying ? tensor.copy() : tensor
    }
}

extension Layer {
    public var name: String { core.name }
    public var className: String { core.className }
    public var trainable: Bool {
        get { core.trainable && (core.alsoTrainable?() ?? true) }
        set { core.trainable = newValue }
    }
    public var isBuilt: Bool { core.isBuilt }
    /// The input shape with the batch as nil, once built.
    public var inputShape: [Int?]? { core.inputShape }
    /// The output shape with the batch as nil, once built.
    public var outputShape: [Int?]? { core.outputShape }
    public var weights: [Weight] { core.weights }
    public var trainableWeights: [Weight] { trainable ? weights.filter(\.isTrainableVariable) : [] }
    public var nonTrainableWeights: [Weight] { trainable ? weights.filter { !$0.isTrainableVariable } : weights }

    public func weightSpecs(for inputShape: [Int?]) -> [WeightSpec] { [] }
    public func adoptedWeights() -> [Weight] { [] }

    /// Keras's `count_params()`: an error before the layer is built.
    public func countParams() throws -> Int {
        guard isBuilt else {
            throw LayerError.value(
                "You tried to call `count_params` on layer '\(name)', but the layer isn't built. "
                    + "You can build it manually via: `\(name).build(batch_input_shape)`.")
        }
        return weights.reduce(0) { $0 + $1.count }
    }

    /// Builds the layer for `inputShape` (batch first, nil). The weights' paths start with
    /// `scope/` when given (the model's name). Building again with a compatible shape does
    /// nothing; with another shape it is an error. Nothing changes when it throws.
    public func build(_ inputShape: [Int?], scope: String? = nil) throws {
        if let built = core.inputShape {
            guard shapesCompatible(built, inputShape) else {
                throw LayerError.value(
                    "Layer \"\(name)\" was built for input shape \(formatShape(built)) and cannot take "
                        + "input shape \(formatShape(inputShape)).")
            }
            return
        }
        let output = try computeOutputShape(inputShape)
        let weights = try makeWeights(weightSpecs(for: inputShape), scope: scope)
        core.inputShape = inputShape
        core.outputShape = output
        core.weights = weights + adoptedWeights()
    }

    /// The bytes and the `MemoryGuard` description of the weights for `inputShape`:
    /// `the weights of dense_1 (Dense, 25,088 x 4,096)`; nil for a layer without weights.
    public func weightMemory(for inputShape: [Int?]) -> (bytes: Int, what: String)? {
        memory(of: weightSpecs(for: inputShape))
    }

    private func memory(of specs: [WeightSpec]) -> (bytes: Int, what: String)? {
        guard let first = specs.first else { return nil }
        let count = specs.reduce(0) { $0 + $1.count }
        let dims = first.shape.map(groupedDigits).joined(separator: " x ")
        return (count * MemoryLayout<Float>.size, "the weights of \(name) (\(className), \(dims))")
    }

    private func makeWeights(_ specs: [WeightSpec], scope: String?) throws -> [Weight] {
        guard let (bytes, what) = memory(of: specs) else { return [] }
        try MemoryGuard.check(bytes: bytes, what: what)
        let prefix = (scope.map { $0 + "/" } ?? "") + name + "/"
        return try specs.map { spec in
            Weight(name: spec.name, path: prefix + spec.name, shape: spec.shape, trainable: spec.trainable,
                   value: core.session.initializesWeights
                       ? try spec.initializer.make(shape: spec.shape, generator: &core.session.generator, what: name + "/" + spec.name)
                       : try Tensor(uninitialized: Shape(spec.shape), what: name + "/" + spec.name),
                   isInteger: spec.isInteger)
        }
    }

    /// Keras's `get_weights()`: copies of the values, in order.
    public func getWeights() -> [Tensor] { weights.map { $0.value.copy() } }

    /// Keras's `set_weights(weights)`: as many tensors as weights, each of the weight's shape.
    /// Checks everything before assigning anything.
    public func setWeights(_ values: [Tensor]) throws {
        guard values.count == weights.count else {
            throw LayerError.value(
                "You called `set_weights(weights)` on layer \"\(name)\" with a weight list of length "
                    + "\(values.count), but the layer was expecting \(weights.count) weights.",
                argument: "weights")
        }
        for (w, v) in zip(weights, values) where v.shape.dims != w.shape {
            throw LayerError.value(
                "Layer \(name) weight shape \(formatShape(w.shape)) is not compatible with provided weight "
                    + "shape \(formatShape(v.shape.dims)).",
                argument: "weights")
        }
        for (w, v) in zip(weights, values) { try w.assign(v, layerName: name) }
    }

    /// Calls the layer on a batch, building it from the batch's shape first if needed.
    public func callAsFunction(_ x: Tensor, training: Bool = false) throws -> Tensor {
        let shape: [Int?] = [nil] + x.shape.dims.dropFirst().map { $0 }
        if !isBuilt { try build(shape) }
        if let built = inputShape, !shapesCompatible(built, shape) {
            throw LayerError.value(
                "Input 0 of layer \"\(name)\" is incompatible with the layer: expected shape="
                    + "\(formatShape(built)), found shape=\(formatShape(x.shape.dims))")
        }
        return try forward(x, training: training)
    }
}

/// Same rank, and every non-batch size equal where both are known.
func shapesCompatible(_ a: [Int?], _ b: [Int?]) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b).dropFirst() {
        if let x, let y, x != y { return false }
    }
    return true
}
