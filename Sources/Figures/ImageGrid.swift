import NeuralNet
/// The colour scale a grid of values is drawn with. Rendering owns the actual colours.
public enum PictureColors: String, Sendable, Equatable {
    /// Inputs: black (low) to white (high), as a photo.
    case gray
    /// Activations: matplotlib's perceptually uniform viridis, dark purple (low) to yellow (high).
    case viridis
    /// Signed weights: blue below zero, white at zero, red above.
    case diverging
}

/// How the values of a grid are mapped to 0...1 before colouring.
///
/// The rule, per picture:
/// - inputs (`show_images`, `show_image`, `show_predictions`, the image of `show_pooling` and
///   `show_convolution`): `.fixed(0, 1)` when every value is in 0...1, `.fixed(0, 255)` when every
///   value is in 0...255 (uint8 pixels), otherwise `.perTile`; so a digit keeps its true contrast;
/// - activations (`show_feature_maps`, the feature map of `show_convolution`): `.shared`, one
///   scale (min...max) for all the channels of a layer, so a weak channel looks weak;
/// - weights (`show_filters`): `.symmetric`, -m...m with m the largest magnitude of the layer,
///   so zero is always the middle colour.
/// A range of zero width maps everything to 0 (a channel that is all zeros draws dark).
public enum PictureNormalization: Sendable, Equatable {
    /// Each tile from its own minimum to its own maximum.
    case perTile
    /// Every tile of the grid from the grid's minimum to its maximum.
    case shared
    /// Every tile from -m to m, m the grid's largest absolute value; 0 maps to 0.5.
    case symmetric
    /// A fixed range.
    case fixed(Float, Float)

    /// The rule for input images: 0...1, 0...255 or per tile (see the type's documentation).
    public static func forInputs(_ values: [Float]) -> PictureNormalization {
        guard let lo = values.min(), let hi = values.max() else { return .fixed(0, 1) }
        if lo >= 0 && hi <= 1 { return .fixed(0, 1) }
        if lo >= 0 && hi <= 255 { return .fixed(0, 255) }
        return .perTile
    }
}

/// Whether a tile shows a right or a wrong answer (a prediction against its label).
public enum TileMark: Sendable, Equatable { case none, right, wrong }

/// One small image of a grid: `height * width` values row by row, and its caption lines.
public struct ImageTile: Sendable, Equatable {
    public var values: [Float]
    public var height: Int
    public var width: Int
    /// 1 for a gray tile coloured through the grid's colormap, 3 for an RGB one (values interleaved).
    public var channels: Int
    /// Lines under the tile: a class name, a channel number, `Sneaker 97%`.
    public var caption: [String]
    public var mark: TileMark

    public init(values: [Float], height: Int, width: Int, channels: Int = 1, caption: [String] = [], mark: TileMark = .none) {
        precondition(values.count == height * width * channels, "a tile of \(height)x\(width)x\(channels) needs \(height * width * channels) values")
        self.values = values; self.height = height; self.width = width; self.channels = channels
        self.caption = caption; self.mark = mark
    }
}

/// A titled grid of tiles drawn with one colour scale and one normalisation rule.
public struct ImageGrid: Sendable, Equatable {
    /// Above the grid: `conv2d (Conv2D): 32 channels of 26x26`.
    public var title: String
    public var tiles: [ImageTile]
    /// Tiles per row.
    public var columns: Int
    public var colors: PictureColors
    public var normalization: PictureNormalization

    public init(title: String, tiles: [ImageTile], columns: Int, colors: PictureColors, normalization: PictureNormalization) {
        self.title = title; self.tiles = tiles; self.columns = max(1, columns)
        self.colors = colors; self.normalization = normalization
    }

    /// The 0...1 value of every pixel of tile `index`, by the grid's rule.
    public func normalized(_ index: Int) -> [Float] {
        let tile = tiles[index]
        let (lo, hi): (Float, Float)
        switch normalization {
        case .fixed(let a, let b): (lo, hi) = (a, b)
        case .perTile: (lo, hi) = ImageGrid.range(tile.values)
        case .shared: (lo, hi) = ImageGrid.range(tiles.flatMap(\.values))
        case .symmetric:
            let m = tiles.flatMap(\.values).reduce(Float(0)) { max($0, abs($1)) }
            (lo, hi) = (-m, m)
        }
        let span = hi - lo
        guard span > 0, span.isFinite else { return tile.values.map { _ in 0 } }
        return tile.values.map { min(max(($0 - lo) / span, 0), 1) }
    }

    static func range(_ v: [Float]) -> (Float, Float) {
        let finite = v.filter(\.isFinite)
        return (finite.min() ?? 0, finite.max() ?? 0)
    }
}

/// Several grids one under the other with a title: the feature maps of every convolution and
/// pooling layer, or one grid of images.
public struct ImageFigure: Sendable, Equatable {
    public var title: String
    public var grids: [ImageGrid]
    /// Said under the title, e.g. `showing the first 64 of 60,000 images`.
    public var note: String?

    public init(title: String, grids: [ImageGrid], note: String? = nil) {
        self.title = title; self.grids = grids; self.note = note
    }
}
