import JSON
import JupyterProtocol
import Testing

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
private let key = bytes("c0ffee-key")

private func request(_ factory: MessageFactory = MessageFactory(session: "client-session", username: "user")) -> Message {
    var m = factory.make("execute_request", content: ["code": "1 + 1", "silent": false, "store_history": true],
                         parent: nil, metadata: ["trusted": true], identities: [bytes("id-1"), [0, 255]])
    m.buffers = [[1, 2, 3], []]
    return m
}

/// Frames of a message with a header given as raw text, signed with `key`.
private func frames(header: String, parent: String = "{}", metadata: String = "{}", content: String = "{}",
                    key: [UInt8] = key, identities: [[UInt8]] = [bytes("id")]) -> [[UInt8]] {
    let parts = [bytes(header), bytes(parent), bytes(metadata), bytes(content)]
    return identities + [bytes("<IDS|MSG>"), Signer(key: key).sign(parts: parts)] + parts
}

private let validHeader = #"{"msg_id":"m1","msg_type":"kernel_info_request","session":"s","username":"u","date":"2026-01-01T00:00:00.000000Z","version":"5.3"}"#

@Test func encodeThenDecodeRoundTrips() throws {
    var codec = WireCodec(key: key)
    let m = request()
    let wire = codec.encode(m)
    #expect(wire.count == 2 + 6 + 2)
    #expect(wire[0] == bytes("id-1") && wire[1] == [0, 255])
    #expect(wire[2] == bytes("<IDS|MSG>"))
    #expect(wire[3].count == 64)
    #expect(wire[5] == bytes("{}"))
    #expect(wire[7] == bytes(#"{"code":"1 + 1","silent":false,"store_history":true}"#))

    let d = try codec.decode(wire)
    #expect(d.identities == m.identities)
    #expect(d.header == m.header)
    #expect(d.header.version == "5.5")
    #expect(d.msgType == "execute_request")
    #expect(d.parentHeader == [:])
    #expect(d.metadata == m.metadata)
    #expect(d.content == m.content)
    #expect(d.buffers == m.buffers)
    #expect(d.rawHeader == m.header.json)
    // Decoding the same frames again is a replay.
    #expect(throws: WireError.replayed) { try codec.decode(wire) }
    // A fresh codec (another socket) accepts them.
    var other = WireCodec(key: key)
    #expect(throws: Never.self) { try other.decode(wire) }
}

/// A signed message whose content nests 100,000 deep is refused as invalid JSON (the kernel logs
/// and drops it), and the codec decodes the next message.
@Test func deeplyNestedContentIsInvalidJSON() throws {
    var codec = WireCodec(key: key)
    let deep = String(repeating: #"{"a":["#, count: 50_000) + String(repeating: "]}", count: 50_000)
    let e = try #require(throws: WireError.self) { try codec.decode(frames(header: validHeader, content: deep)) }
    guard case .invalidJSON(let frame, let json) = e else { Issue.record("\(e)"); return }
    #expect(frame == "content")
    #expect(json.message == "nesting deeper than \(JSON.maximumDepth)")
    #expect(try codec.decode(frames(header: validHeader)).msgType == "kernel_info_request")
}

@Test func unsignedSessionsRoundTripAndAllowRepeats() throws {
    var codec = WireCodec(key: [])
    let wire = codec.encode(request())
    #expect(wire[3] == [])
    _ = try codec.decode(wire)
    _ = try codec.decode(wire)
    var withSignature = wire
    withSignature[3] = Signer(key: key).sign(parts: wire[4..<8])
    #expect(throws: WireError.badSignature) { try codec.decode(withSignature) }
}

@Test func replyKeepsRawParentHeaderAndIdentities() throws {
    var codec = WireCodec(key: key)
    // A header with a key this package does not model: it must survive in parent_header.
    let header = #"{"msg_id":"abc","msg_type":"execute_request","session":"s","username":"u","date":"2026-01-01T00:00:00.000000Z","version":"5.4","subshell_id":null}"#
    let req = try codec.decode(frames(header: header, content: #"{"code":"x"}"#, identities: [bytes("peer")]))
    let factory = MessageFactory()
    let reply = factory.make("execute_reply", content: ["status": "ok", "execution_count": 1], parent: req)
    #expect(reply.identities == [bytes("peer")])
    #expect(reply.parentHeader.serializedString() == header)
    #expect(reply.header.session == MessageFactory.processSession)
    #expect(reply.header.username == "kernel")
    #expect(reply.header.msgId != req.header.msgId)
    let reply2 = factory.make("execute_reply", content: [:], parent: req)
    #expect(reply2.header.msgId != reply.header.msgId)
    #expect(reply.parentMsgId == "abc")
    let status = factory.make("status", content: ["execution_state": "busy"], parent: req, identities: [bytes("kernel.status")])
    #expect(status.identities == [bytes("kernel.status")])
    let orphan = factory.make("status", content: [:], parent: nil)
    #expect(orphan.parentHeader == [:] && orphan.identities.isEmpty)

    let wire = codec.encode(reply)
    #expect(wire[4] == bytes(header))  // peer, <IDS|MSG>, hmac, header, parent_header
}

@Test func decodeRejectsMissingDelimiter() {
    var codec = WireCodec(key: key)
    var f = frames(header: validHeader)
    f.remove(at: 1)
    #expect(throws: WireError.missingDelimiter) { try codec.decode(f) }
    #expect(throws: WireError.missingDelimiter) { try codec.decode([]) }
}

@Test func decodeRejectsTruncatedFrames() {
    var codec = WireCodec(key: key)
    let f = frames(header: validHeader)
    #expect(throws: WireError.tooFewFrames(4)) { try codec.decode(Array(f.dropLast())) }
    #expect(throws: WireError.tooFewFrames(1)) { try codec.decode(Array(f.prefix(3))) }
    #expect(throws: WireError.tooFewFrames(0)) { try codec.decode([bytes("<IDS|MSG>")]) }
}

@Test func decodeRejectsForgedSignature() {
    var codec = WireCodec(key: key)
    let f = frames(header: validHeader)
    var tampered = f
    tampered[tampered.count - 1] = bytes(#"{"code":"import os"}"#)
    #expect(throws: WireError.badSignature) { try codec.decode(tampered) }
    #expect(throws: WireError.badSignature) { try codec.decode(frames(header: validHeader, key: bytes("wrong key"))) }
    var empty = f
    empty[2] = []
    #expect(throws: WireError.badSignature) { try codec.decode(empty) }
    // The genuine one still passes (a rejected forgery is not recorded as seen).
    #expect(throws: Never.self) { try codec.decode(f) }
}

@Test func signatureIsCheckedBeforeJSON() {
    var codec = WireCodec(key: key)
    // Garbage JSON with a bad signature is a signature error, not a JSON error.
    var f = frames(header: "{not json")
    f[2] = [UInt8](repeating: UInt8(ascii: "0"), count: 64)
    #expect(throws: WireError.badSignature) { try codec.decode(f) }
}

@Test func decodeRejectsGarbageJSONAfterValidSignature() throws {
    var codec = WireCodec(key: key)
    let e = try #require(throws: WireError.self) { try codec.decode(frames(header: "{not json")) }
    guard case .invalidJSON(let frame, let json) = e else {
        Issue.record("expected invalidJSON, got \(e)")
        return
    }
    #expect(frame == "header")
    #expect(json.offset == 1)
    let e2 = try #require(throws: WireError.self) {
        try codec.decode(frames(header: validHeader, content: #"{"a": NaN}"#))
    }
    guard case .invalidJSON("content", _) = e2 else {
        Issue.record("expected invalidJSON(content), got \(e2)")
        return
    }
    #expect(e2.description.contains("content"))
}

@Test func decodeRejectsInvalidHeaders() {
    var codec = WireCodec(key: key)
    #expect(throws: WireError.invalidHeader("header has no msg_id")) {
        try codec.decode(frames(header: #"{"msg_type":"x"}"#))
    }
    #expect(throws: WireError.invalidHeader("header has no msg_type")) {
        try codec.decode(frames(header: #"{"msg_id":"x"}"#))
    }
    #expect(throws: WireError.invalidHeader("header msg_id is not a string")) {
        try codec.decode(frames(header: #"{"msg_id":1,"msg_type":"x"}"#))
    }
    #expect(throws: WireError.invalidHeader("header is not a JSON object")) {
        try codec.decode(frames(header: "[]"))
    }
}

@Test func emptyMetadataAndContentAreObjects() throws {
    var codec = WireCodec(key: key)
    let m = try codec.decode(frames(header: #"{"msg_id":"x","msg_type":"kernel_info_request"}"#,
                                    parent: "", metadata: "", content: ""))
    #expect(m.parentHeader == [:] && m.metadata == [:] && m.content == [:])
    #expect(m.header.session == "" && m.header.version == "")
    #expect(m.identities == [bytes("id")])
    let n = try codec.decode(frames(header: validHeader, metadata: "null", content: "null", identities: []))
    #expect(n.metadata == [:] && n.content == [:] && n.identities.isEmpty)
}

@Test func delimiterFoundAfterSeveralIdentities() throws {
    var codec = WireCodec(key: key)
    let m = try codec.decode(frames(header: validHeader, identities: [bytes("a"), bytes("b"), []]))
    #expect(m.identities == [bytes("a"), bytes("b"), []])
    #expect(m.header.msgId == "m1")
}
