import JSON
import Testing
import NeuralNet

/// Every model in Tests/Fixtures/keras-reference (copies of shared/reference/keras), built in
/// Swift and compared with real Keras 3 output: layers_NAME.json row by row (name, class, output
/// shape, params and their split, weight paths, shapes and trainability, totals) and
/// summary_NAME.txt's table cells and totals.

/// The reference models, as a lesson would write them. Each gets a fresh session, as each
/// reference was measured in a fresh Python process.
let referenceModels: [String: @Sendable (Session) throws -> Sequential] = [
    "a_conv1": { s in
        let model = try Sequential(session: s)
        try model.add(Conv2D(filters: 32, kernelSize: [3, 3], activation: "relu", inputShape: [28, 28, 1], session: s))
        return model
    },
    "b_conv_flatten_dense": { s in
        try Sequential(layers: [
            Conv2D(filters: 32, kernelSize: [3, 3], activation: "relu", inputShape: [28, 28, 1], session: s),
            Flatten(session: s),
            Dense(units: 64, activation: "relu", session: s),
        ], session: s)
    },
    "c_deeper": { s in
        let model = try Sequential(session: s)
        try model.add(Conv2D(filters: 32, kernelSize: [3, 3], activation: "relu", inputShape: [28, 28, 1], session: s))
        try model.add(Conv2D(filters: 64, kernelSize: [3, 3], activation: "relu", session: s))
        try model.add(MaxPooling2D(poolSize: [2, 2], session: s))
        try model.add(Conv2D(filters: 64, kernelSize: [3, 3], activation: "relu", session: s))
        return model
    },
    "d_pooling_cnn": { s in
        let model = try Sequential(session: s)
        try model.add(Conv2D(filters: 32, kernelSize: [3, 3], activation: "relu", inputShape: [28, 28, 1], session: s))
        try model.add(MaxPooling2D(poolSize: [2, 2], session: s))
        try model.add(Conv2D(filters: 64, kernelSize: [3, 3], activation: "relu", session: s))
        try model.add(MaxPooling2D(poolSize: [2, 2], session: s))
        try model.add(Conv2D(filters: 64, kernelSize: [3, 3], activation: "relu", session: s))
        try model.add(Flatten(session: s))
        try model.add(Dense(units: 64, activation: "relu", session: s))
        try model.add(Dense(units: 10, activation: "softmax", session: s))
        return model
    },
    "e_dense128": { s in
        try Sequential(layers: [
            Flatten(inputShape: [28, 28], session: s),
            Dense(units: 128, activation: "relu", session: s),
            Dense(units: 10, activation: "softmax", session: s),
        ], session: s)
    },
    "e_dense64": { s in
        try Sequential(layers: [
            Flatten(inputShape: [28, 28], session: s),
            Dense(units: 64, activation: "relu", session: s),
            Dense(units: 10, activation: "softmax", session: s),
        ], session: s)
    },
    "unbuilt_sequential": { s in
        try Sequential(layers: [
            Conv2D(filters: 32, kernelSize: [3, 3], activation: "relu", session: s),
            Flatten(session: s),
            Dense(units: 64, activation: "relu", session: s),
        ], session: s)
    },
]

@Test func referenceDirectoryIsFoundAndEveryModelHasABuilder() throws {
    let directory = try #require(Reference.directory, "Tests/Fixtures/keras-reference not found in the repository")
    let layers = Reference.files(prefix: "layers_", suffix: ".json")
    let summaries = Reference.files(prefix: "summary_", suffix: ".txt")
    #expect(layers.count >= 6, "\(directory)")
    #expect(summaries.count >= 7)
    for file in layers + summaries {
        let name = file.hasPrefix("layers_") ? String(file.dropFirst(7).dropLast(5)) : String(file.dropFirst(8).dropLast(4))
        #expect(referenceModels[name] != nil, "no Swift builder for reference model \(name)")
    }
}

@Test(arguments: Reference.files(prefix: "layers_", suffix: ".json"))
func layersMatchKeras(file: String) throws {
    let text = try #require(Reference.read(Reference.directory! + "/" + file))
    let json = try JSON.parse(text)
    let name = String(file.dropFirst(7).dropLast(5))
    let builder = try #require(referenceModels[name])
    let model = try builder(Session(seed: 1))

    #expect(model.name == json["model_name"]?.stringValue)
    #expect(json["model_class"]?.stringValue == "Sequential")
    #expect(model.inputShape == referenceShape(json["input_shape"]))
    #expect(model.outputShape == referenceShape(json["output_shape"]))
    #expect(model.layers.count == json["num_layers"]?.intValue)

    let summary = model.summary()
    let expectedLayers = (json["layers"]?.arrayValue ?? [])
    try #require(summary.rows.count == expectedLayers.count)
    for (i, expected) in expectedLayers.enumerated() {
        let layer = model.layers[i]
        let row = summary.rows[i]
        let trainable = layer.trainableWeights.reduce(0) { $0 + $1.count }
        let nonTrainable = layer.nonTrainableWeights.reduce(0) { $0 + $1.count }
        #expect(layer.name == expected["name"]?.stringValue)
        #expect(layer.className == expected["class"]?.stringValue)
        #expect(layer.outputShape == referenceShape(expected["output_shape"]))
        #expect(try layer.countParams() == expected["params"]?.intValue)
        #expect(trainable == expected["trainable_params"]?.intValue)
        #expect(nonTrainable == expected["non_trainable_params"]?.intValue)
        #expect(row == ModelSummary.Row(name: layer.name, className: layer.className,
                                        outputShape: referenceShape(expected["output_shape"]), params: expected["params"]?.intValue))
        let weights = (expected["weights"]?.arrayValue ?? [])
        try #require(layer.weights.count == weights.count, "\(layer.name)")
        for (w, e) in zip(layer.weights, weights) {
            #expect(w.path == e["path"]?.stringValue)
            #expect(w.shape == (e["shape"]?.arrayValue ?? []).compactMap(\.intValue))
            #expect(w.value.shape.dims == w.shape)
            #expect(w.isTrainableVariable == e["trainable"]?.boolValue)
        }
    }
    #expect(try model.countParams() == json["total_params"]?.intValue)
    #expect(summary.totalParams == json["total_params"]?.intValue)
    #expect(summary.trainableParams == json["trainable_params"]?.intValue)
    #expect(summary.nonTrainableParams == json["non_trainable_params"]?.intValue)
    #expect(summary.modelName == "sequential" && summary.modelClass == "Sequential")
    #expect(summary.optimizerParams == nil)
}

/// The table cells of a Keras summary: `│ conv2d (Conv2D) │ (None, 26, 26, 32) │ 320 │`.
private func summaryCells(_ text: String) -> (rows: [[String]], totals: [String: Int]) {
    var rows: [[String]] = []
    var totals: [String: Int] = [:]
    for line in text.split(separator: "\n") {
        if line.hasPrefix("│") {
            rows.append(line.split(separator: "│").map { String($0).trimmingSpaces }.filter { !$0.isEmpty })
        } else if let colon = line.firstIndex(of: ":"), line.contains("params") {
            let key = String(line[..<colon]).trimmingSpaces
            let digits = line[line.index(after: colon)...].trimmingSpaces.prefix { $0 != " " }.filter { $0 != "," }
            totals[key] = Int(digits)
        }
    }
    return (rows, totals)
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

@Test(arguments: Reference.files(prefix: "summary_", suffix: ".txt"))
func summaryTableMatchesKeras(file: String) throws {
    let text = try #require(Reference.read(Reference.directory! + "/" + file))
    let name = String(file.dropFirst(8).dropLast(4))
    let builder = try #require(referenceModels[name])
    let model = try builder(Session(seed: 1))
    let summary = model.summary()
    let (rows, totals) = summaryCells(text)
    #expect(text.hasPrefix("Model: \"\(summary.modelName)\""))
    #expect(text.contains("┃ Layer (type) "))
    try #require(rows.count == summary.rows.count)
    for (cells, row) in zip(rows, summary.rows) {
        #expect(cells[0] == "\(row.name) (\(row.className))")
        #expect(cells[1] == (row.outputShape.map(formatShape) ?? "?"))
        #expect(cells[2] == (row.params.map(groupedDigits) ?? "0 (unbuilt)"))
    }
    #expect(totals["Total params"] == summary.totalParams)
    #expect(totals["Trainable params"] == summary.trainableParams)
    #expect(totals["Non-trainable params"] == summary.nonTrainableParams)
}
