import Tensor

/// `keras.layers.InputLayer(shape)` and `keras.Input(shape)`: declares a Sequential model's
/// input shape (without the batch). Sequential models do not list it among their `layers`
/// nor in the summary, as in Keras 3. A Sequential whose first layer has `input_shape=` makes
/// one itself, which (as in Keras) uses up a default name `input_layer`, `input_layer_1`, ...
public final class InputLayer: Layer {
    public let core: LayerCore
    /// The shape without the batch, e.g. `(28, 28, 1)`.
    public let shape: [Int?]
    /// The name given to `Input(name=...)`, which its placeholder also takes.
    let givenName: String?
    /// The placeholder `keras.Input` returns, once made (see `placeholder`).
    var keptPlaceholder: SymbolicTensor?

    public init(shape: [Int?], name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "InputLayer", name: name, session: session)
        givenName = name
        guard let shape = try checkInputShape(shape, argument: "shape") else { fatalError("unreachable") }
        self.shape = shape
        try build([nil] + shape)
    }

    /// `keras.Input(shape=...)`. In a Sequential model it stands for its InputLayer.
    public static func input(shape: [Int?], name: String? = nil, session: Session) throws -> InputLayer {
        try InputLayer(shape: shape, name: name, session: session)
    }

    /// The model's input shape `(None, ...)`; the layer passes its input through.
    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] { [nil] + shape }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        if training { core.trainingState = StatelessPass() }
        return x
    }

    /// The identity: dL/dx is dL/dy.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        _ = try keptState(StatelessPass.self)
        core.gradients = []
        return needInputGradient ? gradOutput : nil
    }
}
