import DataIO
import Glibc
import Testing

/// The downloading loaders through libcurl with a file:// mirror (no network): Fashion-MNIST's
/// four gzipped IDX files land in Keras's `datasets/fashion-mnist` cache and load from it.
@Suite(.serialized) struct KerasDownloadTests {
    static let quiet = GetFile.Observer(started: { _ in }, progress: { _, _ in true }, finished: { _ in }, message: { _ in })

    @Test func fashionMNISTDownloadsTheGzippedIDXFilesWhenNoneAreOnTheMachine() throws {
        let mirror = DatasetFolder()
        let home = DatasetFolder()
        defer { _ = system("rm -rf '\(home.path)/datasets'") }
        let images: [UInt8] = Array(0..<(3 * 28 * 28)).map { UInt8($0 % 251) }
        mirror.writeGzip("train-images-idx3-ubyte.gz", DatasetBytes.idx([3, 28, 28], images))
        mirror.writeGzip("train-labels-idx1-ubyte.gz", DatasetBytes.idx([3], [7, 8, 9]))
        mirror.writeGzip("t10k-images-idx3-ubyte.gz", DatasetBytes.idx([1, 28, 28], Array(images[0..<784])))
        mirror.writeGzip("t10k-labels-idx1-ubyte.gz", DatasetBytes.idx([1], [4]))
        setenv("FOVEA_DATASETS_MIRROR", "file://" + mirror.path, 1)
        setenv("KERAS_HOME", home.path, 1)
        defer { unsetenv("FOVEA_DATASETS_MIRROR"); unsetenv("KERAS_HOME") }

        let nowhere = KerasDatasets.Places(foveaData: nil, home: nil, systemFolder: "/nonexistent")
        let s = try KerasDownloads.fashionMNIST(nowhere, Self.quiet)
        #expect(s.xTrain.shape.dims == [3, 28, 28])
        #expect(Array(s.xTrain.bytes) == images)
        #expect(Array(s.yTrain.bytes) == [7, 8, 9])
        #expect(s.xTest.shape.dims == [1, 28, 28])
        #expect(Array(s.yTest.bytes) == [4])
        #expect(access(home.path + "/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz", R_OK) == 0)
    }

    @Test func aMissingMirrorFileSaysWhichURLFailed() throws {
        let mirror = DatasetFolder()
        let home = DatasetFolder()
        defer { _ = system("rm -rf '\(home.path)/datasets'") }
        setenv("FOVEA_DATASETS_MIRROR", mirror.path, 1)
        setenv("KERAS_HOME", home.path, 1)
        defer { unsetenv("FOVEA_DATASETS_MIRROR"); unsetenv("KERAS_HOME") }
        #expect {
            _ = try KerasDownloads.mnist(Self.quiet)
        } throws: { e in
            let m = (e as? DownloadError)?.message ?? ""
            return m.contains("URL fetch failure on file://\(mirror.path)/mnist.npz")
                && m.contains("copy it to \(home.path)/datasets/mnist.npz")
        }
        #expect(access(home.path + "/datasets/mnist.npz", F_OK) != 0)
    }
}
