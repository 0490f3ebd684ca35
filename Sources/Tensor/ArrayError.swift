/// An error from an array operation, with the Python exception numpy raises for it
/// (`ValueError`, `IndexError`, `TypeError`, `OverflowError`) and numpy's wording.
public struct ArrayError: Error, CustomStringConvertible, Sendable {
    public let pythonName: String
    public let message: String
    public init(_ pythonName: String, _ message: String) { self.pythonName = pythonName; self.message = message }
    public var description: String { "\(pythonName): \(message)" }

    /// numpy's AxisError (a ValueError and IndexError in numpy).
    static func axis(_ axis: Int, rank: Int) -> ArrayError {
        ArrayError("AxisError", "axis \(axis) is out of bounds for array of dimension \(rank)")
    }

    /// A shape as numpy writes it in error messages: `(3,)`, `(2,3)`, `()`.
    public static func compact(_ dims: [Int]) -> String {
        dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.map(String.init).joined(separator: ",") + ")"
    }
}
