import Tensor

extension Loss {
    /// Checks the targets (`y`) against the shape of the predictions before any training, so a
    /// mismatch fails with what was expected, what was received and what to do:
    ///
    /// - every loss: as many samples as predictions, targets of dtype uint8, int64 or float32;
    /// - sparse categorical crossentropy: one integer label per sample, shape `(N,)` or `(N, 1)`,
    ///   each within `0..<classes`;
    /// - categorical crossentropy: the predictions' shape (one-hot rows);
    /// - binary crossentropy: the predictions' shape (or it without / with a trailing 1), values
    ///   within [0, 1];
    /// - mean squared error: the predictions' shape (or it without / with a trailing 1).
    ///
    /// The messages are Keras's (`Arguments \`target\` and \`output\` must have the same shape.
    /// Received: ...`); the hints name the loss or the `keras.utils.to_categorical` call that fits.
    public func checkTargets(_ targets: Tensor, predictionShape: [Int]) throws {
        let t = targets.shape.dims, p = predictionShape
        let shapes = "target.shape=\(show(t)), output.shape=\(show(p))"
        guard let classes = p.last, let samples = p.first else {
            throw LayerError.value("Argument `output` must be at least rank 1. Received: output.shape=\(show(p))")
        }
        let sampleHint = t.first.flatMap { $0 == samples ? nil : samplesHint(targets: $0, predictions: samples) }

        switch self {
        case .sparseCategoricalCrossentropy:
            let squeezed = t.count == p.count && t.last == 1 ? Array(t.dropLast()) : t
            if squeezed.count != p.count - 1 {
                let hint = t == p && classes > 1
                    ? "The targets look one-hot encoded: use loss='categorical_crossentropy' for one-hot targets, "
                        + "or pass the integer class labels (shape \(show(Array(p.dropLast())))) instead."
                    : "sparse_categorical_crossentropy expects one integer class label per sample: shape "
                        + "\(show(Array(p.dropLast()))) or \(show(Array(p.dropLast()) + [1]))."
                throw LayerError.value("Argument `output` must have rank (ndim) `target.ndim - 1`. Received: \(shapes)",
                                       argument: "y", hint: hint)
            }
            if squeezed != Array(p.dropLast()) {
                throw LayerError.value(
                    "Arguments `target` and `output` must have the same shape up until the last dimension: \(shapes)",
                    argument: "y", hint: sampleHint)
            }
            try checkLabels(targets, classes: classes)

        case .categoricalCrossentropy:
            guard t == p else {
                let looksSparse = t.count == p.count - 1 || (t.count == p.count && t.last == 1 && classes > 1)
                let hint: String?
                if looksSparse {
                    hint = "The targets look like integer class labels: use loss='sparse_categorical_crossentropy', "
                        + "or one-hot encode them with keras.utils.to_categorical(y, \(classes))."
                } else if sampleHint != nil {
                    hint = sampleHint
                } else if t.count == p.count, let width = t.last {
                    hint = "The targets have \(width) columns but the model outputs \(classes) values per sample; "
                        + "one-hot targets need one column per class (the last layer's units)."
                } else {
                    hint = nil
                }
                throw LayerError.value("Arguments `target` and `output` must have the same shape. Received: \(shapes)",
                                       argument: "y", hint: hint)
            }

        case .binaryCrossentropy, .meanSquaredError:
            guard sameUpToTrailingOne(t, p) else {
                let hint: String?
                if let sampleHint {
                    hint = sampleHint
                } else if self == .meanSquaredError || classes == 1 {
                    hint = "\(name) expects one target per output value: shape \(show(p)) here."
                        + (classes > 1 && t.count == p.count - 1
                            ? " For integer class labels use loss='sparse_categorical_crossentropy'." : "")
                } else {
                    hint = "binary_crossentropy expects one target of 0 or 1 per output value: shape \(show(p)) here."
                }
                throw LayerError.value("Arguments `target` and `output` must have the same shape. Received: \(shapes)",
                                       argument: "y", hint: hint)
            }
            if case .binaryCrossentropy = self { try checkBinaryTargets(targets) }
        }
    }

    /// Sparse labels: integral and within `0..<classes` (TensorFlow's wording for the range).
    private func checkLabels(_ targets: Tensor, classes: Int) throws {
        var largest = Int.min
        var bad: Double?
        for i in 0..<targets.count {
            let v = targets.scalar(at: i)
            guard v.rounded(.towardZero) == v else {
                throw LayerError.value(
                    "Received a label value of \(pythonNumber(v)) which is not an integer: "
                        + "sparse_categorical_crossentropy expects integer class labels.",
                    argument: "y",
                    hint: "If the targets are one-hot rows or probabilities, use loss='categorical_crossentropy'.")
            }
            if v < 0 || v >= Double(classes) {
                if bad == nil { bad = v }
                largest = max(largest, Int(v))
            }
        }
        if let bad {
            let hint = bad < 0
                ? "Class labels must be 0 to \(classes - 1), one per unit of the last layer."
                : "The model outputs \(classes) values per sample, so labels must be 0 to \(classes - 1). "
                    + "Make the last layer Dense(\(largest + 1)) or more to cover label \(largest)."
            throw LayerError.value(
                "Received a label value of \(pythonNumber(bad)) which is outside the valid range of [0, \(classes)).",
                argument: "y", hint: hint)
        }
    }

    /// Binary targets must be within [0, 1] (Keras computes nonsense silently otherwise).
    private func checkBinaryTargets(_ targets: Tensor) throws {
        for i in 0..<targets.count {
            let v = targets.scalar(at: i)
            if !(v >= 0 && v <= 1) {
                throw LayerError.value(
                    "binary_crossentropy expects targets between 0 and 1. Received a target value of "
                        + "\(pythonNumber(v)).",
                    argument: "y",
                    hint: "For class labels 0 to K-1 use loss='sparse_categorical_crossentropy' with a "
                        + "Dense(K, activation='softmax') output.")
            }
        }
    }
}

/// Equal, or equal once a trailing dimension of 1 is dropped from either (Keras's
/// `squeeze_or_expand_to_same_rank`).
private func sameUpToTrailingOne(_ a: [Int], _ b: [Int]) -> Bool {
    if a == b { return true }
    if a.count == b.count + 1, a.last == 1 { return Array(a.dropLast()) == b }
    if b.count == a.count + 1, b.last == 1 { return Array(b.dropLast()) == a }
    return false
}

private func samplesHint(targets: Int, predictions: Int) -> String {
    "x and y must hold the same number of samples: here \(targets) targets for \(predictions) predictions."
}

private func show(_ shape: [Int]) -> String { formatShape(shape.map { $0 }) }

/// `3`, `0.5`: a number as Python prints it, integers without `.0`.
func pythonNumber(_ v: Double) -> String {
    if v.isFinite, v.rounded(.towardZero) == v, abs(v) < 1e15 { return String(Int(v)) }
    return v.isNaN ? "nan" : String(v)
}
