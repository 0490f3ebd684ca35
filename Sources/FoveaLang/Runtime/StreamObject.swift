/// `sys.stdout` / `sys.stderr`: `print(..., file=sys.stderr)` and `sys.stdout.write(text)`.
public final class StreamObject: FoveaObject {
    public let stream: StreamName
    public init(_ stream: StreamName) { self.stream = stream }
    public var typeName: String { "TextIOWrapper" }
    public var doc: String { "The cell's \(stream.rawValue) stream: print(..., file=sys.\(stream.rawValue)) writes to it." }
    public func repr() -> String { "<_io.TextIOWrapper name='<\(stream.rawValue)>' mode='w' encoding='utf-8'>" }
    public var attributeNames: [String] { ["flush", "write"] }
    public func attribute(_ name: String, context: CallContext) throws -> Value? {
        switch name {
        case "write":
            return .native(NativeFunction("write", doc: "Write text to the stream and return the number of characters written.",
                                          parameters: [.required("s", positionalOnly: true)], receiverType: typeName) { [stream] a, ctx in
                let s = try a.string("s")
                ctx.write(s, to: stream)
                return .int(s.unicodeScalars.count)
            })
        case "flush":
            return .native(NativeFunction("flush", doc: "Send buffered output to the notebook now.", receiverType: typeName) { _, ctx in
                ctx.interpreter.flushStreams(); return .none
            })
        default: return nil
        }
    }
}
