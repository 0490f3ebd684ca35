import DataIO
import FoveaLang
import Glibc
import Tensor

/// Keras's image files: `load_img`, `img_to_array`, `array_to_img`, `save_img` (in keras.utils and
/// keras.preprocessing.image), with PIL's behaviour: PNG and JPEG through libpng and
/// libjpeg-turbo, PIL's conversions and resizing filters.
enum ImageFiles {
    static let interpolations: [String: ImageResize.Filter] = [
        "nearest": .nearest, "bilinear": .bilinear, "bicubic": .bicubic, "hamming": .hamming, "box": .box, "lanczos": .lanczos,
    ]

    static func register(_ m: ModuleValue) {
        m.add(NativeFunction("load_img", doc: """
            load_img(path, color_mode='rgb', target_size=None, interpolation='nearest', keep_aspect_ratio=False)

            A PNG or JPEG file as an image (PIL's Image): color_mode 'rgb', 'rgba' or 'grayscale'; target_size \
            (height, width) resizes it with interpolation ('nearest', 'bilinear', 'bicubic', 'hamming', 'box', \
            'lanczos'), after cropping the centre to the target's aspect ratio when keep_aspect_ratio=True.
            """, parameters: [.required("path"), .optional("color_mode", default: .str("rgb")), .optional("target_size", default: Value.none),
                              .optional("interpolation", default: .str("nearest")), .optional("keep_aspect_ratio", default: .bool(false))]) { a, _ in
            let path = try a.path("path")
            let span = a.span(of: "path")
            let colorMode = try a.string("color_mode")
            let modes: [String: PixelImage.Mode] = ["grayscale": .L, "rgb": .RGB, "rgba": .RGBA]
            guard let mode = modes[colorMode] else {
                throw Diagnostic(.valueError, "color_mode must be \"grayscale\", \"rgb\", or \"rgba\". Received: color_mode=\(Repr.repr(.str(colorMode)))", at: a.span(of: "color_mode"))
            }
            var size: (Int, Int)?
            var filter = ImageResize.Filter.nearest
            if let t = a["target_size"], !t.isNone {
                guard let items = KerasArguments.sequence(t), items.count == 2, case .int(let h) = items[0], case .int(let w) = items[1], h > 0, w > 0 else {
                    throw Diagnostic(.valueError, "target_size must be (height, width), two positive ints. Received: target_size=\(Repr.repr(t))", at: a.span(of: "target_size"))
                }
                size = (h, w)
                filter = try interpolation(a, "interpolation")
            }
            let (image, format) = try load(path, mode: mode, targetSize: size, filter: filter, keepAspectRatio: a.bool("keep_aspect_ratio"), at: span)
            return .object(ImageObject(image, format: format))
        })
        m.add(NativeFunction("img_to_array", doc: """
            img_to_array(img, data_format=None, dtype=None)

            The image's pixels as a float32 array (height, width, channels), values 0-255 unscaled.
            """, parameters: [.required("img"), .optional("data_format", default: Value.none), .optional("dtype", default: Value.none)]) { a, _ in
            try checkChannelsLast(a)
            let dtype = try a["dtype"].flatMap { $0.isNone ? nil : try ArrayValues.dtype($0, argument: "dtype", at: a.span(of: "dtype")) } ?? .float32
            let x = try ArrayValues.array(a["img"]!, argument: "img", at: a.span(of: "img"))
            guard x.shape.rank == 2 || x.shape.rank == 3 else {
                throw Diagnostic(.valueError, "Unsupported image shape: \(formatShape(x.shape.dims))", at: a.span(of: "img"))
            }
            let shaped = x.shape.rank == 2 ? try x.reshaped(Shape(x.shape.dims + [1])) : x
            return .object(TensorObject(shaped.converted(to: dtype)))
        })
        m.add(NativeFunction("array_to_img", doc: """
            array_to_img(x, data_format=None, scale=True, dtype=None)

            An image from an array (height, width, 1, 3 or 4 channels): with scale=True the values are stretched to \
            0-255 first (min to 0, max to 255).
            """, parameters: [.required("x"), .optional("data_format", default: Value.none), .optional("scale", default: .bool(true)),
                              .optional("dtype", default: Value.none)]) { a, _ in
            try checkChannelsLast(a)
            _ = a["dtype"]
            return .object(ImageObject(try image(from: a["x"]!, scale: a.bool("scale"), at: a.span(of: "x"))))
        })
        m.add(NativeFunction("save_img", doc: """
            save_img(path, x, data_format=None, file_format=None, scale=True, **kwargs)

            Write an array (height, width, channels) as a PNG or JPEG file, chosen by file_format or the path's \
            extension; scale=True stretches the values to 0-255 first. kwargs: quality= for JPEG.
            """, parameters: [.required("path"), .required("x"), .optional("data_format", default: Value.none),
                              .optional("file_format", default: Value.none), .optional("scale", default: .bool(true)), .varKeyword("kwargs")]) { a, ctx in
            try checkChannelsLast(a)
            var quality = 75
            for (name, value, span) in a.varKeyword {
                guard name == "quality", case .int(let q) = value else {
                    throw Diagnostic(.typeError, "save_img() got an unexpected keyword argument '\(name)' (Fovea passes quality= on to the JPEG writer)", at: span)
                }
                quality = q
            }
            let path = try a.path("path")
            let format = try a.optionalString("file_format")
            var img = try image(from: a["x"]!, scale: a.bool("scale"), at: a.span(of: "x"))
            let isJPEG = format.map { ["jpg", "jpeg"].contains($0.lowercased()) } ?? (ImageCodecs.format(forPath: path) == .jpeg)
            if img.mode == .RGBA && isJPEG {
                ctx.write("UserWarning: The JPG format does not support RGBA images, converting to RGB.\n", to: .stderr)
                img = img.converted(to: .RGB)
            }
            try ImageObject(img).save(path, format: format, quality: quality, span: a.span(of: "path"))
            return .none
        })
    }

    /// An `interpolation=` argument: one of load_img's resizing filters.
    static func interpolation(_ a: BoundArguments, _ argument: String) throws -> ImageResize.Filter {
        let name = try a.string(argument)
        guard let filter = interpolations[name] else {
            throw Diagnostic(.valueError, "Invalid interpolation method \(name) specified. Supported methods are \(interpolations.keys.sorted().joined(separator: ", "))", at: a.span(of: argument))
        }
        return filter
    }

    /// A PNG or JPEG file as load_img reads it: decoded, converted to `mode`, and resized to
    /// `targetSize` (height, width) with `filter` (after a centre crop to the target's aspect
    /// ratio with `keepAspectRatio`); with the file's format ('PNG', 'JPEG').
    static func load(_ path: String, mode: PixelImage.Mode, targetSize: (Int, Int)?, filter: ImageResize.Filter,
                     keepAspectRatio: Bool, at span: Span) throws -> (PixelImage, String?) {
        let bytes = try NumpyFiles.read(path, at: span)
        var image: PixelImage
        do { image = try ImageCodecs.decode(bytes, name: path) } catch let e as ImageError {
            throw Diagnostic(ImageObject.unidentified, e.message, at: span)
        }
        let format = ImageCodecs.format(of: bytes)?.rawValue
        image = image.converted(to: mode)
        if let (h, w) = targetSize, image.width != w || image.height != h {
            var box: (Double, Double, Double, Double)?
            if keepAspectRatio {
                let cropHeight = min(image.height, (image.width * h) / w), cropWidth = min(image.width, (image.height * w) / h)
                let top = (image.height - cropHeight) / 2, left = (image.width - cropWidth) / 2
                box = (Double(left), Double(top), Double(left + cropWidth), Double(top + cropHeight))
            }
            image = ImageResize.resize(image, width: w, height: h, filter: filter, box: box)
        }
        return (image, format)
    }

    private static func checkChannelsLast(_ a: BoundArguments) throws {
        guard let d = a["data_format"], !d.isNone else { return }
        let s = try a.string("data_format")
        guard s == "channels_last" else {
            throw Diagnostic(.notImplementedError, "Fovea's images are channels_last (height, width, channels). Received: data_format=\(Repr.repr(d))", at: a.span(of: "data_format"))
        }
    }

    /// Keras's array_to_img: an image from (h, w, 1|3|4) values, stretched to 0-255 when `scale`.
    static func image(from value: Value, scale: Bool, at span: Span) throws -> PixelImage {
        if case .object(let o) = value, let i = o as? ImageObject { return i.image }
        let x = try ArrayValues.array(value, argument: "x", at: span)
        guard x.shape.rank == 3 else {
            throw Diagnostic(.valueError, "Expected image array to have rank 3 (single image). Got array with shape: \(formatShape(x.shape.dims))", at: span)
        }
        let (h, w, c) = (x.shape.dims[0], x.shape.dims[1], x.shape.dims[2])
        let modes: [Int: PixelImage.Mode] = [1: .L, 3: .RGB, 4: .RGBA]
        guard let mode = modes[c] else { throw Diagnostic(.valueError, "Unsupported channel number: \(c)", at: span) }
        let f = x.converted(to: .float32)
        var values = withExtendedLifetime(f) { Array(f.floats) }
        if scale, !values.isEmpty {
            let low = values.min()!
            for i in values.indices { values[i] -= low }
            let high = values.max()!
            if high != 0 { for i in values.indices { values[i] /= high } }
            for i in values.indices { values[i] *= 255 }
        }
        if mode == .L, (values.max() ?? 0) > 255 {
            throw Diagnostic(.valueError, "values above 255 in a one-channel image (PIL's 32-bit mode 'I') are not supported; pass scale=True or divide first", at: span)
        }
        let pixels = values.map { v -> UInt8 in v.isNaN ? 0 : UInt8(clamping: Int(max(-1, min(256, v)))) }
        return PixelImage(width: w, height: h, mode: mode, pixels: pixels)
    }

    private static func formatShape(_ dims: [Int]) -> String {
        dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.map(String.init).joined(separator: ", ") + ")"
    }
}
