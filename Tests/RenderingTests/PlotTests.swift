import Testing
import Rendering

/// The plotting core: nice ticks, their labels, and a drawn plot.
@Suite("Plot")
struct PlotTests {
    @Test func ticksAreRoundNumbersCoveringTheRange() {
        let (v, step) = Plot.ticks(0.23, 0.91, target: 5)
        #expect(step == 0.2)
        #expect(v.count == 3)
        #expect(abs(v[0] - 0.4) < 1e-9 && abs(v[2] - 0.8) < 1e-9)
        let (e, s) = Plot.ticks(1, 10, target: 8, integer: true)
        #expect(s == 2 && e == [2, 4, 6, 8, 10])
        let (one, _) = Plot.ticks(1, 1, target: 8, integer: true)
        #expect(one.contains(1))
        let (big, bs) = Plot.ticks(0, 36928, target: 5)
        #expect(bs == 10000 && big == [0, 10000, 20000, 30000])
    }

    @Test func labelsShowAsManyDecimalsAsTheStep() {
        #expect(Plot.label(0.4, step: 0.2) == "0.4")
        #expect(Plot.label(0.05, step: 0.05) == "0.05")
        #expect(Plot.label(-0.5, step: 0.5) == "-0.5")
        #expect(Plot.label(20, step: 10) == "20")
        #expect(Plot.label(1.0, step: 0.25) == "1.00")
    }

    @Test func linesAndLegendAreDrawnInTheirColours() throws {
        let blue = Plot.palette[0], orange = Plot.palette[1]
        let plot = Plot(title: "Loss", xLabel: "epoch", yLabel: "loss", lines: [
            Plot.Line(name: "loss", points: [(1, 0.9), (2, 0.6), (3, 0.4), (4, 0.35)], color: blue),
            Plot.Line(name: "val_loss", points: [(1, 0.95), (2, 0.7), (3, 0.55), (4, 0.5)], color: orange, dashed: true),
        ])
        var c = Canvas(width: 420, height: 300)
        plot.draw(on: &c, x: 0, y: 0, width: 420, height: 300)
        var counts: [String: Int] = [:]
        for y in 0..<300 {
            for x in 0..<420 {
                let p = c.pixel(x: x, y: y)
                if p == blue { counts["blue", default: 0] += 1 }
                if p == orange { counts["orange", default: 0] += 1 }
                if p == .ink { counts["ink", default: 0] += 1 }
            }
        }
        #expect(counts["blue", default: 0] > 300)
        #expect(counts["orange", default: 0] > 150)
        #expect(counts["ink", default: 0] > 1000)  // frame, ticks, labels, title
        // The first point (epoch 1, the highest loss) lies left of the last one and above it.
        let png = try decodePNG(c.png())
        #expect(png.width == 420 && png.height == 300)
    }
}
