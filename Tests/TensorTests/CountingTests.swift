import Testing
import Tensor

/// bincount, cumsum/cumprod, diff, count_nonzero, nonzero and argwhere against plain loops.
@Suite("Counting and running functions")
struct CountingTests {
    @Test("bincount counts, weights, minlength and numpy's errors")
    func bincount() throws {
        var rng = SeededGenerator(seed: 1)
        let values = (0..<200).map { _ in Int64(rng.uniformFloat(0, 12)) }
        let x = try Tensor(shape: [200], int64s: values)
        var naive = [Int64](repeating: 0, count: Int(values.max()!) + 1)
        for v in values { naive[Int(v)] += 1 }
        #expect(try x.bincount().int64Array == naive)
        #expect(try x.bincount(minlength: 20).int64Array == naive + Array(repeating: 0, count: 20 - naive.count))
        let w = try Tensor(shape: [3], doubles: [0.5, 1, 0.25])
        let weighted = try Tensor(shape: [3], int64s: [2, 0, 2]).bincount(weights: w)
        #expect(weighted.dtype == .float64 && weighted.doubleArray == [1, 0, 0.75])
        #expect { try Tensor(shape: [2], int64s: [1, -1]).bincount() } throws: { e in
            (e as! ArrayError).message == "'list' argument must have no negative elements"
        }
        #expect { try x.bincount(minlength: -1) } throws: { e in (e as! ArrayError).message == "'minlength' must not be negative" }
        #expect { try x.bincount(weights: w) } throws: { e in (e as! ArrayError).message == "The weights and list don't have the same length." }
    }

    @Test("cumsum and cumprod add one after another along the axis")
    func accumulate() throws {
        var rng = SeededGenerator(seed: 2)
        let values = (0..<24).map { _ in Double(rng.uniformFloat(-2, 2)) }
        let t = try Tensor(shape: [2, 3, 4], doubles: values)
        let along1 = try t.accumulated(.sum, axis: 1).doubleArray
        for o in 0..<2 {
            for j in 0..<4 {
                var acc = 0.0
                for k in 0..<3 {
                    acc = k == 0 ? values[o * 12 + j] : acc + values[o * 12 + k * 4 + j]
                    #expect(along1[o * 12 + k * 4 + j] == acc)
                }
            }
        }
        var product = 1.0
        let flat = try t.accumulated(.product).doubleArray
        for (i, v) in values.enumerated() {
            product = i == 0 ? v : product * v
            #expect(flat[i] == product)
        }
        let u = try Tensor(shape: [2], bytes: [200, 100]).accumulated(.sum)
        #expect(u.dtype == .int64 && u.int64Array == [200, 300])
    }

    @Test("diff: n-th differences, wrapping integers, bools as not-equal")
    func diff() throws {
        let x = try Tensor(shape: [4], int64s: [1, 4, 9, 16])
        #expect(try x.differenced().int64Array == [3, 5, 7])
        #expect(try x.differenced(2).int64Array == [2, 2])
        #expect(try Tensor(shape: [2], bytes: [1, 0]).differenced().byteArray == [255])
        let b = try Tensor(shape: [3], bytes: [1, 0, 0]).converted(to: .bool).differenced()
        #expect(b.dtype == .bool && b.byteArray == [1, 0])
        let m = try Tensor(shape: [2, 2], int64s: [1, 5, 2, 9])
        #expect(try m.differenced(axis: 0).int64Array == [1, 4])
        #expect { try x.differenced(-1) } throws: { e in (e as! ArrayError).message == "order must be non-negative but got -1" }
    }

    @Test("count_nonzero, nonzero and argwhere agree with a scan")
    func nonzero() throws {
        var rng = SeededGenerator(seed: 4)
        let values = (0..<30).map { _ in rng.uniformFloat(0, 1) < 0.5 ? 0 : Double(rng.uniformFloat(-1, 1)) }
        let t = try Tensor(shape: [5, 6], doubles: values)
        let hits = values.indices.filter { values[$0] != 0 }
        #expect(try t.countNonzero().int64Array == [Int64(hits.count)])
        #expect(try t.countNonzero(axes: [0]).int64Array == (0..<6).map { c in Int64((0..<5).filter { values[$0 * 6 + c] != 0 }.count) })
        let (rows, cols) = (try t.nonzeroIndices()[0].int64Array, try t.nonzeroIndices()[1].int64Array)
        #expect(rows == hits.map { Int64($0 / 6) } && cols == hits.map { Int64($0 % 6) })
        let w = try t.argwhere()
        #expect(w.shape == [hits.count, 2] && w.int64Array == hits.flatMap { [Int64($0 / 6), Int64($0 % 6)] })
    }
}
