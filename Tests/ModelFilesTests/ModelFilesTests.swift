import Glibc
import JSON
import ModelFiles
import NeuralNet
import Tensor
import Testing

/// The HDF5 and libzip wrappers on real files, the layer and model configs both ways, the
/// weights layouts, and the atomic write.
@Suite struct ModelFilesTests {
    func temporaryPath(_ name: String) -> String {
        var template = Array("/tmp/fovea-modelfiles-XXXXXX".utf8CString)
        let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        return dir + "/" + name
    }

    @Test func hdf5GroupsDatasetsAndAttributesRoundTrip() throws {
        let path = temporaryPath("t.h5")
        do {
            let file = try HDF5File.create(path)
            let root = try file.root()
            let g = try root.createGroup("layers").createGroup("conv2d")
            try g.writeFloats("0", shape: [3, 3, 1, 2], values: (0..<18).map { Float($0) / 4 })
            try g.writeFloats("scalar", shape: [], values: [2.5])
            try g.writeInt64("count", 42)
            try g.setAttribute("name", string: "conv2d ü")
            try g.setAttribute("names", strings: ["a", "bb", ""])
            try g.setAttribute("none", strings: [])
            try root.setAttribute("config", string: #"{"a": [1, null]}"#)
            let (parent, last) = try root.parent(of: "x/y/z", create: true)
            try parent.writeFloats(last, shape: [2], values: [1, 2])
            try file.flush()
        }
        let file = try HDF5File.open(path)
        let root = try file.root()
        #expect(root.memberNames() == ["layers", "x"])
        let g = try root.group("layers").group("conv2d")
        #expect(g.memberNames() == ["0", "count", "scalar"])
        let a = try g.readFloats("0")
        #expect(a.shape == [3, 3, 1, 2])
        #expect(a.values == (0..<18).map { Float($0) / 4 })
        #expect(try g.readFloats("scalar") == HDF5Array(shape: [], values: [2.5]))
        #expect(try g.readInt64("count") == 42)
        #expect(try g.stringAttribute("name") == "conv2d ü")
        #expect(try g.stringsAttribute("names") == ["a", "bb", ""])
        #expect(try g.stringsAttribute("none") == [])
        #expect(try g.stringAttribute("missing") == nil)
        #expect(try JSON.parse(try root.stringAttribute("config")!) == ["a": [1, nil]])
        #expect(try root.parent(of: "x/y/z").group.readFloats("z").values == [1, 2])
        #expect(throws: HDF5Error.self) { try root.group("nope") }
    }

    @Test func hdf5InMemoryImageOpensAgain() throws {
        let file = try HDF5File.createInMemory(name: "mem.h5")
        try file.root().writeFloats("v", shape: [4], values: [1, 2, 3, 4])
        let bytes = try file.image()
        #expect(Array(bytes.prefix(4)) == [0x89, 0x48, 0x44, 0x46])
        let back = try HDF5File.open(image: bytes, name: "copy.h5")
        #expect(try back.root().readFloats("v").values == [1, 2, 3, 4])
        #expect(throws: HDF5Error.self) { try HDF5File.open(image: Array(bytes.prefix(bytes.count / 2)), name: "cut.h5") }
    }

    @Test func zipMembersRoundTripStored() throws {
        let path = temporaryPath("t.zip")
        let zip = try ZipBuilder(path: path)
        try zip.add("config.json", Array("{}".utf8))
        try zip.add("big.bin", (0..<100_000).map { UInt8($0 % 251) })
        try zip.close()
        let reader = try ZipReader(path: path)
        #expect(reader.names == ["config.json", "big.bin"])
        #expect(try reader.read("config.json") == Array("{}".utf8))
        #expect(try reader.read("big.bin") == (0..<100_000).map { UInt8($0 % 251) })
        #expect(throws: ZipError.self) { try reader.read("nope") }
        // A cut archive is refused when opened.
        let f = fopen(path, "rb")!
        var bytes = [UInt8](repeating: 0, count: 50_000)
        fread(&bytes, 1, bytes.count, f); fclose(f)
        let cut = temporaryPath("cut.zip")
        let g = fopen(cut, "wb")!
        fwrite(bytes, 1, bytes.count, g); fclose(g)
        #expect(throws: ZipError.self) { try ZipReader(path: cut) }
    }

    @Test func snakeCaseAndKeysFollowKeras() {
        #expect(KerasWeights.snakeCase("MaxPooling2D") == "max_pooling2d")
        #expect(KerasWeights.snakeCase("Conv2D") == "conv2d")
        #expect(KerasWeights.snakeCase("ReLU") == "re_lu")
        #expect(KerasWeights.snakeCase("PReLU") == "p_re_lu")
        #expect(KerasWeights.snakeCase("GlobalAveragePooling2D") == "global_average_pooling2d")
        #expect(KerasWeights.snakeCase("BatchNormalization") == "batch_normalization")
    }

    /// Every layer class: its config builds a layer whose config is the same.
    @Test func everyLayerConfigRoundTrips() throws {
        let s = Session(seed: 1)
        let layers: [any Layer] = [
            try Conv2D(filters: 4, kernelSize: 3, strides: [2, 1], padding: "same", activation: "relu",
                       kernelRegularizer: try Regularizer(.l2, l2: 0.01), session: s),
            try Dense(units: 5, activation: "softmax", useBias: false, kernelInitializer: "he_normal", session: s),
            try MaxPooling2D(poolSize: 3, strides: 2, padding: "same", session: s), try AveragePooling2D(session: s),
            try GlobalAveragePooling2D(keepdims: true, session: s), try GlobalMaxPooling2D(session: s), try Flatten(session: s),
            try Dropout(rate: 0.3, seed: 7, session: s), try SpatialDropout2D(rate: 0.2, session: s),
            try BatchNormalization(momentum: 0.9, epsilon: 0.01, session: s), try LayerNormalization(center: false, session: s),
            try ActivationLayer("tanh", session: s), try ReLU(maxValue: 6, session: s), try Softmax(axis: 1, session: s),
            try LeakyReLU(negativeSlope: 0.1, session: s), try ELU(alpha: 0.5, session: s), try PReLU(sharedAxes: [1, 2], session: s),
            try Rescaling(scale: 1.0 / 255, offset: -1, session: s), try Reshape(targetShape: [7, 7, -1], session: s),
            try Permute(dims: [2, 1], session: s), try RepeatVector(n: 3, session: s),
            try ZeroPadding2D(padding: .items([[1, 2], [3, 4]]), session: s), try Cropping2D(cropping: .int(2), session: s),
            try UpSampling2D(size: [2, 3], interpolation: "bilinear", session: s),
            try Resizing(height: 10, width: 12, cropToAspectRatio: true, session: s), try CenterCrop(height: 8, width: 8, session: s),
            try RandomFlip(mode: "horizontal", seed: 3, session: s), try RandomContrast(factor: AugmentationFactor(0.2), session: s),
            try RandomRotation(factor: AugmentationFactor(-0.1, 0.2), fillMode: "nearest", session: s),
            try RandomZoom(heightFactor: AugmentationFactor(0.3), session: s),
            try RandomTranslation(heightFactor: AugmentationFactor(0.1), widthFactor: AugmentationFactor(0.2), session: s),
            try InputLayer(shape: [28, 28, 1], session: s),
        ]
        let other = Session(seed: 2)
        for layer in layers {
            let json = try LayerConfig.serialize(layer)
            let back = try LayerConfig.deserialize(json, session: other)
            #expect(back.className == layer.className)
            #expect(try LayerConfig.config(of: back) == LayerConfig.config(of: layer), "\(layer.className)")
        }
    }

    func pooling(_ s: Session) throws -> Sequential {
        let model = try Sequential(layers: [
            try Conv2D(filters: 4, kernelSize: 3, activation: "relu", inputShape: [8, 8, 1], session: s),
            try MaxPooling2D(session: s), try Flatten(session: s), try Dense(units: 3, activation: "softmax", session: s),
        ], session: s)
        try model.compile(optimizer: try Adam(), loss: try Loss.named("sparse_categorical_crossentropy"), metrics: ["accuracy"])
        return model
    }

    @Test func modelConfigRoundTripsWithCompileConfig() throws {
        let model = try pooling(Session(seed: 1))
        let json = try ModelConfig.serialize(model)
        #expect(json["compile_config"]?["optimizer"]?["class_name"] == "Adam")
        #expect(json["config"]?["layers"]?[0]?["class_name"] == "InputLayer")
        let back = try ModelConfig.model(from: try JSON.parse(pythonJSON(json)), session: Session(seed: 9))
        #expect(back.layers.map(\.name) == model.layers.map(\.name))
        #expect(back.compiled?.loss == model.compiled?.loss)
        #expect(try ModelConfig.serialize(back) == json)
    }

    @Test func weightsFilesRoundTripAndAFailedSaveKeepsTheOldFile() throws {
        let model = try pooling(Session(seed: 1))
        let x = try Tensor(shape: Shape([2, 8, 8, 1]), floats: (0..<128).map { Float($0 % 7) / 7 })
        let y = try model(x)
        for name in ["w.weights.h5", "w.h5", "m.keras"] {
            let path = temporaryPath(name)
            if name.hasSuffix(".keras") { try ModelFile.save(model, to: path) } else { try ModelFile.saveWeights(model, to: path) }
            let fresh = try pooling(Session(seed: 5))
            #expect(try fresh(x).floatArray != y.floatArray)
            try ModelFile.loadWeights(into: fresh, from: path)
            #expect(try fresh(x).floatArray == y.floatArray, "\(name)")
        }
        let path = temporaryPath("keep.keras")
        try ModelFile.save(model, to: path)
        let before = try ZipReader(path: path).read("config.json")
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) { try FileChecks.atomically(path) { _ in throw Interrupted() } }
        #expect(try ZipReader(path: path).read("config.json") == before)
        #expect(FileChecks.kind(of: path) == .zip)
    }
}
