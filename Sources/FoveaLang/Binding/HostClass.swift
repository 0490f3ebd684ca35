/// A host class declared once: a Swift type seen from the language (a model, a layer, an array,
/// a stream), with its properties and methods, each with its parameters and docstring.
///
/// From this one declaration come attribute lookup and assignment, the names that completion,
/// `dir()` and did-you-mean offer, the signatures and docstrings that `help()` and `?` show,
/// argument checking with located errors (through `BoundArguments`), the class value that
/// `type()` and `isinstance` use, and, for a class that allows it, subclassing in the language.
///
///     static let binding = HostClass<Counter>("Counter", module: "toy", doc: "A counter.")
///         .property("value", doc: "The count.", get: { c, _ in .int(c.value) },
///                   set: { c, v, ctx in c.value = try ctx.int(v, "value") })
///         .method("increment", [.optional("step", default: .int(1))], doc: "Add step.") { c, args, _ in
///             c.value += try args.int("step"); return .none
///         }
///
/// A `FoveaObject` returns its class from `hostClass`; the interpreter does the rest.
public class AnyHostClass {
    /// The class name shown by `type()` and in messages.
    public let name: String
    /// The defining module, for `<class 'keras.layers.Conv2D'>`; nil for built-ins.
    public let module: String?
    public let doc: String
    /// The class this one extends: its members are this class's too, unless redeclared.
    public let base: AnyHostClass?
    /// Whether a class written in the language may subclass it (`class CB(keras.callbacks.Callback)`).
    public let isSubclassable: Bool

    enum Member {
        case property(doc: String, get: (Any, CallContext) throws -> Value,
                      set: ((Any, Value, CallContext) throws -> Void)?)
        case method(name: String, doc: String, parameters: [NativeParameter],
                    body: (Any, inout BoundArguments, CallContext) throws -> Value)
    }

    var members: [String: Member] = [:]
    private var order: [String] = []

    init(name: String, module: String?, doc: String, base: AnyHostClass?, isSubclassable: Bool) {
        self.name = name; self.module = module; self.doc = doc; self.base = base; self.isSubclassable = isSubclassable
    }

    func declare(_ name: String, _ member: Member) {
        precondition(members[name] == nil, "\(self.name).\(name) is declared twice")
        members[name] = member
        order.append(name)
    }

    /// Every member name, this class's first, then what it inherits.
    public var memberNames: [String] {
        var names = order
        if let base { names += base.memberNames.filter { members[$0] == nil } }
        return names
    }

    func member(_ name: String) -> Member? { members[name] ?? base?.member(name) }

    /// `object.name`: a property's value or a method bound to `object`; nil when undeclared.
    func attribute(of object: Any, _ name: String, context: CallContext) throws -> Value? {
        switch member(name) {
        case .property(_, let get, _)?:
            return try get(object, context)
        case .method(let n, let doc, let parameters, let body)?:
            return .native(NativeFunction(n, signature: NativeFunction.makeSignature("\(self.name).\(n)", parameters),
                                          doc: doc, parameters: parameters, receiverType: self.name) { args, ctx in
                try body(object, &args, ctx)
            })
        case nil:
            return nil
        }
    }

    /// `object.name = value`: false when `name` is not a settable property.
    func setAttribute(of object: Any, _ name: String, _ value: Value, context: CallContext) throws -> Bool {
        guard case .property(_, _, let set?)? = member(name) else { return false }
        try set(object, value, context)
        return true
    }

    /// Whether `name` is declared as a property that cannot be set (AttributeError wording).
    func isReadOnlyProperty(_ name: String) -> Bool {
        if case .property(_, _, nil)? = member(name) { return true }
        return false
    }

    /// A member's documentation for `help(obj.name)` and `obj.name?`.
    public func documentation(of name: String) -> String? {
        switch member(name) {
        case .property(let doc, _, _)?: return doc
        case .method(let n, let doc, let parameters, _)?:
            return NativeFunction.makeSignature("\(self.name).\(n)", parameters) + "\n\n" + doc
        case nil: return nil
        }
    }

    public var qualifiedName: String { module.map { "\($0).\(name)" } ?? name }

    /// A method taken from the class rather than an instance (`str.upper`): the receiver is the
    /// first argument, `self`, and `receiver` turns it into the class's receiver type (nil: a
    /// TypeError as Python's descriptor gives).
    func unboundMethod(_ name: String, receiver: @escaping (Value) -> Any?) -> NativeFunction? {
        guard case .method(let n, let doc, let parameters, let body)? = member(name) else { return nil }
        let all = [NativeParameter.required("self")] + parameters
        let className = self.name
        return NativeFunction("\(className).\(n)", signature: NativeFunction.makeSignature("\(className).\(n)", all),
                              doc: doc, parameters: all) { args, ctx in
            let value = args["self"] ?? .none
            guard let r = receiver(value) else {
                throw Diagnostic(.typeError, "descriptor '\(n)' for '\(className)' objects doesn't apply to a '\(value.typeName)' object")
            }
            return try body(r, &args, ctx)
        }
    }
}

/// A host class whose instances are `Object`s. The chainable declarations below are the whole
/// binding of a type; see `AnyHostClass`.
public final class HostClass<Object>: AnyHostClass {
    public init(_ name: String, module: String? = nil, doc: String, base: AnyHostClass? = nil, isSubclassable: Bool = false) {
        super.init(name: name, module: module, doc: doc, base: base, isSubclassable: isSubclassable)
    }

    /// A data attribute; with `set`, assignable (`model.trainable = False`).
    @discardableResult
    public func property(_ name: String, doc: String, get: @escaping (Object, CallContext) throws -> Value,
                         set: ((Object, Value, CallContext) throws -> Void)? = nil) -> Self {
        let typedSet = set.map { set in { (o: Any, v: Value, c: CallContext) throws in try set(o as! Object, v, c) } }
        declare(name, .property(doc: doc, get: { o, c in try get(o as! Object, c) }, set: typedSet))
        return self
    }

    /// A method: its parameters are checked as Python checks them before `body` runs, and its
    /// signature (`Sequential.fit(x=None, y=None, ...)`) is built from them.
    @discardableResult
    public func method(_ name: String, _ parameters: [NativeParameter] = [], doc: String,
                       _ body: @escaping (Object, inout BoundArguments, CallContext) throws -> Value) -> Self {
        declare(name, .method(name: name, doc: doc, parameters: parameters, body: { o, a, c in try body(o as! Object, &a, c) }))
        return self
    }

    /// The class value for a module: calling it runs `constructor`; `isinstance(x, C)` holds for
    /// objects whose class is this one or derives from it.
    public func typeValue(constructor: NativeFunction?) -> TypeValue where Object: AnyObject {
        let t = TypeValue(name, module: module, doc: doc, constructor: constructor) { [unowned self] v in
            // A class written in the language that derives from this one: its host part's class.
            guard case .object(let o) = v, let c = ((o as? Instance)?.hostPart ?? o).hostClass else { return false }
            return c.isSubclass(of: self)
        }
        t.hostClass = self
        return t
    }
}

extension AnyHostClass {
    /// Whether this class is `other` or extends it.
    public func isSubclass(of other: AnyHostClass) -> Bool {
        var c: AnyHostClass? = self
        while let cur = c {
            if cur === other { return true }
            c = cur.base
        }
        return false
    }
}
