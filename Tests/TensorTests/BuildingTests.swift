import Testing
import Tensor

/// linspace, eye and full; flip, tile and repeat against index arithmetic done by hand.
@Suite("Building and rearranging arrays")
struct BuildingTests {
    @Test("linspace: numpy's values, the step, float32 and integer types")
    func linspace() throws {
        let (v, step) = try Tensor.linspace(start: 2, stop: 3, count: 5)
        #expect(v.doubleArray == [2, 2.25, 2.5, 2.75, 3] && step == 0.25)
        // numpy: i * step + start, so 0.1 * 3 + 0 is 0.30000000000000004.
        #expect(try Tensor.linspace(start: 0, stop: 1, count: 11).values.doubleArray[3] == 0.30000000000000004)
        #expect(try Tensor.linspace(start: 0, stop: 1, count: 5, endpoint: false).values.doubleArray == [0, 0.2, 0.4, 0.6000000000000001, 0.8])
        #expect(try Tensor.linspace(start: 2, stop: 3, count: 1).step.isNaN)
        let f = try Tensor.linspace(start: 0, stop: 1, count: 4, computeType: .float32).values
        #expect(f.dtype == .float32 && f.floatArray == [0, Float(1) / 3, Float(2) / 3, 1])
        let i = try Tensor.linspace(start: -1, stop: 1, count: 5, dtype: .int32).values
        #expect(i.dtype == .int32 && i.doubleArray == [-1, -1, 0, 0, 1])
        // A step that rounds to 0 takes numpy's other path, i / div * delta: 2/3 of the smallest
        // double rounds up to it, where 2 * 0 would stay 0.
        let tiny = Double.leastNonzeroMagnitude
        #expect(try Tensor.linspace(start: 0, stop: tiny, count: 4).values.doubleArray == [0, 0, tiny, tiny])
        #expect { try Tensor.linspace(start: 0, stop: 1, count: -1) } throws: { e in
            (e as! ArrayError).message == "Number of samples, -1, must be non-negative."
        }
    }

    @Test("linspace between arrays, along a chosen axis")
    func linspaceArrays() throws {
        let start = try Tensor(shape: [2], doubles: [0, 10]), stop = try Tensor(shape: [2], doubles: [1, 20])
        let (v, step) = try Tensor.linspace(start: start, stop: stop, count: 3)
        #expect(v.shape == [3, 2] && v.doubleArray == [0, 10, 0.5, 15, 1, 20] && step?.doubleArray == [0.5, 5])
        let across = try Tensor.linspace(start: start, stop: stop, count: 3, axis: -1).values
        #expect(across.shape == [2, 3] && across.doubleArray == [0, 0.5, 1, 10, 15, 20])
    }

    @Test("eye and full")
    func eyeFull() throws {
        #expect(try Tensor.eye(rows: 2, columns: 3, diagonal: 1).doubleArray == [0, 1, 0, 0, 0, 1])
        #expect(try Tensor.eye(rows: 3, diagonal: -1, dtype: .int64).int64Array == [0, 0, 0, 1, 0, 0, 0, 1, 0])
        let row = try Tensor(shape: [2], int64s: [1, 2])
        #expect(try Tensor.full([2, 2], row, dtype: .float32).floatArray == [1, 2, 1, 2])
        #expect { try Tensor.full([2, 2], try Tensor(zeros: [3]), dtype: .float64) } throws: { e in
            (e as! ArrayError).message == "could not broadcast input array from shape (3,) into shape (2,2)"
        }
        #expect { try Tensor.eye(rows: -1) } throws: { e in (e as! ArrayError).message == "negative dimensions are not allowed" }
    }

    /// A 2 x 3 x 4 tensor whose elements are their flat indices.
    let cube = try! Tensor(shape: [2, 3, 4], int64s: (0..<24).map { Int64($0) })

    @Test("flip reverses the chosen axes")
    func flip() throws {
        let f = try cube.flipped(axes: [0, 2]).int64Array
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 {
            #expect(f[i * 12 + j * 4 + k] == Int64((1 - i) * 12 + j * 4 + (3 - k)))
        } } }
        #expect(try cube.flipped().int64Array == (0..<24).reversed().map { Int64($0) })
    }

    @Test("tile repeats blocks as the naive index formula says")
    func tile() throws {
        for reps in [[2], [2, 1, 3], [1, 2, 1, 2]] {
            let t = try cube.tiled(reps)
            let rank = max(3, reps.count)
            let dims = Array(repeating: 1, count: rank - 3) + [2, 3, 4]
            let times = Array(repeating: 1, count: rank - reps.count) + reps
            #expect(t.shape.dims == zip(dims, times).map { $0 * $1 })
            let out = t.int64Array
            let outDims = t.shape.dims
            for flat in 0..<t.count {
                var rest = flat, source = 0
                var index = [Int](repeating: 0, count: rank)
                for a in stride(from: rank - 1, through: 0, by: -1) { index[a] = rest % outDims[a]; rest /= outDims[a] }
                for a in 0..<rank { source = source * dims[a] + index[a] % dims[a] }
                #expect(out[flat] == Int64(source))
            }
        }
        #expect { try cube.tiled([-1]) } throws: { e in (e as! ArrayError).message == "negative dimensions are not allowed" }
    }

    @Test("repeat copies each element or slice its count of times")
    func repeatAgainstNaive() throws {
        #expect(try cube.repeated([2]).int64Array == (0..<24).flatMap { [Int64($0), Int64($0)] })
        let counts = [0, 2, 1]
        let r = try cube.repeated(counts, axis: 1)
        #expect(r.shape == [2, 3, 4])
        var naive: [Int64] = []
        for i in 0..<2 { for j in 0..<3 { for _ in 0..<counts[j] { naive += (0..<4).map { Int64(i * 12 + j * 4 + $0) } } } }
        #expect(r.int64Array == naive)
        #expect { try cube.repeated([1, 2], axis: 1) } throws: { e in
            (e as! ArrayError).message == "operands could not be broadcast together with shape (3,) (2,)"
        }
    }
}
