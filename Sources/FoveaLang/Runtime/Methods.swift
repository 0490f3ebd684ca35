/// The built-in types' methods and data attributes (`str.upper`, `list.append`, `range.start`),
/// declared through the same binding API as host classes: `HostClass<Value>`, whose receiver is
/// the value itself.
enum Methods {
    /// The declared class of each built-in type that has members, by type name (`bool` shares
    /// `int`'s).
    static let classes: [String: HostClass<Value>] = [
        "str": strClass, "list": listClass, "dict": dictClass, "tuple": tupleClass,
        "int": intClass, "bool": intClass, "float": floatClass, "range": rangeClass,
    ]

    static let rangeClass: HostClass<Value> = {
        let c = HostClass<Value>("range", doc: "A lazy sequence of integers.")
        for (name, doc) in [("start", "The first value."), ("stop", "The end (not included)."), ("step", "The difference between values.")] {
            c.property(name, doc: doc) { v, _ in
                guard case .range(let r) = v else { return .none }
                return .int(name == "start" ? r.start : name == "stop" ? r.stop : r.step)
            }
        }
        return c
    }()

    static let tupleClass: HostClass<Value> = {
        let c = HostClass<Value>("tuple", doc: "A tuple: an ordered collection that cannot change.")
        c.method("count", [.required("value", positionalOnly: true)], doc: "Return the number of times value occurs in the tuple.") { r, a, _ in
            guard case .tuple(let t) = r else { return .none }
            return .int(try t.filter { try Interpreter.equal($0, a["value"]!) }.count)
        }
        c.method("index", [.required("value", positionalOnly: true)], doc: "Return the first index of value; ValueError if it is not present.") { r, a, _ in
            guard case .tuple(let t) = r else { return .none }
            guard let i = try t.firstIndex(where: { try Interpreter.equal($0, a["value"]!) }) else {
                throw Diagnostic(.valueError, "tuple.index(x): x not in tuple")
            }
            return .int(i)
        }
        return c
    }()

    static let intClass: HostClass<Value> = {
        let c = HostClass<Value>("int", doc: "An integer.")
        c.property("real", doc: "The number itself.") { v, _ in .int(v.asInt ?? 0) }
        c.property("imag", doc: "0: an integer has no imaginary part.") { _, _ in .int(0) }
        c.method("bit_length", doc: "Number of bits needed to represent the integer in binary, without sign and leading zeros.") { r, _, _ in
            .int(Int.bitWidth - (r.asInt ?? 0).magnitude.leadingZeroBitCount)
        }
        return c
    }()

    static let floatClass: HostClass<Value> = {
        let c = HostClass<Value>("float", doc: "A floating-point number.")
        c.property("real", doc: "The number itself.") { v, _ in v }
        c.property("imag", doc: "0.0: a float has no imaginary part.") { _, _ in .float(0) }
        c.method("is_integer", doc: "Return True if the float is a whole number, such as 3.0.") { r, _, _ in
            guard case .float(let d) = r else { return .bool(false) }
            return .bool(d.isFinite && d.rounded() == d)
        }
        return c
    }()
}
