import FoveaLang
import NeuralNet

/// The merge layers (Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate) and their
/// functional forms (`keras.layers.add([a, b])`, `concatenate([a, b], axis=-1)`, ...).
enum MergeLayerClasses {
    static let docs: [ElementwiseMerge.Operation: String] = [
        .add: "Adds its inputs element by element: Add()([x, shortcut]) makes a residual connection. The inputs need the same shape. No parameters.",
        .subtract: "Subtracts its second input from its first, element by element: Subtract()([a, b]) is a - b. No parameters.",
        .multiply: "Multiplies its inputs element by element (for example to gate one branch by another). No parameters.",
        .average: "The element-wise mean of its inputs (for example to average the outputs of several models). No parameters.",
        .maximum: "The element-wise maximum of its inputs. No parameters.",
        .minimum: "The element-wise minimum of its inputs. No parameters.",
    ]

    static let entries: [LayerClasses.Entry] = ElementwiseMerge.Operation.allCases.map { op in
        LayerClasses.Entry(name: op.rawValue, doc: docs[op]!, parameters: [.keywordOnly("name", default: .none)],
                           make: { a, s in try ElementwiseMerge(op, name: LayerClasses.name(a), session: s) })
    } + [
        LayerClasses.Entry(name: "Concatenate",
                           doc: "Joins its inputs along `axis` (the channels by default): Concatenate()([a, b]) of (None, 28, 28, 16) "
                               + "and (None, 28, 28, 8) is (None, 28, 28, 24). The other axes must match. No parameters.",
                           parameters: [.optional("axis", default: .int(-1)), .keywordOnly("name", default: .none)],
                           make: { a, s in try Concatenate(axis: KerasArguments.int(a, "axis"), name: LayerClasses.name(a), session: s) }),
    ]

    /// Layers of the applications' convolutional blocks that live beside the merges.
    static let convolutionEntries: [LayerClasses.Entry] = [
        LayerClasses.Entry(name: "DepthwiseConv2D",
                           doc: "Depthwise convolution: each input channel gets its own kh x kw kernel(s) (depth_multiplier of them), "
                               + "so channels are not mixed: kh x kw x channels x depth_multiplier weights plus a bias per output "
                               + "channel. MobileNet follows it with a 1x1 Conv2D to mix channels.",
                           parameters: [.required("kernel_size"), .optional("strides", default: .tuple([.int(1), .int(1)])),
                                        .optional("padding", default: .str("valid")), .optional("depth_multiplier", default: .int(1)),
                                        .optional("data_format", default: Value.none), .unsupported("dilation_rate"),
                                        .optional("activation", default: .none), .optional("use_bias", default: .bool(true)),
                                        .optional("depthwise_initializer", default: .str("glorot_uniform")),
                                        .optional("bias_initializer", default: .str("zeros"))] + LayerClasses.common,
                           make: { a, s in
                               try DepthwiseConv2D(kernelSize: KerasArguments.intOrTuple(a, "kernel_size")!,
                                                   strides: KerasArguments.intOrTuple(a, "strides") ?? 1, padding: KerasArguments.string(a, "padding"),
                                                   depthMultiplier: KerasArguments.int(a, "depth_multiplier"),
                                                   activation: KerasArguments.activation(a), useBias: a.bool("use_bias"),
                                                   depthwiseInitializer: KerasArguments.string(a, "depthwise_initializer"),
                                                   biasInitializer: KerasArguments.string(a, "bias_initializer"),
                                                   inputShape: LayerClasses.shape(a), name: LayerClasses.name(a), session: s)
                           }),
        LayerClasses.Entry(name: "SeparableConv2D",
                           doc: "Depthwise separable convolution: a DepthwiseConv2D (each channel filtered on its own, with the strides "
                               + "and padding) then a 1x1 convolution mixing the channels into `filters`: kh x kw x channels x "
                               + "depth_multiplier + channels x depth_multiplier x filters weights plus a bias per filter, far fewer "
                               + "than Conv2D's kh x kw x channels x filters. Xception is built from them.",
                           parameters: [.required("filters"), .required("kernel_size"), .optional("strides", default: .tuple([.int(1), .int(1)])),
                                        .optional("padding", default: .str("valid")), .optional("data_format", default: Value.none),
                                        .optional("dilation_rate", default: .tuple([.int(1), .int(1)])),
                                        .optional("depth_multiplier", default: .int(1)), .optional("activation", default: .none),
                                        .optional("use_bias", default: .bool(true)),
                                        .optional("depthwise_initializer", default: .str("glorot_uniform")),
                                        .optional("pointwise_initializer", default: .str("glorot_uniform")),
                                        .optional("bias_initializer", default: .str("zeros"))] + LayerClasses.common,
                           make: { a, s in
                               try channelsLastWithoutDilation(a)
                               return try SeparableConv2D(filters: KerasArguments.int(a, "filters"), kernelSize: KerasArguments.intOrTuple(a, "kernel_size")!,
                                                   strides: KerasArguments.intOrTuple(a, "strides") ?? 1, padding: KerasArguments.string(a, "padding"),
                                                   depthMultiplier: KerasArguments.int(a, "depth_multiplier"),
                                                   activation: KerasArguments.activation(a), useBias: a.bool("use_bias"),
                                                   depthwiseInitializer: KerasArguments.string(a, "depthwise_initializer"),
                                                   pointwiseInitializer: KerasArguments.string(a, "pointwise_initializer"),
                                                   biasInitializer: KerasArguments.string(a, "bias_initializer"),
                                                   inputShape: LayerClasses.shape(a), name: LayerClasses.name(a), session: s)
                           }),
        LayerClasses.Entry(name: "Conv2DTranspose",
                           doc: "Transposed convolution (\"deconvolution\"): each input pixel paints a kh x kw patch of `filters` "
                               + "channels, spaced `strides` apart, so strides=2 doubles the height and width: the upsampling half of "
                               + "an autoencoder or a segmentation network. Kernel (kh, kw, filters, channels), plus a bias per filter.",
                           parameters: [.required("filters"), .required("kernel_size"), .optional("strides", default: .tuple([.int(1), .int(1)])),
                                        .optional("padding", default: .str("valid")), .optional("output_padding", default: .none),
                                        .optional("data_format", default: Value.none), .optional("dilation_rate", default: .tuple([.int(1), .int(1)])),
                                        .optional("activation", default: .none), .optional("use_bias", default: .bool(true)),
                                        .optional("kernel_initializer", default: .str("glorot_uniform")),
                                        .optional("bias_initializer", default: .str("zeros"))] + LayerClasses.common,
                           make: { a, s in
                               try channelsLastWithoutDilation(a)
                               return try Conv2DTranspose(filters: KerasArguments.int(a, "filters"), kernelSize: KerasArguments.intOrTuple(a, "kernel_size")!,
                                                   strides: KerasArguments.intOrTuple(a, "strides") ?? 1, padding: KerasArguments.string(a, "padding"),
                                                   outputPadding: KerasArguments.intOrTuple(a, "output_padding"),
                                                   activation: KerasArguments.activation(a), useBias: a.bool("use_bias"),
                                                   kernelInitializer: KerasArguments.string(a, "kernel_initializer"),
                                                   biasInitializer: KerasArguments.string(a, "bias_initializer"),
                                                   inputShape: LayerClasses.shape(a), name: LayerClasses.name(a), session: s)
                           }),
    ]

    /// `data_format` None or 'channels_last' and `dilation_rate` 1: what Fovea's convolutions compute.
    static func channelsLastWithoutDilation(_ a: BoundArguments) throws {
        if let d = a["data_format"], !d.isNone, (try? a.string("data_format")) != "channels_last" {
            throw Diagnostic(.notImplementedError, "Fovea's convolutions take channels_last images (batch, height, width, channels). "
                             + "Received: data_format=\(Repr.repr(d))", at: a.span(of: "data_format"),
                             notes: ["help: leave data_format out, and give images as (batch, height, width, channels)"])
        }
        if let rate = try KerasArguments.intOrTuple(a, "dilation_rate"), rate.values.contains(where: { $0 != 1 }) {
            throw Diagnostic(.notImplementedError, "Fovea does not support `dilation_rate` other than 1 yet. "
                             + "Received: dilation_rate=\(Repr.repr(a["dilation_rate"] ?? .none))", at: a.span(of: "dilation_rate"),
                             notes: ["help: leave dilation_rate out of the call to \(a.functionName)()"])
        }
    }

    /// `keras.layers.add(inputs, **kwargs)` and its siblings: make the layer, call it on the list.
    static func functions(_ st: KerasState) -> [NativeFunction] {
        var out: [NativeFunction] = []
        for entry in entries {
            let functionName = entry.name.lowercased()
            let isConcat = entry.name == "Concatenate"
            let parameters: [NativeParameter] = [.required("inputs")] + (isConcat ? [.optional("axis", default: .int(-1))] : [])
                + [.keywordOnly("name", default: .none)]
            out.append(NativeFunction(functionName, doc: "Functional form of \(entry.name): \(functionName)([a, b]) is \(entry.name)()([a, b]).",
                                      parameters: parameters) { args, ctx in
                let layer: any Layer
                do { layer = try entry.make(args, st.nn) } catch let e as LayerError { throw e.diagnostic(args) }
                let object = LayerObject(layer)
                let call = [CallArgument(value: args["inputs"]!, span: args.span(of: "inputs"))]
                if KerasTensorObject.isSymbolicCall(call) {
                    return try KerasTensorObject.call(layer, owner: object, call, context: ctx)
                }
                throw Diagnostic(.typeError, "\(functionName)() takes a list of KerasTensors here. Received: \(Repr.repr(args["inputs"]!))",
                                 at: args.span(of: "inputs"), notes: ["help: x = keras.Input(shape=...); y = keras.layers.\(functionName)([branch_a(x), branch_b(x)])"])
            })
        }
        return out
    }
}
