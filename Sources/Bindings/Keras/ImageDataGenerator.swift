import DataIO
import FoveaLang
import Glibc
import Tensor

/// `keras.preprocessing.image.ImageDataGenerator`: random augmentation (rotation, shifts, shear,
/// zoom, flips, channel shift) and standardization (rescale, centring) of images, with `flow`
/// over arrays and `flow_from_directory` over class folders. The random draws come from numpy's
/// global generator in Keras's order, so `np.random.seed` and `seed=` make batches reproducible.
final class ImageDataGeneratorObject: FoveaObject {
    var settings: ImageAugmentation
    let validationSplit: Double
    let preprocessingFunction: Value?
    let random: LegacyRandomState
    private var warned = Set<String>()

    init(settings: ImageAugmentation, validationSplit: Double, preprocessingFunction: Value?, random: LegacyRandomState) {
        self.settings = settings; self.validationSplit = validationSplit
        self.preprocessingFunction = preprocessingFunction; self.random = random
    }

    var typeName: String { "ImageDataGenerator" }
    var doc: String { Self.classDoc }
    func repr() -> String { "<keras.src.legacy.preprocessing.image.ImageDataGenerator object>" }
    var hostClass: AnyHostClass? { Self.binding }

    /// One image through Keras's pipeline: a random transform, then `standardize`.
    func prepare(_ image: Tensor, _ context: CallContext) throws -> Tensor {
        let d = image.shape.dims
        let t = settings.randomTransform(height: d[0], width: d[1], random: random, seed: nil)
        return try standardize(try settings.apply(t, to: image), context)
    }

    func standardize(_ image: Tensor, _ context: CallContext) throws -> Tensor {
        var x = image
        if let f = preprocessingFunction {
            let out = try context.call(f, [.object(TensorObject(x))])
            x = try ArrayValues.array(out, dtype: .float32, argument: "preprocessing_function's result", at: context.span)
            guard x.shape == image.shape else {
                throw Diagnostic(.valueError, "preprocessing_function must return an image of the shape it was given, \(image.shape.dims); it returned \(x.shape.dims)", at: context.span)
            }
        }
        // Python's warnings show a warning once per place; here, once per generator.
        return try settings.standardize(x, warn: { if warned.insert($0).inserted { KerasCallbacks.warn($0, context) } })
    }

    static let classDoc = """
        ImageDataGenerator(rotation_range=0, width_shift_range=0.0, height_shift_range=0.0, shear_range=0.0, \
        zoom_range=0.0, channel_shift_range=0.0, fill_mode='nearest', cval=0.0, horizontal_flip=False, \
        vertical_flip=False, rescale=None, preprocessing_function=None, validation_split=0.0, ...)

        Batches of images with random augmentation, as Keras's (older) ImageDataGenerator makes them: \
        gen.flow(x, y, batch_size=32) over arrays, gen.flow_from_directory(folder, target_size=(256, 256), \
        class_mode='categorical') over one subfolder per class; model.fit(iterator, epochs=...) trains on them.
        """

    static func image(_ value: Value, _ argument: String, at span: Span) throws -> Tensor {
        let x = try ArrayValues.array(value, dtype: .float32, argument: argument, at: span)
        guard x.shape.rank == 3 else {
            throw Diagnostic(.valueError, "\(argument) must be one image (height, width, channels); got an array of shape \(x.shape.dims)", at: span,
                             notes: ["help: for a batch, transform one image at a time: gen.random_transform(x[0])"])
        }
        return x
    }

    static let binding: HostClass<ImageDataGeneratorObject> = {
        let c = HostClass<ImageDataGeneratorObject>("ImageDataGenerator", module: "keras.preprocessing.image", doc: classDoc)
        c.property("rotation_range", doc: "Degrees: rotations drawn uniformly in [-r, r).") { o, _ in .float(o.settings.rotationRange) }
            .property("width_shift_range", doc: "Horizontal shifts: a fraction of the width (< 1) or pixels.") { o, _ in o.settings.widthShift.value }
            .property("height_shift_range", doc: "Vertical shifts: a fraction of the height (< 1) or pixels.") { o, _ in o.settings.heightShift.value }
            .property("shear_range", doc: "Shear angle in degrees, drawn uniformly in [-r, r).") { o, _ in .float(o.settings.shearRange) }
            .property("zoom_range", doc: "[lower, upper]: zoom factors drawn uniformly between them.") { o, _ in
                .list([.float(o.settings.zoomRange.0), .float(o.settings.zoomRange.1)])
            }
            .property("channel_shift_range", doc: "Channel shifts drawn uniformly in [-r, r).") { o, _ in .float(o.settings.channelShiftRange) }
            .property("fill_mode", doc: "How points outside the image are filled: 'constant', 'nearest', 'reflect' or 'wrap'.") { o, _ in .str(o.settings.fillMode.rawValue) }
            .property("cval", doc: "The fill value for fill_mode='constant'.") { o, _ in .float(o.settings.cval) }
            .property("horizontal_flip", doc: "Whether half of the images are mirrored left to right.") { o, _ in .bool(o.settings.horizontalFlip) }
            .property("vertical_flip", doc: "Whether half of the images are flipped upside down.") { o, _ in .bool(o.settings.verticalFlip) }
            .property("rescale", doc: "The factor every pixel is multiplied by (after the transform), or None.") { o, _ in o.settings.rescale.map(Value.float) ?? .none }
            .property("preprocessing_function", doc: "The function applied to each image first, or None.") { o, _ in o.preprocessingFunction ?? .none }
            .property("featurewise_center", doc: "Whether the dataset's mean (from fit) is subtracted.") { o, _ in .bool(o.settings.featurewiseCenter) }
            .property("samplewise_center", doc: "Whether each image's mean is subtracted.") { o, _ in .bool(o.settings.samplewiseCenter) }
            .property("featurewise_std_normalization", doc: "Whether images are divided by the dataset's std (from fit).") { o, _ in .bool(o.settings.featurewiseStd) }
            .property("samplewise_std_normalization", doc: "Whether each image is divided by its std.") { o, _ in .bool(o.settings.samplewiseStd) }
            .property("mean", doc: "The per-channel mean from fit, or None.") { o, _ in try stat(o.settings.mean) }
            .property("std", doc: "The per-channel standard deviation from fit, or None.") { o, _ in try stat(o.settings.std) }
            .property("dtype", doc: "The dtype of the batches: 'float32'.") { _, _ in .str("float32") }
            .property("data_format", doc: "'channels_last': images are (height, width, channels).") { _, _ in .str("channels_last") }
        ImageGeneratorMethods.declare(c)
        return c
    }()

    private static func stat(_ v: [Float]?) throws -> Value {
        guard let v else { return .none }
        return .object(TensorObject(try Tensor(shape: [1, 1, v.count], floats: v)))
    }
}
