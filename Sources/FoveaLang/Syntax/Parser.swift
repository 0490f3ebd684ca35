/// A recursive-descent parser for FoveaLang with Python's grammar and precedence. It reports every
/// syntax error of a cell, one per statement, resynchronising at the next logical line.
public enum Parser {
    public static func parse(_ source: SourceFile) -> ParseResult {
        let (tokens, _) = Lexer.tokenize(source)
        var p = ParserState(source: source, tokens: tokens)
        let body = p.parseFile()
        return ParseResult(module: Module(body: body), diagnostics: p.diagnostics)
    }
}

public struct ParseResult: Sendable {
    public var module: Module
    /// All syntax errors of the cell, in source order.
    public var diagnostics: [Diagnostic]
    public init(module: Module, diagnostics: [Diagnostic]) { self.module = module; self.diagnostics = diagnostics }
}

/// A syntax error found while parsing one statement.
struct SyntaxFailure: Error { var diagnostic: Diagnostic }

struct ParserState {
    let source: SourceFile
    var tokens: [Token]
    var i = 0
    var diagnostics: [Diagnostic] = []
    var functionDepth = 0
    /// Whether the function being parsed has a `yield` (it is a generator).
    var sawYield = false
    var loopDepth = 0
    /// Bracket depth of the expression being parsed (for "Perhaps you forgot a comma?").
    var bracketDepth = 0
    /// End offset of the last consumed token.
    var prevEnd = 0
    /// Expressions being parsed inside one another right now (operators, `not`, lambdas,
    /// conditional expressions, brackets); see `enterNested`.
    var nesting = 0
    /// Indented blocks being parsed inside one another.
    var blockDepth = 0

    /// How deeply expressions may nest: both `nesting` and the height of the tree built (chains
    /// such as `a.b.c`, `f()()` or `1 + 2 + 3` nest as deeply as they are long). CPython's
    /// compiler gives up at about 3000 levels (its recursion limit of 1000, times 3); Fovea stops
    /// at 1000, which written code does not come near, so that parsing, running and freeing a
    /// tree stay well within any thread's stack. Brackets alone stop at `Lexer.maxBracketDepth`.
    static let maxNesting = 1000

    init(source: SourceFile, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
        if tokens.isEmpty || !tokens[tokens.count - 1].isEOF {
            let n = source.scalars.count
            self.tokens.append(Token(.endOfFile, Span(n, n)))
        }
    }

    var tok: Token { tokens[i] }
    func peekToken(_ k: Int = 1) -> Token { tokens[min(i + k, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[i]
        if !t.isEOF { i += 1 }
        if case .indent = t.kind {} else if case .dedent = t.kind {} else { prevEnd = t.span.end }
        return t
    }

    func isOp(_ s: String) -> Bool { tok.isOp(s) }
    func isKeyword(_ s: String) -> Bool { tok.isKeyword(s) }
    var atNewline: Bool { tok.isNewline || tok.isEOF }

    mutating func eatOp(_ s: String) -> Bool {
        if isOp(s) { advance(); return true }
        return false
    }

    func failure(_ message: String, at span: Span, notes: [String] = [], kind: ExceptionClass = .syntaxError) -> SyntaxFailure {
        if case .error(let d) = tok.kind { return SyntaxFailure(diagnostic: d) }
        return SyntaxFailure(diagnostic: Diagnostic(kind, message, at: span, notes: notes))
    }

    /// "invalid syntax" at the current token (or the lexer's error if the current token is one).
    func invalid() -> SyntaxFailure { failure("invalid syntax", at: tok.span) }

    mutating func expectOp(_ s: String) throws -> Token {
        guard isOp(s) else {
            if s == ":" && atNewline { throw failure("expected ':'", at: tok.span) }
            throw invalid()
        }
        return advance()
    }

    /// One more level of nested expression; the caller undoes it with `defer { nesting -= 1 }`.
    mutating func enterNested() throws {
        if nesting >= Self.maxNesting { throw tooComplex(at: tok.span) }
        nesting += 1
    }

    /// `e`, unless its tree is taller than `maxNesting` (then an error at `span`).
    func limitHeight(_ e: Expr, at span: Span) throws -> Expr {
        if e.height > Self.maxNesting { throw tooComplex(at: span) }
        return e
    }

    func tooComplex(at span: Span) -> SyntaxFailure {
        SyntaxFailure(diagnostic: .syntax("expression too complex: nested more than \(Self.maxNesting) levels deep", at: span,
                                          notes: ["help: split it into smaller expressions and give the parts names"]))
    }

    func unsupported(_ message: String, at span: Span) -> SyntaxFailure {
        SyntaxFailure(diagnostic: .syntax(message, at: span))
    }

    // MARK: recovery

    /// Records the error of a statement that began at token `start`. A lexer error inside the
    /// statement wins over the parser's (as in CPython, whose tokenizer errors take priority).
    mutating func report(_ f: SyntaxFailure, statementStart start: Int) {
        var j = start
        while j < tokens.count {
            let t = tokens[j]
            if case .error(let d) = t.kind { diagnostics.append(d); return }
            if t.isNewline || t.isEOF { break }
            j += 1
        }
        diagnostics.append(f.diagnostic)
    }

    /// Skips to the end of the logical line. Returns whether the line ended with `:`.
    @discardableResult
    mutating func skipLine() -> Bool {
        var colon = false
        while !atNewline {
            colon = isOp(":")
            advance()
        }
        return colon
    }

    /// After a failed statement: skip its line, consume the NEWLINE, and if it opened a block,
    /// parse that block (reporting its errors) without keeping it.
    mutating func recover(from f: SyntaxFailure, statementStart start: Int) {
        report(f, statementStart: start)
        let colon = skipLine()
        if tok.isNewline { advance() }
        _ = colon
        if case .indent = tok.kind {
            _ = parseIndentedBlock()
        }
    }

    /// Skips a whole indented block without reporting anything in it.
    mutating func skipIndentedBlock() {
        guard case .indent = tok.kind else { return }
        var depth = 0
        repeat {
            if case .indent = tok.kind { depth += 1 } else if case .dedent = tok.kind { depth -= 1 }
            advance()
        } while depth > 0 && !tok.isEOF
    }

    // MARK: file and blocks

    mutating func parseFile() -> [Stmt] {
        var body: [Stmt] = []
        while !tok.isEOF {
            if case .dedent = tok.kind { advance(); continue }
            if tok.isNewline { advance(); continue }
            body += parseStatement()
        }
        return body
    }

    /// `INDENT statements DEDENT`; `tok` is the INDENT.
    mutating func parseIndentedBlock() -> [Stmt] {
        // Deeper than the lexer allows (it has reported it): skip, rather than recurse on.
        if blockDepth >= Lexer.maxIndentationLevels {
            skipIndentedBlock()
            return []
        }
        blockDepth += 1
        defer { blockDepth -= 1 }
        advance()
        var body: [Stmt] = []
        while true {
            if case .dedent = tok.kind { advance(); break }
            if tok.isEOF { break }
            if tok.isNewline { advance(); continue }
            body += parseStatement()
        }
        return body
    }

    /// The body after a compound statement's `:` (already consumed): an indented block or simple
    /// statements on the same line. `what` names the header for "expected an indented block".
    mutating func parseBody(after what: String, line: Int) -> [Stmt] {
        if tok.isNewline || tok.isEOF {
            let newlineSpan = tok.span
            advance()
            if case .indent = tok.kind { return parseIndentedBlock() }
            var at = tok.span
            if tok.isEOF || { if case .dedent = tok.kind { return true }; return false }() {
                // Point at the next real token, or the end of the cell.
                var j = i
                while j < tokens.count - 1, ({ if case .dedent = tokens[j].kind { return true }; return false }()) { j += 1 }
                at = tokens[j].isEOF ? Span(newlineSpan.start, newlineSpan.start + 1) : tokens[j].span
            }
            diagnostics.append(Diagnostic(.indentationError, "expected an indented block after \(what) on line \(line)", at: at))
            return []
        }
        return parseSimpleLine()
    }

    /// After a compound header failed: keep the block structure so the rest of the cell parses.
    mutating func recoverHeader(_ f: SyntaxFailure, statementStart start: Int) -> [Stmt] {
        report(f, statementStart: start)
        skipLine()
        if tok.isNewline { advance() }
        if case .indent = tok.kind { return parseIndentedBlock() }
        return []
    }

    func line(of t: Token) -> Int { source.location(of: t.span.start).line }
}
