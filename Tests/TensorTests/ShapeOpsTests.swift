import Testing
import Tensor

@Suite("Shape operations")
struct ShapeOpsTests {
    let x = try! Tensor(shape: [2, 3], floats: [0, 1, 2, 3, 4, 5])

    @Test("reshape with -1 and numpy's error")
    func reshape() throws {
        #expect(try x.reshaping([-1, 1, 2]).shape == [3, 1, 2])
        #expect { try Tensor(zeros: [784]).reshaping([27, 27]) } throws: { e in
            (e as! ArrayError).message == "cannot reshape array of size 784 into shape (27,27)"
        }
        #expect { try x.reshaping([-1, -1]) } throws: { e in (e as! ArrayError).message == "can only specify one unknown dimension" }
    }

    @Test("expand_dims and squeeze")
    func expandSqueeze() throws {
        #expect(try x.expandingDims(-1).shape == [2, 3, 1])
        #expect(try x.expandingDims(0).shape == [1, 2, 3])
        #expect(try x.expandingDims(0).expandingDims(3).squeezed().shape == [2, 3])
        #expect(try x.expandingDims(1).squeezed(1).shape == [2, 3])
        #expect { try x.squeezed(0) } throws: { e in
            (e as! ArrayError).message == "cannot select an axis to squeeze out which has size not equal to one"
        }
        #expect { try x.expandingDims(4) } throws: { e in (e as! ArrayError).message == "axis 4 is out of bounds for array of dimension 3" }
    }

    @Test("transpose and flatten copy")
    func transpose() throws {
        let t = try x.transposed()
        #expect(t.shape == [3, 2] && t.floatArray == [0, 3, 1, 4, 2, 5])
        let cube = try Tensor(shape: [2, 1, 3], floats: [0, 1, 2, 3, 4, 5])
        #expect(try cube.transposed([2, 0, 1]).floatArray == [0, 3, 1, 4, 2, 5])
        let flat = x.flattened()
        flat.floats[0] = 9
        #expect(flat.shape == [6] && x.floats[0] == 0)
    }
}
