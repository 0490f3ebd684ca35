import DataIO
import FoveaLang
import NeuralNet
import Tensor

/// `keras.datasets.fashion_mnist`, `keras.datasets.mnist` and `keras.utils.to_categorical`.
enum KerasDatasetModules {
    static let names = ["keras.datasets", "keras.datasets.fashion_mnist", "keras.datasets.mnist"]

    static func build(_ name: String, _ store: SessionStore) -> ModuleValue {
        switch name {
        case "keras.datasets.fashion_mnist":
            return dataset(name, "Fashion-MNIST: 28x28 grey images of 10 kinds of clothes, 60000 for training and 10000 for testing.",
                           KerasDatasets.fashionMNIST)
        case "keras.datasets.mnist":
            return dataset(name, "MNIST: 28x28 grey images of handwritten digits, 60000 for training and 10000 for testing.", KerasDatasets.mnist)
        default:
            let m = ModuleValue(name, doc: "Datasets read from files on this machine (nothing is downloaded): fashion_mnist, mnist.")
            m.add("fashion_mnist", .module(KerasModules.module("keras.datasets.fashion_mnist", store)))
            m.add("mnist", .module(KerasModules.module("keras.datasets.mnist", store)))
            return m
        }
    }

    private static func dataset(_ name: String, _ doc: String, _ load: @escaping (KerasDatasets.Places) throws -> KerasDatasets.Split) -> ModuleValue {
        let m = ModuleValue(name, doc: doc)
        m.add(NativeFunction("load_data", doc: "\(doc)\nReturns (x_train, y_train), (x_test, y_test): uint8 images (n, 28, 28) and uint8 labels (n,).") { args, _ in
            let s = try ArrayValues.run(args.callSpan) { try load(KerasDatasets.Places()) }
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
