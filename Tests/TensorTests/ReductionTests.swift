import Testing
import Tensor

@Suite("Reductions")
struct ReductionTests {
    let x = try! Tensor(shape: [2, 3], floats: [1, 5, 2, 7, 0, 7])

    @Test("over everything")
    func all() throws {
        #expect(try x.reduced(.sum).floatArray == [22])
        #expect(try x.reduced(.mean).floatArray == [Float(22) / 6])
        #expect(try x.reduced(.min).floatArray == [0])
        #expect(try x.reduced(.max).floatArray == [7])
        let a = try x.reduced(.argmax)
        #expect(a.shape == [] && a.int64Array == [3])
    }

    @Test("along an axis, negative axes and keepdims")
    func axes() throws {
        #expect(try x.reduced(.sum, axis: 0).floatArray == [8, 5, 9])
        #expect(try x.reduced(.max, axis: 1).floatArray == [5, 7])
        #expect(try x.reduced(.argmax, axis: -1).int64Array == [1, 0])
        #expect(try x.reduced(.argmax, axis: 0).int64Array == [1, 0, 1])
        let m = try x.reduced(.mean, axis: 1, keepDims: true)
        #expect(m.shape == [2, 1] && m.floatArray == [Float(8) / 3, Float(14) / 3])
        #expect(try x.reduced(.min, axis: 0, keepDims: true).shape == [1, 3])
        #expect { try x.reduced(.sum, axis: 2) } throws: { e in
            (e as! ArrayError).message == "axis 2 is out of bounds for array of dimension 2"
        }
    }

    @Test("integer and bool inputs: sum is int64, mean float64, max keeps the dtype")
    func dtypes() throws {
        let u = try Tensor(shape: [3], bytes: [200, 100, 255])
        let s = try u.reduced(.sum)
        #expect(s.dtype == .int64 && s.int64Array == [555])
        #expect(try u.reduced(.max).dtype == .uint8)
        let b = try Tensor.compare(.greater, .tensor(u), .int(150))
        let m = try b.reduced(.mean)
        #expect(m.dtype == .float64 && m.doubleArray == [2.0 / 3])
    }

    @Test("empty arrays and NaN follow numpy")
    func edges() throws {
        let e = try Tensor(zeros: [0])
        #expect { try e.reduced(.max) } throws: { e in
            (e as! ArrayError).message == "zero-size array to reduction operation maximum which has no identity"
        }
        #expect(try e.reduced(.sum).floatArray == [0])
        let n = try Tensor(shape: [3], floats: [1, .nan, 3])
        #expect(try n.reduced(.max).floatArray[0].isNaN)
        #expect(try n.reduced(.argmax).int64Array == [1])
    }
}
