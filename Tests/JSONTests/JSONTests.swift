import JSON
import Testing

private func roundTrip(_ text: String) throws -> String {
    try JSON.parse(text).serializedString()
}

@Test func parsesScalarsAndContainers() throws {
    #expect(try JSON.parse("null") == .null)
    #expect(try JSON.parse(" true ") == .bool(true))
    #expect(try JSON.parse("false") == .bool(false))
    #expect(try JSON.parse("\"hi\"") == .string("hi"))
    #expect(try JSON.parse("[1, 2.5, \"x\", [], {}]") == [1, 2.5, "x", [], [:]])
    let o = try JSON.parse(#"{"b": 1, "a": {"c": [true, null]}}"#)
    #expect(o["b"] == 1)
    #expect(o["a"]?["c"] == [true, nil])
    #expect(o.objectValue?.keys == ["b", "a"])
    #expect(o["missing"] == nil)
    #expect(JSON.int(3)["x"] == nil)
}

@Test func intsVersusDoubles() throws {
    #expect(try JSON.parse("42") == .int(42))
    #expect(try JSON.parse("-0") == .int(0))
    #expect(try JSON.parse("42.0") == .double(42))
    #expect(try JSON.parse("4e2") == .double(400))
    #expect(try JSON.parse("-1.5E-3") == .double(-0.0015))
    #expect(try JSON.parse("9223372036854775807") == .int(Int.max))
    #expect(try JSON.parse("-9223372036854775808") == .int(Int.min))
    #expect(try JSON.parse("9223372036854775808") == .double(9223372036854775808.0))
    #expect(try JSON.parse("-92233720368547758090") == .double(-92233720368547758090.0))
    #expect(JSON.double(3.0).intValue == 3)
    #expect(JSON.double(3.5).intValue == nil)
    #expect(JSON.int(3).doubleValue == 3.0)
    #expect(JSON.string("3").intValue == nil)
}

@Test func serializesNumbers() {
    #expect(JSON.int(0).serializedString() == "0")
    #expect(JSON.int(-17).serializedString() == "-17")
    #expect(JSON.int(Int.min).serializedString() == "-9223372036854775808")
    #expect(JSON.int(Int.max).serializedString() == "9223372036854775807")
    #expect(JSON.double(0.1).serializedString() == "0.1")
    #expect(JSON.double(1.0).serializedString() == "1.0")
    #expect(JSON.double(-2.5e-8).serializedString() == "-2.5e-08")
    #expect(JSON.double(.nan).serializedString() == "null")
    #expect(JSON.double(.infinity).serializedString() == "null")
    #expect(JSON.double(-.infinity).serializedString() == "null")
    let list: JSON = [.double(.nan), 1.5, .double(.infinity)]
    #expect(list.serializedString() == "[null,1.5,null]")
}

@Test func doublesRoundTripExactly() throws {
    for d in [0.1, 1.0 / 3.0, 1e16, 1e-300, Double.leastNonzeroMagnitude, 1.7976931348623157e308, -123.456, 2.0] {
        let text = JSON.double(d).serializedString()
        #expect(try JSON.parse(text) == .double(d), "\(text)")
    }
}

@Test func roundTripsCompactlyAndKeepsKeyOrder() throws {
    let text = #"{"z":1,"a":[1,2,{"k":"v"}],"m":null,"f":false,"d":-0.25,"s":"héllo ✓ 😀"}"#
    #expect(try roundTrip(text) == text)
    #expect(try roundTrip(" [ 1 , { \"a\" : [ ] } ] \n") == #"[1,{"a":[]}]"#)
    let built: JSON = ["msg_id": "x", "content": ["code": "1+1", "silent": false], "n": 3]
    #expect(built.serializedString() == #"{"msg_id":"x","content":{"code":"1+1","silent":false},"n":3}"#)
    #expect(try JSON.parse(built.serialized()) == built)
}

@Test func unicodeEscapesAndSurrogatePairs() throws {
    #expect(try JSON.parse(#""\u0041\u00e9\u20AC""#) == .string("Aé€"))
    #expect(try JSON.parse(#""\ud83d\ude00""#) == .string("😀"))
    #expect(try JSON.parse(#""a\uD834\uDD1Eb""#) == .string("a𝄞b"))
    #expect(try JSON.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
    // Lone surrogates cannot be in a Swift string: they become U+FFFD.
    #expect(try JSON.parse(#""\ud800x""#) == .string("\u{FFFD}x"))
    #expect(try JSON.parse(#""\udc00""#) == .string("\u{FFFD}"))
    #expect(try JSON.parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
    // Raw UTF-8 is kept.
    #expect(try JSON.parse("\"日本語\"") == .string("日本語"))
    #expect(JSON.string("日本語 😀").serializedString() == "\"日本語 😀\"")
}

@Test func escapesControlCharactersQuoteAndBackslash() throws {
    let s = "a\"b\\c\nd\re\tf\u{8}g\u{C}h\u{0}i\u{1F}j\u{7F}/"
    let text = JSON.string(s).serializedString()
    #expect(text == #""a\"b\\c\nd\re\tf\bg\fh\u0000i\u001fj"# + "\u{7F}/\"")
    #expect(try JSON.parse(text) == .string(s))
}

@Test func rejectsInvalidJSON() {
    let bad = [
        "", " ", "NaN", "Infinity", "-Infinity", "nan", "[NaN]", "{\"a\": Infinity}",
        "[1,]", "{\"a\":1,}", "[,1]", "{,}", "[1 2]", "{\"a\" 1}", "{a:1}", "{'a':1}",
        "01", "1.", ".5", "1e", "+1", "--1", "0x10", "tru", "nulll", "\"abc", "\"\\x\"",
        "\"\\u12\"", "\"\\uZZZZ\"", "\"a\nb\"", "\"tab\there\"", "[1] x", "{} {}", "[1]]", "//c\n1",
    ]
    for text in bad {
        #expect(throws: JSONError.self, "\(text.debugDescription)") { try JSON.parse(text) }
    }
    // Invalid UTF-8 inside a string.
    #expect(throws: JSONError.self) { try JSON.parse([0x22, 0xC3, 0x28, 0x22]) }
    #expect(throws: JSONError.self) { try JSON.parse([0x22, 0xFF, 0x22]) }
}

@Test func errorsCarryAnOffset() throws {
    let e = try #require(throws: JSONError.self) { try JSON.parse("[1, 2,]") }
    #expect(e.offset == 6)
    let e2 = try #require(throws: JSONError.self) { try JSON.parse("{\"a\": 1} x") }
    #expect(e2.offset == 9)
    #expect(e2.description.contains("9"))
}

@Test func nestingLimit() throws {
    let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(throws: Never.self) { try JSON.parse(ok) }
    let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
    #expect(throws: JSONError.self) { try JSON.parse(deep) }
    let deepObjects = String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)
    #expect(throws: JSONError.self) { try JSON.parse(deepObjects) }
    // Far deeper input fails cleanly too (no stack overflow).
    #expect(throws: JSONError.self) { try JSON.parse(String(repeating: "[", count: 100_000)) }
}

/// Messages come from the network and are parsed on threads with ordinary stacks: a document
/// nested 100,000 deep, closed or not, is an error at the level past `maximumDepth`, and what the
/// parser accepts the serializer writes back.
@Test func aHundredThousandLevelsAreAnErrorNotAStackOverflow() throws {
    for (open, value, close) in [("[", "1", "]"), (#"{"a":"#, "1", "}"), (#"[{"a":"#, "[]", "}]")] {
        let text = String(repeating: open, count: 100_000) + value + String(repeating: close, count: 100_000)
        let e = try #require(throws: JSONError.self) { try JSON.parse(text) }
        #expect(e.message == "nesting deeper than \(JSON.maximumDepth)")
        // At the first bracket past the limit.
        let levelsPerRepeat = open.filter { $0 == "[" || $0 == "{" }.count
        let repeats = JSON.maximumDepth / levelsPerRepeat
        #expect(e.offset == repeats * open.utf8.count + (JSON.maximumDepth % levelsPerRepeat == 0 ? 0 : 1), "\(open)")
    }
    let deepest = String(repeating: #"{"a":["#, count: JSON.maximumDepth / 2) + String(repeating: "]}", count: JSON.maximumDepth / 2)
    #expect(try JSON.parse(deepest).serializedString() == deepest)
}

@Test func objectSubscriptSetReplacesAppendsAndRemoves() {
    var o: JSONObject = ["a": 1, "b": 2]
    o["a"] = 10
    o["c"] = 3
    #expect(o.keys == ["a", "b", "c"])
    #expect(o["a"] == 10)
    o["b"] = nil
    #expect(o.keys == ["a", "c"])
    #expect(o.count == 2 && !o.isEmpty)
    #expect(JSON.object(o).serializedString() == #"{"a":10,"c":3}"#)
    // Larger objects (indexed) behave the same.
    var big = JSONObject()
    for i in 0..<100 { big["k\(i)"] = .int(i) }
    big["k5"] = nil
    big["k7"] = "seven"
    #expect(big.count == 99)
    #expect(big["k5"] == nil && big["k7"] == "seven" && big["k99"] == 99)
    #expect(big.keys.first == "k0" && big.keys[5] == "k6")
    // Equality ignores key order; duplicate keys in input: last value wins.
    #expect(JSONObject([("x", 1), ("y", 2)]) == JSONObject([("y", 2), ("x", 1)]))
    #expect(JSONObject([("x", 1), ("y", 2)]) != JSONObject([("y", 2), ("x", 3)]))
    #expect(try! JSON.parse(#"{"x":1,"y":2,"x":3}"#).serializedString() == #"{"x":3,"y":2}"#)
    var pairs: [String] = []
    for (k, v) in o { pairs.append("\(k)=\(v)") }
    #expect(pairs == ["a=10", "c=3"])
}
