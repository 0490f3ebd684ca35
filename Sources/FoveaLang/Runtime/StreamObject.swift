/// `sys.stdout` / `sys.stderr`: `print(..., file=sys.stderr)` and `sys.stdout.write(text)`.
public final class StreamObject: FoveaObject {
    public let stream: StreamName
    public init(_ stream: StreamName) { self.stream = stream }
    public var typeName: String { "TextIOWrapper" }
    public var doc: String { "The cell's \(stream.rawValue) stream: print(..., file=sys.\(stream.rawValue)) writes to it." }
    public func repr() -> String { "<_io.TextIOWrapper name='<\(stream.rawValue)>' mode='w' encoding='utf-8'>" }
    public var hostClass: AnyHostClass? { StreamObject.binding }

    static let binding = HostClass<StreamObject>("TextIOWrapper", module: "_io", doc: "A text stream of the cell: sys.stdout or sys.stderr.")
        .method("write", [.required("s", positionalOnly: true)], doc: "Write text to the stream and return the number of characters written.") { o, a, ctx in
            let s = try a.string("s")
            ctx.write(s, to: o.stream)
            return .int(s.unicodeScalars.count)
        }
        .method("flush", doc: "Send buffered output to the notebook now.") { _, _, ctx in
            ctx.flush()
            return .none
        }
}
