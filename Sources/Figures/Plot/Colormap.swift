/// A matplotlib colormap: 256 RGBA entries built from matplotlib's own tables (listed colours, or
/// linear segments per channel as LinearSegmentedColormap builds them), looked up as matplotlib
/// looks them up.
public struct Colormap: Sendable, Equatable {
    public let name: String
    /// N entries, each (r, g, b, a) in 0...1.
    public let lut: [PlotColor]
    public var count: Int { lut.count }

    public static let size = 256

    /// The colormap matplotlib calls `name` (`viridis`, `gray`, `Greys`, `jet_r`, ...); nil when
    /// Fovea does not have it.
    public static func named(_ name: String) -> Colormap? {
        if name.hasSuffix("_r"), let base = named(String(name.dropLast(2))) {
            return Colormap(name: name, lut: base.lut.reversed())
        }
        if let rows = ColormapTables.listed(name) {
            return Colormap(name: name, lut: rows.map { PlotColor($0.0, $0.1, $0.2) })
        }
        if let channels = ColormapTables.segmented(name) {
            let r = lookupTable(channels[0]), g = lookupTable(channels[1]), b = lookupTable(channels[2])
            return Colormap(name: name, lut: (0..<size).map { PlotColor(r[$0], g[$0], b[$0]) })
        }
        return nil
    }

    /// Every name `named` knows, without the reversed `_r` forms.
    public static var names: [String] { ColormapTables.names }

    public static let viridis = named("viridis")!

    /// Whether matplotlib makes it a ListedColormap (viridis and its kin) rather than a
    /// LinearSegmentedColormap.
    public var isListed: Bool { ColormapTables.listed(name.hasSuffix("_r") ? String(name.dropLast(2)) : name) != nil }

    /// matplotlib's `_create_lookup_table` for one channel's (x, below, above) stops, gamma 1:
    /// the stops scaled to 0...n-1 and each entry i interpolated between the stops around it.
    static func lookupTable(_ stops: [(Double, Double, Double)], n: Int = size) -> [Double] {
        let xs = stops.map { $0.0 * Double(n - 1) }
        var lut = [Double](repeating: 0, count: n)
        lut[0] = stops[0].2
        lut[n - 1] = stops[stops.count - 1].1
        for i in 1..<(n - 1) {
            let x = Double(i)
            var k = 0                                  // searchsorted, side left
            while k < xs.count && xs[k] < x { k += 1 }
            let d = (x - xs[k - 1]) / (xs[k] - xs[k - 1])
            lut[i] = d * (stops[k].1 - stops[k - 1].2) + stops[k - 1].2
        }
        return lut.map { min(max($0, 0), 1) }
    }

    /// The entry for a value already normalised to 0...1, as `Colormap.__call__` picks it:
    /// below 0 the first entry, at or above 1 the last, NaN transparent.
    public func color(normalized v: Double) -> PlotColor {
        if v.isNaN { return PlotColor(0, 0, 0, 0) }
        return lut[index(normalized: v)]
    }

    public func index(normalized v: Double) -> Int {
        let x = v * Double(count)
        if x < 0 { return 0 }
        if x >= Double(count) { return count - 1 }
        return Int(x)
    }

    /// An entry as 8-bit RGBA, truncated as `to_rgba(bytes=True)` truncates.
    public static func bytes(_ c: PlotColor) -> (UInt8, UInt8, UInt8, UInt8) {
        func b(_ v: Double) -> UInt8 { UInt8(min(max(v * 255, 0), 255)) }
        return (b(c.r), b(c.g), b(c.b), b(c.a))
    }

    /// Colours scalars between vmin and vmax (Normalize; equal limits give the first entry) into
    /// RGBA bytes.
    public func rgbaBytes(_ values: [Double], vmin: Double, vmax: Double) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: values.count * 4)
        let span = vmax - vmin
        let table = lut.map(Colormap.bytes)
        for (i, v) in values.enumerated() {
            let c: (UInt8, UInt8, UInt8, UInt8)
            if v.isNaN { c = (0, 0, 0, 0) } else { c = table[index(normalized: span == 0 ? 0 : (v - vmin) / span)] }
            out[4 * i] = c.0; out[4 * i + 1] = c.1; out[4 * i + 2] = c.2; out[4 * i + 3] = c.3
        }
        return out
    }
}
