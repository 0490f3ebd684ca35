/// A dataset file that is missing or cannot be read. `kind` picks the Python exception:
/// a missing file is FileNotFoundError, a malformed one ValueError.
public struct DatasetError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case notFound, malformed }
    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }

    /// "<path>: <what is wrong>", for a file whose content is not what its format promises.
    static func malformed(_ path: String, _ what: String) -> DatasetError { DatasetError(.malformed, "\(path): \(what)") }

    public var description: String { message }

    /// The Python exception name for this error.
    public var pythonName: String { kind == .notFound ? "FileNotFoundError" : "ValueError" }
}
