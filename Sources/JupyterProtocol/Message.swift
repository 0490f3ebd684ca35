import JSON
// Messages of the Jupyter messaging protocol, version 5.5.

/// The protocol version this package speaks.
public let protocolVersion = "5.5"

/// A message header.
public struct Header: Sendable, Equatable {
    public var msgId: String
    public var session: String
    public var username: String
    /// ISO-8601 with microseconds and `Z`.
    public var date: String
    public var msgType: String
    public var version: String

    public init(msgId: String, session: String, username: String, date: String, msgType: String,
                version: String = protocolVersion) {
        self.msgId = msgId
        self.session = session
        self.username = username
        self.date = date
        self.msgType = msgType
        self.version = version
    }

    /// Reads a header object. `msg_id` and `msg_type` must be strings; `session`,
    /// `username`, `date` and `version` default to "" when missing or not strings.
    public init(json: JSON) throws {
        guard let o = json.objectValue else { throw WireError.invalidHeader("header is not a JSON object") }
        guard let id = o["msg_id"] else { throw WireError.invalidHeader("header has no msg_id") }
        guard let idString = id.stringValue else { throw WireError.invalidHeader("header msg_id is not a string") }
        guard let type = o["msg_type"] else { throw WireError.invalidHeader("header has no msg_type") }
        guard let typeString = type.stringValue else { throw WireError.invalidHeader("header msg_type is not a string") }
        msgId = idString
        msgType = typeString
        session = o["session"]?.stringValue ?? ""
        username = o["username"]?.stringValue ?? ""
        date = o["date"]?.stringValue ?? ""
        version = o["version"]?.stringValue ?? ""
    }

    /// The header object, keys in the order msg_id, msg_type, username, session, date, version.
    public var json: JSON {
        var o = JSONObject()
        o.reserveCapacity(6)
        o.appendUnchecked("msg_id", .string(msgId))
        o.appendUnchecked("msg_type", .string(msgType))
        o.appendUnchecked("username", .string(username))
        o.appendUnchecked("session", .string(session))
        o.appendUnchecked("date", .string(date))
        o.appendUnchecked("version", .string(version))
        return .object(o)
    }
}

/// One message, as decoded from or encoded to the wire.
public struct Message: Sendable {
    /// The ZeroMQ routing prefix before `<IDS|MSG>` (for iopub: the topic).
    public var identities: [[UInt8]]
    public var header: Header
    /// `{}` or the parent's header object, exactly as received.
    public var parentHeader: JSON
    public var metadata: JSON
    public var content: JSON
    public var buffers: [[UInt8]]
    /// The header object exactly as received (with any extra keys, e.g. `subshell_id`),
    /// set by the decoder; nil for messages made here. `MessageFactory` uses it as the
    /// `parent_header` of replies. `WireCodec.encode` always writes `header`.
    public var rawHeader: JSON?

    public var msgType: String { header.msgType }

    public init(identities: [[UInt8]] = [], header: Header, parentHeader: JSON = [:], metadata: JSON = [:],
                content: JSON = [:], buffers: [[UInt8]] = [], rawHeader: JSON? = nil) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
        self.rawHeader = rawHeader
    }

    /// The header to use as `parent_header` of a reply: `rawHeader` if present, else `header.json`.
    public var headerForReplies: JSON { rawHeader ?? header.json }

    /// The parent's `msg_id`, if there is a parent header with one.
    public var parentMsgId: String? { parentHeader["msg_id"]?.stringValue }
}

/// Makes outgoing messages: a fresh `msg_id` and `date` every time, the same session.
public struct MessageFactory: Sendable {
    /// The session id of this process, made once (every factory made with the default
    /// session shares it).
    public static let processSession: String = MessageID.make()

    public var session: String
    public var username: String

    public init(session: String = MessageFactory.processSession, username: String = "kernel") {
        self.session = session
        self.username = username
    }

    /// A new message. `parent_header` is the parent's header as received (or `{}`);
    /// identities default to the parent's (right for shell/control/stdin replies; for
    /// iopub pass a topic, e.g. `[Array("kernel.status".utf8)]`, or `[]`).
    public func make(_ msgType: String, content: JSON, parent: Message?, metadata: JSON = [:],
                     identities: [[UInt8]]? = nil) -> Message {
        let header = Header(msgId: MessageID.make(), session: session, username: username,
                            date: ISODate.now(), msgType: msgType, version: protocolVersion)
        return Message(identities: identities ?? parent?.identities ?? [],
                       header: header,
                       parentHeader: parent?.headerForReplies ?? .object(JSONObject()),
                       metadata: metadata,
                       content: content,
                       buffers: [],
                       rawHeader: nil)
    }
}
