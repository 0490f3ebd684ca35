import JSON
import JupyterProtocol
import Testing

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
private func hex(_ s: String) -> [UInt8] { Array(s.utf8) }

/// RFC 4231 test cases 1-4, 6 and 7 (case 5 is about truncated output).
private let rfc4231: [(key: [UInt8], data: [UInt8], mac: String)] = [
    ([UInt8](repeating: 0x0b, count: 20), bytes("Hi There"),
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (bytes("Jefe"), bytes("what do ya want for nothing?"),
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    (Array(1...25), [UInt8](repeating: 0xcd, count: 50),
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    ([UInt8](repeating: 0xaa, count: 131), bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ([UInt8](repeating: 0xaa, count: 131),
     bytes("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]

@Test(arguments: 0..<rfc4231.count)
func rfc4231Vectors(_ i: Int) {
    let v = rfc4231[i]
    let signer = Signer(key: v.key)
    #expect(signer.sign(parts: [v.data]) == hex(v.mac))
    // The MAC runs over the parts as one stream, however they are split.
    let cut = v.data.count / 3
    let parts = [Array(v.data[..<cut]), [], Array(v.data[cut...]), []]
    #expect(signer.sign(parts: parts) == hex(v.mac))
    #expect(signer.verify(signature: hex(v.mac), parts: [v.data]))
}

@Test func matchesJupyterClientSignature() {
    // hmac.new(b"secret", digestmod=sha256) updated with the four frames, as jupyter_client does.
    let signer = Signer(key: bytes("secret"))
    let sig = signer.sign(bytes(#"{"msg_id":"1","msg_type":"execute_request"}"#), bytes("{}"), bytes("{}"),
                          bytes(#"{"code":"1"}"#))
    #expect(sig == hex("3bfb160a7f335c03afa77ca73b6a9c00fb17e3a1323824cbb82f3c77f9a3f160"))
}

@Test func verifyRejectsWrongSignatures() {
    let signer = Signer(key: bytes("key"))
    let parts = [bytes("{}"), bytes("{}"), bytes("{}"), bytes("{}")]
    let good = signer.sign(parts: parts)
    #expect(good.count == 64)
    #expect(signer.verify(signature: good, parts: parts))

    var flippedLast = good
    flippedLast[63] = flippedLast[63] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
    #expect(!signer.verify(signature: flippedLast, parts: parts))
    var flippedFirst = good
    flippedFirst[0] = flippedFirst[0] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
    #expect(!signer.verify(signature: flippedFirst, parts: parts))
    // Unequal lengths: a prefix, an extension, and empty.
    #expect(!signer.verify(signature: Array(good.dropLast()), parts: parts))
    #expect(!signer.verify(signature: good + [UInt8(ascii: "0")], parts: parts))
    #expect(!signer.verify(signature: [], parts: parts))
    // Uppercase hex is not what jupyter_client sends or accepts.
    let upper = good.map { $0 >= 0x61 ? $0 - 0x20 : $0 }
    if upper != good { #expect(!signer.verify(signature: upper, parts: parts)) }
    // Other content.
    #expect(!signer.verify(signature: good, parts: [bytes("{}"), bytes("{}"), bytes("{}"), bytes("{ }")]))
    // Another key.
    #expect(!Signer(key: bytes("other")).verify(signature: good, parts: parts))
}

@Test func emptyKeyMeansNoSigning() {
    let signer = Signer(key: [])
    #expect(!signer.isEnabled)
    let parts = [bytes("{}"), bytes("{}"), bytes("{}"), bytes("{}")]
    #expect(signer.sign(parts: parts) == [])
    #expect(signer.verify(signature: [], parts: parts))
    #expect(!signer.verify(signature: Signer(key: bytes("k")).sign(parts: parts), parts: parts))
}

@Test func replayGuardRejectsSeenSignaturesAndForgetsOldest() {
    var guardian = ReplayGuard(capacity: 4)
    // `check` is mutating, so results are collected outside `#expect`.
    func check(_ s: [UInt8]) -> Bool { guardian.check(s) }
    let sigs = (0..<6).map { i in Signer(key: bytes("k")).sign(parts: [bytes("\(i)")]) }
    var results: [Bool] = []
    results.append(check(sigs[0]))          // new
    results.append(check(sigs[0]))          // replay
    for s in sigs[1..<4] { results.append(check(s)) }
    #expect(results == [true, false, true, true, true])
    #expect(guardian.count == 4)
    let again3 = check(sigs[3])
    #expect(!again3)
    // Full: adding a fifth forgets the oldest (sigs[0]).
    let fifth = check(sigs[4])
    #expect(fifth && guardian.count == 4)
    let again1 = check(sigs[1])
    let zeroForgotten = check(sigs[0])
    #expect(!again1 && zeroForgotten)
    // Empty signatures (unsigned sessions) are not tracked.
    let empty1 = check([]), empty2 = check([])
    #expect(empty1 && empty2)
    // Non-hex input is tracked exactly too.
    let odd1 = check(bytes("not hex")), odd2 = check(bytes("not hex"))
    #expect(odd1 && !odd2)
}

@Test func agreesWithSwiftCryptoHMACForManyKeysAndLengths() {
    var rng = SystemRandomNumberGenerator()
    for keyLength in [1, 16, 36, 63, 64, 65, 100, 200] {
        let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let signer = Signer(key: key)
        for total in [0, 1, 55, 56, 63, 64, 65, 300, 5000] {
            let data = (0..<total).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let cut1 = total / 4, cut2 = total / 2
            let parts = [Array(data[..<cut1]), Array(data[cut1..<cut2]), [], Array(data[cut2...])]
            let sig = signer.sign(parts: parts)
            #expect(sig == signer.referenceSign(parts: parts), "key \(keyLength), data \(total)")
            #expect(sig == signer.sign(parts: [data]))
        }
    }
}
