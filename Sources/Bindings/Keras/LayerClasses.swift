import FoveaLang
import NeuralNet
import Tensor

/// Every layer class the language offers, with Keras's arguments, defaults and docstrings.
enum LayerClasses {
    struct Entry {
        let name: String
        let doc: String
        let parameters: [NativeParameter]
        let make: (BoundArguments, NeuralNet.Session) throws -> any Layer
        /// Keras's signature, from the parameters.
        var signature: String { NativeFunction.makeSignature(name, parameters) }
    }

    static let common: [NativeParameter] = [.keywordOnly("input_shape", default: .none), .keywordOnly("name", default: .none)]

    /// Keras's regularizer arguments of a layer with a kernel; activity regularization is not implemented.
    static let regularizerParameters: [NativeParameter] = [
        .optional("kernel_regularizer", default: .none), .optional("bias_regularizer", default: .none),
        .unsupported("activity_regularizer"),
    ]

    static func shape(_ a: BoundArguments) throws -> [Int?]? { try KerasArguments.shape(a, "input_shape") }
    static func name(_ a: BoundArguments) throws -> String? { try a.optionalString("name") }

    static let entries: [Entry] = MergeLayerClasses.entries + MergeLayerClasses.convolutionEntries + [
        Entry(name: "Conv2D",
              doc: """
              2-D convolution: slides `filters` small kernels of size `kernel_size` over the image and writes one \
              feature map per kernel. The kernel weights have shape (kh, kw, input channels, filters), plus one bias \
              per filter: (kh x kw x in + 1) x filters parameters. padding='valid' shrinks the image (28 -> 26 with \
              a 3x3 kernel); 'same' keeps its size. strides > 1 skip positions. activation applies a function such \
              as 'relu' to every output. Give input_shape=(height, width, channels) on the first layer of a model.
              """,
              parameters: [.required("filters"), .required("kernel_size"), .optional("strides", default: .tuple([.int(1), .int(1)])),
                           .optional("padding", default: .str("valid")), .optional("activation", default: .none),
                           .optional("use_bias", default: .bool(true)), .optional("kernel_initializer", default: .str("glorot_uniform")),
                           .optional("bias_initializer", default: .str("zeros"))] + regularizerParameters + common,
              make: { a, s in
                  try Conv2D(filters: KerasArguments.int(a, "filters"), kernelSize: KerasArguments.intOrTuple(a, "kernel_size")!,
                             strides: KerasArguments.intOrTuple(a, "strides") ?? 1, padding: KerasArguments.string(a, "padding"),
                             activation: KerasArguments.activation(a), useBias: a.bool("use_bias"),
                             kernelInitializer: KerasArguments.string(a, "kernel_initializer"),
                             biasInitializer: KerasArguments.string(a, "bias_initializer"),
                             kernelRegularizer: RegularizerObject.argument(a, "kernel_regularizer"),
                             biasRegularizer: RegularizerObject.argument(a, "bias_regularizer"),
                             inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "Dense",
              doc: """
              A fully connected layer: every output unit is connected to every input value. It has \
              (inputs + 1) x units parameters: a weight per connection plus a bias per unit. Usually follows \
              Flatten; the last Dense of a classifier has one unit per class and activation='softmax'.
              """,
              parameters: [.required("units"), .optional("activation", default: .none), .optional("use_bias", default: .bool(true)),
                           .optional("kernel_initializer", default: .str("glorot_uniform")), .optional("bias_initializer", default: .str("zeros")),
                           .keywordOnly("input_dim", default: .none)] + regularizerParameters + common,
              make: { a, s in
                  try Dense(units: KerasArguments.int(a, "units"), activation: KerasArguments.activation(a), useBias: a.bool("use_bias"),
                            kernelInitializer: KerasArguments.string(a, "kernel_initializer"),
                            biasInitializer: KerasArguments.string(a, "bias_initializer"),
                            kernelRegularizer: RegularizerObject.argument(a, "kernel_regularizer"),
                            biasRegularizer: RegularizerObject.argument(a, "bias_regularizer"),
                            inputShape: shape(a), inputDim: a.optionalInt("input_dim"), name: name(a), session: s)
              }),
        pooling("MaxPooling2D", "Max pooling: keeps the largest value of each pool_size window, so a (2, 2) pool halves the height and width. No parameters.") {
            try MaxPooling2D(poolSize: $0, strides: $1, padding: $2, inputShape: $3, name: $4, session: $5)
        },
        pooling("AveragePooling2D", "Average pooling: replaces each pool_size window by its mean, so a (2, 2) pool halves the height and width. No parameters.") {
            try AveragePooling2D(poolSize: $0, strides: $1, padding: $2, inputShape: $3, name: $4, session: $5)
        },
        Entry(name: "GlobalAveragePooling2D",
              doc: "Averages each channel over the whole image: (None, h, w, c) becomes (None, c). No parameters.",
              parameters: [.optional("keepdims", default: .bool(false))] + common,
              make: { a, s in try GlobalAveragePooling2D(keepdims: a.bool("keepdims"), inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "GlobalMaxPooling2D",
              doc: "Takes the largest value of each channel over the whole image: (None, h, w, c) becomes (None, c). No parameters.",
              parameters: [.optional("keepdims", default: .bool(false))] + common,
              make: { a, s in try GlobalMaxPooling2D(keepdims: a.bool("keepdims"), inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "Flatten",
              doc: "Lays the values of each example out in one row: (None, 3, 3, 64) becomes (None, 576), ready for Dense. No parameters.",
              parameters: common,
              make: { a, s in try Flatten(inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "Rescaling",
              doc: "Multiplies every value by `scale` and adds `offset`: Rescaling(1./255) turns 0-255 pixels into 0-1 inside the model; a list of scales gives one per channel. No parameters.",
              parameters: [.required("scale"), .optional("offset", default: .float(0))] + common,
              make: { a, s in
                  if let items = KerasArguments.sequence(a["scale"] ?? .none) {
                      let scales = try items.map { v -> Double in
                          guard let d = v.asDouble else {
                              throw LayerError.type("`scale` must be a number or a list of numbers. Received: \(v.typeName) in the list", argument: "scale")
                          }
                          return d
                      }
                      return try Rescaling(scales: scales, offset: a.double("offset"), inputShape: shape(a), name: name(a), session: s)
                  }
                  return try Rescaling(scale: a.double("scale"), offset: a.double("offset"), inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "Normalization",
              doc: """
              Shifts and scales each feature to mean 0 and variance 1: (x - mean) / sqrt(variance). Call layer.adapt(data) \
              to compute the mean and variance from your data (stored as non-trainable weights: 2 per channel plus a count), \
              or give mean= and variance=. axis=-1 keeps one mean per channel; axis=None one for everything.
              """,
              parameters: [.optional("axis", default: .int(-1)), .optional("mean", default: .none), .optional("variance", default: .none),
                           .optional("invert", default: .bool(false))] + common,
              make: { a, s in
                  let axisValue = a["axis"] ?? .none
                  let axis: [Int]
                  if axisValue.isNone { axis = [] } else if let i = axisValue.asInt { axis = [i] } else if let items = KerasArguments.sequence(axisValue),
                      let ints = KerasArguments.ints(items) { axis = ints } else {
                      throw LayerError.type("`axis` must be an integer, a tuple of integers or None. Received: axis=\(axisValue.typeName)", argument: "axis")
                  }
                  func values(_ key: String) throws -> Tensor? {
                      guard let v = a[key], !v.isNone else { return nil }
                      return try TensorObject.tensor(from: v, argument: key, at: a.span(of: key))
                  }
                  return try Normalization(axis: axis, mean: values("mean"), variance: values("variance"), invert: a.bool("invert"),
                                           inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "Dropout",
              doc: "During training, sets a random fraction `rate` of the inputs to 0 (and scales the rest up); does nothing at inference. Fights overfitting. noise_shape=(None, 1, 1, 1) drops whole samples. No parameters.",
              parameters: [.required("rate"), .optional("noise_shape", default: .none), .optional("seed", default: .none)] + common,
              make: { a, s in
                  try Dropout(rate: a.double("rate"), noiseShape: KerasArguments.shape(a, "noise_shape"), seed: a.optionalInt("seed"), inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "RandomFlip",
              doc: """
              Data augmentation: while training, flips each image left-right ('horizontal'), top-bottom ('vertical') \
              or both ('horizontal_and_vertical') with probability 1/2; at inference (predict, evaluate, model(x)) it \
              passes the images through unchanged. Put it first in the model. No parameters.
              """,
              parameters: [.optional("mode", default: .str("horizontal_and_vertical")), .optional("seed", default: .none)] + common,
              make: { a, s in
                  try RandomFlip(mode: KerasArguments.string(a, "mode"), seed: a.optionalInt("seed"), inputShape: shape(a),
                                 name: name(a), session: s)
              }),
        Entry(name: "RandomRotation",
              doc: """
              Data augmentation: while training, rotates each image by a random angle; factor is a fraction of a full \
              turn (0.1 means up to 36 degrees either way, (lo, hi) a range; positive is counter-clockwise). The corners \
              are filled by fill_mode ('reflect', 'wrap', 'constant' with fill_value, 'nearest'). Unchanged at inference. \
              No parameters.
              """,
              parameters: warpParameters(["factor"]),
              make: { a, s in
                  try RandomRotation(factor: KerasArguments.factor(a, "factor"), fillMode: KerasArguments.string(a, "fill_mode"),
                                     interpolation: KerasArguments.string(a, "interpolation"), seed: a.optionalInt("seed"),
                                     fillValue: a.double("fill_value"), inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "RandomZoom",
              doc: """
              Data augmentation: while training, zooms each image about its centre by a random amount: height_factor=0.1 \
              means up to 10% in or out (positive zooms out, negative zooms in); width_factor=None keeps the aspect \
              ratio. Unchanged at inference. No parameters.
              """,
              parameters: warpParameters(["height_factor", "width_factor"], optional: ["width_factor"]),
              make: { a, s in
                  try RandomZoom(heightFactor: KerasArguments.factor(a, "height_factor"), widthFactor: KerasArguments.optionalFactor(a, "width_factor"),
                                 fillMode: KerasArguments.string(a, "fill_mode"), interpolation: KerasArguments.string(a, "interpolation"),
                                 seed: a.optionalInt("seed"), fillValue: a.double("fill_value"), inputShape: shape(a),
                                 name: name(a), session: s)
              }),
        Entry(name: "RandomTranslation",
              doc: """
              Data augmentation: while training, shifts each image by a random fraction of its height (positive: down) \
              and of its width (positive: right), filling the uncovered part by fill_mode. Unchanged at inference. \
              No parameters.
              """,
              parameters: warpParameters(["height_factor", "width_factor"]),
              make: { a, s in
                  try RandomTranslation(heightFactor: KerasArguments.factor(a, "height_factor"),
                                        widthFactor: KerasArguments.factor(a, "width_factor"),
                                        fillMode: KerasArguments.string(a, "fill_mode"), interpolation: KerasArguments.string(a, "interpolation"),
                                        seed: a.optionalInt("seed"), fillValue: a.double("fill_value"), inputShape: shape(a),
                                        name: name(a), session: s)
              }),
        Entry(name: "RandomContrast",
              doc: """
              Data augmentation: while training, changes each image's contrast by a random factor c in [1 - factor, \
              1 + factor]: every channel becomes (x - mean) * c + mean, clipped to value_range. Unchanged at inference. \
              No parameters.
              """,
              parameters: [.required("factor"), .optional("value_range", default: .tuple([.int(0), .int(255)])),
                           .optional("seed", default: .none)] + common,
              make: { a, s in
                  try RandomContrast(factor: KerasArguments.factor(a, "factor"), valueRange: KerasArguments.range(a, "value_range"),
                                     seed: a.optionalInt("seed"), inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "Activation",
              doc: "Applies an activation function ('relu', 'sigmoid', 'tanh', 'softmax', ...) to every value. No parameters.",
              parameters: [.required("activation")] + common,
              make: { a, s in try ActivationLayer(KerasArguments.activation(a), inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "ReLU",
              doc: "The rectified linear unit as a layer: max(x, 0), optionally capped at max_value. No parameters.",
              parameters: [.optional("max_value", default: .none), .optional("negative_slope", default: .float(0)),
                           .optional("threshold", default: .float(0))] + common,
              make: { a, s in
                  try ReLU(maxValue: KerasArguments.optionalDouble(a, "max_value"), negativeSlope: a.double("negative_slope"),
                           threshold: a.double("threshold"), inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "Softmax",
              doc: "Turns each row of scores into probabilities that are positive and sum to 1. No parameters.",
              parameters: [.optional("axis", default: .int(-1))] + common,
              make: { a, s in try Softmax(axis: KerasArguments.int(a, "axis"), inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "LeakyReLU",
              doc: "The leaky rectified linear unit as a layer: x for x >= 0, negative_slope * x below, so negative inputs still pass a small gradient. tf.keras 2 called negative_slope `alpha`. No parameters.",
              parameters: [.optional("negative_slope", default: .float(0.3)), .keywordOnly("alpha", default: .none)] + common,
              make: { a, s in
                  let alpha = try KerasArguments.optionalDouble(a, "alpha")
                  return try LeakyReLU(negativeSlope: try alpha ?? a.double("negative_slope"), argument: alpha != nil ? "alpha" : "negative_slope",
                                       inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "ELU",
              doc: "The exponential linear unit as a layer: x for x > 0, alpha * (exp(x) - 1) below, which levels off at -alpha. No parameters.",
              parameters: [.optional("alpha", default: .float(1.0))] + common,
              make: { a, s in try ELU(alpha: a.double("alpha"), inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "PReLU",
              doc: """
              The parametric rectified linear unit: x for x > 0, alpha * x below, where the slope alpha is learned. \
              One alpha per input value (the input's shape without the batch); the axes in shared_axes share one, \
              e.g. shared_axes=[1, 2] learns one slope per channel of an image.
              """,
              parameters: [.optional("alpha_initializer", default: .str("zeros")), .unsupported("alpha_regularizer"),
                           .unsupported("alpha_constraint"), .optional("shared_axes", default: .none)] + common,
              make: { a, s in
                  try PReLU(alphaInitializer: KerasArguments.string(a, "alpha_initializer"),
                            sharedAxes: KerasArguments.intOrTuple(a, "shared_axes")?.values, inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "Reshape",
              doc: "Gives each example a new shape with the same number of values: Reshape((7, 7, 64)) after Dense(3136). One size may be -1, worked out from the others. No parameters.",
              parameters: [.required("target_shape")] + common,
              make: { a, s in
                  try Reshape(targetShape: KerasArguments.intTuple(a, "target_shape", example: "(7, 7, 64)"), inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "Permute",
              doc: "Reorders the axes after the batch, counted from 1: Permute((2, 1)) turns (None, 10, 64) into (None, 64, 10). No parameters.",
              parameters: [.required("dims")] + common,
              make: { a, s in try Permute(dims: KerasArguments.intTuple(a, "dims", example: "(2, 1)"), inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "RepeatVector",
              doc: "Repeats each example's vector n times: (None, 32) becomes (None, n, 32). No parameters.",
              parameters: [.required("n")] + common,
              make: { a, s in try RepeatVector(n: KerasArguments.int(a, "n"), inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "ZeroPadding2D",
              doc: """
              Adds rows and columns of zeros around each image: padding=1 on every side, (1, 2) for 1 row above and \
              below and 2 columns left and right, or ((top, bottom), (left, right)). No parameters.
              """,
              parameters: [.optional("padding", default: .tuple([.int(1), .int(1)])), .unsupported("data_format")] + common,
              make: { a, s in try ZeroPadding2D(padding: KerasArguments.pairs(a, "padding"), inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "Cropping2D",
              doc: "Removes rows and columns from the sides of each image: cropping=2 on every side, (2, 4) symmetrically, or ((top, bottom), (left, right)). No parameters.",
              parameters: [.optional("cropping", default: .tuple([.tuple([.int(0), .int(0)]), .tuple([.int(0), .int(0)])])),
                           .unsupported("data_format")] + common,
              make: { a, s in try Cropping2D(cropping: KerasArguments.pairs(a, "cropping"), inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "UpSampling2D",
              doc: "Makes each image size times taller and wider: 'nearest' repeats every pixel, 'bilinear' interpolates between them. No parameters.",
              parameters: [.optional("size", default: .tuple([.int(2), .int(2)])), .unsupported("data_format"),
                           .optional("interpolation", default: .str("nearest"))] + common,
              make: { a, s in
                  try UpSampling2D(size: KerasArguments.intOrTuple(a, "size") ?? [2, 2], interpolation: KerasArguments.string(a, "interpolation"),
                                   inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "SpatialDropout2D",
              doc: "Dropout for feature maps: during training, drops whole channels of each image (a fraction `rate` of them) and scales the rest up; does nothing at inference. No parameters.",
              parameters: [.required("rate"), .unsupported("data_format"), .optional("seed", default: .none)] + common,
              make: { a, s in try SpatialDropout2D(rate: a.double("rate"), seed: a.optionalInt("seed"), inputShape: shape(a), name: name(a), session: s) }),
        Entry(name: "LayerNormalization",
              doc: """
              Normalises each example on its own along `axis` (the last by default) to mean 0 and variance 1, then \
              scales by gamma and shifts by beta: 2 trainable parameters per entry of that axis. Unlike \
              BatchNormalization it does the same in training and inference.
              """,
              parameters: [.optional("axis", default: .int(-1)), .optional("epsilon", default: .float(0.001)), .optional("center", default: .bool(true)),
                           .optional("scale", default: .bool(true)), .unsupported("rms_scaling", default: .bool(false))] + common,
              make: { a, s in
                  let axes = try KerasArguments.intOrTuple(a, "axis")?.values ?? [-1]
                  guard axes.count == 1 else {
                      throw LayerError(.notImplementedError, "LayerNormalization over several axes is not implemented in Fovea: give one axis, such as axis=-1.",
                                       argument: "axis")
                  }
                  return try LayerNormalization(axis: axes[0], epsilon: a.double("epsilon"), center: a.bool("center"), scale: a.bool("scale"),
                                                inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "Resizing",
              doc: "Resizes every image to height x width as tf.image.resize does ('bilinear' or 'nearest'); crop_to_aspect_ratio=True first crops the centre to that shape's proportions. No parameters.",
              parameters: [.required("height"), .required("width"), .optional("interpolation", default: .str("bilinear")),
                           .optional("crop_to_aspect_ratio", default: .bool(false)), .unsupported("pad_to_aspect_ratio", default: .bool(false)),
                           .unsupported("fill_mode", default: .str("constant")), .unsupported("fill_value", default: .float(0)),
                           .unsupported("antialias", default: .bool(false)), .unsupported("data_format")] + common,
              make: { a, s in
                  try Resizing(height: KerasArguments.int(a, "height"), width: KerasArguments.int(a, "width"),
                               interpolation: KerasArguments.string(a, "interpolation"), cropToAspectRatio: a.bool("crop_to_aspect_ratio"),
                               inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "CenterCrop",
              doc: "Keeps the centre height x width of every image (a smaller image is first resized to cover it). No parameters.",
              parameters: [.required("height"), .required("width"), .unsupported("data_format")] + common,
              make: { a, s in
                  try CenterCrop(height: KerasArguments.int(a, "height"), width: KerasArguments.int(a, "width"), inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "BatchNormalization",
              doc: """
              Normalises each channel to mean 0 and variance 1 over the batch, then scales by gamma and shifts by \
              beta. 4 parameters per channel: gamma and beta are trained; the moving mean and variance are \
              statistics kept for inference (non-trainable).
              """,
              parameters: [.optional("axis", default: .int(-1)), .optional("momentum", default: .float(0.99)),
                           .optional("epsilon", default: .float(0.001)), .optional("center", default: .bool(true)),
                           .optional("scale", default: .bool(true))] + common,
              make: { a, s in
                  try BatchNormalization(axis: KerasArguments.int(a, "axis"), momentum: a.double("momentum"), epsilon: a.double("epsilon"),
                                         center: a.bool("center"), scale: a.bool("scale"), inputShape: shape(a), name: name(a), session: s)
              }),
        Entry(name: "InputLayer",
              doc: "Declares the shape of one input example, e.g. shape=(28, 28, 1), as the first layer of a Sequential model.",
              parameters: [.optional("shape", default: .none), .keywordOnly("input_shape", default: .none), .keywordOnly("name", default: .none)],
              make: { a, s in
                  guard let shape = try KerasArguments.shape(a, "shape") ?? KerasArguments.shape(a, "input_shape") else {
                      throw LayerError.value("InputLayer needs the shape of one example, such as shape=(28, 28, 1).", argument: "shape")
                  }
                  return try InputLayer(shape: shape, name: name(a), session: s)
              }),
    ]

    /// Keras's other spellings of the same classes.
    static let aliases = ["MaxPool2D": "MaxPooling2D", "AvgPool2D": "AveragePooling2D",
                          "GlobalAvgPool2D": "GlobalAveragePooling2D", "GlobalMaxPool2D": "GlobalMaxPooling2D",
                          "SeparableConvolution2D": "SeparableConv2D", "Convolution2DTranspose": "Conv2DTranspose"]

    static func doc(of className: String) -> String? {
        entries.first { $0.name == className }.map { $0.signature + "\n\n" + $0.doc }
    }

    /// The factors, then Keras's fill_mode, interpolation, seed and fill_value, of the geometric
    /// augmentation layers.
    private static func warpParameters(_ factors: [String], optional: Set<String> = []) -> [NativeParameter] {
        factors.map { optional.contains($0) ? .optional($0, default: .none) : .required($0) }
            + [.optional("fill_mode", default: .str("reflect")), .optional("interpolation", default: .str("bilinear")),
               .optional("seed", default: .none), .optional("fill_value", default: .float(0))] + common
    }

    private static func pooling(_ className: String, _ doc: String,
                                _ make: @escaping (IntOrTuple, IntOrTuple?, String, [Int?]?, String?, NeuralNet.Session) throws -> any Layer) -> Entry {
        Entry(name: className,
              doc: doc + " strides default to pool_size; padding='same' keeps partial windows at the edges.",
              parameters: [.optional("pool_size", default: .tuple([.int(2), .int(2)])), .optional("strides", default: .none),
                           .optional("padding", default: .str("valid"))] + common,
              make: { a, s in
                  try make(KerasArguments.intOrTuple(a, "pool_size") ?? [2, 2], KerasArguments.intOrTuple(a, "strides"),
                           KerasArguments.string(a, "padding"), shape(a), name(a), s)
              })
    }

    /// The class as a callable type value of `module`, building layers in the session's `state`.
    static func typeValue(_ entry: Entry, module: String, state: KerasState) -> TypeValue {
        let constructor = NativeFunction(entry.name, signature: entry.signature, doc: entry.doc, parameters: entry.parameters) { args, _ in
            do {
                return .object(LayerObject(try entry.make(args, state.nn)))
            } catch let e as LayerError {
                throw e.diagnostic(args)
            }
        }
        return TypeValue(objectClass: entry.name, module: module, doc: entry.signature + "\n\n" + entry.doc, constructor: constructor)
    }
}
