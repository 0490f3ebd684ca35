import NeuralNet
import Glibc
import Tensor

/// Fashion-MNIST's ten classes, the names `show_images` and `show_predictions` use by default.
public let fashionMNISTClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                     "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

/// Turning tensors and models into picture data. Inputs are already checked: images come as a
/// float32 batch `(n, height, width)`.
public enum PictureBuilders {
    /// At most this many images are drawn by `show_images` and `show_predictions`.
    public static let maxImages = 100

    /// The (h, w) plane of image `n`, channel `c` of an NHWC tensor, or of an `(n, h, w)` one.
    public static func plane(_ t: Tensor, _ n: Int, channel c: Int = 0) -> (values: [Float], height: Int, width: Int) {
        let d = t.shape.dims
        let h = d[1], w = d[2], channels = d.count == 4 ? d[3] : 1
        var v = [Float](repeating: 0, count: h * w)
        t.withFloats { f in
            let base = n * h * w * channels
            for i in 0..<(h * w) { v[i] = f[base + i * channels + c] }
        }
        return (v, h, w)
    }

    /// The caption of label `k`: its class name when there is one, else the number.
    static func name(_ k: Int, _ classNames: [String]?) -> String {
        if let classNames, k >= 0, k < classNames.count { return classNames[k] }
        return String(k)
    }

    /// `show_images`: a grid of the first images (at most `maxImages`) with their labels.
    public static func images(_ batch: Tensor, labels: [Int]?, classNames: [String]?, columns: Int, title: String = "Images") -> ImageFigure {
        let n = batch.shape[0]
        let shown = min(n, maxImages)
        // (n, h, w) gray, or (n, h, w, 3) RGB shown in its own colours.
        let channels = batch.shape.rank == 4 ? batch.shape[3] : 1
        let size = batch.shape[1] * batch.shape[2] * channels
        let all = Array(batch.floatArray.prefix(shown * size))
        let tiles = (0..<shown).map { i -> ImageTile in
            let caption = labels.flatMap { i < $0.count ? [name($0[i], classNames)] : nil } ?? []
            if channels > 1 {
                return ImageTile(values: Array(all[(i * size)..<((i + 1) * size)]), height: batch.shape[1], width: batch.shape[2],
                                 channels: channels, caption: caption)
            }
            let p = plane(batch, i)
            return ImageTile(values: p.values, height: p.height, width: p.width, caption: caption)
        }
        let grid = ImageGrid(title: "\(shown) image\(shown == 1 ? "" : "s") of \(batch.shape[1])x\(batch.shape[2])",
                             tiles: tiles, columns: min(columns, max(1, shown)), colors: .gray,
                             normalization: .forInputs(all))
        let note = shown < n ? "showing the first \(shown) of \(groupedDigits(n)) images" : nil
        return ImageFigure(title: title, grids: [grid], note: note)
    }

    /// `show_predictions`: each image with its predicted class and confidence; with labels,
    /// wrong ones are marked and name the true class. `outputs` is the model's `(n, classes)`.
    public static func predictions(_ batch: Tensor, outputs: Tensor, labels: [Int]?, classNames: [String]?, columns: Int) -> ImageFigure {
        var figure = images(batch, labels: nil, classNames: nil, columns: columns, title: "Predictions")
        let classes = outputs.shape.dims.last ?? 1
        let rows = outputs.floatArray
        var right = 0, judged = 0
        for i in figure.grids[0].tiles.indices {
            let row = Array(rows[(i * classes)..<((i + 1) * classes)])
            let p = probabilities(row)
            let k = p.indices.max { p[$0] < p[$1] } ?? 0
            var caption = ["\(name(k, classNames)) \(Int((p[k] * 100).rounded()))%"]
            var mark = TileMark.none
            if let labels, i < labels.count {
                judged += 1
                if labels[i] == k { mark = .right; right += 1 } else {
                    mark = .wrong
                    caption.append("true: \(name(labels[i], classNames))")
                }
            }
            figure.grids[0].tiles[i].caption = caption
            figure.grids[0].tiles[i].mark = mark
        }
        if judged > 0 {
            figure.grids[0].title += ": \(right) of \(judged) right"
        }
        return figure
    }

    /// The row as probabilities: itself when it already is one (non-negative, summing to 1),
    /// otherwise its softmax (a model ending in logits).
    public static func probabilities(_ row: [Float]) -> [Float] {
        let sum = row.reduce(0, +)
        if row.allSatisfy({ $0 >= 0 }), abs(sum - 1) < 1e-3 { return row }
        let m = row.max() ?? 0
        let e = row.map { expf($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// `show_feature_maps`: every channel of each chosen layer's output for one image
    /// `(1, h, w, c)`, a grid per layer with one scale per layer.
    public static func featureMaps(_ activations: [(layer: any Layer, output: Tensor)], image: Tensor, columns: Int,
                                   modelName: String) -> ImageFigure {
        let input = plane(image, 0)
        var grids = [ImageGrid(title: "input: \(input.height)x\(input.width)",
                               tiles: [ImageTile(values: input.values, height: input.height, width: input.width)],
                               columns: 1, colors: .gray, normalization: .forInputs(input.values))]
        for (layer, out) in activations {
            let d = out.shape.dims
            let tiles = (0..<d[3]).map { c -> ImageTile in
                let p = plane(out, 0, channel: c)
                return ImageTile(values: p.values, height: p.height, width: p.width, caption: [String(c)])
            }
            grids.append(ImageGrid(title: "\(layer.name) (\(layer.className)): \(d[3]) channels of \(d[1])x\(d[2])",
                                   tiles: tiles, columns: columns, colors: .viridis, normalization: .shared))
        }
        return ImageFigure(title: "Feature maps of \(modelName)", grids: grids)
    }

    /// `show_filters`: the kernels of a Conv2D layer `(kh, kw, in, filters)` as small images, for
    /// input channel `channel`, blue negative, red positive.
    public static func filters(_ layer: Conv2D, channel: Int, columns: Int) -> ImageFigure {
        let kernel = layer.weights[0].value
        let d = kernel.shape.dims
        let (kh, kw, cin, f) = (d[0], d[1], d[2], d[3])
        let k = kernel.floatArray
        let tiles = (0..<f).map { j -> ImageTile in
            var v = [Float](repeating: 0, count: kh * kw)
            for y in 0..<kh { for x in 0..<kw { v[y * kw + x] = k[((y * kw + x) * cin + channel) * f + j] } }
            return ImageTile(values: v, height: kh, width: kw, caption: [String(j)])
        }
        let of = cin > 1 ? ", input channel \(channel) of \(cin)" : ""
        let grid = ImageGrid(title: "\(layer.name) (Conv2D): \(f) filters of \(kh)x\(kw)\(of)", tiles: tiles,
                             columns: columns, colors: .diverging, normalization: .symmetric)
        return ImageFigure(title: "Filters of \(layer.name)", grids: [grid],
                           note: "blue: negative weights, white: zero, red: positive")
    }

    /// `show_pooling`: max pooling of one `(h, w)` image with a valid window, and the busiest
    /// patch of up to 3x3 windows with its pooled numbers.
    public static func pooling(_ image: [Float], height h: Int, width w: Int, pool: (Int, Int), strides: (Int, Int)) throws -> PoolingDemo {
        let input = try Tensor(shape: [1, h, w, 1], floats: image)
        let pooled = try Kernels.maxPool2d(input: input, pool: pool, strides: strides, padding: .valid)
        let oh = pooled.shape[1], ow = pooled.shape[2]
        let kr = min(3, oh), kc = min(3, ow)
        var best = (row: 0, column: 0), bestScore = -Float.infinity
        for wr in 0...(oh - kr) {
            for wc in 0...(ow - kc) {
                let r0 = wr * strides.0, c0 = wc * strides.1
                let rows = (kr - 1) * strides.0 + pool.0, cols = (kc - 1) * strides.1 + pool.1
                var values: [Float] = []
                for r in r0..<(r0 + rows) { for c in c0..<(c0 + cols) { values.append(image[r * w + c]) } }
                let mean = values.reduce(0, +) / Float(values.count)
                let score = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                if score > bestScore { bestScore = score; best = (wr, wc) }
            }
        }
        let r0 = best.row * strides.0, c0 = best.column * strides.1
        let rows = (kr - 1) * strides.0 + pool.0, cols = (kc - 1) * strides.1 + pool.1
        let patch = (0..<rows).map { r in (0..<cols).map { c in image[(r0 + r) * w + c0 + c] } }
        // Direct loops: the largest value of each window of the patch.
        let pooledPatch = (0..<kr).map { i in
            (0..<kc).map { j -> Float in
                var m = -Float.infinity
                for r in 0..<pool.0 { for c in 0..<pool.1 { m = max(m, patch[i * strides.0 + r][j * strides.1 + c]) } }
                return m
            }
        }
        let normalization = PictureNormalization.forInputs(image)
        return PoolingDemo(before: ImageTile(values: image, height: h, width: w, caption: ["\(h)x\(w)"]),
                           after: ImageTile(values: pooled.floatArray, height: oh, width: ow, caption: ["\(oh)x\(ow)"]),
                           poolSize: pool, strides: strides, patch: patch, patchOrigin: (r0, c0),
                           pooledPatch: pooledPatch, normalization: normalization)
    }

    /// `show_convolution`: one `(h, w)` image convolved (Keras's cross-correlation) with a
    /// `(kh, kw)` kernel, no bias.
    public static func convolution(_ image: [Float], height h: Int, width w: Int, kernel: [[Float]], padding: Padding,
                                   strides: (Int, Int)) throws -> ConvolutionDemo {
        let kh = kernel.count, kw = kernel[0].count
        let input = try Tensor(shape: [1, h, w, 1], floats: image)
        let k = try Tensor(shape: [kh, kw, 1, 1], floats: kernel.flatMap { $0 })
        let out = try Kernels.conv2d(input: input, kernel: k, bias: nil, strides: strides, padding: padding)
        let oh = out.shape[1], ow = out.shape[2]
        return ConvolutionDemo(image: ImageTile(values: image, height: h, width: w, caption: ["\(h)x\(w)"]),
                               kernel: kernel,
                               featureMap: ImageTile(values: out.floatArray, height: oh, width: ow, caption: ["\(oh)x\(ow)"]),
                               padding: padding.rawValue, strides: strides,
                               imageNormalization: .forInputs(image))
    }
}
