import Tensor

/// A Tensor seen from the language, shown as numpy shows an array: what `predict` returns and
/// what `get_weights()` lists. (The data-preparation operations arrive with training.)
final class TensorObject: FoveaObject {
    let tensor: Tensor
    init(_ tensor: Tensor) { self.tensor = tensor }

    var typeName: String { "ndarray" }
    var doc: String { "An array of numbers with a shape, as numpy shows it: rows of a batch, channels last." }
    var attributeNames: [String] { ["dtype", "ndim", "shape", "size", "tolist"] }

    func attribute(_ name: String, context: CallContext) throws -> Value? {
        switch name {
        case "shape": return .tuple(tensor.shape.dims.map { .int($0) })
        case "dtype": return .str(tensor.dtype.rawValue)
        case "ndim": return .int(tensor.shape.rank)
        case "size": return .int(tensor.shape.count)
        case "tolist":
            return .native(NativeFunction("tolist", doc: "The values as nested Python lists.", receiverType: typeName) { [self] _, _ in
                nested(0, 0).value
            })
        default: return nil
        }
    }

    func length() -> Int? { tensor.shape.rank == 0 ? nil : tensor.shape.dims[0] }

    func getItem(_ index: Value, context: CallContext) throws -> Value? {
        guard let i = index.asInt, tensor.shape.rank > 0 else { return nil }
        let n = tensor.shape.dims[0]
        let k = i < 0 ? i + n : i
        guard k >= 0, k < n else {
            throw Diagnostic("IndexError", "index \(i) is out of bounds for axis 0 with size \(n)", at: context.span)
        }
        let inner = Array(tensor.shape.dims.dropFirst())
        let stride = inner.reduce(1, *)
        if inner.isEmpty { return .float(tensor.scalar(at: k)) }
        let values = (0..<stride).map { Float(tensor.scalar(at: k * stride + $0)) }
        return .object(TensorObject(try Tensor(shape: Shape(inner), floats: values)))
    }

    /// Nested lists of the values below `axis`, starting at flat `offset`.
    private func nested(_ axis: Int, _ offset: Int) -> (value: Value, next: Int) {
        if axis == tensor.shape.rank { return (number(offset), offset + 1) }
        var items: [Value] = []
        var at = offset
        for _ in 0..<tensor.shape.dims[axis] {
            let (v, next) = nested(axis + 1, at)
            items.append(v)
            at = next
        }
        return (.list(ListBox(items)), at)
    }

    private func number(_ i: Int) -> Value {
        tensor.dtype == .float32 ? .float(tensor.scalar(at: i)) : .int(Int(tensor.scalar(at: i)))
    }

    /// numpy's layout: `array([[0.1, 0.9]], dtype=float32)`, with `...` past 1000 values.
    func repr() -> String {
        let dims = tensor.shape.dims
        let summarize = tensor.shape.count > 1000
        func text(_ i: Int) -> String {
            let x = tensor.scalar(at: i)
            if tensor.dtype != .float32 { return String(Int(x)) }
            // numpy prints float32 values at float32's shortest precision, and whole ones as `1.`.
            let f = Float(x)
            if f.isFinite, f == f.rounded(), abs(f) < 1e16 { return "\(Int(f))." }
            return f.isNaN ? "nan" : f.isInfinite ? (f < 0 ? "-inf" : "inf") : "\(f)"
        }
        func render(_ axis: Int, _ offset: Int, _ indent: String) -> String {
            if axis == dims.count { return text(offset) }
            let stride = dims[(axis + 1)...].reduce(1, *)
            var parts: [String] = []
            let n = dims[axis]
            let shown: [Int] = summarize && n > 6 ? Array(0..<3) + [-1] + Array((n - 3)..<n) : Array(0..<n)
            for k in shown {
                parts.append(k < 0 ? "..." : render(axis + 1, offset + k * stride, indent + " "))
            }
            let separator = axis == dims.count - 1 ? ", " : ",\n" + String(repeating: "\n", count: max(0, dims.count - axis - 2)) + indent + " "
            return "[" + parts.joined(separator: separator) + "]"
        }
        let body = dims.isEmpty ? text(0) : render(0, 0, "      ")
        return "array(\(body), dtype=\(tensor.dtype.rawValue))"
    }
}

extension TensorObject {
    /// A float32 tensor from a Tensor object or nested lists/tuples of numbers.
    static func tensor(from value: Value, argument: String, at span: Span) throws -> Tensor {
        if case .object(let o) = value, let t = o as? TensorObject {
            return t.tensor.dtype == .float32 ? t.tensor : t.tensor.converted(to: .float32)
        }
        var shape: [Int] = []
        var values: [Float] = []
        func walk(_ v: Value, _ depth: Int) throws {
            if let items = KerasArguments.sequence(v) {
                if depth == shape.count { shape.append(items.count) }
                else if shape[depth] != items.count {
                    throw Diagnostic("ValueError", "\(argument) has rows of different lengths (\(shape[depth]) and \(items.count)); every row of an array must have the same length",
                                     at: span)
                }
                for item in items { try walk(item, depth + 1) }
            } else if let d = v.asDouble {
                guard depth == shape.count else {
                    throw Diagnostic("ValueError", "\(argument) mixes numbers and lists at the same depth", at: span)
                }
                values.append(Float(d))
            } else {
                throw Diagnostic("TypeError", "\(argument) must be an array of numbers. Received a value of type '\(v.typeName)'", at: span)
            }
        }
        try walk(value, 0)
        return try keras(span) { try Tensor(shape: Shape(shape), floats: values) }
    }
}
