import Figures
import FoveaLang
import NeuralNet
import Tensor

/// Checking and converting the arguments of the picture built-ins: images of the shapes lessons
/// use, layers by name or index (with "did you mean"), kernels, labels, class names, histories.
enum PictureArguments {
    /// A batch of gray images `(n, h, w)` from `(n, h, w)`, `(n, h, w, 1)`, one `(h, w)` or
    /// `(h, w, 1)`, uint8 or float32, a tensor or nested lists; with `color`, RGB batches
    /// `(n, h, w, 3)` (a batch of an image dataset) and one `(h, w, 3)` image stay in colour.
    static func imageBatch(_ args: BoundArguments, _ name: String, color: Bool = false) throws -> Tensor {
        let span = args.span(of: name)
        let t = try TensorObject.tensor(from: args[name] ?? .none, argument: name, at: span)
        let d = t.shape.dims
        var out: [Int]
        switch d.count {
        case 2: out = [1, d[0], d[1]]
        case 3 where d[2] == 1: out = [1, d[0], d[1]]
        case 3 where color && d[2] == 3: out = [1, d[0], d[1], 3]
        case 3: out = d
        case 4 where d[3] == 1: out = [d[0], d[1], d[2]]
        case 4 where color && d[3] == 3: out = d
        default:
            let kinds = color ? "gray images of shape (n, height, width) or (n, height, width, 1), RGB images of shape (n, height, width, 3), or one image"
                : "gray images of shape (n, height, width) or (n, height, width, 1), or one image of shape (height, width)"
            throw Diagnostic(.valueError,
                             "\(args.functionName)() expects \(kinds). Received: \(name) with shape \(t.shape)",
                             at: span, notes: d.count == 4 ? [color ? "help: show gray or RGB images; pick channels with images[..., :3]"
                                                                      : "help: only one channel (gray) images can be shown; pick one channel with images[..., 0]"] : [])
        }
        guard out.allSatisfy({ $0 > 0 }) else {
            throw Diagnostic(.valueError, "\(args.functionName)() received no image: \(name) has shape \(t.shape)", at: span)
        }
        return try keras(span) { try t.reshaped(Shape(out)) }
    }

    /// One gray image `(h, w)` from `(h, w)`, `(h, w, 1)`, `(1, h, w)` or `(1, h, w, 1)`.
    static func image(_ args: BoundArguments, _ name: String) throws -> (values: [Float], height: Int, width: Int) {
        let span = args.span(of: name)
        let t = try TensorObject.tensor(from: args[name] ?? .none, argument: name, at: span)
        let d = t.shape.dims
        let hw: (Int, Int)?
        switch d.count {
        case 2: hw = (d[0], d[1])
        case 3 where d[2] == 1: hw = (d[0], d[1])
        case 3 where d[0] == 1: hw = (d[1], d[2])
        case 4 where d[0] == 1 && d[3] == 1: hw = (d[1], d[2])
        default: hw = nil
        }
        guard let (h, w) = hw, h > 0, w > 0 else {
            var notes: [String] = []
            if d.count >= 3, d[0] > 1 { notes.append("help: pass one image of the batch, e.g. \(name)[0]") }
            throw Diagnostic(.valueError,
                             "\(args.functionName)() expects one gray image of shape (28, 28), (28, 28, 1) or (1, 28, 28, 1). Received: \(name) with shape \(t.shape)",
                             at: span, notes: notes)
        }
        return (t.floatArray, h, w)
    }

    /// The image as a batch of one the model takes: `(1, h, w, 1)` for a model expecting
    /// `(None, h, w, 1)`, `(1, h, w)` for one expecting `(None, h, w)` (Flatten first).
    static func modelInput(_ image: (values: [Float], height: Int, width: Int), count: Int = 1, model: Sequential,
                           args: BoundArguments, _ name: String) throws -> Tensor {
        let span = args.span(of: name)
        let expected = model.inputShape
        let shape: [Int]
        if let expected, expected.count == 3 {
            shape = [count, image.height, image.width]
        } else {
            shape = [count, image.height, image.width, 1]
        }
        if let expected {
            let dims = Array(expected.dropFirst())
            let ok = dims.count == shape.count - 1 && zip(dims, shape.dropFirst()).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
            guard ok else {
                throw Diagnostic(.valueError,
                                 "The model \(model.name) expects images of shape \(formatShape(expected)), but \(name) has images of \(image.height)x\(image.width).",
                                 at: span, notes: ["help: pass images the model was built for, such as x_test[0]"])
            }
        }
        return try keras(span) { try Tensor(shape: Shape(shape), floats: image.values) }
    }

    /// The model argument.
    static func model(_ args: BoundArguments, _ name: String = "model") throws -> Sequential {
        let v = args[name] ?? .none
        guard case .object(let o) = v, let m = o as? ModelObject else {
            throw Diagnostic(.typeError, "\(args.functionName)() expects a Keras model as \(name). Received: \(Repr.repr(v)) (of type \(v.typeName))",
                             at: args.span(of: name))
        }
        return m.model
    }

    /// A layer of the model by name (did you mean ...) or index, or a layer object of it.
    static func layer(_ args: BoundArguments, _ name: String, of model: Sequential) throws -> (any Layer)? {
        let v = args[name] ?? .none
        let span = args.span(of: name)
        switch v {
        case .none: return nil
        case .str(let s):
            if let l = model.layers.first(where: { $0.name == s }) { return l }
            let names = model.layers.map(\.name)
            var notes: [String] = []
            if let close = Suggest.closest(to: s, in: names) { notes.append("help: did you mean '\(close)'?") }
            throw Diagnostic(.valueError,
                             "No such layer: \(s). Existing layers are: [\(names.map { "'\($0)'" }.joined(separator: ", "))].",
                             at: span, notes: notes)
        case .object(let o) where o is LayerObject:
            let l = (o as! LayerObject).layer
            guard model.layers.contains(where: { $0 === l }) else {
                throw Diagnostic(.valueError, "Layer \(l.name) is not a layer of the model \(model.name).", at: span)
            }
            return l
        default:
            guard let i = v.asInt else {
                throw Diagnostic(.typeError, "\(args.functionName)() expects \(name) to be a layer name, an index or None. Received: \(Repr.repr(v)) (of type \(v.typeName))", at: span)
            }
            return try keras(span) { try model.getLayer(index: i) }
        }
    }

    /// Integer class labels: a list, a tensor of ints, or one-hot rows (their argmax).
    static func labels(_ args: BoundArguments, _ name: String) throws -> [Int]? {
        guard let v = args[name], !v.isNone else { return nil }
        let span = args.span(of: name)
        let t = try TensorObject.tensor(from: v, argument: name, at: span)
        let d = t.shape.dims
        let values = t.floatArray
        if d.count == 2, d[1] > 1 {
            return (0..<d[0]).map { i in
                let row = values[(i * d[1])..<((i + 1) * d[1])]
                return row.indices.max { row[$0] < row[$1] }! - i * d[1]
            }
        }
        guard d.count <= 1 || (d.count == 2 && d[1] == 1) else {
            throw Diagnostic(.valueError, "\(name) must be one class number per image. Received: shape \(t.shape)", at: span)
        }
        return values.map { Int($0) }
    }

    /// Class names: a list of strings; Fashion-MNIST's when not given.
    static func classNames(_ args: BoundArguments, _ name: String) throws -> [String] {
        guard let v = args[name], !v.isNone else { return fashionMNISTClassNames }
        guard let items = KerasArguments.sequence(v) else {
            throw Diagnostic(.typeError, "\(name) must be a list of strings, one per class. Received: \(Repr.repr(v))", at: args.span(of: name))
        }
        return items.map { Repr.str($0) }
    }

    /// A positive int argument.
    static func positive(_ args: BoundArguments, _ name: String) throws -> Int {
        let n = try args.int(name)
        guard n > 0 else {
            throw Diagnostic(.valueError, "\(name) must be a positive integer. Received: \(name)=\(n)", at: args.span(of: name))
        }
        return n
    }

    /// An int or a pair of ints, both positive: `2` or `(2, 2)`.
    static func pair(_ args: BoundArguments, _ name: String) throws -> (Int, Int)? {
        guard let v = args[name], !v.isNone else { return nil }
        let span = args.span(of: name)
        if let n = v.asInt, n > 0 { return (n, n) }
        if let items = KerasArguments.sequence(v), items.count == 2, let a = items[0].asInt, let b = items[1].asInt, a > 0, b > 0 {
            return (a, b)
        }
        throw Diagnostic(.valueError, "The `\(name)` argument must be a tuple of 2 positive integers. Received: \(name)=\(Repr.repr(v))", at: span)
    }

    /// A 2-D kernel of numbers, such as [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]].
    static func kernel(_ args: BoundArguments, _ name: String) throws -> [[Float]] {
        let span = args.span(of: name)
        let t = try TensorObject.tensor(from: args[name] ?? .none, argument: name, at: span)
        var d = t.shape.dims
        if d.count == 4, d[2] == 1, d[3] == 1 { d = [d[0], d[1]] }
        guard d.count == 2, d[0] > 0, d[1] > 0 else {
            throw Diagnostic(.valueError,
                             "\(name) must be a 2-D grid of numbers such as [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]. Received: shape \(t.shape)",
                             at: span)
        }
        let v = t.floatArray
        return (0..<d[0]).map { r in Array(v[(r * d[1])..<((r + 1) * d[1])]) }
    }

    /// Keras's `history.history`: a dict of lists of numbers, or an object whose attribute
    /// `history` is one.
    static func history(_ args: BoundArguments, _ name: String, _ ctx: CallContext) throws -> [(key: String, values: [Double])] {
        let span = args.span(of: name)
        var v = args[name] ?? .none
        if case .object = v, let inner = try? ctx.at(span).getAttribute(v, "history") { v = inner }
        guard case .dict(let box) = v else {
            throw Diagnostic(.typeError,
                             "plot_history() expects what fit() returns (a History) or its .history dict, such as {'loss': [0.9, 0.5], 'accuracy': [0.7, 0.8]}. Received: \(Repr.repr(v)) (of type \(v.typeName))",
                             at: span)
        }
        var out: [(key: String, values: [Double])] = []
        for (k, value) in box.entries {
            guard case .str(let key) = k else {
                throw Diagnostic(.typeError, "the keys of the history must be metric names (str). Received: \(Repr.repr(k))", at: span)
            }
            let items: [Value]
            if let seq = KerasArguments.sequence(value) { items = seq }
            else if case .object(let o) = value, let t = o as? TensorObject { items = t.tensor.floatArray.map { .float(Double($0)) } }
            else {
                throw Diagnostic(.typeError, "history['\(key)'] must be a list of numbers, one per epoch. Received: \(Repr.repr(value))", at: span)
            }
            let numbers = try items.map { item -> Double in
                guard let d = item.asDouble else {
                    throw Diagnostic(.typeError, "history['\(key)'] must hold numbers. Received: \(Repr.repr(item))", at: span)
                }
                return d
            }
            out.append((key, numbers))
        }
        guard out.contains(where: { !$0.values.isEmpty }) else {
            throw Diagnostic(.valueError, "The history is empty: there is nothing to plot yet.", at: span,
                             notes: ["help: train first: history = model.fit(x, y, epochs=5), then plot_history(history)"])
        }
        return out
    }
}
