import Tensor

/// A Keras argument that is an int or a tuple of ints (`kernel_size=3` or `kernel_size=(3, 3)`).
/// A binding passes a Python int as `IntOrTuple(3)` and a tuple as `IntOrTuple([3, 3])`; the
/// layer checks the length and the values and reports them as the learner wrote them.
public struct IntOrTuple: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
                          CustomStringConvertible {
    public var values: [Int]
    /// True when written as a single int (`3`), false for a tuple (`(3, 3)`).
    public var isScalar: Bool

    public init(_ value: Int) { values = [value]; isScalar = true }
    public init(_ values: [Int]) { self.values = values; isScalar = false }
    public init(integerLiteral value: Int) { self.init(value) }
    public init(arrayLiteral elements: Int...) { self.init(elements) }

    /// As Python prints it: `3`, `(3, 3)`, `(3,)`.
    public var description: String {
        if isScalar { return String(values[0]) }
        return pythonTuple(values.map(String.init))
    }

    /// Keras's `standardize_tuple`: an int becomes `n` copies; a tuple must have `n` values;
    /// every value must be positive (or, with `allowZero`, non-negative).
    func pair(_ argument: String, allowZero: Bool = false) throws -> (Int, Int) {
        let expanded = isScalar ? [values[0], values[0]] : values
        guard expanded.count == 2 else {
            throw LayerError.value(
                "The `\(argument)` argument must be a tuple of 2 integers. Received \(argument)=\(self)",
                argument: argument)
        }
        var bad: [Int] = []   // Keras prints a Python set: each value once
        for v in expanded where (allowZero ? v < 0 : v <= 0) && !bad.contains(v) { bad.append(v) }
        if !bad.isEmpty {
            let rule = allowZero ? "value >= 0" : "value > 0"
            throw LayerError.value(
                "The `\(argument)` argument must be a tuple of 2 integers. Received \(argument)=\(self), "
                    + "including values {\(bad.map(String.init).joined(separator: ", "))} that do not satisfy `\(rule)`",
                argument: argument)
        }
        return (expanded[0], expanded[1])
    }
}

/// `(None, 26, 26, 32)`, `(None, 64)`, `(3,)`: a shape as Keras prints it.
public func formatShape(_ shape: [Int?]) -> String {
    pythonTuple(shape.map { $0.map(String.init) ?? "None" })
}

func pythonTuple(_ items: [String]) -> String {
    items.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
}

/// `25,088`: thousands separated by commas, as Keras's summary does.
public func groupedDigits(_ n: Int) -> String {
    let digits = Array(String(n.magnitude))
    var out = ""
    for (i, d) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(d)
    }
    return n < 0 ? "-" + out : out
}

/// Parses Keras's `padding` argument: `'valid'` or `'same'`, any case.
public func parsePadding(_ value: String, argument: String = "padding") throws -> Padding {
    if let p = Padding(rawValue: value.lowercased()) { return p }
    let names = ["valid", "same"]
    throw LayerError.value("Invalid padding: '\(value)'. Expected one of \(quotedList(names))",
                           argument: argument, hint: didYouMean(value, names))
}

/// The activation names Keras accepts, in the order the error message lists them.
public let activationNames: [String] = Activation.allCases.map(\.rawValue)

/// Parses an activation given by name; nil (Python's None) is `linear`, as in Keras.
public func parseActivation(_ name: String?, argument: String = "activation") throws -> Activation {
    guard let name else { return .linear }
    if let a = Activation(rawValue: name) { return a }
    throw LayerError.value(
        "Could not interpret activation function identifier: '\(name)'. Expected one of \(quotedList(activationNames))",
        argument: argument, hint: didYouMean(name, activationNames))
}

/// `input_shape=(28, 28, 1)` without the batch; every known size must be positive.
func checkInputShape(_ shape: [Int?]?, argument: String = "input_shape") throws -> [Int?]? {
    guard let shape else { return nil }
    if shape.isEmpty || shape.contains(where: { ($0 ?? 1) <= 0 }) {
        throw LayerError.value(
            "The `\(argument)` argument must be a tuple of positive integers (without the batch size). "
                + "Received: \(argument)=\(formatShape(shape))",
            argument: argument)
    }
    return shape
}
