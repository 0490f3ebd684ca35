/// pyplot's figure model as data: a figure holds axes, an axes holds its artists (lines, images,
/// bars, texts) and its decoration (title, labels, limits, ticks, legend). The bindings build
/// and change it; Rendering lays it out, measures its text and draws it with Cairo.

/// A colour with alpha, each part 0...1.
public struct PlotColor: Sendable, Equatable {
    public var r: Double, g: Double, b: Double, a: Double
    public init(_ r: Double, _ g: Double, _ b: Double, _ a: Double = 1) { self.r = r; self.g = g; self.b = b; self.a = a }
    public init(gray: Double) { self.init(gray, gray, gray) }
    public static let black = PlotColor(0, 0, 0)
    public static let white = PlotColor(1, 1, 1)
    public static let none = PlotColor(0, 0, 0, 0)
    public func with(alpha: Double) -> PlotColor { PlotColor(r, g, b, alpha) }
}

public enum LineStyle: String, Sendable, Equatable {
    case solid = "-", dashed = "--", dashDot = "-.", dotted = ":", none = ""
}

public enum MarkerStyle: String, Sendable, Equatable, CaseIterable {
    case point = ".", circle = "o", x = "x", square = "s", triangleUp = "^", plus = "+", star = "*",
         triangleDown = "v", diamond = "D", pixel = ","
}

/// A line from `plot`: points joined by a styled line, with optional markers.
public struct PlotLine: Sendable, Equatable {
    public var x: [Double], y: [Double]
    public var color: PlotColor
    public var width: Double = 1.5               // points
    public var style: LineStyle = .solid
    public var marker: MarkerStyle?
    public var markerSize: Double = 6            // points
    public var label: String?
    /// Where x or y are fractions of the axes rather than data (axhline, axvline).
    public var span: LineSpan = .data
    /// The order it was added to its axes in (legend entries follow it).
    public var order = 0
    public init(x: [Double], y: [Double], color: PlotColor) { self.x = x; self.y = y; self.color = color }
}

/// A line in data coordinates, or across the axes: `axhline` (x in axes fractions) and
/// `axvline` (y in axes fractions).
public enum LineSpan: Sendable, Equatable { case data, horizontal, vertical }

/// The area between two curves (`fill_between`).
public struct PlotFill: Sendable, Equatable {
    public var x: [Double], y1: [Double], y2: [Double]
    public var color: PlotColor
    public var label: String?
    public var order = 0
    public init(x: [Double], y1: [Double], y2: [Double], color: PlotColor) { self.x = x; self.y1 = y1; self.y2 = y2; self.color = color }
}

/// Scattered markers, each with its own colour and area (points²).
public struct PlotScatter: Sendable, Equatable {
    public var x: [Double], y: [Double]
    public var colors: [PlotColor]
    public var sizes: [Double]
    public var marker: MarkerStyle = .circle
    public var label: String?
    public var order = 0
    public init(x: [Double], y: [Double], colors: [PlotColor], sizes: [Double]) {
        self.x = x; self.y = y; self.colors = colors; self.sizes = sizes
    }
}

/// A filled rectangle in data coordinates (a bar, a histogram bin).
public struct PlotRectangle: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public var color: PlotColor
    public var edgeColor: PlotColor = .none
    /// The edge's width in points.
    public var edgeWidth = 1.0
    public init(x: Double, y: Double, width: Double, height: Double, color: PlotColor) {
        self.x = x; self.y = y; self.width = width; self.height = height; self.color = color
    }
}

/// A group of rectangles added by one `bar` or `hist` call (one legend entry).
public struct PlotBars: Sendable, Equatable {
    public var rectangles: [PlotRectangle]
    public var label: String?
    /// barh: the bars grow along x from their base.
    public var horizontal = false
    public var order = 0
    public init(rectangles: [PlotRectangle], label: String? = nil) { self.rectangles = rectangles; self.label = label }
}

/// An image from `imshow`: rows top to bottom of RGBA pixels, already coloured, covering the
/// data rectangle `extent` (left, right, bottom, top).
public struct PlotImage: Sendable, Equatable {
    public var width: Int, height: Int
    public var rgba: [UInt8]
    public var extent: (left: Double, right: Double, bottom: Double, top: Double)
    /// The colour scale a colorbar shows, when the image was coloured from scalars.
    public var scale: ColorScaleRange?
    public init(width: Int, height: Int, rgba: [UInt8], extent: (Double, Double, Double, Double), scale: ColorScaleRange?) {
        self.width = width; self.height = height; self.rgba = rgba; self.extent = extent; self.scale = scale
    }
    public static func == (a: PlotImage, b: PlotImage) -> Bool {
        a.width == b.width && a.height == b.height && a.rgba == b.rgba && a.scale == b.scale
            && a.extent.left == b.extent.left && a.extent.right == b.extent.right
            && a.extent.bottom == b.extent.bottom && a.extent.top == b.extent.top
    }
}

/// A colormap with the limits its values were normalised between.
public struct ColorScaleRange: Sendable, Equatable {
    public var colormap: Colormap
    public var vmin: Double, vmax: Double
    public init(colormap: Colormap, vmin: Double, vmax: Double) { self.colormap = colormap; self.vmin = vmin; self.vmax = vmax }
}

/// Text styling shared by titles, labels and free text.
public struct TextStyle: Sendable, Equatable {
    public var size: Double                      // points
    public var color: PlotColor = .black
    public var bold = false
    public init(size: Double, color: PlotColor = .black, bold: Bool = false) { self.size = size; self.color = color; self.bold = bold }
}

/// Free text placed in data coordinates (`plt.text`).
public struct PlotText: Sendable, Equatable {
    public var x: Double, y: Double
    public var text: String
    public var style: TextStyle
    /// Horizontal alignment: 0 left, 0.5 center, 1 right of the text at x.
    public var horizontal = 0.0
    /// Vertical alignment: nil the baseline at y; else 0 top, 0.5 center, 1 bottom of the text at y.
    public var vertical: Double?
    public init(x: Double, y: Double, text: String, style: TextStyle) { self.x = x; self.y = y; self.text = text; self.style = style }
}

/// Text placed in figure fractions (`fig.text`): (0, 0) the bottom left, (1, 1) the top right.
public struct FigureText: Sendable, Equatable {
    public var x: Double, y: Double
    public var text: String
    public var style: TextStyle
    /// Which point of the text's box falls on (x, y): horizontal 0 left, 0.5 center, 1 right;
    /// vertical 0 top, 0.5 center, 1 bottom.
    public var horizontal: Double, vertical: Double
    public init(x: Double, y: Double, text: String, style: TextStyle, horizontal: Double = 0, vertical: Double = 1) {
        self.x = x; self.y = y; self.text = text; self.style = style; self.horizontal = horizontal; self.vertical = vertical
    }
}

/// One axis of an axes: its limits (nil: from the data), its ticks (nil: chosen by the locator),
/// label and scale.
public struct PlotAxis: Sendable, Equatable {
    public var limits: (Double, Double)?
    public var ticks: [Double]?
    public var tickLabels: [String]?
    public var tickRotation: Double = 0
    public var label: String?
    public var labelStyle = TextStyle(size: 10)
    /// Points between the tick labels and the axis label (`labelpad`).
    public var labelPad = 4.0
    /// Tick label size in points.
    public var tickSize = 10.0
    public var inverted = false
    public init() {}
    public static func == (a: PlotAxis, b: PlotAxis) -> Bool {
        a.limits?.0 == b.limits?.0 && a.limits?.1 == b.limits?.1 && a.ticks == b.ticks && a.tickLabels == b.tickLabels
            && a.tickRotation == b.tickRotation && a.label == b.label && a.labelStyle == b.labelStyle && a.inverted == b.inverted
            && a.labelPad == b.labelPad && a.tickSize == b.tickSize
    }
}

/// Where an axes sits: a cell span of a grid of `rows` x `columns` (0-based, row-major), or a
/// rectangle in figure fractions (left, bottom, width, height).
public enum AxesPlacement: Sendable, Equatable {
    case grid(rows: Int, columns: Int, first: Int, last: Int)
    case rectangle(Double, Double, Double, Double)
    /// A colorbar beside the axes at this index of the figure.
    case colorbar(of: Int)
}

/// One axes: a plotting area with its artists and decoration.
public struct PlotAxes: Sendable, Equatable {
    public var placement: AxesPlacement
    public var lines: [PlotLine] = []
    public var scatters: [PlotScatter] = []
    public var bars: [PlotBars] = []
    public var fills: [PlotFill] = []
    public var images: [PlotImage] = []
    public var texts: [PlotText] = []
    public var title: String?
    public var titleStyle = TextStyle(size: 12)
    /// Points between the axes' top and the title's baseline.
    public var titlePad = 6.0
    public var x = PlotAxis()
    public var y = PlotAxis()
    public var grid = false
    public var axisOn = true
    /// The frame around the box (matplotlib's four spines): colour and width in points.
    public var spineColor = PlotColor.black
    public var spineWidth = 0.8
    /// `legend()` was called; `legendLocation` is matplotlib's loc name ("best", "upper right", ...).
    public var legend = false
    public var legendLocation = "best"
    public var legendFontSize = 10.0
    /// Equal data aspect (imshow's default): the box shrinks so one unit is as long on both axes.
    public var equalAspect = false
    /// The next colour of the property cycle (tab10).
    public var cycleIndex = 0
    /// Artists added so far (each artist's `order`).
    public var artistCount = 0
    /// For a colorbar axes: the scale it shows.
    public var colorbar: ColorScaleRange?
    public init(placement: AxesPlacement) { self.placement = placement }

    /// Whether anything was drawn in it or set on it.
    public var isEmpty: Bool { lines.isEmpty && scatters.isEmpty && bars.isEmpty && fills.isEmpty && images.isEmpty && texts.isEmpty }

    /// Adds artists in the order they were made (the legend lists them so).
    public mutating func add(_ line: PlotLine) { var l = line; l.order = artistCount; artistCount += 1; lines.append(l) }
    public mutating func add(_ s: PlotScatter) { var v = s; v.order = artistCount; artistCount += 1; scatters.append(v) }
    public mutating func add(_ b: PlotBars) { var v = b; v.order = artistCount; artistCount += 1; bars.append(v) }
    public mutating func add(_ f: PlotFill) { var v = f; v.order = artistCount; artistCount += 1; fills.append(v) }
}

/// One figure: its size in inches, resolution, axes and title.
public struct PlotFigure: Sendable, Equatable {
    public var number: Int
    public var width: Double = 6.4, height: Double = 4.8   // inches
    public var dpi: Double = 100
    public var facecolor: PlotColor = .white
    public var axes: [PlotAxes] = []
    public var suptitle: String?
    public var suptitleStyle = TextStyle(size: 12)
    /// Text placed on the figure itself (`fig.text`).
    public var texts: [FigureText] = []
    /// Subplot parameters (figure fractions), as `subplots_adjust` and `tight_layout` set them.
    public var left = 0.125, right = 0.9, bottom = 0.11, top = 0.88, wspace = 0.2, hspace = 0.2
    /// `tight_layout()` was called: margins are fitted to the decoration when drawn.
    public var tightLayout = false
    /// tight_layout's padding, in font sizes.
    public var tightPad = 1.08
    public init(number: Int) { self.number = number }

    /// matplotlib's text fallback: `<Figure size 640x480 with 1 Axes>`.
    public var summary: String {
        let w = Int((width * dpi).rounded()), h = Int((height * dpi).rounded())
        return "<Figure size \(w)x\(h) with \(axes.count) Axes>"
    }
}

/// matplotlib's default property cycle, tab10.
public enum PlotCycle {
    public static let tab10: [PlotColor] = [
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    ].map(PlotColor.init(hex:))
}

extension PlotColor {
    public init(hex: Int) {
        self.init(Double((hex >> 16) & 255) / 255, Double((hex >> 8) & 255) / 255, Double(hex & 255) / 255)
    }
}
