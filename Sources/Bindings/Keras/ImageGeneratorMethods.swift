import DataIO
import FoveaLang
import Glibc
import Tensor

/// ImageDataGenerator's methods, with Keras's parameters, defaults and messages: `flow`,
/// `flow_from_directory`, `random_transform`, `get_random_transform`, `apply_transform`,
/// `standardize` and `fit`.
enum ImageGeneratorMethods {
    static func declare(_ c: HostClass<ImageDataGeneratorObject>) {
        c.method("flow", [.required("x"), .optional("y", default: Value.none), .optional("batch_size", default: .int(32)),
                          .optional("shuffle", default: .bool(true)), .optional("sample_weight", default: Value.none),
                          .optional("seed", default: Value.none), .optional("save_to_dir", default: Value.none),
                          .optional("save_prefix", default: .str("")), .optional("save_format", default: .str("png")),
                          .optional("ignore_class_split", default: .bool(false)), .optional("subset", default: Value.none)],
                 doc: "A NumpyArrayIterator over images x (n, height, width, channels) and labels y: batches (x, y) augmented and standardized; subset='training' or 'validation' with the generator's validation_split.") { o, a, ctx in
            try flow(o, a, ctx)
        }
        c.method("flow_from_directory", [.required("directory"), .optional("target_size", default: .tuple([.int(256), .int(256)])),
                                         .optional("color_mode", default: .str("rgb")), .optional("classes", default: Value.none),
                                         .optional("class_mode", default: .str("categorical")), .optional("batch_size", default: .int(32)),
                                         .optional("shuffle", default: .bool(true)), .optional("seed", default: Value.none),
                                         .optional("save_to_dir", default: Value.none), .optional("save_prefix", default: .str("")),
                                         .optional("save_format", default: .str("png")), .optional("follow_links", default: .bool(false)),
                                         .optional("subset", default: Value.none), .optional("interpolation", default: .str("nearest")),
                                         .optional("keep_aspect_ratio", default: .bool(false))],
                 doc: "A DirectoryIterator over the images of directory, one subfolder per class (sorted): batches of images resized to target_size (height, width), with labels by class_mode ('categorical' one-hot, 'binary' or 'sparse' class numbers, 'input' the images, None no labels).") { o, a, ctx in
            try flowFromDirectory(o, a, ctx)
        }
        c.method("flow_from_dataframe", [.varPositional("args"), .varKeyword("kwargs")], doc: "Not in Fovea: it needs a pandas DataFrame.") { _, a, ctx in
            _ = a.varPositional; _ = a.varKeyword
            throw Diagnostic(.notImplementedError, "Fovea has no pandas, so ImageDataGenerator.flow_from_dataframe is not available", at: ctx.span,
                             notes: ["help: put the images in one subfolder per class and use flow_from_directory, or load them into arrays and use flow"])
        }
        c.method("get_random_transform", [.required("img_shape"), .optional("seed", default: Value.none)],
                 doc: "A dict of random transform parameters for an image of shape img_shape (height, width, channels): theta, tx, ty, shear, zx, zy, flip_horizontal, flip_vertical, ...") { o, a, _ in
            guard let items = KerasArguments.sequence(a["img_shape"]!), let dims = KerasArguments.ints(items), dims.count == 3 else {
                throw Diagnostic(.valueError, "img_shape must be an image's shape (height, width, channels). Received: img_shape=\(Repr.repr(a["img_shape"]!))", at: a.span(of: "img_shape"))
            }
            return o.settings.randomTransform(height: dims[0], width: dims[1], random: o.random, seed: try seed(a)).dict
        }
        c.method("random_transform", [.required("x"), .optional("seed", default: Value.none)],
                 doc: "One image (height, width, channels) randomly transformed as the generator would (not standardized).") { o, a, _ in
            let x = try ImageDataGeneratorObject.image(a["x"]!, "x", at: a.span(of: "x"))
            let t = o.settings.randomTransform(height: x.shape.dims[0], width: x.shape.dims[1], random: o.random, seed: try seed(a))
            return .object(TensorObject(try keras(a.span(of: "x")) { try o.settings.apply(t, to: x) }))
        }
        c.method("apply_transform", [.required("x"), .required("transform_parameters")],
                 doc: "One image transformed by the given parameters: a dict with theta (degrees), tx, ty, shear (degrees), zx, zy, flip_horizontal, flip_vertical, channel_shift_intensity.") { o, a, _ in
            let x = try ImageDataGeneratorObject.image(a["x"]!, "x", at: a.span(of: "x"))
            let t = try ImageTransform(a["transform_parameters"]!, at: a.span(of: "transform_parameters"))
            return .object(TensorObject(try keras(a.span(of: "x")) { try o.settings.apply(t, to: x) }))
        }
        c.method("standardize", [.required("x")],
                 doc: "An image (or a batch) with the generator's normalization: preprocessing_function, rescale, sample-wise and feature-wise centring and scaling.") { o, a, ctx in
            let x = try ArrayValues.array(a["x"]!, dtype: .float32, argument: "x", at: a.span(of: "x"))
            return .object(TensorObject(try o.standardize(x, ctx.at(a.span(of: "x")))))
        }
        c.method("fit", [.required("x"), .optional("augment", default: .bool(false)), .optional("rounds", default: .int(1)),
                         .optional("seed", default: Value.none)],
                 doc: "Compute the per-channel mean and std of images x (n, height, width, channels), which featurewise_center and featurewise_std_normalization use.") { o, a, ctx in
            let x = try ArrayValues.array(a["x"]!, dtype: .float32, argument: "x", at: a.span(of: "x"))
            guard x.shape.rank == 4 else {
                throw Diagnostic(.valueError, "Input to `.fit()` should have rank 4. Got array with shape: \(shapeText(x.shape.dims))", at: a.span(of: "x"))
            }
            if a.bool("augment") {
                throw Diagnostic(.notImplementedError, "Fovea's ImageDataGenerator.fit does not augment the data first", at: a.span(of: "augment"),
                                 notes: ["help: call fit(x) without augment=True"])
            }
            if let s = try seed(a) { o.random.seed(UInt32(truncatingIfNeeded: s)) }
            if o.settings.featurewiseCenter || o.settings.featurewiseStd { o.settings.fit(x) }
            _ = ctx
            return .none
        }
    }

    static func shapeText(_ dims: [Int]) -> String {
        dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.map(String.init).joined(separator: ", ") + ")"
    }

    static func seed(_ a: BoundArguments, _ name: String = "seed") throws -> Int? {
        guard let v = a[name], !v.isNone else { return nil }
        guard let s = v.asInt, !KerasArguments.isBool(v), s >= 0, s < (1 << 32) else {
            throw Diagnostic(.valueError, "\(name) must be an int between 0 and 2**32 - 1, or None. Received: \(name)=\(Repr.repr(v))", at: a.span(of: name))
        }
        return s
    }

    static func batchSize(_ a: BoundArguments) throws -> Int {
        let v = a["batch_size"]!
        guard let n = v.asInt, !KerasArguments.isBool(v), n > 0 else {
            throw Diagnostic(.valueError, "batch_size must be a positive int. Received: batch_size=\(Repr.repr(v))", at: a.span(of: "batch_size"))
        }
        return n
    }

    static func refuseSaving(_ a: BoundArguments) throws {
        if let v = a["save_to_dir"], !v.isNone {
            throw Diagnostic(.notImplementedError, "Fovea's image iterators do not save the augmented images (save_to_dir)", at: a.span(of: "save_to_dir"),
                             notes: ["help: take a batch with next(it) and write images with keras.utils.save_img"])
        }
    }

    /// `subset=`: nil, "training" or "validation".
    static func subset(_ a: BoundArguments) throws -> String? {
        guard let v = a["subset"], !v.isNone else { return nil }
        guard case .str(let s) = v, s == "training" || s == "validation" else {
            throw Diagnostic(.valueError, "Invalid subset name: \(Repr.str(v)); expected \"training\" or \"validation\"", at: a.span(of: "subset"))
        }
        return s
    }

    static func flow(_ o: ImageDataGeneratorObject, _ a: BoundArguments, _ ctx: CallContext) throws -> Value {
        try refuseSaving(a)
        var x = try ArrayValues.array(a["x"]!, argument: "x", at: a.span(of: "x"))
        if x.dtype == .bool || x.dtype == .float64 { x = x.converted(to: .float32) }
        var y = try a["y"].flatMap { $0.isNone ? nil : try ArrayValues.array($0, argument: "y", at: a.span(of: "y")) }
        var w = try a["sample_weight"].flatMap { $0.isNone ? nil : try ArrayValues.array($0, argument: "sample_weight", at: a.span(of: "sample_weight")) }
        let n = x.shape.rank > 0 ? x.shape.dims[0] : 0
        if let y, (y.shape.rank == 0 ? 0 : y.shape.dims[0]) != n {
            throw Diagnostic(.valueError, "`x` (images tensor) and `y` (labels) should have the same length. Found: x.shape = \(shapeText(x.shape.dims)), y.shape = \(shapeText(y.shape.dims))", at: a.span(of: "y"))
        }
        if let w, (w.shape.rank == 0 ? 0 : w.shape.dims[0]) != n {
            throw Diagnostic(.valueError, "`x` (images tensor) and `sample_weight` should have the same length. Found: x.shape = \(shapeText(x.shape.dims)), sample_weight.shape = \(shapeText(w.shape.dims))", at: a.span(of: "sample_weight"))
        }
        if let subset = try subset(a) {
            let split = Int(Double(n) * o.validationSplit)
            if let yy = y, !a.bool("ignore_class_split") {
                let head = Set(try ArrayBatchSource.rows(yy, Array(0..<split)).doubleArray), tail = Set(try ArrayBatchSource.rows(yy, Array(split..<n)).doubleArray)
                if head != tail {
                    throw Diagnostic(.valueError, "Training and validation subsets have different number of classes after the split. If your numpy arrays are sorted by the label, you might want to shuffle them.", at: a.span(of: "subset"))
                }
            }
            let keep = subset == "validation" ? Array(0..<split) : Array(split..<n)
            if x.shape.rank > 0 { x = try ArrayBatchSource.rows(x, keep) }
            y = try y.map { try ArrayBatchSource.rows($0, keep) }
            w = try w.map { try ArrayBatchSource.rows($0, keep) }
        }
        guard x.shape.rank == 4 else {
            throw Diagnostic(.valueError, "Input data in `NumpyArrayIterator` should have rank 4. You passed an array with shape \(shapeText(x.shape.dims))", at: a.span(of: "x"),
                             notes: ["help: flow takes a batch of images (n, height, width, channels); for grayscale images add the channel axis: x[..., np.newaxis]"])
        }
        if ![1, 3, 4].contains(x.shape.dims[3]) {
            KerasCallbacks.warn("NumpyArrayIterator is set to use the data format convention \"channels_last\" (channels on axis 3), i.e. expected either 1, 3, or 4 channels on axis 3. However, it was passed an array with shape \(shapeText(x.shape.dims)) (\(x.shape.dims[3]) channels).", ctx)
        }
        let source = ArrayBatchSource(x: x, y: y, sampleWeight: w)
        return .object(ImageIteratorObject(source, generator: o, batchSize: try batchSize(a), shuffle: a.bool("shuffle"), seed: try seed(a)))
    }

    static func flowFromDirectory(_ o: ImageDataGeneratorObject, _ a: BoundArguments, _ ctx: CallContext) throws -> Value {
        try refuseSaving(a)
        var directory = try a.path("directory")
        while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
        let ts = a["target_size"]!
        guard let items = KerasArguments.sequence(ts), let size = KerasArguments.ints(items), size.count == 2, size[0] > 0, size[1] > 0 else {
            throw Diagnostic(.valueError, "target_size must be (height, width), two positive ints. Received: target_size=\(Repr.repr(ts))", at: a.span(of: "target_size"))
        }
        let colorMode = try KerasArguments.string(a, "color_mode")
        guard FolderBatchSource.colorModes[colorMode] != nil else {
            throw Diagnostic(.valueError, "Invalid color mode: \(colorMode); expected \"rgb\", \"rgba\", or \"grayscale\".", at: a.span(of: "color_mode"))
        }
        var classMode: String?
        if let v = a["class_mode"], !v.isNone {
            guard case .str(let s) = v, FolderBatchSource.classModes.contains(s) else {
                throw Diagnostic(.valueError, "Invalid class_mode: \(Repr.str(v)); expected one of: 'categorical', 'binary', 'sparse', 'input', None", at: a.span(of: "class_mode"))
            }
            classMode = s
        }
        var classes: [String]?
        if let v = a["classes"], !v.isNone {
            guard let items = KerasArguments.sequence(v), let names = Optional(items.compactMap({ (v: Value) -> String? in if case .str(let s) = v { return s }; return nil })), names.count == items.count else {
                throw Diagnostic(.typeError, "classes must be a list of class subfolder names, such as ['cats', 'dogs']. Received: classes=\(Repr.repr(v))", at: a.span(of: "classes"))
            }
            classes = names
        }
        var split: (Double, Double)?
        if let subset = try subset(a) {
            split = subset == "validation" ? (0, o.validationSplit) : (o.validationSplit, 1)
        }
        let filter = try ImageFiles.interpolation(a, "interpolation")
        guard ImageFolders.isFolder(directory) else {
            throw Diagnostic(.fileNotFoundError, "[Errno 2] No such file or directory: \(Repr.repr(.str(directory)))", at: a.span(of: "directory"),
                             notes: ["help: flow_from_directory expects a folder with one subfolder of images per class"])
        }
        let source = try FolderBatchSource(directory: directory, classes: classes, split: split, followLinks: a.bool("follow_links"),
                                           classMode: classMode, colorMode: colorMode, targetSize: (size[0], size[1]), filter: filter,
                                           keepAspectRatio: a.bool("keep_aspect_ratio"))
        ctx.write("Found \(source.count) images belonging to \(source.classNames.count) classes.\n")
        return .object(ImageIteratorObject(source, generator: o, batchSize: try batchSize(a), shuffle: a.bool("shuffle"), seed: try seed(a)))
    }
}
