import Glibc

/// The built-in classes (`int`, `str`, `list`, ...) with their constructors, and the
/// introspection built-ins (`len`, `type`, `isinstance`, `dir`, ...).
extension Builtins {
    static func type(_ name: String, _ doc: String, _ params: [NativeParameter], test: @escaping (Value) -> Bool,
                     _ body: @escaping (inout BoundArguments, CallContext) throws -> Value) -> TypeValue {
        TypeValue(name, doc: doc, constructor: NativeFunction(name, doc: doc, parameters: params, body: body), test: test)
    }

    static func parseInt(_ text: String, base: Int, span: Span) throws -> Int {
        var s = Strings.strip(text, nil, left: true, right: true).lowercased()
        let bad = Diagnostic(.valueError, "invalid literal for int() with base \(base): \(Repr.string(text))", at: span)
        var negative = false
        if s.hasPrefix("-") || s.hasPrefix("+") { negative = s.hasPrefix("-"); s.removeFirst() }
        var b = base
        for (p, pb) in [("0x", 16), ("0o", 8), ("0b", 2)] where s.hasPrefix(p) && (base == 0 || base == pb) {
            s.removeFirst(2); b = pb
            if s.hasPrefix("_") { s.removeFirst() }
        }
        if b == 0 { b = 10; if s.count > 1 && s.hasPrefix("0") && s.contains(where: { $0 != "0" && $0 != "_" }) { throw bad } }
        guard !s.isEmpty, !s.hasPrefix("_"), !s.hasSuffix("_"), !s.contains("__") else { throw bad }
        let digits = s.replacingAll("_", with: "")
        guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else { throw bad }
        guard let m = UInt64(digits, radix: b) else {
            if digits.allSatisfy({ $0.hexDigitValue.map { $0 < b } ?? false }) {
                throw Diagnostic(.overflowError, "int too large: \(Repr.string(text)) does not fit in Fovea's 64-bit int", at: span)
            }
            throw bad
        }
        if negative { guard m <= UInt64(Int.max) + 1 else { throw Diagnostic(.overflowError, "int too large: \(Repr.string(text)) does not fit in Fovea's 64-bit int", at: span) }
            return m == UInt64(Int.max) + 1 ? Int.min : -Int(m) }
        guard m <= UInt64(Int.max) else { throw Diagnostic(.overflowError, "int too large: \(Repr.string(text)) does not fit in Fovea's 64-bit int", at: span) }
        return Int(m)
    }

    static func parseFloat(_ text: String, span: Span) throws -> Double {
        let s = Strings.strip(text, nil, left: true, right: true).replacingAll("_", with: "")
        let lower = s.lowercased()
        let body = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
        let sign: Double = lower.hasPrefix("-") ? -1 : 1
        if body == "inf" || body == "infinity" { return sign * .infinity }
        if body == "nan" { return .nan }
        if !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || ".e+-".contains($0)) }),
           body.first!.isNumber || body.first! == ".", let d = Double(s) {
            return d
        }
        throw Diagnostic(.valueError, "could not convert string to float: \(Repr.string(text))", at: span)
    }

    static var types: [TypeValue] {
        [
            type("int", "int(x=0, base=10): convert a number or a string to an integer. Floats are truncated toward zero: int(3.9) is 3. Strings may use another base: int('ff', 16) is 255.",
                 [.optional("x", positionalOnly: true), .optional("base")], test: { if case .int = $0 { return true }; if case .bool = $0 { return true }; return false }) { a, _ in
                guard var x = a["x"] else { return .int(0) }
                if case .object(let o) = x, let v = o.scalarValue() { x = v }
                if a["base"] != nil {
                    guard case .str(let s) = x else { throw Diagnostic(.typeError, "int() can't convert non-string with explicit base", at: a.span(of: "x")) }
                    let base = try a.int("base")
                    guard base == 0 || (2...36).contains(base) else { throw Diagnostic(.valueError, "int() base must be >= 2 and <= 36, or 0", at: a.span(of: "base")) }
                    return .int(try parseInt(s, base: base, span: a.span(of: "x")))
                }
                switch x {
                case .int, .bool: return .int(x.asInt!)
                case .float(let d): return try Builtins.toInt(d.rounded(.towardZero), a.span(of: "x"))
                case .str(let s): return .int(try parseInt(s, base: 10, span: a.span(of: "x")))
                default: throw Diagnostic(.typeError, "int() argument must be a string, a bytes-like object or a real number, not '\(x.typeName)'", at: a.span(of: "x"))
                }
            },
            type("float", "float(x=0.0): convert a number or a string to a floating-point number. float('inf') and float('nan') give infinity and not-a-number.",
                 [.optional("x", positionalOnly: true)], test: { if case .float = $0 { return true }; return false }) { a, _ in
                guard var x = a["x"] else { return .float(0) }
                if case .object(let o) = x, let v = o.scalarValue() { x = v }
                if let d = x.asDouble { return .float(d) }
                if case .str(let s) = x { return .float(try parseFloat(s, span: a.span(of: "x"))) }
                throw Diagnostic(.typeError, "float() argument must be a string or a real number, not '\(x.typeName)'", at: a.span(of: "x"))
            },
            type("str", "str(object=''): the text form of an object, as print shows it. Strings have methods such as upper(), split() and format().",
                 [.optional("object", default: .str(""))], test: { if case .str = $0 { return true }; return false }) { a, _ in
                .str(try Repr.checkedStr(a["object"]!))
            },
            type("bool", "bool(x=False): True or False, by the truth value of x. Zero, empty collections, '' and None are false; everything else is true.",
                 [.optional("x", default: .bool(false), positionalOnly: true)], test: { if case .bool = $0 { return true }; return false }) { a, _ in
                .bool(a.bool("x"))
            },
            type("list", "list(iterable=()): a new list holding the items of the iterable. Lists are ordered and can change: append(), extend(), sort() and more.",
                 [.optional("iterable", positionalOnly: true)], test: { if case .list = $0 { return true }; return false }) { a, ctx in
                guard let it = a["iterable"] else { return .list([]) }
                return .list(try ctx.at(a.span(of: "iterable")).iterate(it))
            },
            type("tuple", "tuple(iterable=()): a new tuple holding the items of the iterable. Tuples are ordered and cannot change; shapes such as (28, 28, 1) are tuples.",
                 [.optional("iterable", positionalOnly: true)], test: { if case .tuple = $0.unwrappedBuiltin { return true }; return false }) { a, ctx in
                guard let it = a["iterable"] else { return .tuple([]) }
                return .tuple(try ctx.at(a.span(of: "iterable")).iterate(it))
            },
            type("dict", "dict(mapping_or_pairs=(), **kwargs): a new dictionary from another dict, from (key, value) pairs, or from keyword arguments: dict(a=1) is {'a': 1}.",
                 [.optional("iterable", positionalOnly: true), .varKeyword("kwargs")], test: { if case .dict = $0.unwrappedBuiltin { return true }; return false }) { a, ctx in
                let d = DictBox()
                if let it = a["iterable"] { try ctx.interpreter.fillDict(d, from: it, span: a.span(of: "iterable")) }
                for kw in a.varKeyword { d.set(.str(kw.name), .str(kw.name), kw.value) }
                return .dict(d)
            },
            type("set", "set(iterable=()): a new set of the distinct items of the iterable.",
                 [.optional("iterable", positionalOnly: true)], test: { if case .object(let o) = $0 { return o is SetObject }; return false }) { a, ctx in
                guard let it = a["iterable"] else { return .object(try SetObject.make([], span: nil)) }
                return .object(try SetObject.make(try ctx.at(a.span(of: "iterable")).iterate(it), span: a.span(of: "iterable")))
            },
            type("range", "range(stop) or range(start, stop, step=1): the integers from start up to (not including) stop, counting by step. for i in range(3) runs with i = 0, 1, 2.",
                 [.required("start", positionalOnly: true), .optional("stop", positionalOnly: true), .optional("step", positionalOnly: true)],
                 test: { if case .range = $0 { return true }; return false }) { a, _ in
                func int(_ n: String) throws -> Int {
                    let v = a[n]!
                    guard let i = v.asInt else { throw Diagnostic(.typeError, "'\(v.typeName)' object cannot be interpreted as an integer", at: a.span(of: n)) }
                    return i
                }
                guard a["stop"] != nil else { return .range(RangeValue(start: 0, stop: try int("start"), step: 1)) }
                let step = a["step"] != nil ? try int("step") : 1
                if step == 0 { throw Diagnostic(.valueError, "range() arg 3 must not be zero", at: a.span(of: "step")) }
                return .range(RangeValue(start: try int("start"), stop: try int("stop"), step: step))
            },
            type("type", "type(object): the class of an object, e.g. type(3) is <class 'int'>.",
                 [.required("object", positionalOnly: true)], test: { if case .type = $0 { return true }; return false }) { a, ctx in
                .type(ctx.interpreter.typeObject(of: a["object"]!))
            },
            BytesObject.type,
        ]
    }

    static var introspection: [NativeFunction] { [
        NativeFunction("len", doc: "Return the number of items in a container: the characters of a str, the items of a list, tuple, dict or range, the elements along the first axis of a tensor.",
                       parameters: [.required("obj", positionalOnly: true)]) { a, _ in
            let v = a["obj"]!
            switch v {
            case .str(let s): return .int(s.unicodeScalars.count)
            case .list(let l): return .int(l.items.count)
            case .tuple(let t): return .int(t.count)
            case .dict(let d): return .int(d.count)
            case .range(let r): return .int(r.count)
            case .object(let o): if let n = o.length() { return .int(n) }
            default: break
            }
            throw Diagnostic(.typeError, "object of type '\(v.typeName)' has no len()", at: a.span(of: "obj"))
        },
        NativeFunction("isinstance", doc: "Return True if obj is an instance of the class (or of one of a tuple of classes): isinstance(3, int) is True.",
                       parameters: [.required("obj", positionalOnly: true), .required("class_or_tuple", positionalOnly: true)]) { a, _ in
            func matches(_ cls: Value) throws -> Bool {
                switch cls {
                case .type(let t): return t.test(a["obj"]!)
                case .tuple(let ts): return try ts.contains { try matches($0) }
                default: throw Diagnostic(.typeError, "isinstance() arg 2 must be a type, a tuple of types, or a union", at: a.span(of: "class_or_tuple"))
                }
            }
            return .bool(try matches(a["class_or_tuple"]!))
        },
        NativeFunction("repr", doc: "Return the printable representation of an object, as the notebook shows a result: repr('a') is \"'a'\" with the quotes.",
                       parameters: [.required("obj", positionalOnly: true)]) { a, _ in .str(try Repr.checkedRepr(a["obj"]!)) },
        NativeFunction("ascii", doc: "Like repr(), but non-ASCII characters are escaped.", parameters: [.required("obj", positionalOnly: true)]) { a, _ in
            .str(Strings.ascii(try Repr.checkedRepr(a["obj"]!)))
        },
        NativeFunction("format", doc: "Format a value with a format spec, as an f-string field does: format(3.14159, '.2f') is '3.14'.",
                       parameters: [.required("value", positionalOnly: true), .optional("format_spec", default: .str(""), positionalOnly: true)]) { a, _ in
            .str(try Format.format(a["value"]!, try a.string("format_spec")))
        },
        NativeFunction("dir", doc: "Without an argument, list the names you have defined. With an object, list its attributes and methods.",
                       parameters: [.optional("object", positionalOnly: true)]) { a, ctx in
            guard let v = a["object"] else { return .list(ctx.interpreter.userNames.map { .str($0) }) }
            return .list(ctx.interpreter.attributeNames(of: v).map { .str($0) })
        },
        NativeFunction("callable", doc: "Return True if the object can be called like a function (functions, classes, methods).",
                       parameters: [.required("obj", positionalOnly: true)]) { a, _ in .bool(isCallable(a["obj"]!)) },
        NativeFunction("getattr", doc: "getattr(obj, name[, default]): the attribute called name of obj, like obj.name; the default if there is none.",
                       parameters: [.required("object", positionalOnly: true), .required("name", positionalOnly: true), .optional("default", positionalOnly: true)]) { a, ctx in
            let name = try a.string("name")
            if let v = try ctx.interpreter.findAttribute(a["object"]!, name, span: a.span(of: "name")) { return v }
            if let d = a["default"] { return d }
            throw ctx.interpreter.attributeError(a["object"]!, name, span: a.span(of: "name"))
        },
        NativeFunction("hasattr", doc: "Return True if obj has an attribute called name.",
                       parameters: [.required("obj", positionalOnly: true), .required("name", positionalOnly: true)]) { a, ctx in
            let name = try a.string("name")
            let found: Value? = (try? ctx.interpreter.findAttribute(a["obj"]!, name, span: a.span(of: "name"))) ?? nil
            return .bool(found != nil)
        },
        NativeFunction("setattr", doc: "setattr(obj, name, value) sets the attribute, like obj.name = value.",
                       parameters: [.required("obj", positionalOnly: true), .required("name", positionalOnly: true), .required("value", positionalOnly: true)]) { a, ctx in
            try ctx.interpreter.setAttribute(a["obj"]!, try a.string("name"), a["value"]!, span: a.span(of: "name"))
            return .none
        },
        NativeFunction("id", doc: "Return a number identifying the object: two names refer to the same object exactly when their ids are equal.",
                       parameters: [.required("obj", positionalOnly: true)]) { a, _ in .int(identity(a["obj"]!)) },
        NativeFunction("hash", doc: "Return the hash of an immutable value (what dicts use to find keys). Lists and dicts cannot be hashed.",
                       parameters: [.required("obj", positionalOnly: true)]) { a, _ in
            guard let k = try a["obj"]!.checkedHashKey(at: a.span(of: "obj")) else { throw Diagnostic(.typeError, "unhashable type: '\(a["obj"]!.typeName)'", at: a.span(of: "obj")) }
            return .int(stableHash(k))
        },
    ] }

    /// What `callable(v)` says: functions, classes, methods and callable objects.
    static func isCallable(_ v: Value) -> Bool {
        switch v {
        case .function, .native, .type: return true
        case .object(let o): return o.isCallable
        default: return false
        }
    }

    static func identity(_ v: Value) -> Int {
        switch v {
        case .list(let l): return Int(bitPattern: UInt(bitPattern: ObjectIdentifier(l).hashValue))
        case .dict(let d): return ObjectIdentifier(d).hashValue
        case .function(let f): return ObjectIdentifier(f).hashValue
        case .module(let m): return ObjectIdentifier(m).hashValue
        case .type(let t): return ObjectIdentifier(t).hashValue
        case .iterator(let i): return ObjectIdentifier(i).hashValue
        case .object(let o): return ObjectIdentifier(o).hashValue
        default: return v.hashKey.map(stableHash) ?? 0
        }
    }

    /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
    static func stableHash(_ k: HashKey) -> Int {
        switch k {
        case .none: return 0x5f3759df
        case .int(let i): return i == -1 ? -2 : i
        case .custom(let k): return k.hash == -1 ? -2 : k.hash
        case .float(let d): return Int(truncatingIfNeeded: d.bitPattern)
        case .str(let s):
            if s.isEmpty { return 0 }
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: h)
        case .tuple(let ks):
            var h: UInt64 = 0x345678
            for k in ks { h = (h ^ UInt64(bitPattern: Int64(stableHash(k)))) &* 1_000_003 }
            return Int(truncatingIfNeeded: h)
        case .bytes(let b):
            var h: UInt64 = 0x8422_2325_cbf2_9ce4
            for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: h)
        case .identity(let id): return id.hashValue
        }
    }
}

extension Interpreter {
    /// `type(v)`: the class of a value (host classes are made on first use and cached).
    func typeObject(of v: Value) -> TypeValue {
        if case .object(let o as Instance) = v { return o.cls }
        let name = v.typeName
        if case .type(let t)? = builtins[name] { return t }
        if let t = typeCache[name] { return t }
        // A host object's class names the module its binding lives in (numpy.ndarray).
        var module: String? = nil
        if case .object(let o) = v { module = o.hostClass?.module }
        let t = TypeValue(name, module: module, doc: "The class of \(name) values.", constructor: nil) { $0.typeName == name }
        typeCache[name] = t
        return t
    }

    /// `dict(x)` and `d.update(x)`: from a dict or from (key, value) pairs.
    func fillDict(_ d: DictBox, from source: Value, span: Span) throws {
        if case .dict(let other) = source.unwrappedBuiltin {
            for (k, v) in other.entries { if let h = k.hashKey { d.set(k, h, v) } }
            return
        }
        for (i, item) in try collect(source, span: span).enumerated() {
            guard let pair = try? collect(item, span: span) else {
                throw Diagnostic(.typeError, "cannot convert dictionary update sequence element #\(i) to a sequence", at: span)
            }
            guard pair.count == 2 else {
                throw Diagnostic(.valueError, "dictionary update sequence element #\(i) has length \(pair.count); 2 is required", at: span)
            }
            guard let h = try pair[0].checkedHashKey(at: span) else { throw Diagnostic(.typeError, "unhashable type: '\(pair[0].typeName)'", at: span) }
            d.set(pair[0], h, pair[1])
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        (try? Strings.split(self, target, maxsplit: -1).joined(separator: replacement)) ?? self
    }
}
