/// A model's graph as `keras.utils.plot_model` draws it, laid out and ready to paint: one box per
/// layer (Keras's table: a black header "name (Class)", then white cells "Input shape: ..." and
/// "Output shape: ..."), edges as polylines from box border to box border along the data, and a
/// dashed frame per expanded nested model. Pure data in points (1/72 inch), y down; Rendering
/// paints it at a dpi.
public struct ModelDiagram: Sendable, Equatable {
    /// Graphviz's `rankdir`: the direction the data flows in.
    public enum Direction: String, Sendable, CaseIterable {
        /// Top to bottom (Keras's default), left to right, bottom to top, right to left.
        case TB, LR, BT, RL
        /// Whether ranks follow one another along x (LR, RL) rather than y.
        public var isHorizontal: Bool { self == .LR || self == .RL }
    }

    /// What a box shows: Keras's `plot_model` switches.
    public struct Options: Sendable, Equatable {
        public var showShapes = false
        public var showDtype = false
        public var showLayerNames = false
        public var expandNested = false
        public var showLayerActivations = false
        public var showTrainable = false
        public var direction = Direction.TB
        /// Keras's default `splines='ortho'`: right-angled edges; false: straight segments.
        public var orthogonal = true
        public init() {}
    }

    /// A piece of a cell's one line of text.
    public struct Run: Sendable, Equatable {
        public var text: String
        public var bold: Bool
        public init(_ text: String, bold: Bool = false) { self.text = text; self.bold = bold }
    }

    /// A cell's background, with the text colour that goes on it (white on black, green and red).
    public enum Fill: Sendable, Equatable {
        case black, white, forestGreen, firebrick
        public var rgb: (Double, Double, Double) {
            switch self {
            case .black: return (0, 0, 0)
            case .white: return (1, 1, 1)
            case .forestGreen: return (0x22 / 255.0, 0x8B / 255.0, 0x22 / 255.0)
            case .firebrick: return (0xB2 / 255.0, 0x22 / 255.0, 0x22 / 255.0)
            }
        }
        public var textIsWhite: Bool { self != .white }
    }

    /// One table cell: a line of text at `size` points on `fill`, and where it is once laid out.
    public struct Cell: Sendable, Equatable {
        public var runs: [Run]
        public var size: Double
        public var fill: Fill
        public var frame = Rect.zero
        public init(_ runs: [Run], size: Double, fill: Fill) { self.runs = runs; self.size = size; self.fill = fill }
        public var text: String { runs.map(\.text).joined() }
    }

    /// A layer's box: its rows of cells (the header first), its rank (layer of the layered
    /// layout, along the data) and order within the rank, and its frame.
    public struct Box: Sendable, Equatable {
        public var layerName: String
        public var className: String
        public var rows: [[Cell]]
        /// The expanded nested model it belongs to (an index into `clusters`), nil at the top level.
        public var cluster: Int?
        public var rank = 0
        public var order = 0
        public var frame = Rect.zero
        public init(layerName: String, className: String, rows: [[Cell]], cluster: Int? = nil) {
            self.layerName = layerName; self.className = className; self.rows = rows; self.cluster = cluster
        }
        /// All the box's text, row by row, cells separated by " | ".
        public var lines: [String] { rows.map { $0.map(\.text).joined(separator: " | ") } }
    }

    /// An arrow from box `from` to box `to` (indices into `boxes`): its polyline, starting on the
    /// source's border and ending on the target's, where the arrowhead goes.
    public struct Edge: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var points: [Point] = []
        public init(from: Int, to: Int) { self.from = from; self.to = to }
    }

    /// An expanded nested model: a dashed frame around its boxes, labelled with its name.
    public struct Cluster: Sendable, Equatable {
        public var name: String
        public var parent: Int?
        public var frame = Rect.zero
        /// Where the label's text starts (its baseline's left end).
        public var labelOrigin = Point(0, 0)
        public init(name: String, parent: Int?) { self.name = name; self.parent = parent }
    }

    public var modelName: String
    public var direction: Direction
    public var boxes: [Box]
    public var edges: [Edge]
    public var clusters: [Cluster]
    /// The size of the whole drawing in points.
    public var width: Double = 0
    public var height: Double = 0

    public init(modelName: String, direction: Direction, boxes: [Box], edges: [Edge], clusters: [Cluster]) {
        self.modelName = modelName; self.direction = direction; self.boxes = boxes; self.edges = edges; self.clusters = clusters
    }

    /// Keras's sizes: header text 16 pt, the other rows 14 pt, cells padded 10 pt, 2 pt between
    /// cells; Graphviz's defaults: 0.25 in between boxes of a rank, 0.5 in between ranks.
    public enum Metrics {
        public static let headerSize = 16.0
        public static let rowSize = 14.0
        public static let clusterLabelSize = 14.0
        public static let cellPadding = 10.0
        public static let cellSpacing = 2.0
        public static let nodeSeparation = 18.0
        public static let rankSeparation = 36.0
        public static let margin = 8.0
        public static let edgeWidth = 2.0
        public static let arrowLength = 10.0
        public static let arrowHalfWidth = 4.0
        /// How far a layer's loop onto itself (a shared layer called on its own output) reaches out.
        public static let loopReach = 14.0
    }
}

extension ModelDiagram {
    /// A point in points, y down.
    public struct Point: Sendable, Equatable, CustomStringConvertible {
        public var x: Double, y: Double
        public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
        public var description: String { "(\(x), \(y))" }
    }

    /// An axis-aligned rectangle in points, y down.
    public struct Rect: Sendable, Equatable {
        public var x: Double, y: Double, width: Double, height: Double
        public init(x: Double, y: Double, width: Double, height: Double) { self.x = x; self.y = y; self.width = width; self.height = height }
        public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)
        public var maxX: Double { x + width }
        public var maxY: Double { y + height }
        public var center: Point { Point(x + width / 2, y + height / 2) }
        public func contains(_ p: Point, tolerance: Double = 1e-6) -> Bool {
            p.x >= x - tolerance && p.x <= maxX + tolerance && p.y >= y - tolerance && p.y <= maxY + tolerance
        }
        /// Whether `p` lies on the rectangle's outline.
        public func onBorder(_ p: Point, tolerance: Double = 1e-6) -> Bool {
            contains(p, tolerance: tolerance)
                && (abs(p.x - x) <= tolerance || abs(p.x - maxX) <= tolerance || abs(p.y - y) <= tolerance || abs(p.y - maxY) <= tolerance)
        }
        public func union(_ o: Rect) -> Rect {
            let x0 = min(x, o.x), y0 = min(y, o.y)
            return Rect(x: x0, y: y0, width: max(maxX, o.maxX) - x0, height: max(maxY, o.maxY) - y0)
        }
        public func offsetBy(_ dx: Double, _ dy: Double) -> Rect { Rect(x: x + dx, y: y + dy, width: width, height: height) }
    }
}

/// How wide text is, so boxes fit their text: Rendering measures with the font it draws with;
/// `ApproximateTextMeasure` is for tests and a host without Cairo. Sizes and results in points.
public protocol DiagramTextMeasure {
    /// The advance width of `text` at `size` points.
    func advance(_ text: String, size: Double, bold: Bool) -> Double
    /// A line's ascent and descent at `size` points.
    func lineMetrics(size: Double) -> (ascent: Double, descent: Double)
}

/// Every character 0.6 em wide (0.65 bold); ascent 0.76 em, descent 0.24 em.
public struct ApproximateTextMeasure: DiagramTextMeasure {
    public init() {}
    public func advance(_ text: String, size: Double, bold: Bool) -> Double { Double(text.count) * size * (bold ? 0.65 : 0.6) }
    public func lineMetrics(size: Double) -> (ascent: Double, descent: Double) { (0.76 * size, 0.24 * size) }
}
