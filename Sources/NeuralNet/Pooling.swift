import Tensor

/// The window, strides and padding of a 2-D pooling layer, validated as Keras does:
/// `pool_size` defaults to (2, 2) and `strides` to the pool size.
public struct PoolingWindow: Sendable {
    public let poolSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding

    init(poolSize: IntOrTuple, strides: IntOrTuple?, padding: String) throws {
        self.poolSize = try poolSize.pair("pool_size")
        self.strides = try strides.map { try $0.pair("strides") } ?? self.poolSize
        self.padding = try parsePadding(padding)
    }

    func outputShape(_ inputShape: [Int?], of layer: any Layer) throws -> [Int?] {
        let (h, w, c) = try imageInput(inputShape, of: layer)
        let (oh, ow) = try windowOutput(height: h, width: w, window: poolSize, strides: strides, padding: padding,
                                        windowName: "pool window", argument: "pool_size", shape: inputShape,
                                        of: layer)
        return [inputShape[0], oh, ow, c]
    }
}

/// `keras.layers.MaxPooling2D(pool_size=(2, 2), strides=None, padding='valid', name=None)`.
public final class MaxPooling2D: Layer {
    public let core: LayerCore
    public let window: PoolingWindow

    public init(poolSize: IntOrTuple = [2, 2], strides: IntOrTuple? = nil, padding: String = "valid",
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "MaxPooling2D", name: name, inputShape: inputShape, session: session)
        window = try PoolingWindow(poolSize: poolSize, strides: strides, padding: padding)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        try window.outputShape(inputShape, of: self)
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        if training { core.trainingState = x }
        return try Kernels.maxPool2d(input: x, pool: window.poolSize, strides: window.strides, padding: window.padding)
    }

    /// Each window's gradient to the cell the forward pass picked (the first maximum).
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let x = try keptState(Tensor.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        return try Kernels.maxPool2dBackward(input: x, gradOutput: gradOutput, pool: window.poolSize,
                                             strides: window.strides, padding: window.padding)
    }
}

/// `keras.layers.AveragePooling2D(pool_size=(2, 2), strides=None, padding='valid', name=None)`.
public final class AveragePooling2D: Layer {
    public let core: LayerCore
    public let window: PoolingWindow

    public init(poolSize: IntOrTuple = [2, 2], strides: IntOrTuple? = nil, padding: String = "valid",
                inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "AveragePooling2D", name: name, inputShape: inputShape, session: session)
        window = try PoolingWindow(poolSize: poolSize, strides: strides, padding: padding)
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        try window.outputShape(inputShape, of: self)
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        if training { core.trainingState = x.shape }
        return try Kernels.avgPool2d(input: x, pool: window.poolSize, strides: window.strides, padding: window.padding)
    }

    /// Each window's gradient shared evenly by its cells inside the input.
    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let shape = try keptState(Shape.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        return try Kernels.avgPool2dBackward(inputShape: shape, gradOutput: gradOutput, pool: window.poolSize,
                                             strides: window.strides, padding: window.padding)
    }
}

/// `keras.layers.GlobalAveragePooling2D(keepdims=False, name=None)`: `(None, h, w, c)` ->
/// `(None, c)`, or `(None, 1, 1, c)` with keepdims.
public final class GlobalAveragePooling2D: Layer {
    public let core: LayerCore
    public let keepdims: Bool

    public init(keepdims: Bool = false, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "GlobalAveragePooling2D", name: name, inputShape: inputShape,
                             session: session)
        self.keepdims = keepdims
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        try globalPoolShape(inputShape, keepdims: keepdims, of: self)
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        if training { core.trainingState = x.shape }
        return try keep(Kernels.globalAvgPool2d(x), keepdims)
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let shape = try keptState(Shape.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        return try Kernels.globalAvgPool2dBackward(inputShape: shape, gradOutput: unkeep(gradOutput, keepdims))
    }
}

/// `keras.layers.GlobalMaxPooling2D(keepdims=False, name=None)`.
public final class GlobalMaxPooling2D: Layer {
    public let core: LayerCore
    public let keepdims: Bool

    public init(keepdims: Bool = false, inputShape: [Int?]? = nil, name: String? = nil, session: Session) throws {
        core = try LayerCore(className: "GlobalMaxPooling2D", name: name, inputShape: inputShape, session: session)
        self.keepdims = keepdims
    }

    public func computeOutputShape(_ inputShape: [Int?]) throws -> [Int?] {
        try globalPoolShape(inputShape, keepdims: keepdims, of: self)
    }

    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        if training { core.trainingState = x }
        return try keep(Kernels.globalMaxPool2d(x), keepdims)
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) throws -> Tensor? {
        let x = try keptState(Tensor.self)
        core.gradients = []
        guard needInputGradient else { return nil }
        return try Kernels.globalMaxPool2dBackward(input: x, gradOutput: unkeep(gradOutput, keepdims))
    }
}

private func globalPoolShape(_ inputShape: [Int?], keepdims: Bool, of layer: any Layer) throws -> [Int?] {
    let (_, _, c) = try imageInput(inputShape, of: layer)
    return keepdims ? [inputShape[0], 1, 1, c] : [inputShape[0], c]
}

private func keep(_ pooled: Tensor, _ keepdims: Bool) throws -> Tensor {
    keepdims ? try pooled.reshaped([pooled.shape[0], 1, 1, pooled.shape[1]]) : pooled
}

/// A keepdims gradient [N, 1, 1, C] as [N, C].
private func unkeep(_ gradient: Tensor, _ keepdims: Bool) throws -> Tensor {
    keepdims && gradient.shape.rank == 4 ? try gradient.reshaped([gradient.shape[0], gradient.shape[3]]) : gradient
}
