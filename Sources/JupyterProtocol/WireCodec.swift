import JSON
// The wire format: identities..., "<IDS|MSG>", signature, header, parent_header,
// metadata, content, buffers...

/// Why a message was rejected.
public enum WireError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No `<IDS|MSG>` frame.
    case missingDelimiter
    /// Fewer than 5 frames after the delimiter (the count found).
    case tooFewFrames(Int)
    /// The HMAC does not match.
    case badSignature
    /// The signature was seen before.
    case replayed
    /// A frame ("header", "parent_header", "metadata" or "content") is not JSON.
    case invalidJSON(frame: String, JSONError)
    /// The header lacks `msg_id`/`msg_type` or is not an object.
    case invalidHeader(String)

    public var description: String {
        switch self {
        case .missingDelimiter: return "message has no <IDS|MSG> delimiter"
        case .tooFewFrames(let n): return "message has \(n) frames after <IDS|MSG>, need at least 5"
        case .badSignature: return "message signature is invalid"
        case .replayed: return "message signature was already seen (replay)"
        case .invalidJSON(let frame, let e): return "message \(frame) is not valid JSON: \(e)"
        case .invalidHeader(let why): return "invalid message header: \(why)"
        }
    }
}

/// Encodes and decodes messages on the wire, signing and verifying them.
///
/// A value type holding a `Signer` (stateless) and a `ReplayGuard` (state): decoding
/// mutates it, so keep one codec per receiving socket, used from that socket's thread.
/// Encoding does not mutate; codecs on other threads (with the same key) can encode
/// concurrently.
public struct WireCodec: Sendable {
    public static let delimiter: [UInt8] = Array("<IDS|MSG>".utf8)

    public let signer: Signer
    public private(set) var replayGuard: ReplayGuard

    public init(key: [UInt8]) {
        self.init(key: key, replayCapacity: 65536)
    }

    public init(key: [UInt8], replayCapacity: Int) {
        signer = Signer(key: key)
        replayGuard = ReplayGuard(capacity: replayCapacity)
    }

    /// The frames of `message`: identities, delimiter, signature, header,
    /// parent_header, metadata, content, buffers.
    public func encode(_ message: Message) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        frames.reserveCapacity(message.identities.count + 6 + message.buffers.count)
        frames.append(contentsOf: message.identities)
        frames.append(WireCodec.delimiter)
        let header = message.header.json.serialized()
        let parent = message.parentHeader.serialized()
        let metadata = message.metadata.serialized()
        let content = message.content.serialized()
        frames.append(signer.sign(header, parent, metadata, content))
        frames.append(header)
        frames.append(parent)
        frames.append(metadata)
        frames.append(content)
        frames.append(contentsOf: message.buffers)
        return frames
    }

    /// Decodes frames received on a socket. Finds the delimiter, checks there are at
    /// least 5 frames after it, verifies the HMAC on the raw bytes before any JSON is
    /// parsed, rejects a replayed signature, then parses. Empty metadata or content
    /// frames (or `null`) are read as `{}`; so is an empty or `null` parent_header.
    public mutating func decode(_ frames: [[UInt8]]) throws -> Message {
        guard let d = WireCodec.delimiterIndex(frames) else { throw WireError.missingDelimiter }
        let after = frames.count - d - 1
        guard after >= 5 else { throw WireError.tooFewFrames(after) }
        let signature = frames[d + 1]
        guard signer.verify(signature: signature, parts: frames[(d + 2)..<(d + 6)]) else {
            throw WireError.badSignature
        }
        if signer.isEnabled {
            guard replayGuard.check(signature) else { throw WireError.replayed }
        }
        let rawHeader = try WireCodec.parseFrame(frames[d + 2], name: "header", emptyIsObject: false)
        let header = try Header(json: rawHeader)
        let parent = try WireCodec.parseFrame(frames[d + 3], name: "parent_header", emptyIsObject: true)
        let metadata = try WireCodec.parseFrame(frames[d + 4], name: "metadata", emptyIsObject: true)
        let content = try WireCodec.parseFrame(frames[d + 5], name: "content", emptyIsObject: true)
        return Message(identities: Array(frames[0..<d]),
                       header: header,
                       parentHeader: parent,
                       metadata: metadata,
                       content: content,
                       buffers: Array(frames[(d + 6)...]),
                       rawHeader: rawHeader)
    }

    static func delimiterIndex(_ frames: [[UInt8]]) -> Int? {
        let delim = WireCodec.delimiter
        for (i, f) in frames.enumerated() where f.count == delim.count && f == delim {
            return i
        }
        return nil
    }

    static func parseFrame(_ bytes: [UInt8], name: String, emptyIsObject: Bool) throws -> JSON {
        if emptyIsObject && bytes.isEmpty { return .object(JSONObject()) }
        let value: JSON
        do {
            value = try JSON.parse(bytes)
        } catch let e as JSONError {
            throw WireError.invalidJSON(frame: name, e)
        }
        if emptyIsObject && value.isNull { return .object(JSONObject()) }
        return value
    }
}
