import Testing
import Figures
import Rendering

/// The figure model against matplotlib 3.10's own values (printed by MaxNLocator,
/// ScalarFormatter and the colormaps of the reference version).
@Suite("Plot model")
struct PlotModelTests {
    static let locatorCases: [(Double, Double, Int, [Double])] = [
        (0, 1, 9, [0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]),
        (-29.95, 628.95, 9, [-100, 0, 100, 200, 300, 400, 500, 600, 700]),
        (0.3, 1.05, 9, [0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7, 0.8, 0.9000000000000001, 1.0, 1.1]),
        (-0.5, 27.5, 5, [-10, 0, 10, 20, 30]),
        (0, 0.55, 8, [0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001]),
        (1000.1, 1000.2, 9, [1000.1, 1000.12, 1000.14, 1000.16, 1000.18, 1000.2]),
        (-3, 7, 4, [-5, -2.5, 0, 2.5, 5, 7.5]),
        (0.8, 3.2, 7, [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5]),
    ]

    @Test("MaxNLocator's tick values", arguments: 0..<locatorCases.count)
    func locator(_ i: Int) {
        let (lo, hi, bins, expected) = Self.locatorCases[i]
        let got = Ticks.locate(lo, hi, bins: bins)
        #expect(got.count == expected.count, "\(lo)...\(hi): \(got)")
        for (g, e) in zip(got, expected) { #expect(abs(g - e) <= 1e-9 * max(1, abs(e)), "\(lo)...\(hi): \(got)") }
    }

    @Test("ScalarFormatter's labels") func labels() {
        #expect(Ticks.labels([-100, 0, 100, 200, 300, 400, 500, 600, 700], viewInterval: (-29.95, 628.95))
                == ["\u{2212}100", "0", "100", "200", "300", "400", "500", "600", "700"])
        #expect(Ticks.labels([0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7, 0.8, 0.9000000000000001, 1.0, 1.1], viewInterval: (0.3, 1.05))
                == ["0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0", "1.1"])
        #expect(Ticks.labels([-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1], viewInterval: (-1, 1))
                == ["\u{2212}1.00", "\u{2212}0.75", "\u{2212}0.50", "\u{2212}0.25", "0.00", "0.25", "0.50", "0.75", "1.00"])
    }

    @Test("tick space of the default axes: 11 bins across, 13 up (capped at 9)") func tickSpace() {
        // 6.4 x 4.8 in, axes 0.775 x 0.77 of it, in points
        #expect(Ticks.autoBins(lengthPoints: 6.4 * 0.775 * 72, vertical: false) == 9)
        #expect(Int((6.4 * 0.775 * 72 / 30).rounded(.down)) == 11)
        #expect(Int((4.8 * 0.77 * 72 / 20).rounded(.down)) == 13)
    }

    @Test("autoscaled limits: 5% margins, sticky bar bases") func limits() {
        let l = Ticks.viewLimits(0, 599)
        #expect(abs(l.0 - -29.95) < 1e-9 && abs(l.1 - 628.95) < 1e-9)
        let bars = Ticks.viewLimits(0, 0.5, sticky: [0])
        #expect(bars.0 == 0 && abs(bars.1 - 0.525) < 1e-12)
    }

    static func close(_ c: PlotColor, _ e: (Double, Double, Double)) -> Bool {
        abs(c.r - e.0) < 1e-12 && abs(c.g - e.1) < 1e-12 && abs(c.b - e.2) < 1e-12
    }

    @Test("colormap entries as matplotlib's") func colormaps() throws {
        let viridis = try #require(Colormap.named("viridis"))
        #expect(Self.close(viridis.lut[0], (0.267004, 0.004874, 0.329415)))
        #expect(Self.close(viridis.lut[128], (0.127568, 0.566949, 0.550556)))
        #expect(Self.close(viridis.lut[255], (0.993248, 0.906157, 0.143936)))
        let gray = try #require(Colormap.named("gray"))
        #expect(Self.close(gray.lut[100], (0.39215686274509803, 0.39215686274509803, 0.39215686274509803)))
        let greys = try #require(Colormap.named("Greys"))
        #expect(Self.close(greys.lut[0], (1, 1, 1)))
        #expect(Self.close(greys.lut[77], (0.8053364090734333, 0.8053364090734333, 0.8053364090734333)))
        let binary = try #require(Colormap.named("binary"))
        #expect(Self.close(binary.lut[1], (0.996078431372549, 0.996078431372549, 0.996078431372549)))
        #expect(Self.close(binary.lut[200], (0.21568627450980393, 0.21568627450980393, 0.21568627450980393)))
        let jet = try #require(Colormap.named("jet"))
        #expect(Self.close(jet.lut[0], (0, 0, 0.5)))
        #expect(Self.close(jet.lut[37], (0.0, 0.08039215686274499, 1.0)))
        #expect(Self.close(jet.lut[128], (0.4901960784313725, 1.0, 0.4775458570524984)))
        #expect(Self.close(jet.lut[200], (1.0, 0.46550472040668145, 0.0)))
        #expect(Self.close(try #require(Colormap.named("jet_r")).lut[255], (0, 0, 0.5)))
        #expect(Colormap.named("nope") == nil)
        // a value at 1 takes the last entry, below 0 the first, as Colormap.__call__ does
        #expect(jet.index(normalized: 1) == 255 && jet.index(normalized: -0.1) == 0 && jet.index(normalized: 0.5) == 128)
    }

    @Test("a figure draws to a PNG of its size, and tight crops it") func render() throws {
        var fig = PlotFigure(number: 1)
        var ax = PlotAxes(placement: .grid(rows: 1, columns: 1, first: 0, last: 0))
        ax.lines.append(PlotLine(x: [0, 1, 2], y: [1, 3, 2], color: PlotCycle.tab10[0]))
        ax.title = "Loss"
        fig.axes.append(ax)
        let full = try PlotRendering.png(fig)
        #expect(full.width == 640 && full.height == 480)
        #expect(Array(full.png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let tight = try PlotRendering.png(fig, tight: true)
        #expect(tight.width < 640 && tight.width > 500 && tight.height < 480 && tight.height > 400)
        #expect(fig.summary == "<Figure size 640x480 with 1 Axes>")
    }
}
