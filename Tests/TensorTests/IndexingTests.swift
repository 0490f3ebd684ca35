import Testing
import Tensor

@Suite("Indexing")
struct IndexingTests {
    /// 2 x 3 x 4 with values 0..<24.
    let x = try! Tensor(shape: [2, 3, 4], int64s: (0..<24).map(Int64.init))

    @Test("ints and slices with steps and negative bounds")
    func basic() throws {
        let a = try x.indexed([.index(1)])
        #expect(a.shape == [3, 4] && a.int64Array == (12..<24).map(Int64.init))
        let b = try x.indexed([.index(-1), .slice(start: nil, stop: nil, step: -1), .index(0)])
        #expect(b.shape == [3] && b.int64Array == [20, 16, 12])
        let c = try x.indexed([.all, .slice(start: 1, stop: nil, step: nil), .slice(start: nil, stop: nil, step: 2)])
        #expect(c.shape == [2, 2, 2] && c.int64Array == [4, 6, 8, 10, 16, 18, 20, 22])
        let s = try x.indexed([.index(0), .index(2), .index(-1)])
        #expect(s.shape == [] && s.int64Array == [11])
        #expect(try x.indexed([.slice(start: 5, stop: nil, step: nil)]).shape == [0, 3, 4])
    }

    @Test("ellipsis and newaxis anywhere")
    func ellipsisNewAxis() throws {
        let a = try x.indexed([.ellipsis, .newAxis])
        #expect(a.shape == [2, 3, 4, 1] && a.int64Array == x.int64Array)
        let b = try x.indexed([.newAxis, .ellipsis, .index(1)])
        #expect(b.shape == [1, 2, 3] && b.int64Array == [1, 5, 9, 13, 17, 21])
        let c = try x.indexed([.index(0), .newAxis, .ellipsis])
        #expect(c.shape == [1, 3, 4])
    }

    @Test("numpy's index errors")
    func errors() throws {
        #expect { try x.indexed([.index(2)]) } throws: { e in (e as! ArrayError).message == "index 2 is out of bounds for axis 0 with size 2" }
        #expect { try x.indexed([.all, .index(-4)]) } throws: { e in (e as! ArrayError).message == "index -4 is out of bounds for axis 1 with size 3" }
        #expect { try x.indexed([.index(0), .index(0), .index(0), .index(0)]) } throws: { e in
            (e as! ArrayError).message == "too many indices for array: array is 3-dimensional, but 4 were indexed"
        }
        #expect { try x.indexed([.ellipsis, .ellipsis]) } throws: { e in (e as! ArrayError).message == "an index can only have a single ellipsis ('...')" }
    }

    @Test("assignment broadcasts and converts the value")
    func assignment() throws {
        let y = x.copy()
        try y.assign([.index(0), .all, .index(0)], Tensor.scalar(-1, dtype: .float32))
        #expect(Array(y.int64Array[0..<9]) == [-1, 1, 2, 3, -1, 5, 6, 7, -1])
        try y.assign([.index(1), .index(0)], Tensor(shape: [4], int64s: [7, 7, 7, 7]))
        #expect(Array(y.int64Array[12..<16]) == [7, 7, 7, 7])
        #expect { try y.assign([.index(1)], Tensor(shape: [3], int64s: [1, 2, 3])) } throws: { e in
            (e as! ArrayError).message == "could not broadcast input array from shape (3,) into shape (3,4)"
        }
    }

    @Test("boolean masks and index lists on the first axis")
    func fancy() throws {
        let labels = try Tensor(shape: [4], bytes: [3, 1, 3, 0])
        let images = try Tensor(shape: [4, 2], floats: [0, 1, 2, 3, 4, 5, 6, 7])
        let mask = try Tensor.compare(.equal, .tensor(labels), .int(3))
        let picked = try images.selecting(mask)
        #expect(picked.shape == [2, 2] && picked.floatArray == [0, 1, 4, 5])
        let rows = try images.selecting(Tensor(shape: [3], int64s: [3, 0, -1]))
        #expect(rows.shape == [3, 2] && rows.floatArray == [6, 7, 0, 1, 6, 7])
        #expect { try images.selecting(Tensor(shape: [1], int64s: [4])) } throws: { e in
            (e as! ArrayError).message == "index 4 is out of bounds for axis 0 with size 4"
        }
        let short = try Tensor.compare(.equal, .tensor(Tensor(shape: [3], bytes: [1, 2, 3])), .int(1))
        #expect { try images.selecting(short) } throws: { e in
            (e as! ArrayError).message == "boolean index did not match indexed array along axis 0; size of axis is 4 but size of corresponding boolean axis is 3"
        }
        let whole = try Tensor.compare(.greater, .tensor(images), .int(4))
        #expect(try images.selecting(whole).floatArray == [5, 6, 7])
        try images.assignSelected(whole, Tensor.scalar(0, dtype: .float32))
        #expect(images.floatArray == [0, 1, 2, 3, 4, 0, 0, 0])
    }
}
