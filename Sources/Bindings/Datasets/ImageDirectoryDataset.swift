import DataIO
import FoveaLang
import Tensor

/// `keras.utils.image_dataset_from_directory`: a folder of class subfolders as a dataset of
/// `(images, labels)` batches. Files are indexed and shuffled as Keras does (its
/// `np.random.RandomState(seed)` shuffle, bit for bit), then each pass shuffles the file
/// indices in a buffer of 8 batches and decodes the images batch by batch, so memory holds a
/// batch whatever the folder's size.
enum ImageDirectoryDataset {
    static let labelModes: Set<String> = ["int", "categorical", "binary"]

    static func function(_ store: SessionStore) -> NativeFunction {
        NativeFunction("image_dataset_from_directory", doc: """
            image_dataset_from_directory(directory, labels='inferred', label_mode='int', class_names=None, \
            color_mode='rgb', batch_size=32, image_size=(256, 256), shuffle=True, seed=None, \
            validation_split=None, subset=None, interpolation='bilinear', follow_links=False, \
            crop_to_aspect_ratio=False, verbose=True)

            A dataset of (images, labels) batches from a folder with one subfolder per class: images float32 \
            (batch, height, width, channels) with values 0-255, labels int32 (label_mode='int'), one-hot \
            ('categorical') or 0/1 floats ('binary'). subset='training' or 'validation' with validation_split \
            and a seed splits the files; subset='both' returns both datasets.
            """, parameters: [.required("directory"), .optional("labels", default: .str("inferred")), .optional("label_mode", default: .str("int")),
                              .optional("class_names", default: Value.none), .optional("color_mode", default: .str("rgb")),
                              .optional("batch_size", default: .int(32)), .optional("image_size", default: .tuple([.int(256), .int(256)])),
                              .optional("shuffle", default: .bool(true)), .optional("seed", default: Value.none),
                              .optional("validation_split", default: Value.none), .optional("subset", default: Value.none),
                              .optional("interpolation", default: .str("bilinear")), .optional("follow_links", default: .bool(false)),
                              .optional("crop_to_aspect_ratio", default: .bool(false)), .optional("pad_to_aspect_ratio", default: .bool(false)),
                              .optional("data_format", default: Value.none), .optional("format", default: .str("tf")),
                              .optional("verbose", default: .bool(true))]) { a, ctx in
            try make(a, ctx, store)
        }
    }

    static func make(_ a: BoundArguments, _ ctx: CallContext, _ store: SessionStore) throws -> Value {
        let directory = try a.path("directory")
        let options = try ImageDatasetOptions(a)
        let shuffle = a.bool("shuffle")
        let split = try KerasArgumentsSplit.parse(a, shuffle: shuffle)
        let seed: Int
        if let s = a["seed"], !s.isNone, let n = s.asInt { seed = n } else { seed = Int(KerasModules.state(store).nn.generator.next() % 1_000_000) }

        var (paths, labels, classNames) = try index(directory, a)
        if options.labelMode == "binary", classNames?.count != 2 {
            throw Diagnostic(.valueError, "When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. Received: class_names=\(Repr.repr(.list((classNames ?? []).map { .str($0) })))",
                             at: a.span(of: "label_mode"))
        }
        if a.bool("verbose") {
            ctx.write(labels == nil ? "Found \(paths.count) files.\n" : "Found \(paths.count) files belonging to \(classNames?.count ?? 0) classes.\n")
        }
        if shuffle {
            // Keras shuffles the paths and the labels each with a fresh RandomState(seed).
            let rng = LegacyRandomState(seed: UInt32(truncatingIfNeeded: seed))
            rng.shuffle(&paths)
            if labels != nil { let again = LegacyRandomState(seed: UInt32(truncatingIfNeeded: seed)); again.shuffle(&labels!) }
        }
        func dataset(_ subset: String?, shuffled: Bool) throws -> Value {
            var (p, l) = (paths, labels)
            if let fraction = split.fraction, let subset {
                let validationCount = Int(fraction * Double(p.count))
                if subset == "training" {
                    ctx.write("Using \(p.count - validationCount) files for training.\n")
                    p = Array(p.dropLast(validationCount)); l = l.map { Array($0.dropLast(validationCount)) }
                } else {
                    ctx.write("Using \(validationCount) files for validation.\n")
                    p = Array(p.suffix(validationCount)); l = l.map { Array($0.suffix(validationCount)) }
                }
            }
            guard !p.isEmpty else {
                let which = subset == "training" ? "training images" : subset == "validation" ? "validation images" : "images"
                throw Diagnostic(.valueError, "No \(which) found in directory \(directory). Allowed formats: ('.bmp', '.gif', '.jpeg', '.jpg', '.png')",
                                 at: a.span(of: "directory"), notes: ["help: put the images in one subfolder per class: \(directory)/cats/1.jpg, \(directory)/dogs/2.jpg"])
            }
            var stage: DatasetStage = RangeStage(start: 0, stop: p.count, step: 1)
            if shuffled, shuffle {
                stage = ShuffleStage(stage, bufferSize: (options.batchSize ?? 128) * 8, seed: UInt64(seed), reshuffle: true)
            }
            stage = ImageFileStage(stage, paths: p, labels: l, classes: classNames?.count ?? 0, options: options)
            if let b = options.batchSize { stage = BatchStage(stage, size: b, dropRemainder: false, span: ctx.span) }
            let d = DatasetObject(PassStage(stage, className: "_PrefetchDataset"), store, ctx)
            d.classNames = classNames
            d.filePaths = p
            return .object(d)
        }
        if split.subset == "both" {
            return .list([try dataset("training", shuffled: true), try dataset("validation", shuffled: false)])
        }
        return try dataset(split.subset, shuffled: true)
    }

    /// The files and their labels, as Keras's `index_directory` lists them.
    static func index(_ directory: String, _ a: BoundArguments) throws -> ([String], [Int32]?, [String]?) {
        let labelsArg = a["labels"]!
        let span = a.span(of: "directory")
        func run<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let e as DatasetError { throw Diagnostic(.fileNotFoundError, e.message, at: span) }
        }
        if case .str("inferred") = labelsArg {
            var classes = try run { try ImageFolders.classFolders(directory) }
            if let given = a["class_names"], !given.isNone {
                guard let names = KerasArguments.sequence(given)?.compactMap({ v -> String? in if case .str(let s) = v { return s } else { return nil } }),
                      Set(names).isSubset(of: Set(classes)) else {
                    throw Diagnostic(.valueError, "The `class_names` passed did not match the names of the subdirectories of the target directory. Expected: \(Repr.repr(.list(classes.map { .str($0) }))) (or a subset of it), but received: class_names=\(Repr.repr(given))",
                                     at: a.span(of: "class_names"))
                }
                classes = names
            }
            let (paths, labels) = try run { try ImageFolders.index(directory, classes: classes, formats: ImageFolders.datasetFormats, followLinks: a.bool("follow_links")) }
            return (paths, labels, classes)
        }
        if let given = a["class_names"], !given.isNone {
            throw Diagnostic(.valueError, labelsArg.isNone ? "When `labels=None` (no labels), argument `class_names` cannot be specified."
                             : "When argument `labels` is specified, argument `class_names` cannot be specified (the `class_names` will be the sorted list of labels).",
                             at: a.span(of: "class_names"))
        }
        let (paths, _) = try run { try ImageFolders.index(directory, classes: [""], formats: ImageFolders.datasetFormats, followLinks: a.bool("follow_links")) }
        if labelsArg.isNone || a["label_mode"]!.isNone { return (paths, nil, nil) }
        guard let items = KerasArguments.sequence(labelsArg) else {
            throw Diagnostic(.valueError, "`labels` argument should be a list/tuple of integer labels, of the same size as the number of image files in the target directory. If you wish to infer the labels from the subdirectory names in the target directory, pass `labels=\"inferred\"`. If you wish to get a dataset that only contains images (no labels), pass `labels=None`. Received: labels=\(Repr.repr(labelsArg))",
                             at: a.span(of: "labels"))
        }
        let ints = try items.map { v -> Int32 in
            guard let i = v.asInt else { throw Diagnostic(.valueError, "`labels` must hold integers. Received: \(Repr.repr(v))", at: a.span(of: "labels")) }
            return Int32(truncatingIfNeeded: i)
        }
        guard ints.count == paths.count else {
            throw Diagnostic(.valueError, "Expected the lengths of `labels` to match the number of files in the target directory. len(labels) is \(ints.count) while we found \(paths.count) files in directory \(directory).",
                             at: a.span(of: "labels"))
        }
        return (paths, ints, Set(ints).sorted().map { String($0) })
    }
}
