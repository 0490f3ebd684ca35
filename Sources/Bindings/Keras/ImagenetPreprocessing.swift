import DataIO
import FoveaLang
import Glibc
import JSON
import ModelFiles
import NeuralNet
import Tensor

/// `preprocess_input` and `decode_predictions` of the keras.applications modules
/// (`imagenet_utils`), for channels-last image batches.
enum ImagenetPreprocessing {
    /// Keras's modes: 'caffe' (RGB to BGR, minus the ImageNet mean per channel; VGG, ResNet),
    /// 'tf' (scaled to -1..1; ResNetV2, MobileNetV2, InceptionV3), 'torch' (scaled to 0..1, then
    /// standardised per channel with ImageNet's mean and deviation; DenseNet), and EfficientNet's
    /// pass-through (its model rescales inside).
    enum Mode { case caffe, tf, torch, passThrough }

    /// The new float32 array (Keras changes a float array in place; Fovea leaves the input alone).
    static func preprocessed(_ x: Tensor, _ mode: Mode) throws -> Tensor {
        let y = x.dtype == .float32 ? x.copy() : x.converted(to: .float32)
        let v = y.floats
        switch mode {
        case .passThrough:
            break
        case .tf:
            for i in 0..<v.count { v[i] = v[i] / 127.5 - 1 }
        case .torch:
            try checkRGB(y)
            let mean: [Float] = [0.485, 0.456, 0.406], std: [Float] = [0.229, 0.224, 0.225]
            for i in 0..<v.count { v[i] = (v[i] / 255 - mean[i % 3]) / std[i % 3] }
        case .caffe:
            try checkRGB(y)
            let mean: [Float] = [103.939, 116.779, 123.68]
            var i = 0
            while i + 2 < v.count {
                let r = v[i], b = v[i + 2]
                v[i] = b - mean[0]; v[i + 1] -= mean[1]; v[i + 2] = r - mean[2]
                i += 3
            }
        }
        return y
    }

    static func checkRGB(_ y: Tensor) throws {
        guard y.shape.rank >= 1, y.shape.dims.last == 3 else {
            throw TensorError("preprocess_input expects images with 3 channels last (RGB); received an array of shape \(y.shape)")
        }
    }

    static func doc(_ mode: Mode) -> String {
        switch mode {
        case .caffe: return "Prepare RGB images (0..255) as the model was trained: channels to BGR, minus ImageNet's mean pixel."
        case .tf: return "Prepare RGB images (0..255) as the model was trained: scaled to -1..1."
        case .torch: return "Prepare RGB images (0..255) as the model was trained: scaled to 0..1, then each channel standardised with ImageNet's mean and deviation."
        case .passThrough: return "Returns the images unchanged: EfficientNet rescales its 0..255 input inside the model."
        }
    }

    static func preprocessInput(_ mode: Mode, _ st: KerasState) -> NativeFunction {
        NativeFunction("preprocess_input", doc: doc(mode),
                       parameters: [.required("x"), .optional("data_format", default: Value.none)]) { args, _ in
            if let f = args["data_format"], !f.isNone, Repr.str(f) != "channels_last" {
                throw Diagnostic(.notImplementedError, "Fovea's images are channels_last. Received: data_format=\(Repr.repr(f))",
                                 at: args.span(of: "data_format"))
            }
            if case .object(let t as KerasTensorObject) = args["x"]! {
                return .object(KerasTensorObject(try symbolic(t.tensor, mode, st.nn, at: args.span(of: "x"))))
            }
            let x = try TensorObject.tensor(from: args["x"]!, argument: "x", at: args.span(of: "x"))
            do {
                return .object(TensorObject(try preprocessed(x, mode)))
            } catch let e as TensorError {
                throw Diagnostic(.valueError, e.message, at: args.span(of: "x"))
            }
        }
    }

    /// `preprocess_input(inputs)` on a KerasTensor: the operations Keras 3 records for it, as
    /// nodes of the graph (and rows of the summary): 'tf' is `x / 127.5` then `x - 1`, 'torch'
    /// `x / 255`, `+ (-mean)`, `/ std`, 'caffe' the channels taken in BGR order, stacked, `+ (-mean)`.
    static func symbolic(_ x: SymbolicTensor, _ mode: Mode, _ session: NeuralNet.Session, at span: Span) throws -> SymbolicTensor {
        func op(_ className: String, scales: [Double] = [1], offsets: [Double] = [0], _ input: SymbolicTensor) throws -> SymbolicTensor {
            try AffineOperation(className: className, scales: scales, offsets: offsets, session: session).callSymbolic([input], asList: false)
        }
        return try keras(span) {
            switch mode {
            case .passThrough: return x
            case .tf: return try op("Subtract", offsets: [-1], op("TrueDivide", scales: [1 / 127.5], x))
            case .torch:
                let scaled = try op("TrueDivide", scales: [1 / 255.0], x)
                let centred = try op("Add", offsets: [-0.485, -0.456, -0.406], scaled)
                return try op("TrueDivide", scales: [0.229, 0.224, 0.225].map { 1 / $0 }, centred)
            case .caffe:
                let channels = try [2, 1, 0].map { try ChannelItem(index: $0, session: session).callSymbolic([x], asList: false) }
                let bgr = try ChannelStack(session: session).callSymbolic(channels, asList: true)
                return try op("Add", offsets: [-103.939, -116.779, -123.68], bgr)
            }
        }
    }

    /// `decode_predictions(preds, top=5)`: per sample, the `top` classes as (wnid, name, score),
    /// best first, from Keras's ImageNet class index (fetched to ~/.keras/models once).
    static let decodePredictions = NativeFunction(
        "decode_predictions", doc: "The top classes of ImageNet predictions (samples, 1000), as (class id, name, probability), best first.",
        parameters: [.required("preds"), .optional("top", default: .int(5))]
    ) { args, ctx in
        let preds = try TensorObject.tensor(from: args["preds"]!, argument: "preds", at: args.span(of: "preds"))
        guard preds.shape.rank == 2, preds.shape[1] == 1000 else {
            throw Diagnostic(.valueError, "`decode_predictions` expects a batch of predictions (i.e. a 2D array of shape (samples, 1000)). "
                             + "Received array with shape: \(preds.shape)", at: args.span(of: "preds"))
        }
        let top = try KerasArguments.int(args, "top")
        let index = try classIndex(ctx)
        let values = preds.floatArray
        var samples: [Value] = []
        for s in 0..<preds.shape[0] {
            let row = Array(values[(s * 1000)..<((s + 1) * 1000)])
            let best = row.indices.sorted { row[$0] > row[$1] || (row[$0] == row[$1] && $0 > $1) }.prefix(max(0, top))
            samples.append(.list(ListBox(try best.map { i in
                let entry = index[i]
                return .tuple([.str(entry.0), .str(entry.1), ArrayValues.wrap(try Tensor(shape: Shape([]), floats: [row[i]]))])
            })))
        }
        return .list(ListBox(samples))
    }

    static func classIndex(_ ctx: CallContext) throws -> [(String, String)] {
        let origin = "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json"
        var g = GetFile(fname: "imagenet_class_index.json", origin: origin)
        g.cacheSubdir = "models"
        g.fileHash = "c2c37ea517e94d9795004a39431a14cb"
        let path: String
        let progress = DownloadProgress(context: ctx)
        defer { withExtendedLifetime(progress) {} }
        do {
            path = try g.run(progress.observer)
        } catch let e as DownloadError where e.kind != .interrupted {
            throw Diagnostic(.runtimeError, "Could not get ImageNet's class names: \(e.message)", at: ctx.span)
        }
        let json = try GetFileBinding.run(ctx) { try JSON.parse(try FileBytes.read(path)) }
        return try (0..<1000).map { i in
            guard let entry = json[String(i)], let id = entry[0]?.stringValue, let name = entry[1]?.stringValue else {
                throw Diagnostic(.valueError, "\(path) is not Keras's ImageNet class index: class \(i) is missing.", at: ctx.span,
                                 notes: ["help: delete the file so that it is fetched again"])
            }
            return (id, name)
        }
    }
}

/// Loading an application's weights file (`weights='imagenet'` or a path) into the model built
/// for it, by layer name.
enum ApplicationWeights {
    static func load(_ path: String, into model: NeuralNet.Sequential, _ ctx: CallContext) throws {
        _ = try ModelSaving.files(ctx.span) { try ModelFile.loadWeights(into: model, from: path) }
    }
}
