import CImageCodecs
import SharedLibrary

/// PNG (libpng's simplified API) and JPEG (libjpeg-turbo's TurboJPEG API) to and from
/// `PixelImage`. Each library is opened with dlopen the first time it is needed, so an idle
/// kernel never maps it. Errors are `ImageError`s naming the file and what was wrong.
public enum ImageCodecs {
    public enum Format: String, Sendable { case png = "PNG", jpeg = "JPEG" }

    /// The format of encoded bytes, from their signature; nil when neither PNG nor JPEG.
    public static func format(of bytes: [UInt8]) -> Format? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return nil
    }

    /// The format a file name asks for: '.png', '.jpg', '.jpeg' (any case); nil otherwise.
    public static func format(forPath path: String) -> Format? {
        let lower = path.lowercased()
        if lower.hasSuffix(".png") { return .png }
        if lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") { return .jpeg }
        return nil
    }

    public static func decode(_ bytes: [UInt8], name: String) throws -> PixelImage {
        switch format(of: bytes) {
        case .png?: return try decodePNG(bytes, name: name)
        case .jpeg?: return try decodeJPEG(bytes, name: name)
        case nil: throw ImageError("cannot identify image file \(pythonQuoted(name)): Fovea reads PNG and JPEG images")
        }
    }

    public static func encode(_ image: PixelImage, as format: Format, quality: Int = 75) throws -> [UInt8] {
        switch format {
        case .png: return try encodePNG(image)
        case .jpeg: return try encodeJPEG(image, quality: quality)
        }
    }

    // MARK: PNG

    private typealias PNGBeginRead = @convention(c) (UnsafeMutablePointer<png_image>?, UnsafeRawPointer?, Int) -> Int32
    private typealias PNGFinishRead = @convention(c) (UnsafeMutablePointer<png_image>?, UnsafeRawPointer?, UnsafeMutableRawPointer?, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias PNGWrite = @convention(c) (UnsafeMutablePointer<png_image>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, Int32, UnsafeRawPointer?, Int32, UnsafeRawPointer?) -> Int32
    private typealias PNGFree = @convention(c) (UnsafeMutablePointer<png_image>?) -> Void

    private struct PNGLibrary: @unchecked Sendable {
        let library: SharedLibrary
        let beginRead: PNGBeginRead, finishRead: PNGFinishRead, write: PNGWrite, free: PNGFree
    }

    private static let png: Result<PNGLibrary, ImageError> = {
        switch SharedLibrary.open(["libpng16.so.16", "libpng16.so"], requiredSymbol: "png_image_write_to_memory") {
        case .failure(let e):
            return .failure(ImageError("libpng could not be loaded (\(e)); install Debian's libpng16-16 (make installs libpng-dev)"))
        case .success(let lib):
            guard let b = lib.function("png_image_begin_read_from_memory", as: PNGBeginRead.self),
                  let f = lib.function("png_image_finish_read", as: PNGFinishRead.self),
                  let w = lib.function("png_image_write_to_memory", as: PNGWrite.self),
                  let fr = lib.function("png_image_free", as: PNGFree.self) else {
                return .failure(ImageError("\(lib.name) lacks libpng's simplified API"))
            }
            return .success(PNGLibrary(library: lib, beginRead: b, finishRead: f, write: w, free: fr))
        }
    }()

    /// PNG_FORMAT_GRAY, PNG_FORMAT_RGB, PNG_FORMAT_RGBA (macros Swift does not import).
    private static func pngFormat(_ mode: PixelImage.Mode) -> UInt32 {
        switch mode {
        case .L: return 0
        case .RGB: return UInt32(PNG_FORMAT_FLAG_COLOR)
        case .RGBA: return UInt32(PNG_FORMAT_FLAG_COLOR) | UInt32(PNG_FORMAT_FLAG_ALPHA)
        }
    }

    private static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }

    static func decodePNG(_ bytes: [UInt8], name: String) throws -> PixelImage {
        let lib = try png.get()
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard bytes.withUnsafeBytes({ lib.beginRead(&image, $0.baseAddress, $0.count) }) != 0 else {
            defer { lib.free(&image) }
            throw ImageError("\(pythonQuoted(name)) is not a readable PNG image (libpng: \(message(image)))")
        }
        let color = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0, alpha = image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0
        let sixteenBit = image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0
        let mode: PixelImage.Mode = alpha ? .RGBA : color ? .RGB : .L
        let width = Int(image.width), height = Int(image.height)
        func fail() -> ImageError {
            defer { lib.free(&image) }
            return ImageError("\(pythonQuoted(name)): the PNG data is damaged (libpng: \(message(image)))")
        }
        guard sixteenBit else {
            image.format = pngFormat(mode)
            var pixels = [UInt8](repeating: 0, count: width * height * mode.channels)
            guard pixels.withUnsafeMutableBytes({ lib.finishRead(&image, nil, $0.baseAddress, 0, nil) }) != 0 else { throw fail() }
            return PixelImage(width: width, height: height, mode: mode, pixels: pixels)
        }
        // 16 bits a channel, as PIL reads it: colour keeps the high byte, gray ('I;16') is clipped
        // at 255. libpng gives 16-bit samples with alpha premultiplied; divide it out first.
        image.format = pngFormat(mode) | UInt32(PNG_FORMAT_FLAG_LINEAR)
        var wide = [UInt16](repeating: 0, count: width * height * mode.channels)
        guard wide.withUnsafeMutableBytes({ lib.finishRead(&image, nil, $0.baseAddress, 0, nil) }) != 0 else { throw fail() }
        let channels = mode.channels
        var pixels = [UInt8](repeating: 0, count: wide.count)
        for p in 0..<(width * height) {
            let a = alpha ? Int(wide[p * channels + channels - 1]) : 65535
            for c in 0..<channels {
                var v = Int(wide[p * channels + c])
                if alpha && c < channels - 1 && a != 0 { v = min(65535, v * 65535 / a) }
                pixels[p * channels + c] = mode == .L ? UInt8(min(v, 255)) : UInt8(v >> 8)
            }
        }
        return PixelImage(width: width, height: height, mode: mode, pixels: pixels)
    }

    static func encodePNG(_ img: PixelImage) throws -> [UInt8] {
        let lib = try png.get()
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(img.width); image.height = UInt32(img.height)
        image.format = pngFormat(img.mode)
        var size = 0
        let sized = img.pixels.withUnsafeBytes { lib.write(&image, nil, &size, 0, $0.baseAddress, 0, nil) }
        guard sized != 0 else { throw ImageError("libpng could not encode the image: \(message(image))") }
        var out = [UInt8](repeating: 0, count: size)
        let ok = out.withUnsafeMutableBytes { o in img.pixels.withUnsafeBytes { lib.write(&image, o.baseAddress, &size, 0, $0.baseAddress, 0, nil) } }
        guard ok != 0 else { throw ImageError("libpng could not encode the image: \(message(image))") }
        return Array(out[0..<size])
    }

    // MARK: JPEG

    private typealias TJInit = @convention(c) () -> tjhandle?
    private typealias TJDestroy = @convention(c) (tjhandle?) -> Int32
    private typealias TJHeader = @convention(c) (tjhandle?, UnsafePointer<UInt8>?, UInt, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Int32
    private typealias TJDecompress = @convention(c) (tjhandle?, UnsafePointer<UInt8>?, UInt, UnsafeMutablePointer<UInt8>?, Int32, Int32, Int32, Int32, Int32) -> Int32
    private typealias TJCompress = @convention(c) (tjhandle?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, UnsafeMutablePointer<UInt>?, Int32, Int32, Int32) -> Int32
    private typealias TJFree = @convention(c) (UnsafeMutablePointer<UInt8>?) -> Void
    private typealias TJError = @convention(c) (tjhandle?) -> UnsafeMutablePointer<CChar>?

    private struct JPEGLibrary: @unchecked Sendable {
        let library: SharedLibrary
        let initDecompress: TJInit, initCompress: TJInit, destroy: TJDestroy, header: TJHeader
        let decompress: TJDecompress, compress: TJCompress, free: TJFree, error: TJError
    }

    private static let jpeg: Result<JPEGLibrary, ImageError> = {
        switch SharedLibrary.open(["libturbojpeg.so.0", "libturbojpeg.so"], requiredSymbol: "tjDecompress2") {
        case .failure(let e):
            return .failure(ImageError("libjpeg-turbo could not be loaded (\(e)); install Debian's libturbojpeg0 (make installs libturbojpeg0-dev)"))
        case .success(let lib):
            guard let a = lib.function("tjInitDecompress", as: TJInit.self), let b = lib.function("tjInitCompress", as: TJInit.self),
                  let c = lib.function("tjDestroy", as: TJDestroy.self), let d = lib.function("tjDecompressHeader3", as: TJHeader.self),
                  let e = lib.function("tjDecompress2", as: TJDecompress.self), let f = lib.function("tjCompress2", as: TJCompress.self),
                  let g = lib.function("tjFree", as: TJFree.self), let h = lib.function("tjGetErrorStr2", as: TJError.self) else {
                return .failure(ImageError("\(lib.name) lacks the TurboJPEG functions Fovea uses"))
            }
            return .success(JPEGLibrary(library: lib, initDecompress: a, initCompress: b, destroy: c, header: d,
                                        decompress: e, compress: f, free: g, error: h))
        }
    }()

    static func decodeJPEG(_ bytes: [UInt8], name: String) throws -> PixelImage {
        let lib = try jpeg.get()
        guard let handle = lib.initDecompress() else { throw ImageError("libjpeg-turbo could not start a decoder") }
        defer { _ = lib.destroy(handle) }
        func failure(_ what: String) -> ImageError {
            ImageError("\(pythonQuoted(name)): \(what) (libjpeg-turbo: \(lib.error(handle).map { String(cString: $0) } ?? "unknown error"))")
        }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        guard bytes.withUnsafeBufferPointer({ lib.header(handle, $0.baseAddress, UInt($0.count), &width, &height, &subsampling, &colorspace) }) == 0 else {
            throw failure("not a readable JPEG image")
        }
        if colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue) {
            throw ImageError("\(pythonQuoted(name)) is a CMYK JPEG, which Fovea does not read; save it as RGB")
        }
        let mode: PixelImage.Mode = colorspace == Int32(TJCS_GRAY.rawValue) ? .L : .RGB
        var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * mode.channels)
        let format = Int32(mode == .L ? TJPF_GRAY.rawValue : TJPF_RGB.rawValue)
        let status = pixels.withUnsafeMutableBufferPointer { dst in
            bytes.withUnsafeBufferPointer { lib.decompress(handle, $0.baseAddress, UInt($0.count), dst.baseAddress, width, 0, height, format, 0) }
        }
        guard status == 0 else { throw failure("the JPEG data is damaged") }
        return PixelImage(width: Int(width), height: Int(height), mode: mode, pixels: pixels)
    }

    /// JPEG as PIL saves it by default: quality 75, 4:2:0 chroma subsampling (gray for 'L'), and
    /// the accurate integer DCT (TurboJPEG's default is the fast one; libjpeg's, which PIL uses, is not).
    static func encodeJPEG(_ img: PixelImage, quality: Int) throws -> [UInt8] {
        let lib = try jpeg.get()
        guard img.mode != .RGBA else { throw ImageError("cannot write mode RGBA as JPEG; convert it to 'RGB' first") }
        guard let handle = lib.initCompress() else { throw ImageError("libjpeg-turbo could not start an encoder") }
        defer { _ = lib.destroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let format = Int32(img.mode == .L ? TJPF_GRAY.rawValue : TJPF_RGB.rawValue)
        let sampling = Int32(img.mode == .L ? TJSAMP_GRAY.rawValue : TJSAMP_420.rawValue)
        let status = img.pixels.withUnsafeBufferPointer {
            lib.compress(handle, $0.baseAddress, Int32(img.width), 0, Int32(img.height), format, &buffer, &size, sampling, Int32(quality),
                         Int32(TJFLAG_ACCURATEDCT))
        }
        defer { if let buffer { lib.free(buffer) } }
        guard status == 0, let buffer else {
            throw ImageError("libjpeg-turbo could not encode the image: \(lib.error(handle).map { String(cString: $0) } ?? "unknown error")")
        }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    static func pythonQuoted(_ s: String) -> String { "'" + s.replacingAll("'", with: "\\'") + "'" }
}

/// An image that cannot be read or written; a ValueError (PIL's UnidentifiedImageError is an OSError).
public struct ImageError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

private extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
