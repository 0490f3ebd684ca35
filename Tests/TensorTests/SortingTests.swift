import Testing
import Tensor

/// sort, argsort, unique and searchsorted against naive twins: insertion sorts, sets and linear
/// scans, on random data with repeated values and NaN.
@Suite("Sorting and searching")
struct SortingTests {
    /// numpy's order, written plainly: NaN after every number.
    static func before(_ a: Double, _ b: Double) -> Bool { a < b || (b.isNaN && !a.isNaN) }

    /// A stable insertion sort of positions by value (the naive argsort).
    static func naiveArgsort(_ v: [Double]) -> [Int] {
        var order: [Int] = []
        for i in v.indices {
            var at = order.count
            while at > 0 && before(v[i], v[order[at - 1]]) { at -= 1 }
            order.insert(i, at: at)
        }
        return order
    }

    static func randomDoubles(_ n: Int, _ rng: inout SeededGenerator, nan: Bool = true) -> [Double] {
        (0..<n).map { _ in
            let r = rng.uniformFloat(0, 1)
            if nan && r < 0.05 { return .nan }
            return r < 0.4 ? Double(Int(rng.uniformFloat(0, 6))) : Double(rng.uniformFloat(-10, 10))
        }
    }

    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    @Test("sort and argsort along each axis match the naive stable sort")
    func sortAgainstNaive() throws {
        var rng = SeededGenerator(seed: 3)
        for (rows, cols) in [(1, 1), (4, 7), (9, 3), (1, 40)] {
            let values = Self.randomDoubles(rows * cols, &rng)
            let t = try Tensor(shape: [rows, cols], doubles: values)
            // Along the last axis.
            let sorted = try t.sorted().doubleArray, args = try t.argsorted().int64Array
            for r in 0..<rows {
                let line = Array(values[(r * cols)..<((r + 1) * cols)])
                let order = Self.naiveArgsort(line)
                #expect(args[(r * cols)..<((r + 1) * cols)].map { Int($0) } == order)
                #expect(Self.same(Array(sorted[(r * cols)..<((r + 1) * cols)]), order.map { line[$0] }))
            }
            // Along axis 0, and flattened.
            let down = try t.argsorted(axis: 0).int64Array
            for c in 0..<cols {
                let line = (0..<rows).map { values[$0 * cols + c] }
                #expect((0..<rows).map { Int(down[$0 * cols + c]) } == Self.naiveArgsort(line))
            }
            #expect(try t.argsorted(axis: nil).int64Array.map { Int($0) } == Self.naiveArgsort(values))
            #expect(Self.same(try t.sorted(axis: nil).doubleArray, Self.naiveArgsort(values).map { values[$0] }))
        }
    }

    @Test("sort in place, integer types, 0-d arrays and axis errors")
    func sortEdges() throws {
        let u = try Tensor(shape: [5], bytes: [9, 200, 0, 9, 3])
        try u.sortInPlace()
        #expect(u.byteArray == [0, 3, 9, 9, 200])
        let zero = Tensor.scalar(3, dtype: .int64)
        #expect(try zero.argsorted().int64Array == [0])
        #expect { try zero.sorted() } throws: { e in (e as! ArrayError).message == "axis -1 is out of bounds for array of dimension 0" }
        #expect(try zero.sorted(axis: nil).shape == [1])
    }

    @Test("unique matches a set of the values, with first indices, inverse and counts")
    func uniqueAgainstNaive() throws {
        var rng = SeededGenerator(seed: 5)
        let values = Self.randomDoubles(60, &rng)
        let t = try Tensor(shape: [6, 10], doubles: values)
        let u = try t.unique()
        var distinct = Array(Set(values.filter { !$0.isNaN })).sorted()
        if values.contains(where: \.isNaN) { distinct.append(.nan) }
        #expect(Self.same(u.values.doubleArray, distinct))
        let key = { (v: Double) in v.isNaN ? distinct.count - 1 : distinct.firstIndex(of: v)! }
        #expect(u.firstIndices.int64Array.map { Int($0) } == distinct.indices.map { g in values.firstIndex { key($0) == g }! })
        #expect(u.counts.int64Array.map { Int($0) } == distinct.indices.map { g in values.filter { key($0) == g }.count })
        #expect(u.inverse.shape == [6, 10] && u.inverse.int64Array.map { Int($0) } == values.map(key))
        let empty = try Tensor(zeros: [0], dtype: .int64).unique()
        #expect(empty.values.count == 0 && empty.values.dtype == .int64)
    }

    @Test("unique along an axis keeps distinct rows in lexicographic order")
    func uniqueRows() throws {
        let t = try Tensor(shape: [4, 2], int64s: [1, 2, 3, 4, 1, 2, 0, 9])
        let u = try t.unique(axis: 0)
        #expect(u.values.shape == [3, 2] && u.values.int64Array == [0, 9, 1, 2, 3, 4])
        #expect(u.firstIndices.int64Array == [3, 0, 1] && u.inverse.int64Array == [1, 2, 1, 0] && u.counts.int64Array == [1, 2, 1])
        let columns = try t.transposed().unique(axis: 1)
        #expect(columns.values.shape == [2, 3] && columns.values.int64Array == [0, 1, 3, 9, 2, 4])
    }

    @Test("searchsorted matches a linear scan on both sides")
    func searchAgainstNaive() throws {
        var rng = SeededGenerator(seed: 9)
        let base = try Tensor(shape: [40], doubles: Self.randomDoubles(40, &rng)).sorted()
        let a = base.doubleArray
        let probes = Self.randomDoubles(30, &rng) + a
        let v = try Tensor(shape: [probes.count], doubles: probes)
        let left = try base.searchSorted(v).int64Array, right = try base.searchSorted(v, right: true).int64Array
        for (i, x) in probes.enumerated() {
            #expect(Int(left[i]) == (a.firstIndex { !Self.before($0, x) } ?? a.count))
            #expect(Int(right[i]) == (a.firstIndex { Self.before(x, $0) } ?? a.count))
        }
        #expect { try Tensor(zeros: [1, 2]).searchSorted(v) } throws: { e in (e as! ArrayError).message == "object too deep for desired array" }
    }
}

extension SortingTests {
    @Test("unique of bytes (a table of 256 values) matches the general sort-based path")
    func byteUniqueAgainstSorting() throws {
        var rng = SeededGenerator(seed: 21)
        let bytes = (0..<500).map { _ in UInt8(rng.uniformFloat(0, 1) < 0.5 ? rng.uniformFloat(0, 256) : rng.uniformFloat(30, 40)) }
        let fast = try Tensor(shape: [20, 25], bytes: bytes).unique()
        // The general path, on the same values as int64.
        let general = try Tensor(shape: [20, 25], bytes: bytes).converted(to: .int64).unique()
        #expect(fast.values.dtype == .uint8 && fast.values.byteArray.map { Int64($0) } == general.values.int64Array)
        #expect(fast.firstIndices.int64Array == general.firstIndices.int64Array)
        #expect(fast.counts.int64Array == general.counts.int64Array)
        #expect(fast.inverse.shape == [20, 25] && fast.inverse.int64Array == general.inverse.int64Array)
        let flags = try Tensor(shape: [3], bytes: [1, 0, 1]).converted(to: .bool).unique()
        #expect(flags.values.dtype == .bool && flags.values.byteArray == [0, 1] && flags.counts.int64Array == [1, 2])
    }
}
