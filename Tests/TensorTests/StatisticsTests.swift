import Glibc
import Testing
import Tensor

/// quantile, median, average, ptp and histogram against their textbook definitions.
@Suite("Statistics")
struct StatisticsTests {
    static func randomDoubles(_ n: Int, _ rng: inout SeededGenerator) -> [Double] {
        (0..<n).map { _ in Double(rng.uniformFloat(-50, 50)) }
    }

    /// numpy's 'linear' quantile by the book: h = (n - 1) q between sorted neighbours.
    static func naiveQuantile(_ values: [Double], _ q: Double) -> Double {
        let s = values.sorted(), h = Double(s.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (s[hi] - s[lo]) * (h - Double(lo))
    }

    @Test("quantile and median agree with the textbook formula")
    func quantileAgainstNaive() throws {
        var rng = SeededGenerator(seed: 8)
        for n in [1, 2, 5, 16, 33] {
            let values = Self.randomDoubles(n, &rng)
            let t = try Tensor(shape: [n], doubles: values)
            let qs = [0, 0.1, 0.25, 0.5, 0.77, 1]
            let got = try t.quantile(try Tensor(shape: [qs.count], doubles: qs)).doubleArray
            for (i, q) in qs.enumerated() { #expect(abs(got[i] - Self.naiveQuantile(values, q)) <= 1e-12 * max(1, abs(got[i]))) }
            let s = values.sorted()
            let median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
            #expect(try t.median().doubleArray == [median])
        }
    }

    @Test("quantile types: integer quantiles pick elements, weak quantiles keep float32")
    func quantileTypes() throws {
        let ints = try Tensor(shape: [3], int64s: [3, 1, 2])
        let picked = try ints.quantile(Tensor.scalar(integer: 1, dtype: .int64))
        #expect(picked.dtype == .int64 && picked.int64Array == [3])
        let f = try Tensor(shape: [4], floats: [1, 2, 3, 4])
        #expect(try f.quantile(Tensor.scalar(0.5, dtype: .float64), weakQ: true).dtype == .float32)
        #expect(try f.quantile(Tensor.scalar(0.5, dtype: .float64)).dtype == .float64)
        let nan = try Tensor(shape: [3], doubles: [1, .nan, 3])
        #expect(try nan.quantile(Tensor.scalar(0.5, dtype: .float64)).doubleArray[0].isNaN && nan.median().doubleArray[0].isNaN)
        let m = try Tensor(shape: [2, 3], int64s: [1, 2, 3, 4, 5, 6])
        let along = try m.quantile(try Tensor(shape: [2], doubles: [0.25, 0.5]), axis: 1)
        #expect(along.shape == [2, 2] && along.doubleArray == [1.5, 4.5, 2, 5])
        #expect(try m.median(axis: 0, keepDims: true).shape == [1, 3])
    }

    @Test("average with weights, its scale, and ptp")
    func averagePtp() throws {
        let a = try Tensor(shape: [2, 2], int64s: [1, 2, 3, 4])
        let (avg, scale) = try a.average(axis: 1, weights: try Tensor(shape: [2], int64s: [1, 3]))
        #expect(avg.doubleArray == [1.75, 3.75] && scale.doubleArray == [4, 4])
        #expect { try a.average(weights: try Tensor(shape: [2], doubles: [1, -1])) } throws: { e in
            (e as! ArrayError).message == "Axis must be specified when shapes of a and weights differ."
        }
        #expect { try a.average(axis: 0, weights: try Tensor(shape: [2], doubles: [1, -1])) } throws: { e in
            (e as! ArrayError).pythonName == "ZeroDivisionError"
        }
        let u = try Tensor(shape: [2], bytes: [1, 250])
        #expect(try u.peakToPeak().byteArray == [249])
    }

    @Test("histogram bins agree with a scan of the edges (last bin closed)")
    func histogramAgainstNaive() throws {
        var rng = SeededGenerator(seed: 12)
        for (n, bins) in [(50, 7), (200, 13), (9, 1), (31, 30)] {
            let values = Self.randomDoubles(n, &rng)
            for data in [try Tensor(shape: [n], doubles: values), try Tensor(shape: [n], doubles: values).converted(to: .float32)] {
                let (counts, edges) = try data.histogram(bins: .count(bins))
                let e = edges.doubleArray, x = data.doubleArray
                var naive = [Int64](repeating: 0, count: bins)
                for v in x {
                    let k = (0..<bins).first { v >= e[$0] && (v < e[$0 + 1] || ($0 == bins - 1 && v <= e[$0 + 1])) }!
                    naive[k] += 1
                }
                #expect(counts.int64Array == naive)
                #expect(edges.dtype == (data.dtype == .float32 ? .float32 : .float64) && e.first == x.min() && e.last == x.max())
            }
        }
        let given = try Tensor(shape: [3], doubles: [1, 2, 3]).histogram(bins: .edges(try Tensor(shape: [3], int64s: [0, 2, 3])))
        #expect(given.counts.int64Array == [1, 2] && given.edges.dtype == .int64)
        #expect { try Tensor(shape: [2], doubles: [1, .nan]).histogram(bins: .count(3)) } throws: { e in
            (e as! ArrayError).message == "autodetected range of [nan, nan] is not finite"
        }
    }

    @Test("histogram estimators: sturges is ceil(log2 n + 1) bins")
    func estimators() throws {
        var rng = SeededGenerator(seed: 13)
        let t = try Tensor(shape: [100], doubles: Self.randomDoubles(100, &rng))
        #expect(try t.histogram(bins: .estimated("sturges")).counts.count == Int((log2(100.0) + 1).rounded(.up)))
        #expect(try t.histogram(bins: .estimated("sqrt")).counts.count == 10)
        #expect { try t.histogram(bins: .estimated("foo")) } throws: { e in (e as! ArrayError).message == "'foo' is not a valid estimator for `bins`" }
    }
}
