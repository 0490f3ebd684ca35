import DataIO
import FoveaLang
import Tensor

/// The options of `image_dataset_from_directory` that decide how each image is decoded.
struct ImageDatasetOptions {
    var labelMode: String?
    var channels: PixelImage.Mode
    var batchSize: Int?
    var height: Int, width: Int
    var method: TensorImageResize.Method
    var cropToAspectRatio: Bool

    init(_ a: BoundArguments) throws {
        let mode = a["label_mode"]!
        if mode.isNone || a["labels"]!.isNone {
            labelMode = nil
        } else if case .str(let m) = mode, ImageDirectoryDataset.labelModes.contains(m) {
            labelMode = m
        } else {
            throw Diagnostic(.valueError, "`label_mode` argument must be one of \"int\", \"categorical\", \"binary\", or None. Received: label_mode=\(Repr.str(mode))",
                             at: a.span(of: "label_mode"))
        }
        let colorMode = try a.string("color_mode")
        guard let c = ["rgb": PixelImage.Mode.RGB, "rgba": .RGBA, "grayscale": .L][colorMode] else {
            throw Diagnostic(.valueError, "`color_mode` must be one of {\"rgb\", \"rgba\", \"grayscale\"}. Received: color_mode=\(colorMode)", at: a.span(of: "color_mode"))
        }
        channels = c
        if a["batch_size"]!.isNone {
            batchSize = nil
        } else {
            guard let b = a["batch_size"]!.asInt, b > 0 else {
                throw Diagnostic(.valueError, "`batch_size` must be a positive integer or None. Received: batch_size=\(Repr.repr(a["batch_size"]!))", at: a.span(of: "batch_size"))
            }
            batchSize = b
        }
        let size = a["image_size"]!
        if let n = size.asInt, n > 0 {
            (height, width) = (n, n)
        } else if let items = KerasArguments.sequence(size), items.count == 2, let h = items[0].asInt, let w = items[1].asInt, h > 0, w > 0 {
            (height, width) = (h, w)
        } else {
            throw Diagnostic(.valueError, "Invalid `image_size` value. Expected a tuple of 2 integers. Received: image_size=\(Repr.repr(size))", at: a.span(of: "image_size"))
        }
        let interpolation = try a.string("interpolation").lowercased()
        let known = ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"]
        guard known.contains(interpolation) else {
            throw Diagnostic(.valueError, "Argument `interpolation` should be one of ('bilinear', 'nearest', 'bicubic', 'area', 'lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic'). Received: interpolation=\(interpolation)",
                             at: a.span(of: "interpolation"))
        }
        guard let m = TensorImageResize.Method(rawValue: interpolation) else {
            throw Diagnostic(.notImplementedError, "Fovea resizes images with interpolation='bilinear' or 'nearest', not '\(interpolation)'", at: a.span(of: "interpolation"),
                             notes: ["help: interpolation='bilinear' (the default)"])
        }
        method = m
        cropToAspectRatio = a.bool("crop_to_aspect_ratio")
        if a.bool("pad_to_aspect_ratio") {
            throw Diagnostic(.notImplementedError, "Fovea does not pad images to the aspect ratio; crop_to_aspect_ratio=True keeps it by cropping", at: a.span(of: "pad_to_aspect_ratio"))
        }
        if cropToAspectRatio, a.bool("pad_to_aspect_ratio") {
            throw Diagnostic(.valueError, "Only one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio` can be True.", at: a.span(of: "pad_to_aspect_ratio"))
        }
        if let f = a["data_format"], !f.isNone, case .str(let s) = f, s != "channels_last" {
            throw Diagnostic(.notImplementedError, "Fovea's images are channels_last. Received: data_format=\(s)", at: a.span(of: "data_format"))
        }
        if try a.string("format") != "tf" {
            throw Diagnostic(.valueError, "`format` should be either \"tf\" or \"grain\"; Fovea builds tf datasets. Received: format=\(try a.string("format"))", at: a.span(of: "format"))
        }
    }
}

/// Keras's checks of `validation_split` and `subset`.
struct KerasArgumentsSplit {
    var fraction: Double?
    var subset: String?

    static func parse(_ a: BoundArguments, shuffle: Bool) throws -> KerasArgumentsSplit {
        var s = KerasArgumentsSplit()
        if let v = a["validation_split"], !v.isNone {
            guard let f = v.asDouble, f > 0, f < 1 else {
                throw Diagnostic(.valueError, "`validation_split` must be between 0 and 1, received: \(Repr.repr(v))", at: a.span(of: "validation_split"))
            }
            s.fraction = f
        }
        if let v = a["subset"], !v.isNone {
            guard case .str(let name) = v, ["training", "validation", "both"].contains(name) else {
                throw Diagnostic(.valueError, "`subset` must be either \"training\", \"validation\" or \"both\", received: \(Repr.str(v))", at: a.span(of: "subset"))
            }
            s.subset = name
        }
        if (s.fraction != nil) != (s.subset != nil) {
            throw Diagnostic(.valueError, "If `subset` is set, `validation_split` must be set, and inversely.",
                             at: a.span(of: s.fraction == nil ? "subset" : "validation_split"))
        }
        if s.fraction != nil, shuffle, a["seed"]!.isNone {
            throw Diagnostic(.valueError, "If using `validation_split` and shuffling the data, you must provide a `seed` argument, to make sure that there is no overlap between the training and validation subset.",
                             at: a.span(of: "validation_split"), notes: ["help: add seed=123 to both calls"])
        }
        return s
    }
}

/// Decodes the image file at each index that its parent gives, resized as `tf.image.resize`
/// does, with its label: the per-image step of `image_dataset_from_directory`.
final class ImageFileStage: DatasetStage {
    let parent: DatasetStage?
    let paths: [String]
    let labels: [Int32]?
    let classes: Int
    let options: ImageDatasetOptions

    init(_ parent: DatasetStage, paths: [String], labels: [Int32]?, classes: Int, options: ImageDatasetOptions) {
        self.parent = parent; self.paths = paths; self.labels = labels; self.classes = classes; self.options = options
    }
    var className: String { "_ParallelMapDataset" }
    var cardinality: Cardinality { parent!.cardinality }

    /// Images decoded ahead of the consumer, in one chunk per refill.
    static let readAhead = 32

    /// Reads up to `readAhead` indices from the parent, asks for all their files at once, decodes
    /// them on all cores (as TF's parallel map does), and hands the images out in order.
    func iterator(_ ctx: CallContext) throws -> ElementIterator {
        let next = try parent!.iterator(ctx)
        var ready: [(index: Int, image: Result<[Float], Error>)] = []
        var position = 0
        return { [self] in
            if position == ready.count {
                var indices: [Int] = []
                while indices.count < Self.readAhead, let e = try next() {
                    guard case .tensor(let t) = e else { break }
                    indices.append(Int(t.integer(at: 0)))
                }
                guard !indices.isEmpty else { return nil }
                try ctx.checkInterrupt()
                ready = decodeAll(indices, ctx)
                position = 0
            }
            let (index, result) = ready[position]
            position += 1
            let image = try Tensor(shape: Shape([options.height, options.width, options.channels.channels]), floats: try result.get())
            guard let labels, let mode = options.labelMode else { return .tensor(image) }
            return .tuple([.tensor(image), .tensor(try label(labels[index], mode))])
        }
    }

    /// The files at `indices` decoded and resized, split between the cores.
    func decodeAll(_ indices: [Int], _ ctx: CallContext) -> [(index: Int, image: Result<[Float], Error>)] {
        FileBytes.prefetch(indices.map { paths[$0] })
        var results = [Result<[Float], Error>](repeating: .success([]), count: indices.count)
        let parts = min(Parallel.maxThreads, indices.count)
        results.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(parts) { p in
                for i in (indices.count * p / parts)..<(indices.count * (p + 1) / parts) {
                    out[i] = Result { try decode(paths[indices[i]], ctx) }
                }
            }
        }
        return Array(zip(indices, results)).map { (index: $0.0, image: $0.1) }
    }

    /// One file's pixels as float32 values 0-255, resized as `tf.image.resize` does. Runs on a
    /// worker thread: it touches only the file and its own arrays.
    func decode(_ path: String, _ ctx: CallContext) throws -> [Float] {
        let pixels: PixelImage
        do {
            pixels = try ImageCodecs.decode(try FileBytes.read(path), name: path).converted(to: options.channels)
        } catch let e as ImageError {
            throw Diagnostic(TF.invalidArgumentError, "\(e.message) (while reading \(path) for image_dataset_from_directory)", at: ctx.span,
                             notes: ["help: remove or convert the file: Fovea reads PNG and JPEG images"])
        } catch let e as DatasetError {
            throw Diagnostic(.fileNotFoundError, e.message, at: ctx.span)
        }
        return TensorImageResize.resize(pixels, height: options.height, width: options.width, method: options.method,
                                        cropToAspectRatio: options.cropToAspectRatio)
    }

    func label(_ value: Int32, _ mode: String) throws -> Tensor {
        switch mode {
        case "categorical":
            var oneHot = [Float](repeating: 0, count: classes)
            if Int(value) < classes, value >= 0 { oneHot[Int(value)] = 1 }
            return try Tensor(shape: Shape([classes]), floats: oneHot)
        case "binary":
            return try Tensor(shape: Shape([1]), floats: [Float(value)])
        default:
            return Tensor.scalar(integer: Int64(value), dtype: .int32)
        }
    }
}
