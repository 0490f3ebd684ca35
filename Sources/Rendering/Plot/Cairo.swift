import SharedLibrary

/// libcairo, opened with dlopen on the first figure (never at kernel start, so an idle kernel
/// stays small). Only the functions the plot renderer uses are looked up; Cairo's objects are
/// opaque pointers.
struct Cairo: @unchecked Sendable {
    typealias P = OpaquePointer
    let imageSurfaceCreate: @convention(c) (Int32, Int32, Int32) -> P?
    let imageSurfaceCreateForData: @convention(c) (UnsafeMutablePointer<UInt8>, Int32, Int32, Int32, Int32) -> P?
    let formatStrideForWidth: @convention(c) (Int32, Int32) -> Int32
    let surfaceDestroy: @convention(c) (P?) -> Void
    let surfaceFlush: @convention(c) (P?) -> Void
    let create: @convention(c) (P?) -> P?
    let destroy: @convention(c) (P?) -> Void
    let save: @convention(c) (P?) -> Void
    let restore: @convention(c) (P?) -> Void
    let setSourceRGBA: @convention(c) (P?, Double, Double, Double, Double) -> Void
    let setSourceSurface: @convention(c) (P?, P?, Double, Double) -> Void
    let getSource: @convention(c) (P?) -> P?
    let patternSetFilter: @convention(c) (P?, Int32) -> Void
    let setLineWidth: @convention(c) (P?, Double) -> Void
    let setLineCap: @convention(c) (P?, Int32) -> Void
    let setLineJoin: @convention(c) (P?, Int32) -> Void
    let setDash: @convention(c) (P?, UnsafePointer<Double>?, Int32, Double) -> Void
    let moveTo: @convention(c) (P?, Double, Double) -> Void
    let lineTo: @convention(c) (P?, Double, Double) -> Void
    let rectangle: @convention(c) (P?, Double, Double, Double, Double) -> Void
    let arc: @convention(c) (P?, Double, Double, Double, Double, Double) -> Void
    let closePath: @convention(c) (P?) -> Void
    let newPath: @convention(c) (P?) -> Void
    let stroke: @convention(c) (P?) -> Void
    let fill: @convention(c) (P?) -> Void
    let fillPreserve: @convention(c) (P?) -> Void
    let paint: @convention(c) (P?) -> Void
    let clip: @convention(c) (P?) -> Void
    let translate: @convention(c) (P?, Double, Double) -> Void
    let scale: @convention(c) (P?, Double, Double) -> Void
    let rotate: @convention(c) (P?, Double) -> Void
    let selectFontFace: @convention(c) (P?, UnsafePointer<CChar>, Int32, Int32) -> Void
    let setFontSize: @convention(c) (P?, Double) -> Void
    let textExtents: @convention(c) (P?, UnsafePointer<CChar>, UnsafeMutablePointer<Double>) -> Void
    let showText: @convention(c) (P?, UnsafePointer<CChar>) -> Void
    let writeToPNGStream: @convention(c) (P?, @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt32) -> Int32,
                                          UnsafeMutableRawPointer?) -> Int32

    static let formatARGB32: Int32 = 0
    static let filterNearest: Int32 = 3
    static let capButt: Int32 = 0, capRound: Int32 = 1, capSquare: Int32 = 2
    static let joinMiter: Int32 = 0, joinRound: Int32 = 1

    /// Loaded once, on first use.
    static let loaded: Result<Cairo, CairoError> = load()

    /// The library, or an error that says what to install.
    static func library() throws -> Cairo { try loaded.get() }

    private static func load() -> Result<Cairo, CairoError> {
        switch SharedLibrary.open(["libcairo.so.2", "libcairo.so"], requiredSymbol: "cairo_create") {
        case .failure(let e): return .failure(CairoError(message: "Cairo could not be loaded (install Debian's libcairo2): \(e)"))
        case .success(let lib):
            var missing: [String] = []
            func f<F>(_ name: String, _ t: F.Type) -> F? {
                let fn = lib.function(name, as: t)
                if fn == nil { missing.append(name) }
                return fn
            }
            guard let a1 = f("cairo_image_surface_create", (@convention(c) (Int32, Int32, Int32) -> P?).self),
                  let a2 = f("cairo_image_surface_create_for_data", (@convention(c) (UnsafeMutablePointer<UInt8>, Int32, Int32, Int32, Int32) -> P?).self),
                  let a3 = f("cairo_format_stride_for_width", (@convention(c) (Int32, Int32) -> Int32).self),
                  let a4 = f("cairo_surface_destroy", (@convention(c) (P?) -> Void).self),
                  let a5 = f("cairo_surface_flush", (@convention(c) (P?) -> Void).self),
                  let a6 = f("cairo_create", (@convention(c) (P?) -> P?).self),
                  let a7 = f("cairo_destroy", (@convention(c) (P?) -> Void).self),
                  let a8 = f("cairo_save", (@convention(c) (P?) -> Void).self),
                  let a9 = f("cairo_restore", (@convention(c) (P?) -> Void).self),
                  let b1 = f("cairo_set_source_rgba", (@convention(c) (P?, Double, Double, Double, Double) -> Void).self),
                  let b2 = f("cairo_set_source_surface", (@convention(c) (P?, P?, Double, Double) -> Void).self),
                  let b3 = f("cairo_get_source", (@convention(c) (P?) -> P?).self),
                  let b4 = f("cairo_pattern_set_filter", (@convention(c) (P?, Int32) -> Void).self),
                  let b5 = f("cairo_set_line_width", (@convention(c) (P?, Double) -> Void).self),
                  let b6 = f("cairo_set_line_cap", (@convention(c) (P?, Int32) -> Void).self),
                  let b7 = f("cairo_set_line_join", (@convention(c) (P?, Int32) -> Void).self),
                  let b8 = f("cairo_set_dash", (@convention(c) (P?, UnsafePointer<Double>?, Int32, Double) -> Void).self),
                  let c1 = f("cairo_move_to", (@convention(c) (P?, Double, Double) -> Void).self),
                  let c2 = f("cairo_line_to", (@convention(c) (P?, Double, Double) -> Void).self),
                  let c3 = f("cairo_rectangle", (@convention(c) (P?, Double, Double, Double, Double) -> Void).self),
                  let c4 = f("cairo_arc", (@convention(c) (P?, Double, Double, Double, Double, Double) -> Void).self),
                  let c5 = f("cairo_close_path", (@convention(c) (P?) -> Void).self),
                  let c6 = f("cairo_new_path", (@convention(c) (P?) -> Void).self),
                  let c7 = f("cairo_stroke", (@convention(c) (P?) -> Void).self),
                  let c8 = f("cairo_fill", (@convention(c) (P?) -> Void).self),
                  let c9 = f("cairo_fill_preserve", (@convention(c) (P?) -> Void).self),
                  let d1 = f("cairo_paint", (@convention(c) (P?) -> Void).self),
                  let d2 = f("cairo_clip", (@convention(c) (P?) -> Void).self),
                  let d3 = f("cairo_translate", (@convention(c) (P?, Double, Double) -> Void).self),
                  let d4 = f("cairo_scale", (@convention(c) (P?, Double, Double) -> Void).self),
                  let d5 = f("cairo_rotate", (@convention(c) (P?, Double) -> Void).self),
                  let d6 = f("cairo_select_font_face", (@convention(c) (P?, UnsafePointer<CChar>, Int32, Int32) -> Void).self),
                  let d7 = f("cairo_set_font_size", (@convention(c) (P?, Double) -> Void).self),
                  let d8 = f("cairo_text_extents", (@convention(c) (P?, UnsafePointer<CChar>, UnsafeMutablePointer<Double>) -> Void).self),
                  let d9 = f("cairo_show_text", (@convention(c) (P?, UnsafePointer<CChar>) -> Void).self),
                  let e1 = f("cairo_surface_write_to_png_stream", (@convention(c) (P?, @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt32) -> Int32, UnsafeMutableRawPointer?) -> Int32).self)
            else {
                return .failure(CairoError(message: "\(lib.name) lacks \(missing.joined(separator: ", "))"))
            }
            return .success(Cairo(imageSurfaceCreate: a1, imageSurfaceCreateForData: a2, formatStrideForWidth: a3, surfaceDestroy: a4,
                                  surfaceFlush: a5, create: a6, destroy: a7, save: a8, restore: a9, setSourceRGBA: b1,
                                  setSourceSurface: b2, getSource: b3, patternSetFilter: b4, setLineWidth: b5, setLineCap: b6,
                                  setLineJoin: b7, setDash: b8, moveTo: c1, lineTo: c2, rectangle: c3, arc: c4, closePath: c5,
                                  newPath: c6, stroke: c7, fill: c8, fillPreserve: c9, paint: d1, clip: d2, translate: d3,
                                  scale: d4, rotate: d5, selectFontFace: d6, setFontSize: d7, textExtents: d8, showText: d9,
                                  writeToPNGStream: e1))
        }
    }
}

/// Why a figure could not be drawn.
public struct CairoError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// The figure is too large to draw (a ValueError in matplotlib), rather than Cairo missing.
    public var isSize = false
    public init(message: String, isSize: Bool = false) { self.message = message; self.isSize = isSize }
    public var description: String { message }
}
