import FoveaLang
import Tensor

/// `ImageDataGenerator(...)`: Keras's parameters in Keras's order with its defaults, checked as
/// Keras checks them (and a few more that Keras leaves to scipy to reject, located here).
enum ImageGeneratorConstructor {
    static let parameters: [NativeParameter] = [
        .optional("featurewise_center", default: .bool(false)), .optional("samplewise_center", default: .bool(false)),
        .optional("featurewise_std_normalization", default: .bool(false)), .optional("samplewise_std_normalization", default: .bool(false)),
        .optional("zca_whitening", default: .bool(false)), .optional("zca_epsilon", default: .float(1e-6)),
        .optional("rotation_range", default: .int(0)), .optional("width_shift_range", default: .float(0)),
        .optional("height_shift_range", default: .float(0)), .optional("brightness_range", default: Value.none),
        .optional("shear_range", default: .float(0)), .optional("zoom_range", default: .float(0)),
        .optional("channel_shift_range", default: .float(0)), .optional("fill_mode", default: .str("nearest")),
        .optional("cval", default: .float(0)), .optional("horizontal_flip", default: .bool(false)),
        .optional("vertical_flip", default: .bool(false)), .optional("rescale", default: Value.none),
        .optional("preprocessing_function", default: Value.none), .optional("data_format", default: Value.none),
        .optional("validation_split", default: .float(0)), .optional("interpolation_order", default: .int(1)),
        .optional("dtype", default: Value.none),
    ]

    static func typeValue(random: LegacyRandomState) -> TypeValue {
        let constructor = NativeFunction("ImageDataGenerator", doc: ImageDataGeneratorObject.classDoc, parameters: parameters) { a, ctx in
            .object(try make(a, ctx, random: random))
        }
        return ImageDataGeneratorObject.binding.typeValue(constructor: constructor)
    }

    static func number(_ a: BoundArguments, _ name: String) throws -> Double {
        let v = a[name]!
        guard let d = v.asDouble, !KerasArguments.isBool(v) else {
            throw Diagnostic(.typeError, "ImageDataGenerator() argument '\(name)' must be a number. Received: \(name)=\(Repr.repr(v))", at: a.span(of: name))
        }
        return d
    }

    static func shift(_ a: BoundArguments, _ name: String) throws -> ShiftRange {
        let v = a[name]!
        switch v {
        case .int(let n): return n == 0 ? .none : .pixels(n)
        case .float(let r): return r == 0 ? .none : .uniform(r)
        default:
            if let items = KerasArguments.sequence(v) {
                let values = items.compactMap { KerasArguments.isBool($0) ? nil : $0.asDouble }
                if values.count == items.count { return values.isEmpty ? .none : .choice(values) }
            }
            throw Diagnostic(.valueError, "\(name) must be a float (a fraction of the image's side, or pixels when >= 1), an int (pixels) or a list of values. Received: \(name)=\(Repr.repr(v))", at: a.span(of: name))
        }
    }

    static func make(_ a: BoundArguments, _ ctx: CallContext, random: LegacyRandomState) throws -> ImageDataGeneratorObject {
        if let v = a["data_format"], !v.isNone {
            guard case .str(let f) = v, f == "channels_last" || f == "channels_first" else {
                throw Diagnostic(.valueError, "`data_format` should be `\"channels_last\"` (channel after row and column) or `\"channels_first\"` (channel before row and column). Received: \(Repr.str(v))", at: a.span(of: "data_format"))
            }
            if f == "channels_first" {
                throw Diagnostic(.notImplementedError, "Fovea's images are channels_last (height, width, channels)", at: a.span(of: "data_format"),
                                 notes: ["help: leave data_format out, and give images as (n, height, width, channels)"])
            }
        }
        if a.bool("zca_whitening") {
            throw Diagnostic(.notImplementedError, "Fovea's ImageDataGenerator has no ZCA whitening", at: a.span(of: "zca_whitening"),
                             notes: ["help: featurewise_center and featurewise_std_normalization (after gen.fit(x)) are available"])
        }
        if let v = a["brightness_range"], !v.isNone {
            throw Diagnostic(.notImplementedError, "Fovea's ImageDataGenerator has no brightness shift (Keras does it with PIL's ImageEnhance)", at: a.span(of: "brightness_range"),
                             notes: ["help: leave brightness_range out, or scale the images yourself with preprocessing_function"])
        }
        if let v = a["dtype"], !v.isNone, try ArrayValues.dtype(v, argument: "dtype", at: a.span(of: "dtype")) != .float32 {
            throw Diagnostic(.notImplementedError, "Fovea's ImageDataGenerator makes float32 batches. Received: dtype=\(Repr.repr(v))", at: a.span(of: "dtype"))
        }
        let order = try KerasArguments.int(a, "interpolation_order")
        if order != 1 {
            throw Diagnostic(.notImplementedError, "Fovea's ImageDataGenerator interpolates bilinearly (interpolation_order=1). Received: interpolation_order=\(order)", at: a.span(of: "interpolation_order"))
        }
        var s = ImageAugmentation()
        s.featurewiseCenter = a.bool("featurewise_center"); s.samplewiseCenter = a.bool("samplewise_center")
        s.featurewiseStd = a.bool("featurewise_std_normalization"); s.samplewiseStd = a.bool("samplewise_std_normalization")
        s.rotationRange = try number(a, "rotation_range")
        s.widthShift = try shift(a, "width_shift_range")
        s.heightShift = try shift(a, "height_shift_range")
        s.shearRange = try number(a, "shear_range")
        s.channelShiftRange = try number(a, "channel_shift_range")
        s.cval = try number(a, "cval")
        s.horizontalFlip = a.bool("horizontal_flip"); s.verticalFlip = a.bool("vertical_flip")
        let zoom = a["zoom_range"]!
        if let z = zoom.asDouble, !KerasArguments.isBool(zoom), KerasArguments.sequence(zoom) == nil {
            s.zoomRange = (1 - z, 1 + z)
        } else if let items = KerasArguments.sequence(zoom), items.count == 2,
                  let lo = items[0].asDouble, let hi = items[1].asDouble, !items.contains(where: KerasArguments.isBool) {
            s.zoomRange = (lo, hi)
        } else {
            throw Diagnostic(.valueError, "`zoom_range` should be a float or a tuple or list of two floats. Received: \(Repr.repr(zoom))", at: a.span(of: "zoom_range"),
                             notes: ["help: zoom_range=0.2 draws zoom factors in [0.8, 1.2]; zoom_range=[0.5, 1.0] draws them in that range"])
        }
        let fill = try KerasArguments.string(a, "fill_mode")
        guard let mode = FillMode(rawValue: fill) else {
            throw Diagnostic(.valueError, "fill_mode must be one of 'constant', 'nearest', 'reflect' or 'wrap'. Received: fill_mode=\(Repr.repr(.str(fill)))", at: a.span(of: "fill_mode"))
        }
        s.fillMode = mode
        if let r = a["rescale"], !r.isNone {
            let v = try number(a, "rescale")
            if v != 0 { s.rescale = v }
        }
        let split = try number(a, "validation_split")
        if split != 0 && !(0 < split && split < 1) {
            throw Diagnostic(.valueError, "`validation_split` must be strictly between 0 and 1.  Received: \(Repr.repr(a["validation_split"]!))", at: a.span(of: "validation_split"),
                             notes: ["help: validation_split=0.2 keeps a fifth of the images for subset='validation'"])
        }
        var function: Value?
        if let f = a["preprocessing_function"], !f.isNone {
            guard callable(f) else {
                throw Diagnostic(.typeError, "preprocessing_function must be a function that takes one image and returns one. Received: \(Repr.repr(f))", at: a.span(of: "preprocessing_function"))
            }
            function = f
        }
        if s.featurewiseStd && !s.featurewiseCenter {
            s.featurewiseCenter = true
            KerasCallbacks.warn("This ImageDataGenerator specifies `featurewise_std_normalization`, which overrides setting of `featurewise_center`.", ctx)
        }
        if s.samplewiseStd && !s.samplewiseCenter {
            s.samplewiseCenter = true
            KerasCallbacks.warn("This ImageDataGenerator specifies `samplewise_std_normalization`, which overrides setting of `samplewise_center`.", ctx)
        }
        return ImageDataGeneratorObject(settings: s, validationSplit: split, preprocessingFunction: function, random: random)
    }

    private static func callable(_ v: Value) -> Bool {
        switch v {
        case .function, .native, .type: return true
        case .object(let o): return o.isCallable
        default: return false
        }
    }
}
