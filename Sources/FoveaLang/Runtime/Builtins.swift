import Glibc

/// The built-in functions every cell sees (`print`, `len`, ...); types are in BuiltinTypes.swift,
/// iteration helpers in BuiltinsIteration.swift, number helpers in BuiltinsNumbers.swift.
public enum Builtins {
    static func make() -> [String: Value] {
        var b: [String: Value] = [:]
        for f in io + introspection + iteration + numbers + files { b[f.name] = .native(f) }
        for t in types { b[t.name] = .type(t) }
        for c in ExceptionClass.builtins { b[c.name] = .type(c.typeValue()) }
        b.merge(classBuiltins) { a, _ in a }
        // The notebook's namespace is the main module: `if __name__ == "__main__": main()` runs.
        b["__name__"] = .str("__main__")
        return b
    }

    static func streamFor(_ file: Value?, _ a: BoundArguments) throws -> StreamName? {
        guard let file, !file.isNone else { return .stdout }
        if case .object(let o) = file, let s = o as? StreamObject { return s.stream }
        return nil
    }

    public static var io: [NativeFunction] { [
        NativeFunction("print",
                       doc: "Print the values to the cell's output, separated by sep and followed by end. Each value is shown as str() shows it. Use file=sys.stderr to write to the error stream.",
                       parameters: [.varPositional("values"), .keywordOnly("sep", default: .str(" ")), .keywordOnly("end", default: .str("\n")),
                                    .keywordOnly("file", default: Value.none), .keywordOnly("flush", default: .bool(false))]) { a, ctx in
            let sep = try a.optionalString("sep") ?? " "
            let end = try a.optionalString("end") ?? "\n"
            let text = try a.varPositional.map { try Repr.checkedStr($0.value) }.joined(separator: sep) + end
            if let stream = try streamFor(a["file"], a) {
                ctx.write(text, to: stream)
            } else {
                let file = a["file"]!
                let write = try ctx.interpreter.getAttribute(file, "write", span: a.span(of: "file"))
                _ = try ctx.call(write, [.str(text)])
            }
            if a.bool("flush") { ctx.interpreter.flushStreams() }
            return .none
        },
        NativeFunction("input", doc: "Show the prompt, wait for the user to type a line in the notebook, and return that line as a str (without the newline).",
                       parameters: [.optional("prompt", default: .str(""), positionalOnly: true)]) { a, ctx in
            .str(try ctx.readLine(prompt: try Repr.checkedStr(a["prompt"]!)))
        },
        NativeFunction("display",
                       doc: "Show each object as the notebook shows a cell's result (a table, an image or its repr), without ending the cell. With display_id=True, return a handle whose update(obj) replaces what was shown.",
                       parameters: [.varPositional("objs"), .keywordOnly("display_id", default: Value.none)]) { a, ctx in
            var id: String?
            switch a["display_id"]! {
            case .none, .bool(false): id = nil
            case .str(let s): id = s
            default: id = ctx.interpreter.newDisplayID()
            }
            for v in a.varPositional { ctx.interpreter.emit(.display(try ctx.interpreter.displayData(v.value), displayID: id)) }
            return id.map { .object(DisplayHandle(id: $0)) } ?? .none
        },
        NativeFunction("clear_output", doc: "Clear the output of the current cell. With wait=True, the old output stays until new output arrives, which avoids flicker in animations.",
                       parameters: [.optional("wait", default: .bool(false))]) { a, ctx in
            ctx.clearOutput(wait: a.bool("wait")); return .none
        },
        NativeFunction("help", doc: "Show the documentation of an object: what a function does and how to call it, what a module contains. help() alone explains how to get help in Fovea.",
                       parameters: [.optional("request", positionalOnly: true)]) { a, ctx in
            let text: String
            if let v = a["request"] { text = Inspection.helpText(v, interpreter: ctx.interpreter, expression: nil) }
            else { text = Inspection.intro }
            ctx.write(text.hasSuffix("\n") ? text : text + "\n", to: .stdout)
            return .none
        },
    ] }
}

/// The handle `display(obj, display_id=True)` returns.
final class DisplayHandle: FoveaObject {
    let id: String
    init(id: String) { self.id = id }
    var typeName: String { "DisplayHandle" }
    var doc: String { "A handle on a display: update(obj) replaces what it shows." }
    func repr() -> String { "<DisplayHandle display_id=\(id)>" }
    var hostClass: AnyHostClass? { DisplayHandle.binding }

    static let binding = HostClass<DisplayHandle>("DisplayHandle", module: "IPython.core.display", doc: "A handle on a display: update(obj) replaces what it shows.")
        .property("display_id", doc: "The id of the display this handle updates.", get: { h, _ in .str(h.id) })
        .method("update", [.required("obj", positionalOnly: true)], doc: "Replace what this display shows with obj.") { h, a, ctx in
            ctx.interpreter.emit(.updateDisplay(try ctx.interpreter.displayData(a["obj"]!), displayID: h.id))
            return .none
        }
        .method("display", [.required("obj", positionalOnly: true)], doc: "Show obj in a new display with this id.") { h, a, ctx in
            ctx.interpreter.emit(.display(try ctx.interpreter.displayData(a["obj"]!), displayID: h.id))
            return .none
        }
}

extension Interpreter {
    func newDisplayID() -> String {
        displayCounter += 1
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let r = UInt64(bitPattern: Int64(ts.tv_sec)) &* 1_000_000_007 &+ UInt64(ts.tv_nsec)
        return Repr.hex(Int(truncatingIfNeeded: r & 0xffff_ffff), width: 8) + "-" + String(displayCounter)
    }

    /// How `display(v)` and a cell's result show a value.
    func displayData(_ v: Value) throws -> Display {
        if case .object(let o) = v, let r = o.richValue() { return .rich(r) }
        return .text(try Repr.checkedRepr(v))
    }
}
