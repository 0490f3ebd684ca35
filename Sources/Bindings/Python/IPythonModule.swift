import FoveaLang
import Glibc

/// `IPython.display`, as notebooks import it: `display` and `clear_output` (the built-ins), and
/// the display objects `HTML`, `Markdown`, `Latex` and `Image`, shown with the MIME type a
/// frontend renders.
enum IPythonModule {
    /// An IPython display object: shown richly as its MIME bundle.
    final class DisplayObject: FoveaObject {
        let className: String
        let bundle: MimeBundle
        init(_ className: String, _ bundle: MimeBundle) { self.className = className; self.bundle = bundle }
        var typeName: String { className }
        func repr() -> String { "<IPython.core.display.\(className) object>" }
        func richValue() -> (any RichValue)? { bundle }
    }

    static func ipython() -> ModuleValue {
        let m = ModuleValue("IPython", doc: "IPython's display tools, as Fovea provides them: IPython.display.")
        m.add("display", .module(display()))
        return m
    }

    static func display() -> ModuleValue {
        let m = ModuleValue("IPython.display", doc: "Show rich output: display(obj), HTML(...), Markdown(...), Image(filename=...), clear_output().")
        for f in Builtins.io where f.name == "display" || f.name == "clear_output" { m.add(f) }
        for (name, mime, doc) in [("HTML", "text/html", "HTML(data): show an HTML fragment, e.g. a table of results."),
                                  ("Markdown", "text/markdown", "Markdown(data): show Markdown text, rendered by the notebook."),
                                  ("Latex", "text/latex", "Latex(data): show a LaTeX formula, rendered by the notebook.")] {
            m.add(TypeValue(name, module: "IPython.display", doc: doc, constructor: NativeFunction(name, doc: doc, parameters: [.optional("data", default: .str(""))]) { a, _ in
                let text = try a.string("data")
                return .object(DisplayObject(name, MimeBundle(text: [mime: text, "text/plain": "<IPython.core.display.\(name) object>"])))
            }) { v in if case .object(let o as DisplayObject) = v { return o.className == name }; return false })
        }
        let imageDoc = "Image(filename=None, width=None, height=None): show a PNG or JPEG file."
        m.add(TypeValue("Image", module: "IPython.display", doc: imageDoc, constructor: NativeFunction(
            "Image", doc: imageDoc,
            parameters: [.optional("data", default: Value.none), .optional("url", default: Value.none), .optional("filename", default: Value.none),
                         .unsupported("format"), .unsupported("embed"), .optional("width", default: Value.none), .optional("height", default: Value.none)]) { a, _ in
            if try a.optionalString("url") != nil {
                throw Diagnostic(.notImplementedError, "Fovea shows images from files only; the kernel downloads nothing here", at: a.span(of: "url"))
            }
            // The file read, or nil for image bytes given as data.
            let path: String?, bytes: [UInt8]
            if let data = a["data"].flatMap(BytesObject.of) {
                path = nil; bytes = data
            } else {
                guard let p = try a.optionalPath("filename") ?? (try a.optionalPath("data")) else {
                    throw Diagnostic(.valueError, "Image() needs filename='picture.png'", at: a.callSpan)
                }
                path = p
                bytes = try readFile(p, span: a.span(of: a["filename"]?.isNone == false ? "filename" : "data"))
            }
            let mime: String
            if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { mime = "image/png" }
            else if bytes.starts(with: [0xFF, 0xD8]) { mime = "image/jpeg" }
            else {
                throw Diagnostic(.valueError, path.map { "Image() shows PNG and JPEG files; \(Repr.string($0)) is neither" }
                                 ?? "Image() shows PNG and JPEG data; these bytes are neither", at: a.callSpan)
            }
            var size: [String: Int] = [:]
            if let w = try a.optionalInt("width") { size["width"] = w }
            if let h = try a.optionalInt("height") { size["height"] = h }
            return .object(DisplayObject("Image", MimeBundle(text: ["text/plain": "<IPython.core.display.Image object>"],
                                                             binary: [mime: bytes], metadata: size.isEmpty ? [:] : [mime: size])))
        }) { v in if case .object(let o as DisplayObject) = v { return o.className == "Image" }; return false })
        return m
    }

    static func readFile(_ path: String, span: Span) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else { throw Diagnostic.os(errno: errno, path: path, at: span) }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }
}
