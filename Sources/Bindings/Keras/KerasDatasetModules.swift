import DataIO
import FoveaLang
import NeuralNet
import Tensor

/// `keras.datasets` (mnist, fashion_mnist, cifar10, cifar100) and `keras.utils.to_categorical`.
enum KerasDatasetModules {
    static let names = ["keras.datasets", "keras.datasets.fashion_mnist", "keras.datasets.mnist",
                        "keras.datasets.cifar10", "keras.datasets.cifar100"]

    static func build(_ name: String, _ store: SessionStore) -> ModuleValue {
        switch name {
        case "keras.datasets.fashion_mnist":
            return dataset(name, "Fashion-MNIST: 28x28 grey images of 10 kinds of clothes, 60000 for training and 10000 for testing.",
                           shape: "uint8 images (n, 28, 28) and uint8 labels (n,)") { _, p in try KerasDownloads.fashionMNIST(KerasDatasets.Places(), p) }
        case "keras.datasets.mnist":
            return dataset(name, "MNIST: 28x28 grey images of handwritten digits, 60000 for training and 10000 for testing.",
                           shape: "uint8 images (n, 28, 28) and uint8 labels (n,)",
                           parameters: [.optional("path", default: .str("mnist.npz"))]) { args, p in
                try KerasDownloads.mnist(path: args["path"]?.fileSystemPath ?? "mnist.npz", p)
            }
        case "keras.datasets.cifar10":
            return dataset(name, "CIFAR-10: 32x32 colour images of 10 classes (airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck), 50000 for training and 10000 for testing.",
                           shape: "uint8 images (n, 32, 32, 3) and uint8 labels (n, 1)") { _, p in try KerasDownloads.cifar10(p) }
        case "keras.datasets.cifar100":
            return dataset(name, "CIFAR-100: 32x32 colour images of 100 classes (20 coarse ones), 50000 for training and 10000 for testing.",
                           shape: "uint8 images (n, 32, 32, 3) and int64 labels (n, 1), fine (0-99) or coarse (0-19) as label_mode says",
                           parameters: [.optional("label_mode", default: .str("fine"))]) { args, p in
                try KerasDownloads.cifar100(labelMode: try args.string("label_mode"), p)
            }
        default:
            let m = ModuleValue(name, doc: "Keras's datasets: found on this machine, or downloaded once into ~/.keras/datasets. mnist, fashion_mnist, cifar10, cifar100.")
            for sub in ["fashion_mnist", "mnist", "cifar10", "cifar100"] {
                m.add(sub, .module(KerasModules.module("keras.datasets." + sub, store)))
            }
            return m
        }
    }

    private static func dataset(_ name: String, _ doc: String, shape: String, parameters: [NativeParameter] = [],
                                _ load: @escaping (BoundArguments, GetFile.Observer) throws -> KerasDatasets.Split) -> ModuleValue {
        let m = ModuleValue(name, doc: doc)
        m.add(NativeFunction("load_data", doc: "\(doc)\nReturns (x_train, y_train), (x_test, y_test): \(shape).",
                             parameters: parameters) { args, ctx in
            let progress = DownloadProgress(context: ctx)
            let s = try GetFileBinding.run(ctx) { try ArrayValues.run(args.callSpan) { try load(args, progress.observer) } }
            func t(_ x: Tensor) -> Value { .object(TensorObject(x)) }
            return .tuple([.tuple([t(s.xTrain), t(s.yTrain)]), .tuple([t(s.xTest), t(s.yTest)])])
        })
        return m
    }

    /// `to_categorical(y, num_classes=None)`: float32 one-hot rows.
    static let toCategorical = NativeFunction(
        "to_categorical", doc: "Class numbers as one-hot float32 rows: to_categorical([0, 2], 3) is [[1, 0, 0], [0, 0, 1]].",
        parameters: [.required("y"), .optional("num_classes", default: Value.none)]
    ) { args, _ in
        let span = args.span(of: "y")
        var y = try ArrayValues.array(args["y"]!, argument: "y", at: span)
        if y.shape.rank > 1, y.shape.dims.last == 1 { y = try ArrayValues.run(span) { try y.squeezed(-1) } }
        let labels = y.converted(to: .int64).int64Array
        var n = (labels.max() ?? -1) + 1
        if let c = args["num_classes"], !c.isNone { n = Int64(try args.int("num_classes")) }
        if let bad = labels.first(where: { $0 < 0 || $0 >= n }) {
            throw Diagnostic(.indexError, "index \(bad) is out of bounds for axis 1 with size \(n)", at: span,
                             notes: ["help: num_classes must be larger than every label; the labels go up to \(labels.max() ?? 0)"])
        }
        let out = try ArrayValues.run(span) { try Tensor(zeros: Shape(y.shape.dims + [Int(n)])) }
        for (i, l) in labels.enumerated() { out.floats[i * Int(n) + Int(l)] = 1 }
        return .object(TensorObject(out))
    }
}
