/// `keras.applications.InceptionV3`, layer for layer as Keras's `inception_v3.py` builds it: a
/// stem of conv+BN+ReLU units and max pools, then the mixed0 ... mixed10 blocks, each
/// concatenating parallel branches (1x1, 5x5 or factorised 7x7 convolutions, 3x3 stacks, pools).
/// Its units are unnamed, so their names count up (conv2d, batch_normalization, activation, ...).
public enum InceptionV3 {
    public static func make(_ options: ApplicationOptions, session s: Session) throws -> Sequential {
        try options.checkPooling()
        let shape = try options.resolvedInputShape(defaultSize: 299, minSize: 75)
        let g = GraphBuilder(session: s)
        let input = try InputLayer(shape: shape, session: s).placeholder
        let u = Unit(g: g)
        var x = try u(input, 32, 3, 3, strides: 2, padding: "valid")
        x = try u(x, 32, 3, 3, padding: "valid")
        x = try u(x, 64, 3, 3)
        x = try g(MaxPooling2D(poolSize: 3, strides: 2, session: s), x)
        x = try u(x, 80, 1, 1, padding: "valid")
        x = try u(x, 192, 3, 3, padding: "valid")
        x = try g(MaxPooling2D(poolSize: 3, strides: 2, session: s), x)
        for (i, poolFilters) in [32, 64, 64].enumerated() { x = try mixed35(u, x, poolFilters: poolFilters, name: "mixed\(i)") }
        x = try reduction17(u, x)
        for (i, f) in [128, 160, 160, 192].enumerated() { x = try mixed17(u, x, filters: f, name: "mixed\(4 + i)") }
        x = try reduction8(u, x)
        for i in 0..<2 { x = try mixed8(u, x, index: i) }
        if options.includeTop {
            x = try g(GlobalAveragePooling2D(name: "avg_pool", session: s), x)
            x = try g(Dense(units: options.classes, activation: options.classifierActivation, name: "predictions", session: s), x)
        } else {
            x = try g.pooled(x, options)
        }
        return try g.model(input, x, name: options.name ?? "inception_v3")
    }

    /// Keras's `conv2d_bn`: Conv2D without bias, BatchNormalization without scale, ReLU.
    struct Unit {
        let g: GraphBuilder
        func callAsFunction(_ x: SymbolicTensor, _ filters: Int, _ rows: Int, _ cols: Int, strides: Int = 1,
                            padding: String = "same") throws -> SymbolicTensor {
            let s = g.session
            var y = try g(Conv2D(filters: filters, kernelSize: [rows, cols], strides: IntOrTuple(strides), padding: padding, useBias: false,
                                 session: s), x)
            y = try g(BatchNormalization(axis: 3, scale: false, session: s), y)
            return try g(ActivationLayer("relu", session: s), y)
        }
        func pool(_ x: SymbolicTensor) throws -> SymbolicTensor {
            try g(AveragePooling2D(poolSize: 3, strides: 1, padding: "same", session: g.session), x)
        }
        func concat(_ xs: [SymbolicTensor], _ name: String?) throws -> SymbolicTensor {
            try g.merge(Concatenate(axis: 3, name: name, session: g.session), xs)
        }
    }

    /// mixed0 ... mixed2 (35 x 35).
    static func mixed35(_ u: Unit, _ x: SymbolicTensor, poolFilters: Int, name: String) throws -> SymbolicTensor {
        let b1 = try u(x, 64, 1, 1)
        let b5 = try u(u(x, 48, 1, 1), 64, 5, 5)
        let b3 = try u(u(u(x, 64, 1, 1), 96, 3, 3), 96, 3, 3)
        let bp = try u(u.pool(x), poolFilters, 1, 1)
        return try u.concat([b1, b5, b3, bp], name)
    }

    /// mixed3: 35 x 35 to 17 x 17.
    static func reduction17(_ u: Unit, _ x: SymbolicTensor) throws -> SymbolicTensor {
        let b3 = try u(x, 384, 3, 3, strides: 2, padding: "valid")
        let bd = try u(u(u(x, 64, 1, 1), 96, 3, 3), 96, 3, 3, strides: 2, padding: "valid")
        let bp = try u.g(MaxPooling2D(poolSize: 3, strides: 2, session: u.g.session), x)
        return try u.concat([b3, bd, bp], "mixed3")
    }

    /// mixed4 ... mixed7 (17 x 17), with factorised 7x7 convolutions of `filters` channels.
    static func mixed17(_ u: Unit, _ x: SymbolicTensor, filters f: Int, name: String) throws -> SymbolicTensor {
        let b1 = try u(x, 192, 1, 1)
        let b7 = try u(u(u(x, f, 1, 1), f, 1, 7), 192, 7, 1)
        var bd = try u(u(x, f, 1, 1), f, 7, 1)
        bd = try u(u(u(bd, f, 1, 7), f, 7, 1), 192, 1, 7)
        let bp = try u(u.pool(x), 192, 1, 1)
        return try u.concat([b1, b7, bd, bp], name)
    }

    /// mixed8: 17 x 17 to 8 x 8.
    static func reduction8(_ u: Unit, _ x: SymbolicTensor) throws -> SymbolicTensor {
        let b3 = try u(u(x, 192, 1, 1), 320, 3, 3, strides: 2, padding: "valid")
        var b7 = try u(u(u(x, 192, 1, 1), 192, 1, 7), 192, 7, 1)
        b7 = try u(b7, 192, 3, 3, strides: 2, padding: "valid")
        let bp = try u.g(MaxPooling2D(poolSize: 3, strides: 2, session: u.g.session), x)
        return try u.concat([b3, b7, bp], "mixed8")
    }

    /// mixed9 and mixed10 (8 x 8), with their split 1x3 / 3x1 branches.
    static func mixed8(_ u: Unit, _ x: SymbolicTensor, index i: Int) throws -> SymbolicTensor {
        let b1 = try u(x, 320, 1, 1)
        let b3in = try u(x, 384, 1, 1)
        let b3 = try u.concat([u(b3in, 384, 1, 3), u(b3in, 384, 3, 1)], "mixed9_\(i)")
        let bdin = try u(u(x, 448, 1, 1), 384, 3, 3)
        let bd = try u.concat([u(bdin, 384, 1, 3), u(bdin, 384, 3, 1)], nil)
        let bp = try u(u.pool(x), 192, 1, 1)
        return try u.concat([b1, b3, bd, bp], "mixed\(9 + i)")
    }
}
