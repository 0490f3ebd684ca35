// HMAC-SHA256 signatures of messages, and a guard against replayed ones.

import Crypto

/// Signs and verifies messages with HMAC-SHA256 over the header, parent_header,
/// metadata and content frames (in that order, raw bytes). The signature is the
/// lowercase hex digest. An empty key means no signing: the signature is empty and
/// only an empty signature verifies. Stateless; safe to share between threads
/// (`SymmetricKey` is not marked Sendable but is immutable once made).
public struct Signer: @unchecked Sendable {
    private let key: SymmetricKey?

    public init(key: [UInt8]) {
        self.key = key.isEmpty ? nil : SymmetricKey(data: key)
    }

    public var isEnabled: Bool { key != nil }

    /// The lowercase hex HMAC of `parts` (empty when the key is empty).
    public func sign<C: Collection>(parts: C) -> [UInt8] where C.Element == [UInt8] {
        guard let key else { return [] }
        var h = HMAC<SHA256>(key: key)
        for p in parts { h.update(data: p) }
        let mac = h.finalize()
        var out = [UInt8]()
        out.reserveCapacity(64)
        let hex = JSONWriter.hex
        mac.withUnsafeBytes { raw in
            for b in raw {
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return out
    }

    public func sign(_ parts: [UInt8]...) -> [UInt8] { sign(parts: parts) }

    /// True when `signature` is the HMAC of `parts`. Checks the length (64) first, then
    /// compares every byte of the hex digest without an early exit.
    public func verify<C: Collection>(signature: [UInt8], parts: C) -> Bool where C.Element == [UInt8] {
        guard key != nil else { return signature.isEmpty }
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
