import DataIO
import FoveaLang
import Tensor

/// What `keras.utils.load_img` returns: an image as PIL's `Image` is one (`.size` (width, height),
/// `.mode`, `.resize`, `.convert`, `.crop`, `.save`), shown as a picture in the notebook;
/// `np.array(img)` gives its uint8 pixels, height x width (x channels).
final class ImageObject: FoveaObject {
    let image: PixelImage
    let format: String?
    init(_ image: PixelImage, format: String? = nil) { self.image = image; self.format = format }

    static let classDoc = "An image, as PIL's Image: size (width, height), mode ('L', 'RGB', 'RGBA'), resize((w, h)), convert(mode), crop(box), save(path); np.array(img) gives its pixels."
    /// PIL's resampling constants, by their numbers (Image.NEAREST == 0, ...).
    static let resampling: [Int: ImageResize.Filter] = [0: .nearest, 1: .lanczos, 2: .bilinear, 3: .bicubic, 4: .box, 5: .hamming]
    static let unidentified = ExceptionClass("UnidentifiedImageError", base: .osError)

    var typeName: String { "Image" }
    var doc: String { Self.classDoc }
    func repr() -> String { "<PIL.Image.Image image mode=\(image.mode.rawValue) size=\(image.width)x\(image.height)>" }
    var hostClass: AnyHostClass? { Self.binding }
    func richValue() -> (any RichValue)? {
        guard image.width > 0, image.height > 0, let png = try? ImageCodecs.encode(image, as: .png) else { return nil }
        return MimeBundle(text: ["text/plain": repr()], binary: ["image/png": png])
    }

    /// The pixels as numpy's `np.array(img)` gives them: uint8, (h, w) for 'L', (h, w, c) otherwise.
    var array: Tensor {
        let dims = image.mode == .L ? [image.height, image.width] : [image.height, image.width, image.mode.channels]
        return try! Tensor(shape: Shape(dims), bytes: image.pixels)
    }

    /// An ImageError as PIL raises it: an OSError.
    static func run<T>(_ span: Span, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ImageError { throw Diagnostic(.osError, e.message, at: span) }
    }

    static func mode(_ a: BoundArguments, _ name: String) throws -> PixelImage.Mode {
        let text = try a.string(name)
        guard let m = PixelImage.Mode(rawValue: text) else {
            throw Diagnostic(.valueError, "conversion to mode \(Repr.repr(.str(text))) is not supported; Fovea's images are 'L', 'RGB' or 'RGBA'", at: a.span(of: name))
        }
        return m
    }

    static func size(_ value: Value, _ name: String, _ span: Span) throws -> (Int, Int) {
        guard let items = KerasArguments.sequence(value), items.count == 2, case .int(let w) = items[0], case .int(let h) = items[1], w > 0, h > 0 else {
            throw Diagnostic(.valueError, "\(name) must be two positive ints. Received: \(name)=\(Repr.repr(value))", at: span)
        }
        return (w, h)
    }

    /// Writes the image to `path` in the format its extension (or `format`) names.
    func save(_ path: String, format: String?, quality: Int, span: Span) throws {
        let chosen: ImageCodecs.Format?
        if let format {
            chosen = ["PNG": .png, "JPEG": .jpeg, "JPG": .jpeg][format.uppercased()]
        } else {
            chosen = ImageCodecs.format(forPath: path)
        }
        guard let chosen else {
            let base = path.split(separator: "/").last.map(String.init) ?? path
            let ext = base.lastIndex(of: ".").map { String(base[$0...]) } ?? ""
            throw Diagnostic(.valueError, format.map { "unknown file format \(Repr.repr(.str($0)))" } ?? "unknown file extension: \(ext)",
                             at: span, notes: ["help: Fovea writes PNG (.png) and JPEG (.jpg, .jpeg) images"])
        }
        let bytes = try Self.run(span) { try ImageCodecs.encode(image, as: chosen, quality: quality) }
        try NumpyFiles.write(bytes, to: path, at: span)
    }

    static let binding = HostClass<ImageObject>("Image", module: "PIL.Image", doc: classDoc)
        .property("size", doc: "(width, height) in pixels.") { i, _ in .tuple([.int(i.image.width), .int(i.image.height)]) }
        .property("width", doc: "The width in pixels.") { i, _ in .int(i.image.width) }
        .property("height", doc: "The height in pixels.") { i, _ in .int(i.image.height) }
        .property("mode", doc: "'L' (gray), 'RGB' or 'RGBA'.") { i, _ in .str(i.image.mode.rawValue) }
        .property("format", doc: "'PNG' or 'JPEG' for an image read from a file, else None.") { i, _ in i.format.map { .str($0) } ?? .none }
        .method("resize", [.required("size"), .optional("resample", default: Value.none), .optional("box", default: Value.none)],
                doc: "The image resized to size (width, height), with PIL's filters: Image.NEAREST (0), BILINEAR (2), BICUBIC (3, the default), LANCZOS (1), BOX (4), HAMMING (5); box (left, top, right, bottom) resizes that region.") { i, a, _ in
            let (w, h) = try size(a["size"]!, "size", a.span(of: "size"))
            var filter = ImageResize.Filter.bicubic
            if let r = a["resample"], !r.isNone {
                guard case .int(let n) = r, let f = resampling[n] else {
                    throw Diagnostic(.valueError, "unknown resampling filter (\(Repr.repr(r))). Use Image.NEAREST (0), Image.LANCZOS (1), Image.BILINEAR (2), Image.BICUBIC (3), Image.BOX (4) or Image.HAMMING (5)", at: a.span(of: "resample"))
                }
                filter = f
            }
            var box: (Double, Double, Double, Double)?
            if let b = a["box"], !b.isNone {
                guard let items = KerasArguments.sequence(b), items.count == 4, let v = Optional(items.compactMap(\.numberValue)), v.count == 4 else {
                    throw Diagnostic(.valueError, "box must be (left, top, right, bottom). Received: box=\(Repr.repr(b))", at: a.span(of: "box"))
                }
                box = (v[0], v[1], v[2], v[3])
            }
            return .object(ImageObject(ImageResize.resize(i.image, width: w, height: h, filter: filter, box: box)))
        }
        .method("convert", [.required("mode")], doc: "The image in another mode: 'L' (gray, PIL's luma), 'RGB' or 'RGBA'.") { i, a, _ in
            .object(ImageObject(i.image.converted(to: try mode(a, "mode"))))
        }
        .method("crop", [.required("box")], doc: "The region box = (left, top, right, bottom), inside the image.") { i, a, _ in
            guard let items = KerasArguments.sequence(a["box"]!), items.count == 4, case .int(let l) = items[0], case .int(let t) = items[1],
                  case .int(let r) = items[2], case .int(let b) = items[3], 0 <= l, l <= r, r <= i.image.width, 0 <= t, t <= b, b <= i.image.height else {
                throw Diagnostic(.valueError, "box must be (left, top, right, bottom) ints inside the \(i.image.width)x\(i.image.height) image. Received: box=\(Repr.repr(a["box"]!))", at: a.span(of: "box"))
            }
            let c = i.image.mode.channels
            var out: [UInt8] = []
            for y in t..<b { out += i.image.pixels[((y * i.image.width + l) * c)..<((y * i.image.width + r) * c)] }
            return .object(ImageObject(PixelImage(width: r - l, height: b - t, mode: i.image.mode, pixels: out)))
        }
        .method("copy", doc: "A copy of the image.") { i, _, _ in .object(ImageObject(i.image, format: i.format)) }
        .method("save", [.required("fp"), .optional("format", default: Value.none), .keywordOnly("quality", default: .int(75))],
                doc: "Write the image to fp as PNG or JPEG, chosen by format or by the file's extension (JPEG quality 75 by default).") { i, a, _ in
            try i.save(try a.path("fp"), format: try a.optionalString("format"), quality: try a.int("quality"), span: a.span(of: "fp"))
            return .none
        }
}

private extension Value {
    var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }
}
