/// A method of a built-in type (`str.upper`, `list.append`, ...), bound to its receiver on access.
struct Method {
    let name: String
    let doc: String
    let parameters: [NativeParameter]
    let body: (Value, inout BoundArguments, CallContext) throws -> Value

    init(_ name: String, _ doc: String, _ parameters: [NativeParameter] = [],
         _ body: @escaping (Value, inout BoundArguments, CallContext) throws -> Value) {
        self.name = name; self.doc = doc; self.parameters = parameters; self.body = body
    }

    func bind(to receiver: Value, typeName: String) -> NativeFunction {
        let body = self.body
        return NativeFunction(name, signature: NativeFunction.makeSignature("\(typeName).\(name)", parameters),
                              doc: doc, parameters: parameters, receiverType: typeName) { args, ctx in
            try body(receiver, &args, ctx)
        }
    }

    /// `str.upper` accessed on the class: the receiver is the first argument.
    func unbound(typeName: String) -> NativeFunction {
        let body = self.body
        let params = [NativeParameter.required("self")] + parameters
        return NativeFunction("\(typeName).\(name)", signature: NativeFunction.makeSignature("\(typeName).\(name)", params),
                              doc: doc, parameters: params) { args, ctx in
            let receiver = args["self"] ?? .none
            guard receiver.typeName == typeName else {
                throw Diagnostic(.typeError, "descriptor '\(name)' for '\(typeName)' objects doesn't apply to a '\(receiver.typeName)' object")
            }
            return try body(receiver, &args, ctx)
        }
    }
}

enum Methods {
    static func table(for typeName: String) -> [String: Method]? {
        switch typeName {
        case "str": return strMethods
        case "list": return listMethods
        case "dict": return dictMethods
        case "tuple": return tupleMethods
        case "int", "bool": return intMethods
        case "float": return floatMethods
        default: return nil
        }
    }

    static func table(_ methods: [Method]) -> [String: Method] {
        Dictionary(methods.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Data attributes of built-in values (`range.start`, `x.real`).
    static func property(_ v: Value, _ name: String) throws -> Value? {
        switch (v, name) {
        case (.range(let r), "start"): return .int(r.start)
        case (.range(let r), "stop"): return .int(r.stop)
        case (.range(let r), "step"): return .int(r.step)
        case (.int, "real"), (.float, "real"): return v
        case (.bool(let b), "real"): return .int(b ? 1 : 0)
        case (.int, "imag"), (.bool, "imag"): return .int(0)
        case (.float, "imag"): return .float(0)
        default: return nil
        }
    }

    static func propertyNames(_ v: Value) -> [String] {
        switch v {
        case .range: return ["start", "step", "stop"]
        case .int, .float, .bool: return ["imag", "real"]
        default: return []
        }
    }

    nonisolated(unsafe) static let tupleMethods = table([
        Method("count", "Return the number of times value occurs in the tuple.", [.required("value", positionalOnly: true)]) { r, a, _ in
            guard case .tuple(let t) = r else { return .none }
            return .int(try t.filter { try Interpreter.equal($0, a["value"]!) }.count)
        },
        Method("index", "Return the first index of value; ValueError if it is not present.", [.required("value", positionalOnly: true)]) { r, a, _ in
            guard case .tuple(let t) = r else { return .none }
            guard let i = try t.firstIndex(where: { try Interpreter.equal($0, a["value"]!) }) else {
                throw Diagnostic(.valueError, "tuple.index(x): x not in tuple")
            }
            return .int(i)
        },
    ])

    nonisolated(unsafe) static let intMethods = table([
        Method("bit_length", "Number of bits needed to represent the integer in binary, without sign and leading zeros.") { r, _, _ in
            .int(Int.bitWidth - (r.asInt ?? 0).magnitude.leadingZeroBitCount)
        },
    ])

    nonisolated(unsafe) static let floatMethods = table([
        Method("is_integer", "Return True if the float is a whole number, such as 3.0.") { r, _, _ in
            guard case .float(let d) = r else { return .bool(false) }
            return .bool(d.isFinite && d.rounded() == d)
        },
    ])
}
