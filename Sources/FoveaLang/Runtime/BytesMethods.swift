/// The `bytes` class: its constructor, its methods (`decode`, `hex`, `startswith`, ...) and
/// `bytes.fromhex`; and `str.encode`, the way from text to bytes.
extension BytesObject {
    /// A bytes argument of a method, with Python's TypeError otherwise.
    static func argument(_ a: BoundArguments, _ name: String) throws -> [UInt8] {
        let v = a[name] ?? .none
        guard let b = of(v) else { throw required(v, at: a.span(of: name)) }
        return b
    }

    static func make(_ b: [UInt8]) -> Value { .object(BytesObject(b)) }

    static let binding: HostClass<BytesObject> = {
        let c = HostClass<BytesObject>("bytes", doc: "bytes: an immutable sequence of bytes (ints from 0 to 255).")
        c.method("decode", [.optional("encoding", default: .str("utf-8")), .optional("errors", default: .str("strict"))],
                 doc: "Decode the bytes into a str with the codec named by encoding ('utf-8', 'ascii' or 'latin-1'). errors='replace' puts \u{FFFD} for undecodable bytes, 'ignore' drops them.") { b, a, _ in
            let codec = try Codecs.codec(try a.string("encoding"), at: a.span(of: "encoding"))
            return .str(try Codecs.decode(b.bytes, codec, errors: try a.string("errors"), at: a.callSpan))
        }
        c.method("hex", doc: "The bytes as two hexadecimal digits each: b'\\x89P'.hex() is '8950'.") { b, _, _ in
            .str(b.bytes.map(Codecs.hex2).joined())
        }
        for (name, what) in [("startswith", "prefix"), ("endswith", "suffix")] {
            c.method(name, [.required(what, positionalOnly: true)], doc: "Whether the bytes \(name == "startswith" ? "start" : "end") with \(what) (or one of a tuple of them).") { b, a, _ in
                let v = a[what]!
                var candidates: [Value] = [v]
                if case .tuple(let t) = v { candidates = t }
                for candidate in candidates {
                    guard let p = of(candidate) else {
                        throw Diagnostic(.typeError, "\(name) first arg must be bytes or a tuple of bytes, not \(candidate.typeName)", at: a.span(of: what))
                    }
                    if name == "startswith" ? b.bytes.starts(with: p) : b.bytes.reversed().starts(with: p.reversed()) { return .bool(true) }
                }
                return .bool(false)
            }
        }
        c.method("find", [.required("sub", positionalOnly: true), .optional("start", default: .int(0), positionalOnly: true)],
                 doc: "The lowest index where sub (bytes or one byte as an int) is found, or -1.") { b, a, _ in
            .int(find(try needle(a), in: b.bytes, from: try a.int("start")) ?? -1)
        }
        c.method("count", [.required("sub", positionalOnly: true)], doc: "How many times sub occurs, not overlapping.") { b, a, _ in
            let sub = try needle(a)
            if sub.isEmpty { return .int(b.bytes.count + 1) }
            var n = 0, i = 0
            while let j = find(sub, in: b.bytes, from: i) { n += 1; i = j + sub.count }
            return .int(n)
        }
        c.method("replace", [.required("old", positionalOnly: true), .required("new", positionalOnly: true)], doc: "A copy with every occurrence of old replaced by new.") { b, a, _ in
            let old = try argument(a, "old"), new = try argument(a, "new")
            guard !old.isEmpty else { return make(b.bytes) }
            var out: [UInt8] = [], i = 0
            while let j = find(old, in: b.bytes, from: i) { out += b.bytes[i..<j] + new; i = j + old.count }
            return make(out + b.bytes[i...])
        }
        c.method("split", [.optional("sep", default: Value.none)], doc: "The parts between occurrences of sep; without sep, split on runs of whitespace.") { b, a, _ in
            guard let sepValue = a["sep"], !sepValue.isNone else {
                return .list(b.bytes.split(whereSeparator: { [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains($0) }).map { make(Array($0)) })
            }
            let sep = try argument(a, "sep")
            guard !sep.isEmpty else { throw Diagnostic(.valueError, "empty separator", at: a.span(of: "sep")) }
            var parts: [Value] = [], i = 0
            while let j = find(sep, in: b.bytes, from: i) { parts.append(make(Array(b.bytes[i..<j]))); i = j + sep.count }
            return .list(parts + [make(Array(b.bytes[i...]))])
        }
        c.method("strip", doc: "A copy without leading and trailing whitespace.") { b, _, _ in
            let ws: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C]
            return make(Array(b.bytes.drop(while: { ws.contains($0) }).reversed().drop(while: { ws.contains($0) }).reversed()))
        }
        c.method("join", [.required("iterable_of_bytes", positionalOnly: true)], doc: "The bytes of an iterable joined, with these bytes between them.") { b, a, ctx in
            var out: [UInt8] = []
            for (i, item) in try ctx.at(a.span(of: "iterable_of_bytes")).iterate(a["iterable_of_bytes"]!).enumerated() {
                guard let part = of(item) else {
                    throw Diagnostic(.typeError, "sequence item \(i): expected a bytes-like object, \(item.typeName) found", at: a.span(of: "iterable_of_bytes"))
                }
                if i > 0 { out += b.bytes }
                out += part
            }
            return make(out)
        }
        for (name, upper) in [("upper", true), ("lower", false)] {
            c.method(name, doc: "A copy with the ASCII letters in \(name)case.") { b, _, _ in
                make(b.bytes.map { x in upper ? ((0x61...0x7A).contains(x) ? x - 32 : x) : ((0x41...0x5A).contains(x) ? x + 32 : x) })
            }
        }
        return c
    }()

    /// The `sub` argument of find and count: bytes, or one byte as an int.
    private static func needle(_ a: BoundArguments) throws -> [UInt8] {
        let v = a["sub"]!
        if let b = of(v) { return b }
        guard let i = v.asInt else {
            throw Diagnostic(.typeError, "argument should be integer or bytes-like object, not '\(v.typeName)'", at: a.span(of: "sub"))
        }
        guard (0...255).contains(i) else { throw Diagnostic(.valueError, "byte must be in range(0, 256)", at: a.span(of: "sub")) }
        return [UInt8(i)]
    }

    /// The `bytes` built-in class.
    static var type: TypeValue {
        let doc = "bytes(source=b'', encoding=None, errors='strict'): bytes from a str and an encoding (bytes('é', 'utf-8')), from ints 0 to 255 (bytes([137, 80])), or n zero bytes (bytes(4))."
        let t = TypeValue("bytes", doc: doc, constructor: NativeFunction(
            "bytes", doc: doc, parameters: [.optional("source", positionalOnly: false), .optional("encoding"), .optional("errors")]) { a, ctx in
            guard let source = a["source"] else {
                if a["encoding"] != nil || a["errors"] != nil {
                    throw Diagnostic(.typeError, a["encoding"] != nil ? "encoding without a string argument" : "errors without a string argument", at: a.callSpan)
                }
                return make([])
            }
            if case .str(let s) = source {
                guard a["encoding"] != nil else { throw Diagnostic(.typeError, "string argument without an encoding", at: a.span(of: "source")) }
                let codec = try Codecs.codec(try a.string("encoding"), at: a.span(of: "encoding"))
                return make(try Codecs.encode(s, codec, errors: try a.optionalString("errors") ?? "strict", at: a.span(of: "source")))
            }
            if a["encoding"] != nil { throw Diagnostic(.typeError, "encoding without a string argument", at: a.span(of: "encoding")) }
            if a["errors"] != nil { throw Diagnostic(.typeError, "errors without a string argument", at: a.span(of: "errors")) }
            if let b = of(source) { return make(b) }
            if case .bool = source {} else if let n = source.asInt {
                guard n >= 0 else { throw Diagnostic(.valueError, "negative count", at: a.span(of: "source")) }
                try Limits.check(bytes: n, span: a.span(of: "source"))
                return make([UInt8](repeating: 0, count: n))
            }
            switch source {
            case .none, .float, .bool:
                throw Diagnostic(.typeError, "cannot convert '\(source.typeName)' object to bytes", at: a.span(of: "source"))
            default: break
            }
            var out: [UInt8] = []
            for item in try ctx.at(a.span(of: "source")).iterate(source) {
                guard let i = item.asInt else {
                    throw Diagnostic(.typeError, "'\(item.typeName)' object cannot be interpreted as an integer", at: a.span(of: "source"))
                }
                guard (0...255).contains(i) else { throw Diagnostic(.valueError, "bytes must be in range(0, 256)", at: a.span(of: "source")) }
                out.append(UInt8(i))
            }
            return make(out)
        }) { v in if case .object(let o) = v { return o is BytesObject }; return false }
        t.attributes["fromhex"] = .native(NativeFunction("fromhex", doc: "bytes from hexadecimal digits, two per byte; spaces between bytes are allowed: bytes.fromhex('89 50').",
                                                         parameters: [.required("string", positionalOnly: true)]) { a, _ in
            let scalars = Array(try a.string("string").unicodeScalars)
            var out: [UInt8] = [], i = 0
            while i < scalars.count {
                if scalars[i] == " " { i += 1; continue }
                guard i + 1 < scalars.count, let hi = Int(String(scalars[i]), radix: 16), let lo = Int(String(scalars[i + 1]), radix: 16) else {
                    let at = i + 1 < scalars.count && Int(String(scalars[i]), radix: 16) != nil ? i + 1 : i
                    throw Diagnostic(.valueError, "non-hexadecimal number found in fromhex() arg at position \(min(at, scalars.count))", at: a.span(of: "string"))
                }
                out.append(UInt8(hi * 16 + lo))
                i += 2
            }
            return make(out)
        })
        return t
    }
}

extension Methods {
    /// `str.encode(encoding='utf-8', errors='strict')`, declared on the str class.
    static func addEncode(to c: HostClass<Value>) {
        c.method("encode", [.optional("encoding", default: .str("utf-8")), .optional("errors", default: .str("strict"))],
                 doc: "Encode the string into bytes with the codec named by encoding ('utf-8', 'ascii' or 'latin-1').") { r, a, _ in
            guard case .str(let s) = r else { return .none }
            let codec = try Codecs.codec(try a.string("encoding"), at: a.span(of: "encoding"))
            return BytesObject.make(try Codecs.encode(s, codec, errors: try a.string("errors"), at: a.callSpan))
        }
    }
}
