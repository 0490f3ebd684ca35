/// Helpers on strings as sequences of Unicode scalars (what Python indexes).
enum Strings {
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }
    static func make(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView(); v.append(contentsOf: scalars); return String(v)
    }

    /// Scalar offset of the first occurrence of `sub` in `s` at or after `from`.
    static func find(_ sub: String, in s: String, from: Int = 0) -> Int? {
        find(scalars(sub), in: scalars(s), from: from)
    }

    static func find(_ sub: [Unicode.Scalar], in s: [Unicode.Scalar], from: Int = 0) -> Int? {
        if sub.isEmpty { return from <= s.count ? from : nil }
        guard s.count >= sub.count, from <= s.count - sub.count else { return nil }
        var i = max(0, from)
        while i <= s.count - sub.count {
            if s[i] == sub[0] && s[i..<(i + sub.count)].elementsEqual(sub) { return i }
            i += 1
        }
        return nil
    }

    static func count(_ sub: String, in s: String) -> Int {
        let a = scalars(s), b = scalars(sub)
        if b.isEmpty { return a.count + 1 }
        var n = 0, i = 0
        while let j = find(b, in: a, from: i) { n += 1; i = j + b.count }
        return n
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool { u.properties.isWhitespace }

    static func ascii(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.value < 128 { out.unicodeScalars.append(u) }
            else if u.value <= 0xff { out += "\\x" + Repr.hex(Int(u.value), width: 2) }
            else if u.value <= 0xffff { out += "\\u" + Repr.hex(Int(u.value), width: 4) }
            else { out += "\\U" + Repr.hex(Int(u.value), width: 8) }
        }
        return out
    }

    static func strip(_ s: String, _ chars: String?, left: Bool, right: Bool) -> String {
        let a = scalars(s)
        let set = chars.map { Set($0.unicodeScalars) }
        func drop(_ u: Unicode.Scalar) -> Bool { set.map { $0.contains(u) } ?? isSpace(u) }
        var lo = 0, hi = a.count
        if left { while lo < hi && drop(a[lo]) { lo += 1 } }
        if right { while hi > lo && drop(a[hi - 1]) { hi -= 1 } }
        return make(a[lo..<hi])
    }

    static func split(_ s: String, _ sep: String?, maxsplit: Int) throws -> [String] {
        let a = scalars(s)
        var out: [String] = []
        guard let sep else {
            var i = 0
            while i < a.count {
                while i < a.count && isSpace(a[i]) { i += 1 }
                if i == a.count { break }
                if maxsplit >= 0 && out.count == maxsplit {
                    var end = a.count
                    while end > i && isSpace(a[end - 1]) { end -= 1 }
                    out.append(make(a[i..<end])); return out
                }
                let start = i
                while i < a.count && !isSpace(a[i]) { i += 1 }
                out.append(make(a[start..<i]))
            }
            return out
        }
        let b = scalars(sep)
        if b.isEmpty { throw Diagnostic(.valueError, "empty separator") }
        var i = 0
        while maxsplit < 0 || out.count < maxsplit, let j = find(b, in: a, from: i) {
            out.append(make(a[i..<j])); i = j + b.count
        }
        out.append(make(a[i...]))
        return out
    }

    static func title(_ s: String) -> String {
        var out = "", previousCased = false
        for ch in s {
            let isLetter = ch.isLetter
            out += previousCased ? ch.lowercased() : ch.uppercased()
            previousCased = isLetter
        }
        return out
    }

    static func justify(_ s: String, _ width: Int, _ fill: String, _ align: Character) -> String {
        let n = width - s.unicodeScalars.count
        guard n > 0 else { return s }
        switch align {
        case "<": return s + String(repeating: fill, count: n)
        case ">": return String(repeating: fill, count: n) + s
        default:
            let left = n / 2 + (n & width & 1)
            return String(repeating: fill, count: left) + s + String(repeating: fill, count: n - left)
        }
    }
}

extension Methods {
    static func receiver(_ r: Value) -> String { if case .str(let s) = r { return s }; return "" }

    static func fillChar(_ a: BoundArguments) throws -> String {
        let f = try a.string("fillchar")
        guard f.unicodeScalars.count == 1 else { throw Diagnostic(.typeError, "The fill character must be exactly one character long", at: a.span(of: "fillchar")) }
        return f
    }

    static func prefixes(_ v: Value, _ what: String, _ a: BoundArguments) throws -> [String] {
        switch v {
        case .str(let s): return [s]
        case .tuple(let t):
            return try t.map { x in
                guard case .str(let s) = x else { throw Diagnostic(.typeError, "tuple for \(what) must only contain str, not \(x.typeName)", at: a.span(of: "prefix")) }
                return s
            }
        default:
            throw Diagnostic(.typeError, "\(what) first arg must be str or a tuple of str, not \(v.typeName)", at: a.span(of: "prefix"))
        }
    }

    static let strClass: HostClass<Value> = {
        let c = HostClass<Value>("str", doc: "A string of text: its methods return new strings.")
        c.method("upper", doc: "Return a copy of the string converted to uppercase.") { r, _, _ in .str(receiver(r).uppercased()) }
        c.method("lower", doc: "Return a copy of the string converted to lowercase.") { r, _, _ in .str(receiver(r).lowercased()) }
        c.method("strip", [.optional("chars", default: Value.none)], doc: "Return a copy with leading and trailing whitespace (or the given chars) removed.") { r, a, _ in
            .str(Strings.strip(receiver(r), try a.optionalString("chars"), left: true, right: true))
        }
        c.method("lstrip", [.optional("chars", default: Value.none)], doc: "Return a copy with leading whitespace (or the given chars) removed.") { r, a, _ in
            .str(Strings.strip(receiver(r), try a.optionalString("chars"), left: true, right: false))
        }
        c.method("rstrip", [.optional("chars", default: Value.none)], doc: "Return a copy with trailing whitespace (or the given chars) removed.") { r, a, _ in
            .str(Strings.strip(receiver(r), try a.optionalString("chars"), left: false, right: true))
        }
        c.method("split", [.optional("sep", default: Value.none), .optional("maxsplit", default: .int(-1))], doc: "Return a list of the words in the string, using sep as the delimiter; without sep, split on runs of whitespace.") { r, a, _ in
            .list(try Strings.split(receiver(r), try a.optionalString("sep"), maxsplit: try a.int("maxsplit")).map { .str($0) })
        }
        c.method("splitlines", doc: "Return a list of the lines in the string, without the line breaks.") { r, _, _ in
            var lines = receiver(r).split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
            if lines.last == "" { lines.removeLast() }
            return .list(lines.map { .str($0.hasSuffix("\r") ? String($0.dropLast()) : $0) })
        }
        c.method("join", [.required("iterable", positionalOnly: true)], doc: "Concatenate the strings of an iterable, with this string between them: ', '.join(['a', 'b']) is 'a, b'.") { r, a, ctx in
            let items = try ctx.at(a.span(of: "iterable")).iterate(a["iterable"]!)
            var parts: [String] = []
            for (i, item) in items.enumerated() {
                guard case .str(let s) = item else {
                    throw Diagnostic(.typeError, "sequence item \(i): expected str instance, \(item.typeName) found", at: a.span(of: "iterable"),
                                     notes: ["help: convert the items first, e.g. ', '.join(str(x) for x in items)"])
                }
                parts.append(s)
            }
            return .str(parts.joined(separator: receiver(r)))
        }
        c.method("replace", [.required("old", positionalOnly: true), .required("new", positionalOnly: true), .optional("count", default: .int(-1), positionalOnly: true)], doc: "Return a copy with occurrences of old replaced by new (the first count ones if count is given).") { r, a, _ in
            let old = try a.string("old"), new = try a.string("new"), count = try a.int("count")
            let parts = try Strings.split(receiver(r), old.isEmpty ? nil : old, maxsplit: count)
            if old.isEmpty {
                let chars = Strings.scalars(receiver(r)).map { String($0) }
                let n = count < 0 ? chars.count + 1 : min(count, chars.count + 1)
                var out = ""
                for (i, c) in chars.enumerated() { if i < n { out += new }; out += c }
                if n > chars.count { out += new }
                return .str(out)
            }
            return .str(parts.joined(separator: new))
        }
        c.method("startswith", [.required("prefix", positionalOnly: true)], doc: "Return True if the string starts with the prefix (or one of a tuple of prefixes).") { r, a, _ in
            .bool(try prefixes(a["prefix"]!, "startswith", a).contains { receiver(r).unicodeScalars.starts(with: $0.unicodeScalars) })
        }
        c.method("endswith", [.required("prefix", positionalOnly: true)], doc: "Return True if the string ends with the suffix (or one of a tuple of suffixes).") { r, a, _ in
            .bool(try prefixes(a["prefix"]!, "endswith", a).contains { receiver(r).unicodeScalars.reversed().starts(with: $0.unicodeScalars.reversed()) })
        }
        c.method("find", [.required("sub", positionalOnly: true), .optional("start", default: .int(0), positionalOnly: true)], doc: "Return the lowest index where sub is found, or -1.") { r, a, _ in
            let start = try a.int("start")
            return .int(Strings.find(Strings.scalars(try a.string("sub")), in: Strings.scalars(receiver(r)), from: max(0, start)) ?? -1)
        }
        c.method("rfind", [.required("sub", positionalOnly: true)], doc: "Return the highest index where sub is found, or -1.") { r, a, _ in
            let s = Strings.scalars(receiver(r)), sub = Strings.scalars(try a.string("sub"))
            var best = -1, i = 0
            while let j = Strings.find(sub, in: s, from: i) { best = j; i = j + 1 }
            return .int(best)
        }
        c.method("index", [.required("sub", positionalOnly: true)], doc: "Like find, but raise ValueError when the substring is not found.") { r, a, _ in
            guard let i = Strings.find(try a.string("sub"), in: receiver(r)) else { throw Diagnostic(.valueError, "substring not found") }
            return .int(i)
        }
        c.method("count", [.required("sub", positionalOnly: true)], doc: "Return the number of non-overlapping occurrences of sub.") { r, a, _ in
            .int(Strings.count(try a.string("sub"), in: receiver(r)))
        }
        c.method("title", doc: "Return a copy where each word starts with an uppercase letter.") { r, _, _ in .str(Strings.title(receiver(r))) }
        c.method("capitalize", doc: "Return a copy with the first character uppercase and the rest lowercase.") { r, _, _ in
            let s = receiver(r)
            guard let f = s.first else { return .str("") }
            return .str(f.uppercased() + s.dropFirst().lowercased())
        }
        c.method("swapcase", doc: "Return a copy with uppercase letters lowercased and vice versa.") { r, _, _ in
            .str(String(receiver(r).map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) }))
        }
        c.method("isdigit", doc: "Return True if all characters are digits and there is at least one.") { r, _, _ in
            let s = receiver(r); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType != nil && $0.properties.numericType != .numeric })
        }
        c.method("isnumeric", doc: "Return True if all characters are numeric and there is at least one.") { r, _, _ in
            let s = receiver(r); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType != nil })
        }
        c.method("isalpha", doc: "Return True if all characters are letters and there is at least one.") { r, _, _ in
            let s = receiver(r); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic })
        }
        c.method("isalnum", doc: "Return True if all characters are letters or digits and there is at least one.") { r, _, _ in
            let s = receiver(r); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        }
        c.method("isspace", doc: "Return True if all characters are whitespace and there is at least one.") { r, _, _ in
            let s = receiver(r); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy(Strings.isSpace))
        }
        c.method("isupper", doc: "Return True if all cased characters are uppercase and there is at least one.") { r, _, _ in
            let s = receiver(r); return .bool(s.contains { $0.isCased } && s.allSatisfy { !$0.isCased || $0.isUppercase })
        }
        c.method("islower", doc: "Return True if all cased characters are lowercase and there is at least one.") { r, _, _ in
            let s = receiver(r); return .bool(s.contains { $0.isCased } && s.allSatisfy { !$0.isCased || $0.isLowercase })
        }
        c.method("zfill", [.required("width", positionalOnly: true)], doc: "Pad the string on the left with zeros to the given width, after any sign.") { r, a, _ in
            var s = receiver(r)
            let width = try a.int("width")
            try Limits.check(bytes: width, span: a.span(of: "width"))
            let n = width - s.unicodeScalars.count
            guard n > 0 else { return .str(s) }
            var sign = ""
            if let f = s.first, f == "-" || f == "+" { sign = String(f); s.removeFirst() }
            return .str(sign + String(repeating: "0", count: n) + s)
        }
        for (name, align, how) in [("center", "^", "centered"), ("ljust", "<", "left-justified"), ("rjust", ">", "right-justified")] as [(String, Character, String)] {
            c.method(name, [.required("width", positionalOnly: true), .optional("fillchar", default: .str(" "), positionalOnly: true)],
                     doc: "Return the string \(how) in a field of the given width.") { r, a, _ in
                let width = try a.int("width")
                try Limits.check(bytes: width, span: a.span(of: "width"))
                return .str(Strings.justify(receiver(r), width, try fillChar(a), align))
            }
        }
        c.method("format", [.varPositional("args"), .varKeyword("kwargs")], doc: "Return the string with its {} fields replaced by the arguments: 'x={}'.format(3) is 'x=3'.") { r, a, ctx in
            .str(try StrFormat.format(receiver(r), args: a.varPositional.map(\.value),
                                      kwargs: Dictionary(a.varKeyword.map { ($0.name, $0.value) }, uniquingKeysWith: { x, _ in x }), ctx))
        }
        addEncode(to: c)
        return c
    }()
}

extension Character {
    var isCased: Bool { isUppercase || isLowercase }
}
