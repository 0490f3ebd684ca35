import JSON
import JupyterProtocol
import Testing

private func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }

@Test func isoDateFormat() {
    let s = ISODate.now()
    let c = Array(s)
    #expect(c.count == 27, "\(s)")
    #expect(s.hasSuffix("Z"))
    let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18] + Array(20...25)
    #expect(digitPositions.allSatisfy { isDigit(c[$0]) }, "\(s)")
    #expect(c[4] == "-" && c[7] == "-" && c[10] == "T" && c[13] == ":" && c[16] == ":" && c[19] == ".")
    #expect(s.hasPrefix("20"))
}

@Test func isoDateOfKnownInstants() {
    #expect(ISODate.format(seconds: 0, microseconds: 0) == "1970-01-01T00:00:00.000000Z")
    #expect(ISODate.format(seconds: 1_795_471_985, microseconds: 123_456) == "2026-11-23T22:13:05.123456Z")
    #expect(ISODate.format(seconds: 951_782_400, microseconds: 7) == "2000-02-29T00:00:00.000007Z")
}

@Test func messageIDsAreFreshUUID4() {
    var seen = Set<String>()
    let hex = Set("0123456789abcdef")
    for _ in 0..<1000 {
        let id = MessageID.make()
        let c = Array(id)
        #expect(c.count == 36)
        #expect(c[8] == "-" && c[13] == "-" && c[18] == "-" && c[23] == "-")
        #expect(c[14] == "4")
        #expect("89ab".contains(c[19]))
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(id.filter { $0 != "-" }.allSatisfy { hex.contains($0) })
        seen.insert(id)
    }
    #expect(seen.count == 1000)
}
