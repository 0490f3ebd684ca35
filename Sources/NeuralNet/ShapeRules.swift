import Tensor

/// Shape checks shared by the image layers (convolution and pooling).

/// An NHWC input `(batch, height, width, channels)`, or Keras's ndim error:
/// `Input 0 of layer "conv2d_1" is incompatible with the layer: expected ndim=4 (batch, height,
/// width, channels), found ndim=2. Full shape received: (None, 64)`.
func imageInput(_ shape: [Int?], of layer: any Layer) throws -> (height: Int?, width: Int?, channels: Int?) {
    guard shape.count == 4 else {
        var error = LayerError.value(
            "Input 0 of layer \"\(layer.name)\" is incompatible with the layer: expected ndim=4 "
                + "(batch, height, width, channels), found ndim=\(shape.count). "
                + "Full shape received: \(formatShape(shape))")
        error.expectedRank = 4
        if shape.count == 3 {
            let withChannel = formatShape(Array(shape.dropFirst()) + [1])
            error.hint = "Images need a channel axis: use input_shape=\(withChannel) for grayscale images "
                + "(and give the data that axis too: x[..., None] or x.reshape(-1, ...))."
        }
        throw error
    }
    return (shape[1], shape[2], shape[3])
}

/// The known channel count of an input, or an error naming the layer.
func knownChannels(_ channels: Int?, shape: [Int?], of layer: any Layer) throws -> Int {
    guard let channels else {
        throw LayerError.value(
            "The last dimension of the input of layer \"\(layer.name)\" must be known. "
                + "Full shape received: \(formatShape(shape))")
    }
    return channels
}

/// Height and width after a window (`kernel` or `pool window`) with strides and padding, by
/// Keras's rule; with 'valid' padding a window larger than the input is an error that says so:
/// `the kernel (5, 5) is larger than the input (3, 3) of conv2d_2; use padding='same' or a
/// smaller kernel_size`.
func windowOutput(height: Int?, width: Int?, window: (Int, Int), strides: (Int, Int), padding: Padding,
                  windowName: String, argument: String, shape: [Int?], of layer: any Layer) throws -> (Int?, Int?) {
    if padding == .valid, (height.map { $0 < window.0 } ?? false) || (width.map { $0 < window.1 } ?? false) {
        let input = pythonTuple([height, width].map { $0.map(String.init) ?? "None" })
        throw LayerError.value(
            "Computed output size would be negative: the \(windowName) (\(window.0), \(window.1)) is larger "
                + "than the input \(input) of \(layer.name); use padding='same' or a smaller \(argument). "
                + "Full shape received: \(formatShape(shape))",
            argument: argument)
    }
    let h = height.map { convOutputSize($0, kernel: window.0, stride: strides.0, padding: padding) }
    let w = width.map { convOutputSize($0, kernel: window.1, stride: strides.1, padding: padding) }
    return (h, w)
}

/// A convolution's rule for an image input (Conv2D, SeparableConv2D, DepthwiseConv2D): the
/// input must be (batch, h, w, c) with c known, and the kernel window gives the output's
/// height and width. Returns them with the input's channel count.
func convolutionWindow(_ inputShape: [Int?], kernelSize: (Int, Int), strides: (Int, Int), padding: Padding,
                       of layer: any Layer) throws -> (height: Int?, width: Int?, channels: Int) {
    let (h, w, c) = try imageInput(inputShape, of: layer)
    let channels = try knownChannels(c, shape: inputShape, of: layer)
    let (oh, ow) = try windowOutput(height: h, width: w, window: kernelSize, strides: strides, padding: padding,
                                    windowName: "kernel", argument: "kernel_size", shape: inputShape, of: layer)
    return (oh, ow, channels)
}
