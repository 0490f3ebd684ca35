/// A small HTML reader for the tests: checks that a fragment is well formed (tags balanced and
/// nested, attributes quoted, no raw `<` or stray `&` in text, no scripts or external styles) and
/// pulls out its text and table cells.
enum HTMLCheck {
    struct Malformed: Error, CustomStringConvertible { var description: String }

    enum Token: Equatable {
        case open(String, attributes: String)
        case close(String)
        case text(String)
    }

    static let voidElements: Set<String> = ["br", "hr", "img", "meta", "input", "col", "wbr", "link", "source"]

    static func tokens(_ html: String) throws -> [Token] {
        let c = Array(html.unicodeScalars)
        var out: [Token] = []
        var i = 0
        var text = ""
        func flush() { if !text.isEmpty { out.append(.text(text)); text = "" } }
        while i < c.count {
            if c[i] == ">" { throw Malformed(description: "raw > in text at \(i)") }
            guard c[i] == "<" else { text.unicodeScalars.append(c[i]); i += 1; continue }
            flush()
            var j = i + 1
            var quote: Unicode.Scalar? = nil
            while j < c.count {
                if let q = quote { if c[j] == q { quote = nil } }
                else if c[j] == "\"" || c[j] == "'" { quote = c[j] }
                else if c[j] == "<" { throw Malformed(description: "< inside a tag at \(j)") }
                else if c[j] == ">" { break }
                j += 1
            }
            guard j < c.count else { throw Malformed(description: "unterminated tag at \(i)") }
            var inner = String(String.UnicodeScalarView(c[(i + 1)..<j]))
            i = j + 1
            if inner.hasPrefix("/") {
                out.append(.close(String(inner.dropFirst()).lowercased()))
                continue
            }
            let selfClosing = inner.hasSuffix("/")
            if selfClosing { inner.removeLast() }
            let name = String(inner.prefix { $0.isLetter || $0.isNumber }).lowercased()
            guard !name.isEmpty else { throw Malformed(description: "bad tag <\(inner)>") }
            let attributes = String(inner.dropFirst(name.count))
            try checkAttributes(attributes, tag: name)
            out.append(.open(name, attributes: attributes))
            if selfClosing || voidElements.contains(name) { out.append(.close(name)) }
        }
        flush()
        return out
    }

    /// Every attribute is `name="value"` (or single quotes), values without raw `<`.
    static func checkAttributes(_ s: String, tag: String) throws {
        let c = Array(s.unicodeScalars)
        var i = 0
        while i < c.count {
            if c[i] == " " || c[i] == "\n" { i += 1; continue }
            let start = i
            while i < c.count, c[i] != "=", c[i] != " " { i += 1 }
            let name = String(String.UnicodeScalarView(c[start..<i]))
            guard i + 1 < c.count, c[i] == "=", c[i + 1] == "\"" || c[i + 1] == "'" else {
                throw Malformed(description: "unquoted attribute \(name) in <\(tag)>")
            }
            let q = c[i + 1]
            i += 2
            while i < c.count, c[i] != q { i += 1 }
            guard i < c.count else { throw Malformed(description: "unterminated attribute in <\(tag)>") }
            i += 1
        }
    }

    static func wellFormed(_ html: String) throws {
        var stack: [String] = []
        for token in try tokens(html) {
            switch token {
            case let .open(name, attributes):
                if ["script", "style", "link", "iframe"].contains(name) { throw Malformed(description: "<\(name)> present") }
                if attributes.lowercased().contains(" on") { throw Malformed(description: "event handler in <\(name)>") }
                stack.append(name)
            case let .close(name):
                guard stack.last == name else {
                    throw Malformed(description: "</\(name)> closes <\(stack.last ?? "nothing")>")
                }
                stack.removeLast()
            case let .text(t):
                try checkEntities(t)
            }
        }
        guard stack.isEmpty else { throw Malformed(description: "unclosed <\(stack.joined(separator: "> <"))>") }
    }

    static let entities = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "#39": "'", "nbsp": "\u{A0}"]

    static func checkEntities(_ t: String) throws {
        var rest = Substring(t)
        while let amp = rest.firstIndex(of: "&") {
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.firstIndex(of: ";"), entities[String(after[..<semi])] != nil else {
                throw Malformed(description: "stray & in text: \(t.debugDescription)")
            }
            rest = after[after.index(after: semi)...]
        }
    }

    static func decode(_ t: String) -> String {
        var out = t
        for (name, value) in entities where name != "amp" { out = out.replacingAll("&\(name);", with: value) }
        return out.replacingAll("&amp;", with: "&")
    }

    static func collapse(_ t: String) -> String {
        t.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    /// All the text, entities decoded, whitespace collapsed.
    static func text(_ html: String) -> String {
        let parts = (try? tokens(html)) ?? []
        return collapse(parts.map { if case let .text(t) = $0 { return decode(t) }; return " " }.joined())
    }

    /// The text of each `th`/`td` of each `tr`, in order.
    static func tableRows(_ html: String) -> [[String]] {
        var rows: [[String]] = []
        var cell: String? = nil
        for token in (try? tokens(html)) ?? [] {
            switch token {
            case .open("tr", _): rows.append([])
            case .open("td", _), .open("th", _): cell = ""
            case .close("td"), .close("th"):
                if let c = cell, !rows.isEmpty { rows[rows.count - 1].append(collapse(c)) }
                cell = nil
            case let .text(t): if cell != nil { cell! += decode(t) }
            default: break
            }
        }
        return rows
    }
}

extension String {
    /// `replacingOccurrences(of:with:)` without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
