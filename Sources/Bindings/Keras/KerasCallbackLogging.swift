import FoveaLang
import Glibc

/// `CSVLogger(filename, separator=',', append=False)`: one row per epoch, `epoch` then the logs'
/// keys in sorted order, written and flushed at the end of each epoch.
final class CSVLoggerCallback: CallbackObject {
    let filename: String, separator: String, append: Bool
    private var file: UnsafeMutablePointer<FILE>?
    private var keys: [String]?
    private var writeHeader = true

    init(filename: String, separator: String, append: Bool) {
        self.filename = filename; self.separator = separator; self.append = append
    }
    deinit { if let file { fclose(file) } }

    override var typeName: String { "CSVLogger" }
    override var hostClass: AnyHostClass? { Self.callbackBinding }
    static let doc = "Write each epoch's loss and metrics to a CSV file: CSVLogger('training.log'); append=True continues a file."
    static let callbackBinding = HostClass<CSVLoggerCallback>("CSVLogger", module: "keras.callbacks", doc: doc, base: CallbackObject.binding,
                                                   isSubclassable: true)
        .property("filename", doc: "The CSV file written.") { c, _ in .str(c.filename) }

    static func makeType() -> TypeValue {
        KerasCallbacks.make(callbackBinding, doc, [.required("filename"), .optional("separator", default: .str(",")), .optional("append", default: .bool(false))]) { a in
            CSVLoggerCallback(filename: try a.path("filename"), separator: try a.string("separator"), append: a.bool("append"))
        }
    }

    override func handle(_ hook: String, index: Int?, logs: Value, context: CallContext) throws {
        switch hook {
        case "on_train_begin":
            if let file { fclose(file) }
            writeHeader = true
            if append, let existing = fopen(filename, "r") {
                writeHeader = fgetc(existing) == EOF
                fclose(existing)
            }
            guard let f = fopen(filename, append ? "a" : "w") else { throw Diagnostic.os(errno: errno, path: filename, at: context.span) }
            file = f
            keys = nil
        case "on_epoch_end":
            guard let file else { return }
            let names = keys ?? KerasCallbacks.keys(logs).sorted()
            keys = names
            var text = ""
            if writeHeader { text += (["epoch"] + names).map(field).joined(separator: separator) + "\r\n"; writeHeader = false }
            let values = names.map { name -> String in
                guard case .dict(let d) = logs, let v = d.get(.str(name)) else { return "NA" }
                return field(Repr.str(v))
            }
            text += ([String(index ?? 0)] + values).joined(separator: separator) + "\r\n"
            let bytes = Array(text.utf8)
            guard fwrite(bytes, 1, bytes.count, file) == bytes.count, fflush(file) == 0 else {
                throw Diagnostic.os(errno: errno, path: filename, at: context.span)
            }
        case "on_train_end":
            if let file { fclose(file) }
            file = nil
        default: break
        }
    }

    /// A CSV field as Python's csv module writes it: quoted when it holds the separator, a quote
    /// or a line break.
    private func field(_ s: String) -> String {
        guard s.contains(separator) || s.contains("\"") || s.contains("\n") || s.contains("\r") else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

/// `TerminateOnNaN()`: ends training when a batch's loss is NaN or infinite.
final class TerminateOnNaNCallback: CallbackObject {
    override var typeName: String { "TerminateOnNaN" }
    override var hostClass: AnyHostClass? { Self.callbackBinding }
    static let doc = "Stop training as soon as the loss becomes NaN or infinite (Fovea's fit also stops by itself and says why)."
    static let callbackBinding = HostClass<TerminateOnNaNCallback>("TerminateOnNaN", module: "keras.callbacks", doc: doc, base: CallbackObject.binding,
                                                   isSubclassable: true)

    static func makeType() -> TypeValue { KerasCallbacks.make(callbackBinding, doc, []) { _ in TerminateOnNaNCallback() } }

    override func handle(_ hook: String, index: Int?, logs: Value, context: CallContext) throws {
        guard hook == "on_train_batch_end", let loss = KerasCallbacks.value(logs, "loss"), !loss.isFinite else { return }
        context.write("Batch \(index ?? 0): Invalid loss, terminating training\n")
        try trainedModel(context).stopTraining = true
    }
}

/// `LambdaCallback(on_epoch_begin=None, on_epoch_end=None, on_train_begin=None, on_train_end=None,
/// on_train_batch_begin=None, on_train_batch_end=None)`: functions called at those points, with
/// (epoch, logs), (logs) or (batch, logs) as Keras calls them.
final class LambdaCallbackObject: CallbackObject {
    let functions: [String: Value]
    init(functions: [String: Value]) { self.functions = functions }

    override var typeName: String { "LambdaCallback" }
    override var hostClass: AnyHostClass? { Self.callbackBinding }
    static let doc = "A callback made of functions: LambdaCallback(on_epoch_end=lambda epoch, logs: print(epoch, logs['loss']))."
    static let callbackBinding = HostClass<LambdaCallbackObject>("LambdaCallback", module: "keras.callbacks", doc: doc, base: CallbackObject.binding,
                                                   isSubclassable: true)

    static let hookNames = ["on_epoch_begin", "on_epoch_end", "on_train_begin", "on_train_end", "on_train_batch_begin", "on_train_batch_end"]

    static func makeType() -> TypeValue {
        KerasCallbacks.make(callbackBinding, doc, hookNames.map { .optional($0, default: Value.none) } + [.varKeyword("kwargs")]) { a in
            var functions: [String: Value] = [:]
            for name in hookNames { if let f = a[name], !f.isNone { functions[name] = f } }
            // Keras's older names for the batch hooks.
            for kw in a.varKeyword {
                switch kw.name {
                case "on_batch_begin": functions["on_train_batch_begin"] = kw.value
                case "on_batch_end": functions["on_train_batch_end"] = kw.value
                default:
                    throw Diagnostic(.typeError, "LambdaCallback got an unexpected keyword argument '\(kw.name)'", at: a.callSpan,
                                     notes: ["help: its arguments are " + hookNames.joined(separator: ", ")])
                }
            }
            return LambdaCallbackObject(functions: functions)
        }
    }

    override func handle(_ hook: String, index: Int?, logs: Value, context: CallContext) throws {
        guard let f = functions[hook] else { return }
        _ = try context.call(f, (index.map { [Value.int($0)] } ?? []) + [logs])
    }
}
