/// Why `get_file` could not give a file. `pythonName` picks the Python exception as Keras raises
/// it: a failed fetch is `Exception` ("URL fetch failure on ..."), a wrong hash `ValueError`, an
/// interrupt `KeyboardInterrupt`.
public struct DownloadError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case failed, hashMismatch, interrupted, badArgument, unsafeArchive }
    public let kind: Kind
    public let message: String
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }

    public var pythonName: String {
        switch kind {
        case .failed: return "Exception"
        case .hashMismatch, .badArgument, .unsafeArchive: return "ValueError"
        case .interrupted: return "KeyboardInterrupt"
        }
    }
}
