/// An RGB colour.
public struct RGB: Sendable, Equatable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }

    public static let white = RGB(255, 255, 255)
    public static let black = RGB(0, 0, 0)
    /// Text and axes.
    public static let ink = RGB(40, 40, 40)
    /// Grid lines and frames.
    public static let light = RGB(215, 215, 215)
    /// Marks a wrong prediction.
    public static let wrong = RGB(200, 30, 30)
    /// Marks a right prediction.
    public static let right = RGB(20, 120, 50)
}

/// The colour scales pictures use:
/// - `gray` for inputs (0 black, 1 white, as a photo),
/// - `viridis` for activations (perceptually uniform, readable in gray print and by the colour-blind),
/// - `diverging` for signed weights (blue below zero, white at zero, red above).
/// Each maps a value already normalised to 0...1 (0.5 is zero for `diverging`).
public enum ColorScale: Sendable {
    case gray, viridis, diverging

    public func color(_ t: Float) -> RGB {
        let t = t.isNaN ? 0 : min(max(t, 0), 1)
        switch self {
        case .gray:
            let v = UInt8((t * 255).rounded())
            return RGB(v, v, v)
        case .viridis: return ColorScale.interpolate(ColorScale.viridisStops, t)
        case .diverging: return ColorScale.interpolate(ColorScale.divergingStops, t)
        }
    }

    /// matplotlib's viridis at 0, 0.1, ..., 1.
    static let viridisStops: [RGB] = [
        RGB(0x44, 0x01, 0x54), RGB(0x48, 0x24, 0x75), RGB(0x41, 0x44, 0x87), RGB(0x35, 0x5f, 0x8d),
        RGB(0x2a, 0x78, 0x8e), RGB(0x21, 0x91, 0x8c), RGB(0x22, 0xa8, 0x84), RGB(0x44, 0xbf, 0x70),
        RGB(0x7a, 0xd1, 0x51), RGB(0xbd, 0xdf, 0x26), RGB(0xfd, 0xe7, 0x25),
    ]
    /// ColorBrewer's RdBu, reversed: blue, white, red.
    static let divergingStops: [RGB] = [
        RGB(0x21, 0x66, 0xac), RGB(0x67, 0xa9, 0xcf), RGB(0xd1, 0xe5, 0xf0), RGB(0xf7, 0xf7, 0xf7),
        RGB(0xfd, 0xdb, 0xc7), RGB(0xef, 0x8a, 0x62), RGB(0xb2, 0x18, 0x2b),
    ]

    static func interpolate(_ stops: [RGB], _ t: Float) -> RGB {
        let x = t * Float(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        let f = x - Float(i)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Float(a) * (1 - f) + Float(b) * f).rounded()) }
        let a = stops[i], b = stops[i + 1]
        return RGB(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }
}
