import Tensor

extension Sequential {
    /// Every layer's output for the batch `x`, in inference mode (`training: false`): what
    /// `show_feature_maps` draws. The input is checked as `model(x)` checks it, and an unbuilt
    /// model is built from the batch's shape.
    public func activations(_ x: Tensor) throws -> [(layer: any Layer, output: Tensor)] {
        guard x.dtype == .float32 else {
            throw LayerError.type("Expected float32 input data, received \(x.dtype).", argument: "x")
        }
        let found: [Int?] = [nil] + x.shape.dims.dropFirst().map { $0 }
        if let expected = inputShape {
            guard shapesCompatible(expected, found) else {
                throw LayerError.value(
                    "Input 0 of layer \"\(name)\" is incompatible with the layer: expected shape=\(formatShape(expected)), "
                        + "found shape=\(formatShape(x.shape.dims))",
                    argument: "x")
            }
        } else {
            try build(inputShape: found)
        }
        var y = x
        var out: [(layer: any Layer, output: Tensor)] = []
        for layer in layers {
            y = try layer.forward(y, training: false)
            out.append((layer, y))
        }
        return out
    }
}
