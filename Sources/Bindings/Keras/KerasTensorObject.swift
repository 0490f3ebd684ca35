import FoveaLang
import NeuralNet

/// Keras's `KerasTensor` seen from the language: what `keras.Input(shape)` returns and what
/// calling a layer on one gives, to wire a functional model.
final class KerasTensorObject: FoveaObject {
    let tensor: SymbolicTensor
    init(_ tensor: SymbolicTensor) { self.tensor = tensor }

    var typeName: String { "KerasTensor" }
    var doc: String { KerasTensorObject.classDoc }
    var hostClass: AnyHostClass? { KerasTensorObject.binding }

    /// Keras 3's repr: `<KerasTensor shape=(None, 28, 28, 1), dtype=float32, sparse=False, ragged=False, name=keras_tensor>`.
    func repr() -> String {
        "<KerasTensor shape=\(formatShape(tensor.shape)), dtype=float32, sparse=False, ragged=False, name=\(tensor.name)>"
    }

    static let classDoc = """
        A symbolic tensor: a shape without values. keras.Input(shape=...) makes one; calling a layer on it \
        gives the layer's output, x = Dense(10)(x); keras.Model(inputs, outputs) then makes a model of the \
        layers between them.
        """

    static let binding = HostClass<KerasTensorObject>("KerasTensor", module: "keras", doc: classDoc)
        .property("shape", doc: "The shape, batch first as None: (None, 28, 28, 1).") { t, _ in shapeValue(t.tensor.shape) }
        .property("dtype", doc: "The element type: 'float32'.") { _, _ in .str("float32") }
        .property("name", doc: "The tensor's name: keras_tensor, keras_tensor_1, ... (an Input's own name when given).") { t, _ in
            .str(t.tensor.name)
        }
        .property("ndim", doc: "The number of axes, the batch included.") { t, _ in .int(t.tensor.shape.count) }

    /// The placeholders a call was given as its first argument: one KerasTensor, or a list or
    /// tuple of them (`asList`); nil when the argument holds data.
    static func placeholders(_ value: Value) -> (tensors: [SymbolicTensor], asList: Bool)? {
        if case .object(let t as KerasTensorObject) = value { return ([t.tensor], false) }
        guard let items = KerasArguments.sequence(value), !items.isEmpty else { return nil }
        var tensors: [SymbolicTensor] = []
        for item in items {
            guard case .object(let t as KerasTensorObject) = item else { return nil }
            tensors.append(t.tensor)
        }
        return (tensors, true)
    }

    /// Whether a call's first argument is symbolic (then the layer is wired, not run).
    static func isSymbolicCall(_ arguments: [CallArgument]) -> Bool {
        guard let first = arguments.first(where: { $0.keyword == nil || $0.keyword == "inputs" }) else { return false }
        if case .object(is KerasTensorObject) = first.value { return true }
        return KerasArguments.sequence(first.value)?.contains { if case .object(is KerasTensorObject) = $0 { return true }; return false } ?? false
    }

    /// `layer(x)` on placeholders: records the call and returns the output's placeholder.
    /// `owner` is the object the learner called, kept on the node for `Model(...).layers`.
    static func call(_ layer: any Layer, owner: AnyObject, _ arguments: [CallArgument], context: CallContext) throws -> Value {
        let args = try BoundArguments.bind(functionName: layer.className,
                                           parameters: [.required("inputs"), .optional("training", default: Value.none),
                                                        .optional("mask", default: Value.none)],
                                           arguments: arguments, callSpan: context.span)
        guard let (tensors, asList) = placeholders(args["inputs"]!) else {
            throw Diagnostic(.typeError, "A layer is called either on data or on KerasTensors from keras.Input(), not on a mix of both. "
                             + "Received: inputs=\(Repr.repr(args["inputs"]!))", at: args.span(of: "inputs"))
        }
        let output = try keras(context.span) { try layer.callSymbolic(tensors, asList: asList) }
        output.node.owner = owner
        return .object(KerasTensorObject(output))
    }
}
