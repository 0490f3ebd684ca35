import FoveaLang
import NeuralNet
import Tensor

/// `keras.layers.Lambda(function, output_shape=None, arguments=None)`: a layer that runs a
/// function written in the language on each batch (a tf tensor in, a tensor out). Its output
/// shape is the declared one, or found by running the function on a batch of one. Fovea cannot
/// differentiate the function: a Lambda before the first layer with weights trains (nothing
/// needs its gradient); one after it says so when fit reaches it.
final class LambdaLayer: Layer {
    let core: LayerCore
    let function: Value
    let arguments: [(String, Value)]
    let declaredOutputShape: [Int?]?
    let context: CallContext

    init(function: Value, outputShape: [Int?]?, arguments: [(String, Value)], inputShape: [Int?]?, name: String?,
         session: NeuralNet.Session, context: CallContext) throws {
        core = try LayerCore(className: "Lambda", name: name, inputShape: inputShape, session: session)
        self.function = function; self.declaredOutputShape = outputShape; self.arguments = arguments; self.context = context
    }

    func apply(_ x: Tensor) throws -> Tensor {
        let y = try context.call(function, [TF.wrap(x)], keywords: arguments)
        return try TensorObject.tensor(from: y, argument: "the Lambda function's result", at: context.span)
    }

    func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        if let declaredOutputShape { return [nil] + declaredOutputShape }
        let probe = try Tensor(zeros: Shape([1] + inputShape.dropFirst().map { $0 ?? 1 }))
        let dims = try apply(probe).shape.dims
        guard !dims.isEmpty else {
            throw LayerError.value("The function of Lambda layer \"\(name)\" returned a scalar; it must return one row per example.")
        }
        // An axis the input left unknown stays unknown where the output keeps the input's rank.
        return [nil] + dims.dropFirst().enumerated().map { i, d in
            dims.count == inputShape.count && inputShape[i + 1] == nil ? nil : d
        }
    }

    func forward(_ x: Tensor, training: Bool) throws -> Tensor { try apply(x) }

    func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        guard !needInputGradient else {
            throw LayerError(.notImplementedError,
                             "Fovea cannot differentiate the function of Lambda layer \"\(name)\", and a layer before it has weights to train.",
                             hint: "Put Lambda layers before the first layer with weights (as preprocessing), or use a built-in layer such as Rescaling or Activation.")
        }
        return nil
    }

    static func typeValue(_ st: KerasState) -> TypeValue {
        let doc = "Runs a function of yours on each batch: Lambda(lambda x: x / 255.0). output_shape (without the batch) is found by running it on one example when not given."
        let constructor = NativeFunction("Lambda", doc: doc,
                                         parameters: [.required("function"), .optional("output_shape", default: Value.none),
                                                      .unsupported("mask"), .optional("arguments", default: Value.none)]
                                             + LayerClasses.common) { a, ctx in
            let function = a["function"]!
            let callable: Bool
            switch function {
            case .function, .native, .type: callable = true
            case .object(let o): callable = o.isCallable
            default: callable = false
            }
            guard callable else {
                throw Diagnostic(.typeError, "Lambda needs a function. Received: function=\(Repr.repr(function)) (of type \(function.typeName))",
                                 at: a.span(of: "function"), notes: ["help: Lambda(lambda x: x * 2)"])
            }
            var keywords: [(String, Value)] = []
            if case .dict(let d) = a["arguments"] ?? .none {
                for (k, v) in d.entries { keywords.append((Repr.str(k), v)) }
            }
            do {
                return .object(LayerObject(try LambdaLayer(function: function, outputShape: try KerasArguments.shape(a, "output_shape"),
                                                           arguments: keywords, inputShape: try LayerClasses.shape(a),
                                                           name: try LayerClasses.name(a), session: st.nn, context: ctx)))
            } catch let e as LayerError {
                throw e.diagnostic(a)
            }
        }
        return TypeValue(objectClass: "Lambda", module: "keras.layers", doc: doc, constructor: constructor)
    }
}
