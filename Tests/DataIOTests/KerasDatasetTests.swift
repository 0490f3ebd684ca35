import Glibc
import Testing
import DataIO
import Tensor
import Tensor

@Suite("Keras datasets")
struct KerasDatasetTests {
    /// Four small IDX files as the Fashion-MNIST / MNIST file names.
    static func writeIDX(_ folder: DatasetFolder, gzip: Bool) {
        let suffix = gzip ? ".gz" : ""
        let write: (String, [UInt8]) -> String = gzip ? folder.writeGzip : folder.write
        _ = write("train-images-idx3-ubyte" + suffix, DatasetBytes.idx([3, 2, 2], (0..<12).map { UInt8($0) }))
        _ = write("train-labels-idx1-ubyte" + suffix, DatasetBytes.idx([3], [7, 8, 9]))
        _ = write("t10k-images-idx3-ubyte" + suffix, DatasetBytes.idx([1, 2, 2], [1, 2, 3, 4]))
        _ = write("t10k-labels-idx1-ubyte" + suffix, DatasetBytes.idx([1], [5]))
    }

    @Test("fashion_mnist reads the IDX files of the FOVEA_DATA folder, gzipped or plain")
    func fromFoveaData() throws {
        for gzip in [true, false] {
            let folder = DatasetFolder()
            Self.writeIDX(folder, gzip: gzip)
            let s = try KerasDatasets.fashionMNIST(.init(foveaData: folder.path, home: nil, systemFolder: "/nonexistent"))
            #expect(s.xTrain.shape == [3, 2, 2] && s.yTrain.byteArray == [7, 8, 9])
            #expect(s.xTest.byteArray == [1, 2, 3, 4] && s.yTest.byteArray == [5])
        }
    }

    @Test("missing files: the error lists every place looked and how to get them")
    func missing() throws {
        let places = KerasDatasets.Places(foveaData: "/tmp/fovea-no-such-folder", home: "/tmp/fovea-no-home", systemFolder: "/nonexistent")
        #expect { try KerasDatasets.fashionMNIST(places) } throws: { e in
            let d = e as! DatasetError
            return d.kind == .notFound && d.message.contains("/tmp/fovea-no-such-folder/train-images-idx3-ubyte.gz")
                && d.message.contains("/nonexistent/fashion-mnist/") && d.message.contains("/tmp/fovea-no-home/.keras/datasets/fashion-mnist/")
                && d.message.contains("apt-get install dataset-fashion-mnist") && d.message.contains("FOVEA_DATA")
        }
        #expect { try KerasDatasets.mnist(places) } throws: { e in
            (e as! DatasetError).message.contains("/tmp/fovea-no-home/.keras/datasets/mnist.npz")
        }
    }

    @Test("mnist reads Keras's mnist.npz")
    func mnistNPZ() throws {
        let folder = DatasetFolder()
        func npy(_ shape: [Int], _ data: [UInt8]) -> [UInt8] { DatasetBytes.npy(descr: "|u1", shape: shape, data: data) }
        let entries: [(name: String, data: [UInt8])] = [
            ("x_test.npy", npy([1, 2, 2], [4, 3, 2, 1])), ("x_train.npy", npy([2, 2, 2], Array(0..<8))),
            ("y_train.npy", npy([2], [1, 2])), ("y_test.npy", npy([1], [3])),
        ]
        folder.write("mnist.npz", DatasetBytes.zip(entries, deflated: true))
        let s = try KerasDatasets.mnist(.init(foveaData: folder.path, home: nil, systemFolder: "/nonexistent"))
        #expect(s.xTrain.shape == [2, 2, 2] && s.xTrain.byteArray == Array(0..<8))
        #expect(s.yTrain.byteArray == [1, 2] && s.xTest.byteArray == [4, 3, 2, 1] && s.yTest.byteArray == [3])
    }

    @Test("labels that do not match the images are reported")
    func mismatch() throws {
        let folder = DatasetFolder()
        Self.writeIDX(folder, gzip: true)
        folder.writeGzip("train-labels-idx1-ubyte.gz", DatasetBytes.idx([2], [1, 2]))
        #expect { try KerasDatasets.fashionMNIST(.init(foveaData: folder.path, home: nil, systemFolder: "/nonexistent")) } throws: { e in
            (e as! DatasetError).message.contains("expected 3 labels")
        }
    }

    @Test("the real Fashion-MNIST of Debian's dataset-fashion-mnist, when installed",
          .enabled(if: access("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", R_OK) == 0))
    func realFashionMNIST() throws {
        let s = try KerasDatasets.fashionMNIST(.init(foveaData: nil, home: nil))
        #expect(s.xTrain.shape == [60000, 28, 28] && s.xTrain.dtype == .uint8)
        #expect(s.yTrain.shape == [60000] && s.xTest.shape == [10000, 28, 28] && s.yTest.shape == [10000])
        // Keras's documented first labels: ankle boot (9), t-shirt (0), t-shirt (0), dress (3).
        #expect(Array(s.yTrain.bytes[0..<4]) == [9, 0, 0, 3])
        #expect(s.yTest.bytes.allSatisfy { $0 < 10 } && s.xTrain.bytes.max() == 255)
        var counts = [Int](repeating: 0, count: 10)
        for l in s.yTrain.bytes { counts[Int(l)] += 1 }
        #expect(counts == [Int](repeating: 6000, count: 10))
    }
}
