/// Tokens of a cell, as the lexer hands them to the parser.

public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var span: Span
    public init(_ kind: TokenKind, _ span: Span) { self.kind = kind; self.span = span }
}

public enum TokenKind: Sendable, Equatable {
    case name(String)
    case keyword(String)
    case int(Int)
    case float(Double)
    case string(StringLiteral)
    /// Operators and delimiters, including `?` (help) and `...`.
    case op(String)
    case newline, indent, dedent, endOfFile
    /// `%name args` at the start of a statement.
    case lineMagic(name: String, args: String)
    /// `%%name args` on the first line; the rest of the cell is the body.
    case cellMagic(name: String, args: String, body: String, bodyOffset: Int)
    /// `!command` at the start of a statement.
    case shell(String)
    /// Something the lexer could not read; the parser reports the diagnostic for its statement.
    case error(Diagnostic)
}

/// One string literal token (`'...'`, `"""..."""`, `r'...'`, `f'...'`, `b'...'`).
public struct StringLiteral: Sendable, Equatable {
    public var isFString: Bool
    /// `b'...'`: every character of the value is one byte (0 to 255).
    public var isBytes: Bool
    /// For a plain string a single `.literal` (or none when empty); for an f-string, literal text
    /// and replacement fields in order.
    public var pieces: [FStringPiece]
    public init(isFString: Bool, pieces: [FStringPiece], isBytes: Bool = false) {
        self.isFString = isFString; self.pieces = pieces; self.isBytes = isBytes
    }

    /// The value of a plain string.
    public var value: String {
        var s = ""
        for case .literal(let t) in pieces { s += t }
        return s
    }
}

/// An f-string piece as the lexer sees it: the field's expression is a span of the cell, which the
/// parser parses with the ordinary expression parser.
public indirect enum FStringPiece: Sendable, Equatable {
    case literal(String)
    case field(expr: Span, conversion: Character?, spec: [FStringPiece]?, selfDocumenting: String?, span: Span)
}

extension Lexer {
    /// Python's keywords (FoveaLang reserves all of them, supported or not).
    public static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]
}

extension Token {
    var isNewline: Bool { if case .newline = kind { return true }; return false }
    var isEOF: Bool { if case .endOfFile = kind { return true }; return false }
    func isOp(_ s: String) -> Bool { if case .op(let o) = kind { return o == s }; return false }
    func isKeyword(_ s: String) -> Bool { if case .keyword(let k) = kind { return k == s }; return false }
}
