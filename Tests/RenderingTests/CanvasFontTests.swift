import Testing
import Rendering

/// The canvas, the bitmap font and the colour scales.
@Suite("Canvas, font and colours")
struct CanvasFontTests {
    @Test func everyPrintableCharacterHasItsOwnGlyph() {
        var seen: [[UInt8]: Character] = [:]
        for a in UInt8(33)...126 {
            let c = Character(UnicodeScalar(a))
            let g = BitmapFont.glyph(c)
            #expect(g.count == 5)
            #expect(g.contains { $0 != 0 }, "'\(c)' is blank")
            #expect(g.allSatisfy { $0 < 0x80 }, "'\(c)' is taller than 7 rows")
            #expect(seen[g] == nil, "'\(c)' looks like '\(seen[g].map(String.init) ?? "")'")
            seen[g] = c
        }
        #expect(BitmapFont.glyph(" ") == [0, 0, 0, 0, 0])
        #expect(BitmapFont.glyph("é") == BitmapFont.glyph("?"))
    }

    @Test func textDrawsInsideItsMeasuredBox() {
        var c = Canvas(width: 100, height: 30)
        c.text("conv2d 26x26", x: 5, y: 4, .black, scale: 2)
        let (w, h) = BitmapFont.size(of: "conv2d 26x26", scale: 2)
        #expect(w == (12 * 6 - 1) * 2 && h == 14)
        var inked = 0
        for y in 0..<30 {
            for x in 0..<100 where c.pixel(x: x, y: y) == .black {
                inked += 1
                #expect(x >= 5 && x < 5 + w && y >= 4 && y < 4 + h)
            }
        }
        #expect(inked > 100)
    }

    @Test func theLetterLIsAnLShape() {
        var c = Canvas(width: 5, height: 7)
        c.text("L", x: 0, y: 0, .black)
        for y in 0..<7 { #expect(c.pixel(x: 0, y: y) == .black) }
        for x in 0..<5 { #expect(c.pixel(x: x, y: 6) == .black) }
        #expect(c.pixel(x: 3, y: 2) == .white)
    }

    @Test func imagesScaleUpWithNearestNeighbour() {
        var c = Canvas(width: 6, height: 6)
        c.image([0, 1, 1, 0], rows: 2, cols: 2, at: 0, 0, scale: 3, colors: .gray)
        for y in 0..<6 {
            for x in 0..<6 {
                let white = (x >= 3) != (y >= 3)
                #expect(c.pixel(x: x, y: y) == (white ? .white : .black))
            }
        }
    }

    @Test func linesReachBothEndsAndClipAtTheEdge() {
        var c = Canvas(width: 20, height: 10)
        c.line(1, 1, 18, 8, .black)
        #expect(c.pixel(x: 1, y: 1) == .black && c.pixel(x: 18, y: 8) == .black)
        c.line(-50, 5, 50, 5, .wrong)
        for x in 0..<20 { #expect(c.pixel(x: x, y: 5) == .wrong) }
        var d = Canvas(width: 30, height: 1)
        d.line(0, 0, 29, 0, .black, dash: 5)
        #expect(d.pixel(x: 2, y: 0) == .black && d.pixel(x: 7, y: 0) == .white && d.pixel(x: 12, y: 0) == .black)
    }

    @Test func colourScales() {
        #expect(ColorScale.gray.color(0) == .black && ColorScale.gray.color(1) == .white)
        #expect(ColorScale.viridis.color(0) == RGB(0x44, 0x01, 0x54))
        #expect(ColorScale.viridis.color(1) == RGB(0xfd, 0xe7, 0x25))
        #expect(ColorScale.diverging.color(0.5) == RGB(0xf7, 0xf7, 0xf7))
        let blue = ColorScale.diverging.color(0), red = ColorScale.diverging.color(1)
        #expect(blue.b > blue.r && red.r > red.b)
        // viridis gets lighter all the way (perceptual order).
        var last = -1.0
        for i in 0...20 {
            let c = ColorScale.viridis.color(Float(i) / 20)
            let l = 0.2126 * Double(c.r) + 0.7152 * Double(c.g) + 0.0722 * Double(c.b)
            #expect(l > last)
            last = l
        }
        #expect(ColorScale.gray.color(.nan) == .black && ColorScale.gray.color(7) == .white)
    }

    @Test func aCanvasEncodesAsTheSamePNG() throws {
        var c = Canvas(width: 9, height: 4, background: RGB(1, 2, 3))
        c.set(x: 8, y: 3, RGB(200, 100, 50))
        let png = try decodePNG(c.png())
        #expect(png.width == 9 && png.height == 4 && png.colorType == 2)
        #expect(png.rgb(x: 0, y: 0) == [1, 2, 3])
        #expect(png.rgb(x: 8, y: 3) == [200, 100, 50])
    }
}
