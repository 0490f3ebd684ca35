/// `keras.applications.VGG16` and `VGG19`, layer for layer as Keras's `vgg16.py`/`vgg19.py`
/// build them: five blocks of 3x3 relu convolutions each ending in a 2x2 max pool, then
/// Flatten and the fc1, fc2 and predictions Dense layers.
public enum VGG {
    /// The convolutions per block: VGG16 2, 2, 3, 3, 3; VGG19 2, 2, 4, 4, 4.
    static func blocks(_ depth: Int) -> [(filters: Int, convs: Int)] {
        let deep = depth == 19 ? 4 : 3
        return [(64, 2), (128, 2), (256, deep), (512, deep), (512, deep)]
    }

    public static func make(depth: Int, _ options: ApplicationOptions, session s: Session) throws -> Sequential {
        try options.checkPooling()
        let shape = try options.resolvedInputShape(defaultSize: 224, minSize: 32)
        let g = GraphBuilder(session: s)
        let input = try InputLayer(shape: shape, session: s).placeholder
        var x = input
        for (b, block) in blocks(depth).enumerated() {
            for c in 1...block.convs {
                x = try g(Conv2D(filters: block.filters, kernelSize: [3, 3], padding: "same", activation: "relu",
                                 name: "block\(b + 1)_conv\(c)", session: s), x)
            }
            x = try g(MaxPooling2D(poolSize: [2, 2], strides: [2, 2], name: "block\(b + 1)_pool", session: s), x)
        }
        if options.includeTop {
            x = try g(Flatten(name: "flatten", session: s), x)
            x = try g(Dense(units: 4096, activation: "relu", name: "fc1", session: s), x)
            x = try g(Dense(units: 4096, activation: "relu", name: "fc2", session: s), x)
            x = try g(Dense(units: options.classes, activation: options.classifierActivation, name: "predictions", session: s), x)
        } else {
            x = try g.pooled(x, options)
        }
        return try g.model(input, x, name: options.name ?? "vgg\(depth)")
    }
}
