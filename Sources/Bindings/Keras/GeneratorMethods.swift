import FoveaLang

/// `fit_generator`, `evaluate_generator` and `predict_generator`, which tutorials written for
/// tf.keras 2 (most of those with ImageDataGenerator) call: each warns as tf.keras 2 did and
/// passes its arguments on to `fit`, `evaluate` or `predict`, which take generators themselves.
/// Keras 3 has removed them; Fovea keeps them so those notebooks run unchanged.
extension ModelObject {
    static func declareGeneratorMethods(_ c: HostClass<ModelObject>) {
        let common: [NativeParameter] = [.optional("max_queue_size", default: .int(10)), .optional("workers", default: .int(1)),
                                   .optional("use_multiprocessing", default: .bool(false))]
        c.method("fit_generator", [.required("generator"), .optional("steps_per_epoch", default: Value.none), .optional("epochs", default: .int(1)),
                                   .optional("verbose", default: .int(1)), .optional("callbacks", default: Value.none),
                                   .optional("validation_data", default: Value.none), .optional("validation_steps", default: Value.none),
                                   .optional("validation_freq", default: .int(1)), .optional("class_weight", default: Value.none)] + common
                 + [.optional("shuffle", default: .bool(true)), .optional("initial_epoch", default: .int(0))],
                 doc: "Deprecated in tf.keras 2 and removed in Keras 3: model.fit(generator, ...) takes generators. Trains as fit does.") { m, args, ctx in
            try m.passOn("fit", args, ctx, keywords: ["steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data",
                                                      "validation_steps", "validation_freq", "class_weight", "shuffle", "initial_epoch"])
        }
        c.method("evaluate_generator", [.required("generator"), .optional("steps", default: Value.none), .optional("callbacks", default: Value.none)]
                 + common + [.optional("verbose", default: .int(0))],
                 doc: "Deprecated in tf.keras 2 and removed in Keras 3: model.evaluate(generator, ...) takes generators.") { m, args, ctx in
            try m.passOn("evaluate", args, ctx, keywords: ["steps", "callbacks", "verbose"])
        }
        c.method("predict_generator", [.required("generator"), .optional("steps", default: Value.none), .optional("callbacks", default: Value.none)]
                 + common + [.optional("verbose", default: .int(0))],
                 doc: "Deprecated in tf.keras 2 and removed in Keras 3: model.predict(generator, ...) takes generators.") { m, args, ctx in
            try m.passOn("predict", args, ctx, keywords: ["steps", "callbacks", "verbose"])
        }
    }

    /// tf.keras 2's warning, then `method(generator, **the given keywords)`.
    private func passOn(_ method: String, _ args: BoundArguments, _ ctx: CallContext, keywords: [String]) throws -> Value {
        let old = method + "_generator"
        ctx.write("UserWarning: `Model.\(old)` is deprecated and will be removed in a future version. Please use `Model.\(method)`, which supports generators.\n",
                  to: .stderr)
        let target = try ctx.getAttribute(.object(self), method)
        let given = keywords.compactMap { name -> (String, Value)? in
            guard let v = args[name], !v.isNone else { return nil }
            return (name, v)
        }
        return try ctx.call(target, [args["generator"]!], keywords: given)
    }
}
