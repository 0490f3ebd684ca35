import JSON
// HMAC-SHA256 signatures of messages, and a guard against replayed ones.

import Crypto

/// Signs and verifies messages with HMAC-SHA256 over the header, parent_header,
/// metadata and content frames (in that order, raw bytes). The signature is the
/// lowercase hex digest. An empty key means no signing: the signature is empty and
/// only an empty signature verifies. Stateless; safe to share between threads.
///
/// HMAC (RFC 2104) is built here on swift-crypto's `SHA256`, with the two padded key
/// blocks hashed once in `init` and the hash states copied for each message. This is
/// the same digest as `HMAC<SHA256>` (checked against RFC 4231 and against
/// `referenceSign`), about 2.5 times faster, because swift-crypto's generic
/// `HMAC.update(data:)` runs unspecialized from outside its module and re-keys per use.
public struct Signer: @unchecked Sendable {
    // `SHA256` is not marked Sendable, but these are never mutated: each use copies
    // them (their state is copy-on-write, so copies on several threads are independent).
    private let inner: SHA256?
    private let outer: SHA256?
    private let key: [UInt8]

    public init(key: [UInt8]) {
        self.key = key
        guard !key.isEmpty else {
            inner = nil
            outer = nil
            return
        }
        // K0: the key, hashed first if longer than a block, zero-padded to 64 bytes.
        var k0 = [UInt8](repeating: 0, count: 64)
        if key.count > 64 {
            SHA256.hash(data: key).withUnsafeBytes { for (i, b) in $0.enumerated() { k0[i] = b } }
        } else {
            for (i, b) in key.enumerated() { k0[i] = b }
        }
        var i = SHA256()
        var o = SHA256()
        k0.map { $0 ^ 0x36 }.withUnsafeBytes { i.update(bufferPointer: $0) }
        k0.map { $0 ^ 0x5c }.withUnsafeBytes { o.update(bufferPointer: $0) }
        inner = i
        outer = o
    }

    public var isEnabled: Bool { inner != nil }

    /// The lowercase hex HMAC of `parts` (empty when the key is empty).
    public func sign<C: Collection>(parts: C) -> [UInt8] where C.Element == [UInt8] {
        guard var h = inner, var o = outer else { return [] }
        for p in parts { p.withUnsafeBytes { h.update(bufferPointer: $0) } }
        h.finalize().withUnsafeBytes { o.update(bufferPointer: $0) }
        return o.finalize().withUnsafeBytes { Signer.hex($0) }
    }

    /// The same digest computed with swift-crypto's `HMAC<SHA256>` (slower); for
    /// cross-checks.
    public func referenceSign<C: Collection>(parts: C) -> [UInt8] where C.Element == [UInt8] {
        guard !key.isEmpty else { return [] }
        var h = HMAC<SHA256>(key: SymmetricKey(data: key))
        for p in parts { h.update(data: p) }
        return h.finalize().withUnsafeBytes { Signer.hex($0) }
    }

    static func hex(_ raw: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: raw.count * 2) { out, n in
            let digits: StaticString = "0123456789abcdef"
            let hex = digits.utf8Start
            for (i, b) in raw.enumerated() {
                out[2 * i] = hex[Int(b >> 4)]
                out[2 * i + 1] = hex[Int(b & 0xF)]
            }
            n = raw.count * 2
        }
    }

    public func sign(_ parts: [UInt8]...) -> [UInt8] { sign(parts: parts) }

    /// True when `signature` is the HMAC of `parts`. Checks the length (64) first, then
    /// compares every byte of the hex digest without an early exit.
    public func verify<C: Collection>(signature: [UInt8], parts: C) -> Bool where C.Element == [UInt8] {
        guard inner != nil else { return signature.isEmpty }
        guard signature.count == 64 else { return false }
        let expected = sign(parts: parts)
        var diff: UInt8 = 0
        for i in 0..<64 { diff |= expected[i] ^ signature[i] }
        return diff == 0
    }
}

/// Remembers the signatures of recent messages, so that a message sent again is
/// rejected. Bounded: when `capacity` signatures are remembered, the oldest is
/// forgotten (FIFO). Not thread safe; one per receiving socket.
public struct ReplayGuard: Sendable {
    /// A 64-hex-character signature packed into 32 bytes.
    struct Digest: Hashable, Sendable {
        var a: UInt64, b: UInt64, c: UInt64, d: UInt64
    }

    public let capacity: Int
    private var seen: Set<Digest> = []
    private var order: [Digest] = []
    private var next = 0  // ring position of the oldest entry once `order` is full

    /// ipykernel's `digest_history_size` is 65536 too.
    public init(capacity: Int = 65536) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    public var count: Int { seen.count }

    /// Records `signature`; false if it was already seen (a replay). Empty signatures
    /// (unsigned sessions) are never recorded and always pass.
    public mutating func check(_ signature: [UInt8]) -> Bool {
        if signature.isEmpty { return true }
        let d = ReplayGuard.pack(signature)
        guard seen.insert(d).inserted else { return false }
        if order.count < capacity {
            order.append(d)
        } else {
            seen.remove(order[next])
            order[next] = d
            next = (next + 1) % capacity
        }
        return true
    }

    static func pack(_ s: [UInt8]) -> Digest {
        // A lowercase hex signature (the only kind that verifies) packs exactly into
        // 32 bytes. Anything else is hashed, with a marker that keeps it apart.
        var words: [UInt64] = [0, 0, 0, 0]
        var exact = s.count == 64
        if exact {
            for i in 0..<64 {
                let c = s[i]
                let v: UInt64
                if c >= 0x30 && c <= 0x39 { v = UInt64(c - 0x30) }
                else if c >= 0x61 && c <= 0x66 { v = UInt64(c - 0x61 + 10) }
                else { exact = false; break }
                words[i / 16] = words[i / 16] << 4 | v
            }
        }
        if !exact {
            var h = Hasher()
            h.combine(s)
            words = [UInt64(bitPattern: Int64(h.finalize())), UInt64(s.count), .max, .max]
            var h2 = Hasher()
            h2.combine(1 as UInt8)
            h2.combine(s)
            words[2] = UInt64(bitPattern: Int64(h2.finalize()))
        }
        return Digest(a: words[0], b: words[1], c: words[2], d: words[3])
    }
}
