import Testing
import Rendering

/// The PNG encoder, decoded by the tests' own reader (zlib inflate, independent CRC-32).
@Suite("PNG encoder")
struct PNGTests {
    func pattern(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 7) } }

    @Test(arguments: [PNG.ColorType.gray, .rgb, .rgba])
    func roundTripsEveryColorType(type: PNG.ColorType) throws {
        let (w, h) = (13, 7)
        let pixels = pattern(w * h * type.channels)
        let png = try decodePNG(PNG.encode(width: w, height: h, colorType: type, pixels: pixels))
        #expect(png.width == w)
        #expect(png.height == h)
        #expect(png.bitDepth == 8)
        #expect(png.colorType == type.rawValue)
        #expect(png.pixels == pixels)
        #expect(png.chunkTypes == ["IHDR", "IDAT", "IEND"])
    }

    @Test func onePixelAndLargeImagesRoundTrip() throws {
        let one = try decodePNG(PNG.encode(width: 1, height: 1, colorType: .gray, pixels: [200]))
        #expect(one.pixels == [200])
        let (w, h) = (640, 480)
        let pixels = pattern(w * h * 3)
        let big = try decodePNG(PNG.encode(width: w, height: h, colorType: .rgb, pixels: pixels))
        #expect(big.pixels == pixels)
    }

    @Test func crcMatchesAnIndependentImplementationAndTheStandardCheckValue() {
        let check = Array("123456789".utf8)
        #expect(PNG.crc(check) == 0xCBF4_3926)
        #expect(referenceCRC(check) == 0xCBF4_3926)
        let bytes = pattern(1000)
        #expect(PNG.crc(bytes) == referenceCRC(bytes))
    }

    @Test func aCorruptedByteFailsTheCRCCheck() throws {
        var file = PNG.encode(width: 4, height: 4, colorType: .gray, pixels: pattern(16))
        file[20] ^= 0x01  // inside IHDR's data
        #expect(throws: PNGError.crc("IHDR")) { try decodePNG(file) }
    }

    @Test func flatImagesCompress() {
        let file = PNG.encode(width: 200, height: 200, colorType: .rgb, pixels: [UInt8](repeating: 255, count: 200 * 200 * 3))
        #expect(file.count < 2000)
    }
}

@Suite("Base64")
struct Base64Tests {
    @Test func rfc4648TestVectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func everyByteValueRoundTrips() {
        for n in 0..<5 {
            let bytes = (0..<(256 + n)).map { UInt8(truncatingIfNeeded: $0 * 7 + n) }
            let text = Base64.encode(bytes)
            #expect(text.count % 4 == 0)
            #expect(Base64.decode(text) == bytes)
        }
        #expect(Base64.decode("Zm9v!") == nil)
    }
}
