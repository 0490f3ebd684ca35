/// One parameter of a native function, described as Python would declare it.
public struct NativeParameter: Sendable {
    public enum Kind: Sendable { case positionalOnly, positionalOrKeyword, keywordOnly, varPositional, varKeyword }
    public var name: String
    public var kind: Kind
    /// Required parameters have no default; optional ones either have a default or are absent
    /// (`args[name] == nil`) when not given.
    public var isRequired: Bool
    public var defaultValue: Value?
    /// Declared so that Keras's signature is complete, but not implemented: giving it a value
    /// other than its default raises NotImplementedError naming it, instead of ignoring it.
    public var isUnsupported = false

    public init(_ name: String, kind: Kind = .positionalOrKeyword, isRequired: Bool, defaultValue: Value? = nil) {
        self.name = name; self.kind = kind; self.isRequired = isRequired; self.defaultValue = defaultValue
    }
    /// A required positional-or-keyword parameter.
    public static func required(_ name: String, positionalOnly: Bool = false) -> NativeParameter {
        NativeParameter(name, kind: positionalOnly ? .positionalOnly : .positionalOrKeyword, isRequired: true)
    }
    /// An optional parameter; without `default` it is absent (nil) when not given.
    public static func optional(_ name: String, default value: Value? = nil, positionalOnly: Bool = false) -> NativeParameter {
        NativeParameter(name, kind: positionalOnly ? .positionalOnly : .positionalOrKeyword, isRequired: false, defaultValue: value)
    }
    public static func keywordOnly(_ name: String, default value: Value? = nil, required: Bool = false) -> NativeParameter {
        NativeParameter(name, kind: .keywordOnly, isRequired: required, defaultValue: value)
    }
    public static func varPositional(_ name: String) -> NativeParameter {
        NativeParameter(name, kind: .varPositional, isRequired: false)
    }
    /// A parameter Keras has and Fovea does not implement yet (see `isUnsupported`).
    public static func unsupported(_ name: String, default value: Value = .none, keywordOnly: Bool = false) -> NativeParameter {
        var p = NativeParameter(name, kind: keywordOnly ? .keywordOnly : .positionalOrKeyword, isRequired: false, defaultValue: value)
        p.isUnsupported = true
        return p
    }
    public static func varKeyword(_ name: String) -> NativeParameter {
        NativeParameter(name, kind: .varKeyword, isRequired: false)
    }
}

extension Value: @unchecked Sendable {}

/// An argument as written at a call site, after `*args` / `**kwargs` were expanded.
public struct CallArgument {
    /// nil for a positional argument.
    public var keyword: String?
    public var value: Value
    /// Where the argument is written, so an error about it can point at it.
    public var span: Span
    public init(keyword: String? = nil, value: Value, span: Span) {
        self.keyword = keyword; self.value = value; self.span = span
    }
}

/// A function implemented in Swift: a built-in, a module member or a bound method of a value.
public struct NativeFunction {
    public var name: String
    /// Python-style signature for inspection: `print(*values, sep=' ', end='\n', file=sys.stdout)`.
    public var signature: String
    /// A one-paragraph docstring for learners.
    public var doc: String
    public var parameters: [NativeParameter]
    /// Every way the function can be called, in the order they are tried: one parameter list for
    /// most functions; several for an overloaded one (`subplot(pos)` and
    /// `subplot(nrows, ncols, index)`). The body reads which one bound in `args.overload`.
    public var overloads: [[NativeParameter]]
    /// For bound methods: the type of the receiver (`list` for `[].append`); nil for functions.
    public var receiverType: String?
    public var body: (inout BoundArguments, CallContext) throws -> Value

    /// `signature` defaults to one built from `parameters`.
    public init(_ name: String, signature: String? = nil, doc: String, parameters: [NativeParameter] = [],
                receiverType: String? = nil,
                body: @escaping (inout BoundArguments, CallContext) throws -> Value) {
        self.name = name
        self.doc = doc
        self.parameters = parameters
        self.overloads = [parameters]
        self.receiverType = receiverType
        self.body = body
        self.signature = signature ?? NativeFunction.makeSignature(name, parameters)
    }

    /// An overloaded function: the first parameter list the call's arguments fit is used; the
    /// signature shows every form, one a line.
    public init(_ name: String, doc: String, overloads: [[NativeParameter]], receiverType: String? = nil,
                body: @escaping (inout BoundArguments, CallContext) throws -> Value) {
        precondition(!overloads.isEmpty, "\(name) needs at least one parameter list")
        self.init(name, doc: doc, parameters: overloads[0], receiverType: receiverType, body: body)
        self.overloads = overloads
        self.signature = overloads.map { NativeFunction.makeSignature(name, $0) }.joined(separator: "\n")
    }

    public var isMethod: Bool { receiverType != nil }
    /// `list.append` for methods, `print` for functions.
    public var qualifiedName: String { receiverType.map { "\($0).\(name)" } ?? name }

    /// `name(a, b=1, *args, key=None, **kwargs)`, as Python shows a signature.
    public static func makeSignature(_ name: String, _ params: [NativeParameter]) -> String {
        var parts: [String] = []
        var starred = false
        for (i, p) in params.enumerated() {
            switch p.kind {
            case .varPositional: parts.append("*" + p.name); starred = true
            case .varKeyword: parts.append("**" + p.name)
            default:
                if p.kind == .keywordOnly && !starred { parts.append("*"); starred = true }
                var s = p.name
                if let d = p.defaultValue { s += "=" + Repr.repr(d) } else if !p.isRequired { s += "=None" }
                parts.append(s)
                if p.kind == .positionalOnly && (i + 1 == params.count || params[i + 1].kind != .positionalOnly) {
                    parts.append("/")
                }
            }
        }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    /// Checks `arguments` against `parameters` and calls the body.
    public func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        if overloads.count == 1 {
            var bound = try BoundArguments.bind(functionName: name, parameters: parameters,
                                                arguments: arguments, callSpan: context.span)
            let result = try body(&bound, context)
            context.interpreter.auditArguments(qualifiedName, bound)
            return result
        }
        for (i, parameters) in overloads.enumerated() {
            guard var bound = try? BoundArguments.bind(functionName: name, parameters: parameters,
                                                       arguments: arguments, callSpan: context.span) else { continue }
            bound.overload = i
            let result = try body(&bound, context)
            context.interpreter.auditArguments(qualifiedName, bound)
            return result
        }
        let forms = overloads.map { NativeFunction.makeSignature(name, $0) }
        let positional = arguments.filter { $0.keyword == nil }.count
        let keywords = arguments.compactMap(\.keyword)
        let given = "\(positional) positional argument\(positional == 1 ? "" : "s")"
            + (keywords.isEmpty ? "" : " and the keywords " + keywords.map { "'\($0)'" }.joined(separator: ", "))
        throw Diagnostic(.typeError, "\(name)() takes one of: \(forms.joined(separator: ", ")). Received: \(given)",
                         at: context.span, notes: ["help: call it in one of those forms"])
    }
}

/// Arguments bound to a function's parameters, each with the span it was written at.
public struct BoundArguments {
    public let functionName: String
    public let callSpan: Span
    /// Which of an overloaded function's parameter lists the call bound to (0 otherwise).
    public var overload = 0
    private var values: [String: (value: Value, span: Span?)] = [:]
    /// Extra positional arguments collected by a `*args` parameter.
    public var varPositional: [(value: Value, span: Span)] = []
    /// Extra keyword arguments collected by a `**kwargs` parameter, in call order.
    public var varKeyword: [(name: String, value: Value, span: Span)] = []

    init(functionName: String, callSpan: Span) { self.functionName = functionName; self.callSpan = callSpan }

    /// The parameters the body has read (shared by copies), for the ignored-arguments audit.
    let reads = ReadLog()

    /// The argument (or default) of a parameter; nil when an optional parameter was not given.
    public subscript(_ name: String) -> Value? {
        reads.names.insert(name)
        return values[name]?.value
    }
    /// The parameters the caller wrote, for the ignored-arguments audit.
    var givenNames: [String] { values.compactMap { $0.value.span == nil ? nil : $0.key } }
    /// Whether the caller wrote this argument (rather than its default applying).
    public func isGiven(_ name: String) -> Bool { values[name]?.span != nil }
    /// Where the argument was written; the call when it was not.
    public func span(of name: String) -> Span { values[name]?.span ?? callSpan }

    /// Binds call arguments as Python does, with Python's messages for every mismatch.
    public static func bind(functionName: String, parameters: [NativeParameter], arguments: [CallArgument],
                            callSpan: Span) throws -> BoundArguments {
        var b = BoundArguments(functionName: functionName, callSpan: callSpan)
        let positional = parameters.filter { $0.kind == .positionalOnly || $0.kind == .positionalOrKeyword }
        let hasVarPos = parameters.contains { $0.kind == .varPositional }
        let hasVarKw = parameters.contains { $0.kind == .varKeyword }
        var posIndex = 0
        for arg in arguments {
            if let kw = arg.keyword {
                if let p = parameters.first(where: { $0.name == kw && $0.kind != .positionalOnly && $0.kind != .varPositional && $0.kind != .varKeyword }) {
                    if b.values[p.name] != nil {
                        throw Diagnostic(.typeError, "\(functionName)() got multiple values for argument '\(kw)'", at: arg.span)
                    }
                    b.values[p.name] = (arg.value, arg.span)
                } else if hasVarKw {
                    if b.varKeyword.contains(where: { $0.name == kw }) {
                        throw Diagnostic(.typeError, "\(functionName)() got multiple values for keyword argument '\(kw)'", at: arg.span)
                    }
                    b.varKeyword.append((kw, arg.value, arg.span))
                } else {
                    let names = parameters.filter { $0.kind == .positionalOrKeyword || $0.kind == .keywordOnly }.map(\.name)
                    var notes: [String] = []
                    if let s = Suggest.closest(to: kw, in: names) { notes.append("help: did you mean '\(s)'?") }
                    throw Diagnostic(.typeError, "\(functionName)() got an unexpected keyword argument '\(kw)'",
                                     at: arg.span, notes: notes)
                }
            } else if posIndex < positional.count {
                b.values[positional[posIndex].name] = (arg.value, arg.span)
                posIndex += 1
            } else if hasVarPos {
                b.varPositional.append((arg.value, arg.span))
            } else {
                let given = arguments.filter { $0.keyword == nil }.count
                let required = positional.filter { $0.isRequired }.count
                let takes = required == positional.count ? "\(positional.count)" : "from \(required) to \(positional.count)"
                let plural = positional.count == 1 && required == positional.count ? "argument" : "arguments"
                throw Diagnostic(.typeError,
                                 "\(functionName)() takes \(takes) positional \(plural) but \(given) \(given == 1 ? "was" : "were") given",
                                 at: arg.span)
            }
        }
        var missingPos: [String] = [], missingKw: [String] = []
        for p in parameters where p.kind != .varPositional && p.kind != .varKeyword && b.values[p.name] == nil {
            if p.isRequired {
                if p.kind == .keywordOnly { missingKw.append(p.name) } else { missingPos.append(p.name) }
            } else if let d = p.defaultValue {
                b.values[p.name] = (d, nil)
            }
        }
        for p in parameters where p.isUnsupported && b.isGiven(p.name) {
            let v = b[p.name] ?? .none
            let isDefault = v.isNone || (p.defaultValue.map { Repr.repr($0) == Repr.repr(v) } ?? false)
                || { if case .list(let l) = v { return l.items.isEmpty }; if case .tuple(let t) = v { return t.isEmpty }; return false }()
            if !isDefault {
                throw Diagnostic(.notImplementedError, "Fovea does not support `\(p.name)` yet. Received: \(p.name)=\(Repr.repr(v))",
                                 at: b.span(of: p.name), notes: ["help: leave `\(p.name)` out of the call to \(functionName)()"])
            }
        }
        if !missingPos.isEmpty || !missingKw.isEmpty {
            let (names, kind) = missingPos.isEmpty ? (missingKw, "keyword-only") : (missingPos, "positional")
            let quoted = names.map { "'\($0)'" }
            let list: String
            switch quoted.count {
            case 1: list = quoted[0]
            case 2: list = "\(quoted[0]) and \(quoted[1])"
            default: list = quoted.dropLast().joined(separator: ", ") + ", and " + quoted[quoted.count - 1]
            }
            throw Diagnostic(.typeError,
                             "\(functionName)() missing \(names.count) required \(kind) argument\(names.count == 1 ? "" : "s"): \(list)",
                             at: callSpan)
        }
        return b
    }

    // MARK: typed access, with Python's TypeError when the type is wrong

    func typeError(_ name: String, _ expected: String, _ v: Value) -> Diagnostic {
        Diagnostic(.typeError, "\(functionName)() argument '\(name)' must be \(expected), not '\(v.typeName)'", at: span(of: name))
    }

    /// An int argument (bool accepted, as in Python).
    public func int(_ name: String) throws -> Int {
        let v = self[name] ?? .none
        guard let i = v.asInt else { throw typeError(name, "int", v) }
        return i
    }
    /// An int argument, or nil when absent or None.
    public func optionalInt(_ name: String) throws -> Int? {
        guard let v = self[name], !v.isNone else { return nil }
        return try int(name)
    }
    /// A number argument as Double (int and bool promote).
    public func double(_ name: String) throws -> Double {
        let v = self[name] ?? .none
        guard let d = v.asDouble else { throw typeError(name, "a number", v) }
        return d
    }
    public func string(_ name: String) throws -> String {
        let v = self[name] ?? .none
        guard case .str(let s) = v else { throw typeError(name, "str", v) }
        return s
    }
    public func optionalString(_ name: String) throws -> String? {
        guard let v = self[name], !v.isNone else { return nil }
        return try string(name)
    }
    /// Truthiness of the argument; false when absent.
    public func bool(_ name: String) -> Bool { self[name]?.isTruthy ?? false }
}

extension Value {
    public var isNone: Bool { if case .none = self { return true } else { return false } }
}

final class ReadLog { var names: Set<String> = [] }

extension Interpreter {
    /// Records the written arguments a call's body never read (`Session.ignoredArguments`).
    func auditArguments(_ function: String, _ args: BoundArguments) {
        guard ignoredArguments != nil else { return }
        for name in args.givenNames where !args.reads.names.contains(name) { ignoredArguments!.insert("\(function)(\(name))") }
    }
}
