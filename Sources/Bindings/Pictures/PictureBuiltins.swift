import Figures
import FoveaLang
import NeuralNet
import Tensor

/// The built-ins that show pictures: images, feature maps, filters, pooling and convolution
/// demos, training curves, parameter formulas. Each checks its arguments, computes the picture
/// data (Figures) and shows it; the host renders it.
enum PictureBuiltins {
    static var functions: [NativeFunction] {
        [showImages, showImage, showFeatureMaps, showFilters, showPooling, showConvolution, plotHistory,
         showPredictions, explainParams]
    }

    static func show(_ picture: Picture, _ ctx: CallContext) -> Value {
        ctx.display(picture)
        return .none
    }

    static var showImages: NativeFunction {
        NativeFunction("show_images", doc: """
            Show a grid of input images, each scaled up so it is easy to see, with its label under it. \
            images is a batch such as x_train[:16] (shape (n, 28, 28) or (n, 28, 28, 1), uint8 or float) \
            or a batch of RGB images (n, height, width, 3), e.g. from an image dataset. \
            labels are the class numbers (y_train[:16]); they are shown by name, Fashion-MNIST's names \
            unless class_names gives others. At most 100 images are drawn.
            """,
            parameters: [.required("images"), .optional("labels", default: Value.none), .optional("class_names", default: Value.none),
                         .optional("cols", default: .int(8))]) { args, ctx in
            let batch = try PictureArguments.imageBatch(args, "images", color: true)
            let labels = try PictureArguments.labels(args, "labels")
            let names = try PictureArguments.classNames(args, "class_names")
            let cols = try PictureArguments.positive(args, "cols")
            return show(.images(PictureBuilders.images(batch, labels: labels, classNames: names, columns: cols)), ctx)
        }
    }

    static var showImage: NativeFunction {
        NativeFunction("show_image", doc: """
            Show one input image, scaled up, with its label if given. image has shape (28, 28), \
            (28, 28, 1) or (1, 28, 28, 1), e.g. x_train[0].
            """,
            parameters: [.required("image"), .optional("label", default: Value.none), .optional("class_names", default: Value.none)]) { args, ctx in
            let image = try PictureArguments.image(args, "image")
            let batch = try keras(args.span(of: "image")) { try Tensor(shape: [1, image.height, image.width], floats: image.values) }
            var labels: [Int]?
            if let l = args["label"], !l.isNone {
                guard let k = l.asInt ?? (try? PictureArguments.labels(args, "label"))?.first else {
                    throw Diagnostic(.typeError, "label must be a class number. Received: \(Repr.repr(l))", at: args.span(of: "label"))
                }
                labels = [k]
            }
            let names = try PictureArguments.classNames(args, "class_names")
            return show(.images(PictureBuilders.images(batch, labels: labels, classNames: names, columns: 1, title: "Image")), ctx)
        }
    }

    static var showFeatureMaps: NativeFunction {
        NativeFunction("show_feature_maps", doc: """
            Run one image through the model and show what each channel of a layer sees: one small \
            picture per channel (bright = strong response). layer is a layer's name ('conv2d') or \
            index; without it, every convolution and pooling layer is shown, each as a labelled grid, \
            so early layers (edges) and late ones (coarser patterns) can be compared. Works for \
            untrained and trained models. image has shape (28, 28), (28, 28, 1) or (1, 28, 28, 1).
            """,
            parameters: [.required("model"), .required("image"), .optional("layer", default: Value.none), .optional("cols", default: .int(8))]) { args, ctx in
            let model = try PictureArguments.model(args)
            let image = try PictureArguments.image(args, "image")
            let chosen = try PictureArguments.layer(args, "layer", of: model)
            let cols = try PictureArguments.positive(args, "cols")
            let x = try PictureArguments.modelInput(image, model: model, args: args, "image")
            let all = try keras(args.span(of: "image")) { try model.activations(x) }
            let hasChannels: ((layer: any Layer, output: Tensor)) -> Bool = { $0.output.shape.rank == 4 }
            var picked: [(layer: any Layer, output: Tensor)]
            if let chosen {
                picked = all.filter { $0.layer === chosen }
                if let p = picked.first, !hasChannels(p) {
                    let candidates = all.filter(hasChannels).map { $0.layer.name }
                    throw Diagnostic(.valueError,
                                     "Layer \(chosen.name) (\(chosen.className)) outputs \(formatShape([nil] + p.output.shape.dims.dropFirst().map { $0 })): it has no channels of an image to show.",
                                     at: args.span(of: "layer"),
                                     notes: [candidates.isEmpty ? "help: this model has no convolution or pooling layer"
                                             : "help: choose a layer with feature maps: \(candidates.map { "'\($0)'" }.joined(separator: ", "))"])
                }
            } else {
                picked = all.filter { hasChannels($0) && ($0.layer.className.contains("Conv") || $0.layer.className.contains("Pooling")) }
                if picked.isEmpty { picked = all.filter(hasChannels) }
                if picked.isEmpty {
                    throw Diagnostic(.valueError, "The model \(model.name) has no convolution or pooling layer, so there are no feature maps to show.",
                                     at: args.span(of: "model"), notes: ["help: add a Conv2D layer, e.g. Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1))"])
                }
            }
            let first = try keras(args.span(of: "image")) { try Tensor(shape: [1, image.height, image.width], floats: image.values) }
            return show(.images(PictureBuilders.featureMaps(picked, image: first, columns: cols, modelName: model.name)), ctx)
        }
    }

    static var showFilters: NativeFunction {
        NativeFunction("show_filters", doc: """
            Show the kernels (filters) of a Conv2D layer as small images: blue for negative weights, \
            white for zero, red for positive. layer is the layer's name or index, or the layer; \
            without it, the first Conv2D layer. A layer after the first sees several input channels: \
            channel picks which one to show.
            """,
            parameters: [.required("model"), .optional("layer", default: Value.none), .optional("channel", default: .int(0))]) { args, ctx in
            let model = try PictureArguments.model(args)
            let convs = model.layers.compactMap { $0 as? Conv2D }
            let chosen = try PictureArguments.layer(args, "layer", of: model)
            guard let layer = chosen ?? convs.first.map({ $0 as any Layer }) else {
                throw Diagnostic(.valueError, "The model \(model.name) has no Conv2D layer, so it has no filters to show.", at: args.span(of: "model"))
            }
            guard let conv = layer as? Conv2D else {
                throw Diagnostic(.valueError,
                                 "show_filters() needs a Conv2D layer, but \(layer.name) is a \(layer.className) layer: its weights are not small images.",
                                 at: args.span(of: "layer"),
                                 notes: [convs.isEmpty ? "help: this model has no Conv2D layer"
                                         : "help: the Conv2D layers of this model are \(convs.map { "'\($0.name)'" }.joined(separator: ", "))"])
            }
            guard conv.isBuilt else {
                throw Diagnostic(.valueError, "Layer \(conv.name) is not built yet, so it has no filters.", at: args.span(of: "layer"),
                                 notes: ["help: give the first layer input_shape=(28, 28, 1), or call model.build((None, 28, 28, 1))"])
            }
            let inputs = conv.weights[0].shape[2]
            let channel = try args.int("channel")
            guard channel >= 0, channel < inputs else {
                throw Diagnostic(.valueError, "channel must be between 0 and \(inputs - 1): \(conv.name) sees \(inputs) input channel\(inputs == 1 ? "" : "s"). Received: channel=\(channel)",
                                 at: args.span(of: "channel"))
            }
            return show(.images(PictureBuilders.filters(conv, channel: channel, columns: 8)), ctx)
        }
    }

    static var showPooling: NativeFunction {
        NativeFunction("show_pooling", doc: """
            Show an image before and after max pooling side by side, then the numbers of a small patch \
            and of its pooled result: max pooling picks the highest number in each 2x2 window, so a \
            28x28 image becomes 14x14. image has shape (28, 28), (28, 28, 1) or (1, 28, 28, 1).
            """,
            parameters: [.required("image"), .optional("pool_size", default: .tuple([.int(2), .int(2)])), .optional("strides", default: Value.none)]) { args, ctx in
            let image = try PictureArguments.image(args, "image")
            let pool = try PictureArguments.pair(args, "pool_size") ?? (2, 2)
            let strides = try PictureArguments.pair(args, "strides") ?? pool
            guard pool.0 <= image.height, pool.1 <= image.width else {
                throw Diagnostic(.valueError, "The pool window \(pool.0)x\(pool.1) is larger than the \(image.height)x\(image.width) image.",
                                 at: args.span(of: "pool_size"))
            }
            let demo = try keras(args.span(of: "image")) {
                try PictureBuilders.pooling(image.values, height: image.height, width: image.width, pool: pool, strides: strides)
            }
            return show(.pooling(demo), ctx)
        }
    }

    static var showConvolution: NativeFunction {
        NativeFunction("show_convolution", doc: """
            Slide a kernel over an image and show the image, the kernel's numbers and the feature map \
            it makes, with their sizes: with padding='valid' a 3x3 kernel shrinks 28x28 to 26x26; \
            padding='same' keeps 28x28. kernel is a grid of numbers, e.g. [[-1, 0, 1], [-2, 0, 2], \
            [-1, 0, 1]] finds vertical edges.
            """,
            parameters: [.required("image"), .required("kernel"), .optional("padding", default: .str("valid")), .optional("strides", default: .int(1))]) { args, ctx in
            let image = try PictureArguments.image(args, "image")
            let kernel = try PictureArguments.kernel(args, "kernel")
            guard kernel.allSatisfy({ $0.count == kernel[0].count }) else {
                throw Diagnostic(.valueError, "every row of kernel must have the same length", at: args.span(of: "kernel"))
            }
            let paddingName = try args.string("padding")
            let padding = try keras(args.span(of: "padding")) { try parsePadding(paddingName) }
            let strides = try PictureArguments.pair(args, "strides") ?? (1, 1)
            if padding == .valid, kernel.count > image.height || kernel[0].count > image.width {
                throw Diagnostic(.valueError,
                                 "The \(kernel.count)x\(kernel[0].count) kernel is larger than the \(image.height)x\(image.width) image, so padding='valid' leaves nothing.",
                                 at: args.span(of: "kernel"), notes: ["help: use a smaller kernel, or padding='same'"])
            }
            let demo = try keras(args.span(of: "kernel")) {
                try PictureBuilders.convolution(image.values, height: image.height, width: image.width, kernel: kernel,
                                                padding: padding, strides: strides)
            }
            return show(.convolution(demo), ctx)
        }
    }

    static var plotHistory: NativeFunction {
        NativeFunction("plot_history", doc: """
            Plot the loss and the accuracy after each epoch, training (solid) and validation (dashed), \
            with axes, ticks and a legend. history is what model.fit(...) returns, or its .history \
            dict such as {'loss': [...], 'accuracy': [...], 'val_loss': [...], 'val_accuracy': [...]}.
            """,
            parameters: [.required("history")]) { args, ctx in
            let h = try PictureArguments.history(args, "history", ctx)
            return show(.curves(CurveFigure.history(h)), ctx)
        }
    }

    static var showPredictions: NativeFunction {
        NativeFunction("show_predictions", doc: """
            Show images with the class the model predicts and how sure it is (e.g. 'Sneaker 97%'). \
            With labels (the true class numbers), right answers are green and wrong ones are framed \
            in red with the true class under them. Fashion-MNIST's class names unless class_names \
            gives others. At most 100 images are drawn.
            """,
            parameters: [.required("model"), .required("images"), .optional("labels", default: Value.none),
                         .optional("class_names", default: Value.none), .optional("cols", default: .int(8))]) { args, ctx in
            let model = try PictureArguments.model(args)
            let batch = try PictureArguments.imageBatch(args, "images")
            let labels = try PictureArguments.labels(args, "labels")
            let names = try PictureArguments.classNames(args, "class_names")
            let cols = try PictureArguments.positive(args, "cols")
            let n = min(batch.shape[0], PictureBuilders.maxImages)
            let h = batch.shape[1], w = batch.shape[2]
            let values = Array(batch.floatArray.prefix(n * h * w))
            let x = try PictureArguments.modelInput((values, h, w), count: n, model: model, args: args, "images")
            let outputs = try keras(args.span(of: "images")) { try model.predict(x: x) }
            guard outputs.shape.rank == 2 else {
                throw Diagnostic(.valueError, "show_predictions() needs a model that outputs one score per class, (None, classes). The model \(model.name) outputs \(outputs.shape).",
                                 at: args.span(of: "model"))
            }
            let shown = try keras(args.span(of: "images")) { try Tensor(shape: [n, h, w], floats: values) }
            return show(.images(PictureBuilders.predictions(shown, outputs: outputs, labels: labels, classNames: names, columns: cols)), ctx)
        }
    }

    static var explainParams: NativeFunction {
        NativeFunction("explain_params", doc: """
            A table of where each layer's parameters come from: Conv2D (3 x 3 x 1 + 1) x 32 = 320 \
            (a 3x3 kernel on 1 input channel plus a bias, for each of 32 filters), Dense (576 + 1) x 64 \
            = 36,928, BatchNormalization 4 x 64 = 256 (128 trainable), pooling and Flatten 0: no \
            weights; then the total, which is what model.summary() counts.
            """,
            parameters: [.required("model")]) { args, ctx in
            let model = try PictureArguments.model(args)
            let explanation = try keras(args.span(of: "model")) { try ParamExplanation(model) }
            return show(.parameters(explanation), ctx)
        }
    }
}
