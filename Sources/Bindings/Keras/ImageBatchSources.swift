import DataIO
import FoveaLang
import Glibc
import Tensor

/// `flow(x, y)`'s samples: images in memory (n x height x width x channels), with labels and
/// sample weights taken row by row. Keras converts x to float32 up front; here each image is
/// converted as its batch is made, so uint8 images (CIFAR-10's 50,000) take a quarter of the memory.
final class ArrayBatchSource: ImageBatchSource {
    let x: Tensor
    let y: Tensor?
    let sampleWeight: Tensor?
    var className: String { "NumpyArrayIterator" }
    var binding: AnyHostClass { ImageIteratorObject.numpyBinding }
    var count: Int { x.shape.dims[0] }

    init(x: Tensor, y: Tensor?, sampleWeight: Tensor?) { self.x = x; self.y = y; self.sampleWeight = sampleWeight }

    func batch(_ indices: [Int], _ generator: ImageDataGeneratorObject, _ context: CallContext) throws -> Value {
        let d = x.shape.dims
        let per = d[1] * d[2] * d[3]
        var out: [Float] = []
        out.reserveCapacity(indices.count * per)
        for j in indices {
            let image = x.dtype == .float32
                ? try x.withFloats { try Tensor(shape: [d[1], d[2], d[3]], floats: Array($0[(j * per)..<((j + 1) * per)])) }
                : try Self.rows(x, [j]).converted(to: .float32).reshaped([d[1], d[2], d[3]])
            out += try generator.prepare(image, context).floatArray
        }
        let batchX = Value.object(TensorObject(try Tensor(shape: Shape([indices.count] + Array(d[1...])), floats: out)))
        guard let y else { return batchX }
        var parts = [batchX, .object(TensorObject(try Self.rows(y, indices)))]
        if let w = sampleWeight { parts.append(.object(TensorObject(try Self.rows(w, indices)))) }
        return .tuple(parts)
    }

    /// The rows `indices` of `t` (any dtype), as `t[indices]`.
    static func rows(_ t: Tensor, _ indices: [Int]) throws -> Tensor {
        try t.indexed(advanced: [.array(try Tensor(shape: [indices.count], int64s: indices.map(Int64.init)))])
    }
}

/// `flow_from_directory`'s samples: the image files of class subfolders, decoded batch by batch
/// as load_img reads them, with labels by class_mode.
final class FolderBatchSource: ImageBatchSource {
    let directory: String
    let classNames: [String]
    let filenames: [String]
    let classes: [Int32]
    let classMode: String?
    let colorMode: String
    let mode: PixelImage.Mode
    let targetSize: (Int, Int)
    let filter: ImageResize.Filter
    let keepAspectRatio: Bool
    var className: String { "DirectoryIterator" }
    var binding: AnyHostClass { ImageIteratorObject.directoryBinding }
    var count: Int { filenames.count }
    var channels: Int { mode.channels }

    static let classModes = ["categorical", "binary", "sparse", "input"]
    static let colorModes: [String: PixelImage.Mode] = ["rgb": .RGB, "rgba": .RGBA, "grayscale": .L]

    /// Indexes `directory` as Keras's DirectoryIterator does: the class subfolders (all of them,
    /// in sorted order, unless `classes` names them), and in each the image files walked
    /// recursively in sorted order, keeping the `split` fraction (start, stop) of each class.
    init(directory: String, classes wanted: [String]?, split: (Double, Double)?, followLinks: Bool, classMode: String?,
         colorMode: String, targetSize: (Int, Int), filter: ImageResize.Filter, keepAspectRatio: Bool) throws {
        self.directory = directory; self.classMode = classMode; self.colorMode = colorMode
        self.mode = Self.colorModes[colorMode]!; self.targetSize = targetSize; self.filter = filter; self.keepAspectRatio = keepAspectRatio
        let names: [String]
        if let wanted, !wanted.isEmpty {
            names = wanted
        } else {
            names = try ImageFolders.names(in: directory).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                .filter { ImageFolders.isFolder(directory + "/" + $0) }
        }
        var files: [String] = [], labels: [Int32] = []
        for (i, name) in names.enumerated() {
            var found = (try? ImageFolders.files(under: directory + "/" + name, formats: ImageFolders.generatorFormats, followLinks: followLinks)) ?? []
            if let (a, b) = split {
                let start = Int(a * Double(found.count)), stop = Int(b * Double(found.count))
                found = Array(found[start..<max(start, stop)])
            }
            files += found.map { name + "/" + $0 }
            labels += Array(repeating: Int32(i), count: found.count)
        }
        classNames = names; filenames = files; classes = labels
    }

    func batch(_ indices: [Int], _ generator: ImageDataGeneratorObject, _ context: CallContext) throws -> Value {
        let (h, w) = targetSize
        let c = mode.channels
        var out: [Float] = []
        out.reserveCapacity(indices.count * h * w * c)
        for j in indices {
            try context.checkInterrupt()
            let (image, _) = try ImageFiles.load(directory + "/" + filenames[j], mode: mode, targetSize: targetSize, filter: filter,
                                                 keepAspectRatio: keepAspectRatio, at: context.span)
            let x = try Tensor(shape: [image.height, image.width, c], floats: image.pixels.map { Float($0) })
            out += try generator.prepare(x, context).floatArray
        }
        let batchX = try Tensor(shape: [indices.count, h, w, c], floats: out)
        let x = Value.object(TensorObject(batchX))
        switch classMode {
        case nil:
            return x
        case "input":
            return .tuple([x, .object(TensorObject(batchX.copy()))])
        case "binary", "sparse":
            return .tuple([x, .object(TensorObject(try Tensor(shape: [indices.count], floats: indices.map { Float(classes[$0]) })))])
        default:
            let k = classNames.count
            var y = [Float](repeating: 0, count: indices.count * k)
            for (row, j) in indices.enumerated() { y[row * k + Int(classes[j])] = 1 }
            return .tuple([x, .object(TensorObject(try Tensor(shape: [indices.count, k], floats: y)))])
        }
    }
}
