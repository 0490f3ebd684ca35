/// An error from the network library, shaped so a language binding can raise the matching
/// Python exception (`kind.pythonName`) and point at the argument it is about.
///
/// `message` is Keras's sentence (e.g. `Conv2D expects a positive number of filters. Received:
/// filters=0`); `hint` is an optional second line that says what to do about it.
public struct LayerError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case valueError, typeError, indexError, notImplementedError

        /// The Python exception a binding should raise: `ValueError`, `TypeError`, `IndexError`,
        /// `NotImplementedError` (Keras's word for an unknown `fill_mode`, and what Fovea does not do yet).
        public var pythonName: String {
            switch self {
            case .valueError: return "ValueError"
            case .typeError: return "TypeError"
            case .indexError: return "IndexError"
            case .notImplementedError: return "NotImplementedError"
            }
        }
    }

    public var kind: Kind
    public var message: String
    /// The keyword argument the error is about (`"filters"`, `"padding"`, ...), so a binding can
    /// point at that argument in the call; nil when it is about no single argument.
    public var argument: String?
    /// What to do about it, shown on its own line after the message; nil when obvious.
    public var hint: String?
    /// For "expected ndim=4, found ndim=2": the rank the layer wanted, so a model can add a hint
    /// naming the layer before it.
    var expectedRank: Int?

    public init(_ kind: Kind, _ message: String, argument: String? = nil, hint: String? = nil) {
        self.kind = kind; self.message = message; self.argument = argument; self.hint = hint
    }

    public static func value(_ message: String, argument: String? = nil, hint: String? = nil) -> LayerError {
        LayerError(.valueError, message, argument: argument, hint: hint)
    }

    public static func type(_ message: String, argument: String? = nil, hint: String? = nil) -> LayerError {
        LayerError(.typeError, message, argument: argument, hint: hint)
    }

    /// The message, then the hint on the next line.
    public var description: String {
        hint.map { message + "\n" + $0 } ?? message
    }
}
