/// Whether a cell is ready to run, for `is_complete_request`, with the semantics of IPython's
/// `TransformerManager.check_complete`: open brackets, an open triple-quoted string, a trailing
/// `\` or a line ending in `:` need more lines; a cell that ends inside a block needs an empty
/// line to finish; an error that more lines cannot fix is `.invalid`.
public enum CompletenessChecker {
    public static func check(_ code: String) -> Completeness {
        let scalars = Array(code.unicodeScalars)
        if scalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }) {
            return .complete
        }
        // Lines as Python's splitlines gives them (no empty piece after a final newline).
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        if lines.count > 1 && lines[lines.count - 1].isEmpty { lines.removeLast() }
        let endsWithNewline: Bool = {
            for c in scalars.reversed() {
                if c == "\n" { return true }
                if c != " " && c != "\t" && c != "\r" && c != "\u{0C}" { return false }
            }
            return false
        }()
        let lastIndent = indentation(of: lines[lines.count - 1])

        if let lastCode = lines.last(where: { !isBlank($0) }), lastCode.trimmingTrailingSpace().hasSuffix("\\") {
            return .incomplete(indent: lastIndent)
        }
        if let first = lines.first(where: { !isBlank($0) }), first.hasPrefix("%%") {
            return isBlank(lines[lines.count - 1]) && endsWithNewline ? .complete : .incomplete(indent: lastIndent)
        }

        let source = SourceFile(name: "", text: code)
        let (tokens, lexErrors) = Lexer.tokenize(source)
        let opensMore = lexErrors.contains {
            $0.message.hasSuffix("was never closed") || $0.message.hasPrefix("unterminated triple-quoted string")
        }
        if opensMore {
            let others = lexErrors.filter {
                !($0.message.hasSuffix("was never closed") || $0.message.hasPrefix("unterminated triple-quoted string"))
            }
            return others.isEmpty ? .incomplete(indent: lastIndent) : .invalid
        }
        if !lexErrors.isEmpty { return .invalid }

        // The last logical line: does it open a block?
        var j = tokens.count - 1
        var endsInBlock = false
        while j >= 0 {
            switch tokens[j].kind {
            case .endOfFile, .newline: j -= 1; continue
            case .dedent: endsInBlock = true; j -= 1; continue
            default: break
            }
            break
        }
        if j >= 0, tokens[j].isOp(":") {
            var k = j
            while k > 0 && !tokens[k - 1].isNewline { k -= 1 }
            while k < j, { if case .indent = tokens[k].kind { return true }; if case .dedent = tokens[k].kind { return true }; return false }() { k += 1 }
            let (line, _) = source.location(of: tokens[k].span.start)
            return .incomplete(indent: indentation(of: source.lineText(line)) + "    ")
        }

        let result = Parser.parse(source)
        if !result.diagnostics.isEmpty { return .invalid }
        if endsInBlock && !endsWithNewline { return .incomplete(indent: lastIndent) }
        return .complete
    }

    static func isBlank(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{0C}" }
    }

    static func indentation(of line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.prefix { $0 == " " || $0 == "\t" }))
    }
}

extension String {
    func trimmingTrailingSpace() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
