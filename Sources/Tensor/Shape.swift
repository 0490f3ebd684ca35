/// The shape of a tensor: its dimensions, outermost first (NHWC for images).
public struct Shape: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public var dims: [Int]

    public init(_ dims: [Int]) { self.dims = dims }
    public init(arrayLiteral elements: Int...) { self.dims = elements }

    public var rank: Int { dims.count }

    /// The number of elements: the product of the dimensions, 1 for rank 0.
    /// Traps on overflow; use `checkedCount` where the shape comes from a user.
    public var count: Int { dims.reduce(1, *) }

    /// The number of elements, or nil if a dimension is negative or the product overflows.
    public var checkedCount: Int? {
        var total = 1
        for d in dims {
            if d < 0 { return nil }
            let (p, overflow) = total.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            total = p
        }
        return total
    }

    /// The i-th dimension; negative i counts from the end (-1 is the last).
    public subscript(i: Int) -> Int {
        get { dims[i < 0 ? dims.count + i : i] }
        set { dims[i < 0 ? dims.count + i : i] = newValue }
    }

    /// Like numpy: "(2, 3)", "(5,)", "()".
    public var description: String {
        if dims.count == 1 { return "(\(dims[0]),)" }
        return "(" + dims.map(String.init).joined(separator: ", ") + ")"
    }
}

/// The element types a tensor can hold, numpy's names. `bool` holds one byte per element, 0 or 1
/// (read it through `bytes`), the result of comparisons. Models compute in float32 and cast their
/// inputs to it at their boundary, as Keras does; float64 and int32 serve the numpy surface.
public enum DType: String, Sendable, CaseIterable {
    case float32, float64, uint8, int32, int64, bool

    public var byteSize: Int {
        switch self {
        case .float32, .int32: return 4
        case .float64, .int64: return 8
        case .uint8, .bool: return 1
        }
    }

    /// Whether the type holds whole numbers (uint8, int32, int64, bool).
    public var isInteger: Bool { !isFloat }

    /// Whether the type is float32 or float64.
    public var isFloat: Bool { self == .float32 || self == .float64 }
}

/// A shape or argument error from a tensor operation; the message names the shapes involved.
public struct TensorError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public init(message: String) { self.message = message }
    public var description: String { message }
}
