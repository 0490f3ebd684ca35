import Glibc
import Tensor

/// `keras.datasets.fashion_mnist.load_data()` and `keras.datasets.mnist.load_data()` from files
/// already on the machine (KerasDownloads downloads them when these find nothing).
///
/// Fashion-MNIST is read from the IDX files (`train-images-idx3-ubyte.gz`, ... gzipped or not) in,
/// in order: the folder named by `FOVEA_DATA` (and its `fashion-mnist/`), Debian's
/// `/usr/share/datasets/fashion-mnist` (package `dataset-fashion-mnist`), and Keras's cache
/// `~/.keras/datasets/fashion-mnist`. MNIST is read from `mnist.npz` (Keras's cache file) in
/// `FOVEA_DATA` or `~/.keras/datasets`, or from MNIST IDX files in the same kinds of folders.
public enum KerasDatasets {
    /// `(x_train, y_train), (x_test, y_test)`: uint8 images (n, 28, 28) and uint8 labels (n,).
    public struct Split: Sendable {
        public let xTrain: Tensor, yTrain: Tensor, xTest: Tensor, yTest: Tensor
        public init(xTrain: Tensor, yTrain: Tensor, xTest: Tensor, yTest: Tensor) {
            self.xTrain = xTrain; self.yTrain = yTrain; self.xTest = xTest; self.yTest = yTest
        }
    }

    /// Where the files are looked for: the `FOVEA_DATA` folder and the home folder (for
    /// `~/.keras/datasets`); the defaults come from the environment.
    public struct Places: Sendable {
        public var foveaData: String?
        public var home: String?
        public var systemFolder: String
        public init(foveaData: String? = Places.env("FOVEA_DATA"), home: String? = Places.env("HOME"),
                    systemFolder: String = "/usr/share/datasets") {
            self.foveaData = foveaData; self.home = home; self.systemFolder = systemFolder
        }
        public static func env(_ name: String) -> String? {
            guard let p = getenv(name) else { return nil }
            let s = String(cString: p)
            return s.isEmpty ? nil : s
        }
    }

    static let idxFiles = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]

    /// Fashion-MNIST: 60000 training and 10000 test images of clothes, labels 0-9.
    public static func fashionMNIST(_ places: Places = Places()) throws -> Split {
        let folders = idxFolders("fashion-mnist", places, system: true)
        if let found = findIDX(folders) { return try readIDX(found) }
        throw missing("fashion_mnist", looked: folders.map { $0 + "/train-images-idx3-ubyte.gz" },
                      howTo: ["install Debian's package: sudo apt-get install dataset-fashion-mnist",
                              "or put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (from https://github.com/zalandoresearch/fashion-mnist) in a folder and set FOVEA_DATA to it"])
    }

    /// MNIST: 60000 training and 10000 test images of handwritten digits, labels 0-9.
    public static func mnist(_ places: Places = Places()) throws -> Split {
        var npz: [String] = []
        if let d = places.foveaData { npz.append(d + "/mnist.npz") }
        if let h = places.home { npz.append(h + "/.keras/datasets/mnist.npz") }
        for p in npz where FileBytes.exists(p) { return try readNPZ(p) }
        let folders = idxFolders("mnist", places, system: true)
        if let found = findIDX(folders) { return try readIDX(found) }
        throw missing("mnist", looked: npz + folders.map { $0 + "/train-images-idx3-ubyte.gz" },
                      howTo: ["copy mnist.npz (https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz) to ~/.keras/datasets/ or to a folder named by FOVEA_DATA",
                              "or put the four MNIST IDX files (train-images-idx3-ubyte.gz, ...) in a folder and set FOVEA_DATA to it"])
    }

    private static func idxFolders(_ name: String, _ places: Places, system: Bool) -> [String] {
        var f: [String] = []
        if let d = places.foveaData { f += [d, d + "/" + name] }
        if system { f.append(places.systemFolder + "/" + name) }
        if let h = places.home { f.append(h + "/.keras/datasets/" + name) }
        return f
    }

    /// The first folder holding all four IDX files (each gzipped or plain): their paths.
    private static func findIDX(_ folders: [String]) -> [String]? {
        for folder in folders {
            let paths = idxFiles.compactMap { base in
                [folder + "/" + base + ".gz", folder + "/" + base].first(where: FileBytes.exists)
            }
            if paths.count == 4 { return paths }
        }
        return nil
    }

    static func readIDX(_ paths: [String]) throws -> Split {
        let t = try paths.map(IDXReader.read)
        let split = Split(xTrain: t[0], yTrain: t[1], xTest: t[2], yTest: t[3])
        try check(split, names: paths)
        return split
    }

    static func readNPZ(_ path: String) throws -> Split {
        let arrays = try NPZReader.read(path)
        func get(_ name: String) throws -> Tensor {
            guard let t = arrays.first(where: { $0.name == name })?.tensor else {
                throw DatasetError.malformed(path, "the archive has no array '\(name)' (it has \(arrays.map(\.name).joined(separator: ", ")))")
            }
            return t.dtype == .uint8 ? t : t.converted(to: .uint8)
        }
        let split = Split(xTrain: try get("x_train"), yTrain: try get("y_train"), xTest: try get("x_test"), yTest: try get("y_test"))
        try check(split, names: ["x_train", "y_train", "x_test", "y_test"].map { "\(path) (\($0))" })
        return split
    }

    private static func check(_ s: Split, names: [String]) throws {
        for (images, labels, i) in [(s.xTrain, s.yTrain, 0), (s.xTest, s.yTest, 2)] {
            guard images.shape.rank == 3 else {
                throw DatasetError.malformed(names[i], "expected images of shape (n, rows, columns), found shape \(images.shape)")
            }
            guard labels.shape.rank == 1, labels.shape[0] == images.shape[0] else {
                throw DatasetError.malformed(names[i + 1], "expected \(images.shape[0]) labels for the \(images.shape[0]) images of \(names[i]), found shape \(labels.shape)")
            }
        }
    }

    private static func missing(_ name: String, looked: [String], howTo: [String]) -> DatasetError {
        DatasetError(.notFound, "Fovea could not find the \(name) dataset (nothing is downloaded). It looked for:\n"
                     + looked.map { "  " + $0 }.joined(separator: "\n")
                     + "\nTo get it:\n" + howTo.map { "  - " + $0 }.joined(separator: "\n"))
    }
}
