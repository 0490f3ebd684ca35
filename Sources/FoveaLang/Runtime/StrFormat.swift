/// `'{} {name:>8}'.format(...)` and `'%d items' % n`.
enum StrFormat {
    static func format(_ template: String, args: [Value], kwargs: [String: Value], _ ctx: CallContext) throws -> String {
        let c = Array(template)
        var out = ""
        var i = 0
        var autoIndex = 0
        while i < c.count {
            let ch = c[i]
            if ch == "}" {
                if i + 1 < c.count && c[i + 1] == "}" { out.append("}"); i += 2; continue }
                throw Diagnostic(.valueError, "Single '}' encountered in format string")
            }
            if ch != "{" { out.append(ch); i += 1; continue }
            if i + 1 < c.count && c[i + 1] == "{" { out.append("{"); i += 2; continue }
            // A field: up to the matching '}' (one level of nesting in the spec).
            var depth = 1, j = i + 1
            while j < c.count && depth > 0 {
                if c[j] == "{" { depth += 1 } else if c[j] == "}" { depth -= 1 }
                if depth > 0 { j += 1 }
            }
            if j >= c.count { throw Diagnostic(.valueError, "Single '{' encountered in format string") }
            let field = String(c[(i + 1)..<j])
            i = j + 1
            var name = field, conversion: Character?, spec = ""
            if let colon = firstTopLevel(":", in: field) {
                name = String(field[..<colon]); spec = String(field[field.index(after: colon)...])
            }
            if let bang = name.firstIndex(of: "!") {
                conversion = name[name.index(after: bang)...].first
                name = String(name[..<bang])
            }
            if spec.contains("{") { spec = try format(spec, args: args, kwargs: kwargs, ctx) }
            var value: Value
            if name.isEmpty {
                guard autoIndex < args.count else {
                    throw Diagnostic(.indexError, "Replacement index \(autoIndex) out of range for positional args tuple")
                }
                value = args[autoIndex]; autoIndex += 1
            } else if let n = Int(name) {
                guard n >= 0 && n < args.count else {
                    throw Diagnostic(.indexError, "Replacement index \(n) out of range for positional args tuple")
                }
                value = args[n]
            } else {
                let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                guard let v = kwargs[parts[0]] else { throw Diagnostic(.keyError, Repr.string(parts[0])) }
                value = v
                for attr in parts.dropFirst() {
                    value = try ctx.interpreter.getAttribute(value, attr, span: ctx.span)
                }
            }
            switch conversion {
            case "r": value = .str(try Repr.checkedRepr(value))
            case "s": value = .str(try Repr.checkedStr(value))
            case "a": value = .str(Strings.ascii(try Repr.checkedRepr(value)))
            default: break
            }
            out += try Format.format(value, spec)
        }
        return out
    }

    private static func firstTopLevel(_ ch: Character, in s: String) -> String.Index? {
        var depth = 0
        for i in s.indices {
            if s[i] == "{" { depth += 1 } else if s[i] == "}" { depth -= 1 } else if s[i] == ch && depth == 0 { return i }
        }
        return nil
    }
}

extension Interpreter {
    /// printf-style `%` formatting of strings: `%s %r %d %i %f %e %g %x %o %c %%` with flags,
    /// width and precision.
    func percentFormat(_ template: String, _ argument: Value, span: Span) throws -> String {
        var args: [Value]
        if case .tuple(let t) = argument { args = t } else { args = [argument] }
        var mapping: DictBox?
        if case .dict(let d) = argument { mapping = d; args = [] }
        let c = Array(template)
        var out = "", i = 0, next = 0
        func take() throws -> Value {
            guard next < args.count else { throw Diagnostic(.typeError, "not enough arguments for format string", at: span) }
            defer { next += 1 }
            return args[next]
        }
        while i < c.count {
            if c[i] != "%" { out.append(c[i]); i += 1; continue }
            i += 1
            guard i < c.count else { throw Diagnostic(.valueError, "incomplete format", at: span) }
            var key: String?
            if c[i] == "(" {
                guard let close = c[i...].firstIndex(of: ")") else { throw Diagnostic(.valueError, "incomplete format key", at: span) }
                key = String(c[(i + 1)..<close]); i = close + 1
            }
            var flags = ""
            while i < c.count, "-+ 0#".contains(c[i]) { flags.append(c[i]); i += 1 }
            var width = ""
            while i < c.count, c[i].isASCII, c[i].isNumber { width.append(c[i]); i += 1 }
            var precision = ""
            if i < c.count, c[i] == "." {
                precision = "."; i += 1
                while i < c.count, c[i].isASCII, c[i].isNumber { precision.append(c[i]); i += 1 }
                if precision == "." { precision = ".0" }
            }
            guard i < c.count else { throw Diagnostic(.valueError, "incomplete format", at: span) }
            let type = c[i]; i += 1
            if type == "%" { out.append("%"); continue }
            var value: Value
            if let key {
                guard let m = mapping, let v = m.get(.str(key)) else { throw Diagnostic(.keyError, Repr.string(key), at: span) }
                value = v
            } else {
                value = try take()
            }
            let align = flags.contains("-") ? "<" : (flags.contains("0") && type != "s" && type != "r" ? "0" : "")
            let sign = flags.contains("+") ? "+" : (flags.contains(" ") ? " " : "")
            let alt = flags.contains("#") ? "#" : ""
            var specType = String(type)
            switch type {
            case "s": value = .str(try Repr.checkedStr(value)); specType = ""
            case "r": value = .str(try Repr.checkedRepr(value)); specType = ""
            case "a": value = .str(Strings.ascii(try Repr.checkedRepr(value))); specType = ""
            case "d", "i", "u":
                specType = "d"
                if case .float(let d) = value, d.isFinite { value = .int(Int(d)) }
                guard value.asInt != nil else {
                    throw Diagnostic(.typeError, "%\(type) format: a real number is required, not \(value.typeName)", at: span)
                }
            case "f", "F", "e", "E", "g", "G":
                guard let d = value.asDouble else {
                    throw Diagnostic(.typeError, "must be real number, not \(value.typeName)", at: span)
                }
                value = .float(d)
            case "x", "X", "o", "c": break
            default:
                throw Diagnostic(.valueError, "unsupported format character '\(type)'", at: span)
            }
            let spec = (align == "<" ? "<" : (specType.isEmpty ? ">" : "")) + sign + alt + (align == "0" ? "0" : "") + width + precision + specType
            out += try located(span) { try Format.format(value, spec) }
        }
        if mapping == nil && next < args.count {
            throw Diagnostic(.typeError, "not all arguments converted during string formatting", at: span)
        }
        return out
    }
}
