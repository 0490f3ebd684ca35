import FoveaLang
import NeuralNet
import Tensor

/// A regularizer made in the language (`keras.regularizers.l2(0.01)`), for a layer's
/// `kernel_regularizer=` or `bias_regularizer=`.
final class RegularizerObject: FoveaObject {
    let regularizer: Regularizer
    init(_ regularizer: Regularizer) { self.regularizer = regularizer }

    var typeName: String { regularizer.className }
    var doc: String { RegularizerClasses.entries.first { $0.name == regularizer.className }?.doc ?? "A regularizer." }
    /// Python's default repr, as Keras's regularizers have no repr of their own.
    func repr() -> String { "<keras.src.regularizers.regularizers.\(regularizer.className) object>" }
    var hostClass: AnyHostClass? { RegularizerObject.binding }

    static let binding = HostClass<RegularizerObject>("Regularizer", module: "keras.regularizers",
                                                      doc: "A weight regularizer, for kernel_regularizer= or bias_regularizer=.")
        .property("l1", doc: "The factor of the sum of absolute values (L1 and L1L2).") { r, ctx in
            guard r.regularizer.kind != .l2 else { throw missing(r, "l1", ctx) }
            return .float(r.regularizer.l1)
        }
        .property("l2", doc: "The factor of the sum of squares (L2 and L1L2).") { r, ctx in
            guard r.regularizer.kind != .l1 else { throw missing(r, "l2", ctx) }
            return .float(r.regularizer.l2)
        }
        .method("get_config", doc: "The regularizer's factors as a dict, such as {'l2': 0.01}.") { r, _, _ in
            let d = DictBox()
            for (k, v) in r.regularizer.config { d.set(.str(k), .str(k), .float(v)) }
            return .dict(d)
        }

    private static func missing(_ r: RegularizerObject, _ name: String, _ ctx: CallContext) -> Diagnostic {
        Diagnostic(.attributeError, "'\(r.regularizer.className)' object has no attribute '\(name)'", at: ctx.span)
    }

    /// A layer's `kernel_regularizer=` / `bias_regularizer=`: None, a regularizer, or its name
    /// ('l1', 'l2', 'l1_l2'), as Keras's `regularizers.get` takes them.
    static func argument(_ args: BoundArguments, _ name: String) throws -> Regularizer? {
        guard let v = args[name], !v.isNone else { return nil }
        if case .object(let o) = v, let r = o as? RegularizerObject { return r.regularizer }
        if case .str(let s) = v {
            do { return try Regularizer.named(s, argument: name) } catch let e as LayerError { throw e.diagnostic(args) }
        }
        throw Diagnostic(.valueError, "Could not interpret regularizer identifier: \(Repr.repr(v))", at: args.span(of: name))
    }

    /// A regularizer as the language shows it (`layer.kernel_regularizer`).
    static func value(_ r: Regularizer?) -> Value { r.map { .object(RegularizerObject($0)) } ?? .none }
}

/// `keras.regularizers`: L1, L2 and L1L2, also under Keras's lower-case names l1, l2 and l1_l2.
enum RegularizerClasses {
    struct Entry {
        let name: String
        let alias: String
        let doc: String
        let parameters: [NativeParameter]
        let make: (BoundArguments) throws -> Regularizer
    }

    static let entries: [Entry] = [
        Entry(name: "L1", alias: "l1",
              doc: "L1(l1=0.01)\n\nAdds l1 * sum(|w|) of the weight to the training loss, which pushes weights to exactly 0.",
              parameters: [.optional("l1", default: .float(0.01))],
              make: { a in try Regularizer(.l1, l1: factor(a, "l1", default: 0.01)) }),
        Entry(name: "L2", alias: "l2",
              doc: "L2(l2=0.01)\n\nAdds l2 * sum(w ** 2) of the weight to the training loss (weight decay), which keeps weights small.",
              parameters: [.optional("l2", default: .float(0.01))],
              make: { a in try Regularizer(.l2, l2: factor(a, "l2", default: 0.01)) }),
        Entry(name: "L1L2", alias: "l1_l2",
              doc: "L1L2(l1=0.0, l2=0.0)\n\nAdds l1 * sum(|w|) + l2 * sum(w ** 2) of the weight to the training loss.",
              parameters: [.optional("l1", default: .float(0)), .optional("l2", default: .float(0))],
              make: { a in try Regularizer(.l1l2, l1: factor(a, "l1", default: 0), l2: factor(a, "l2", default: 0)) }),
    ]

    /// A factor as Keras's `validate_float_arg` takes it: a finite, non-negative int or float;
    /// None is the class's default.
    static func factor(_ args: BoundArguments, _ name: String, default fallback: Double) throws -> Double {
        let v = args[name] ?? .none
        if v.isNone { return fallback }
        if !KerasArguments.isBool(v), let d = v.asDouble, d.isFinite, d >= 0 { return d }
        throw Diagnostic(.valueError, "Invalid value for argument \(name): expected a non-negative float."
                         + "Received: \(name)=\(Repr.str(v))", at: args.span(of: name))
    }

    static func module(_ name: String) -> ModuleValue {
        let m = ModuleValue(name, doc: "Keras regularizers: l1, l2, l1_l2 (L1, L2, L1L2). Pass one as a layer's kernel_regularizer=, or its name: kernel_regularizer='l2'.")
        for e in entries {
            let constructor = NativeFunction(e.name, doc: e.doc, parameters: e.parameters) { args, _ in
                do { return .object(RegularizerObject(try e.make(args))) } catch let error as LayerError { throw error.diagnostic(args) }
            }
            let type = TypeValue(objectClass: e.name, module: name, doc: e.doc, constructor: constructor)
            m.add(type)
            m.add(e.alias, .type(type))
        }
        return m
    }
}
