import DataIO
import SharedLibrary
import Testing

/// PNG and JPEG through libpng and libjpeg-turbo, PIL's conversions and Pillow's resizing filters.
/// (Tests/python/test_image_files.py holds the same against Pillow itself.)
@Suite("image codecs")
struct ImageCodecTests {
    static func gradient(_ mode: PixelImage.Mode, width: Int = 37, height: Int = 23) -> PixelImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<mode.channels { pixels.append(UInt8((x * 5 + y * 3 + c * 40) % 256)) }
            }
        }
        return PixelImage(width: width, height: height, mode: mode, pixels: pixels)
    }

    @Test("PNG round-trips every mode exactly", arguments: PixelImage.Mode.allCases)
    func png(_ mode: PixelImage.Mode) throws {
        let image = Self.gradient(mode)
        let bytes = try ImageCodecs.encode(image, as: .png)
        #expect(ImageCodecs.format(of: bytes) == .png)
        let back = try ImageCodecs.decode(bytes, name: "t.png")
        #expect(back.mode == mode && back.width == 37 && back.height == 23)
        #expect(back.pixels == image.pixels)
    }

    @Test("JPEG round-trips RGB and gray closely", arguments: [PixelImage.Mode.RGB, .L])
    func jpeg(_ mode: PixelImage.Mode) throws {
        var pixels: [UInt8] = []
        for y in 0..<48 { for x in 0..<64 { for c in 0..<mode.channels { pixels.append(UInt8(x * 2 + y + c * 30)) } } }
        let image = PixelImage(width: 64, height: 48, mode: mode, pixels: pixels)
        let bytes = try ImageCodecs.encode(image, as: .jpeg, quality: 95)
        #expect(ImageCodecs.format(of: bytes) == .jpeg)
        let back = try ImageCodecs.decode(bytes, name: "t.jpg")
        #expect(back.mode == mode && back.width == 64 && back.height == 48)
        let error = zip(back.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +) / image.pixels.count
        #expect(error <= 3)
    }

    @Test("bad data and RGBA JPEG are clear errors")
    func errors() {
        #expect(throws: ImageError.self) { try ImageCodecs.decode(Array("hello".utf8), name: "x.png") }
        #expect(throws: ImageError.self) { try ImageCodecs.decode([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], name: "cut.png") }
        #expect(throws: ImageError.self) { try ImageCodecs.decode([0xFF, 0xD8, 0xFF, 0xE0, 0, 0], name: "cut.jpg") }
        #expect(throws: ImageError.self) { try ImageCodecs.encode(Self.gradient(.RGBA), as: .jpeg) }
    }

    @Test("conversions as PIL's: luma in fixed point, gray copied, alpha dropped or opaque")
    func conversions() {
        let rgb = PixelImage(width: 2, height: 1, mode: .RGB, pixels: [255, 0, 0, 10, 200, 30])
        // PIL: Image.new('RGB', (1, 1), (255, 0, 0)).convert('L') -> 76; (10, 200, 30) -> 124.
        #expect(rgb.converted(to: .L).pixels == [76, 124])
        #expect(rgb.converted(to: .RGBA).pixels == [255, 0, 0, 255, 10, 200, 30, 255])
        #expect(PixelImage(width: 1, height: 1, mode: .L, pixels: [9]).converted(to: .RGB).pixels == [9, 9, 9])
    }

    @Test("resizing: the same size is the identity, nearest picks centres, bilinear averages", arguments: ImageResize.Filter.allCases)
    func resize(_ filter: ImageResize.Filter) {
        let image = Self.gradient(.RGB)
        #expect(ImageResize.resize(image, width: 37, height: 23, filter: filter).pixels == image.pixels)
        let small = ImageResize.resize(image, width: 10, height: 6, filter: filter)
        #expect(small.width == 10 && small.height == 6 && small.pixels.count == 10 * 6 * 3)
    }

    @Test("Pillow's exact values on a small case")
    func pillowValues() {
        let row = PixelImage(width: 4, height: 1, mode: .L, pixels: [0, 100, 200, 255])
        // Image.frombytes('L', (4, 1), bytes([0, 100, 200, 255])).resize((2, 1), NEAREST / BILINEAR)
        #expect(ImageResize.resize(row, width: 2, height: 1, filter: .nearest).pixels == [100, 255])
        #expect(ImageResize.resize(row, width: 2, height: 1, filter: .bilinear).pixels == [71, 209])
        #expect(ImageResize.resize(row, width: 8, height: 1, filter: .nearest).pixels == [0, 0, 100, 100, 200, 200, 255, 255])
    }

    @Test("the libraries are opened on first use, not linked")
    func lazy() throws {
        _ = try ImageCodecs.encode(Self.gradient(.L), as: .png)
        _ = try ImageCodecs.encode(Self.gradient(.L), as: .jpeg)
        #expect(SharedLibrary.isInProcess("libpng16.so.16"))
        #expect(SharedLibrary.isInProcess("libturbojpeg.so.0"))
    }
}
