import Testing
import DataIO
import Tensor
import Tensor

@Suite("Dataset readers")
struct DatasetReaderTests {
    @Test("IDX: plain and gzipped uint8 files read back with their shape")
    func idxRoundTrip() throws {
        let folder = DatasetFolder()
        let values = (0..<24).map { UInt8($0 * 10) }
        let plain = folder.write("a-idx3-ubyte", DatasetBytes.idx([2, 3, 4], values))
        let gz = folder.writeGzip("a-idx3-ubyte.gz", DatasetBytes.idx([2, 3, 4], values))
        for path in [plain, gz] {
            let t = try IDXReader.read(path)
            #expect(t.shape == [2, 3, 4])
            #expect(t.dtype == .uint8)
            #expect(t.byteArray == values)
        }
        let labels = try IDXReader.read(folder.writeGzip("l.gz", DatasetBytes.idx([5], [9, 0, 0, 3, 1])))
        #expect(labels.shape == [5] && labels.byteArray == [9, 0, 0, 3, 1])
    }

    @Test("IDX: int32 values are big-endian and become int64")
    func idxInt32() throws {
        let folder = DatasetFolder()
        let raw = [-2, 70000].flatMap { DatasetBytes.bigEndian32($0 & 0xFFFF_FFFF) }
        let t = try IDXReader.read(folder.write("i", DatasetBytes.idx([2], raw, type: 0x0C)))
        #expect(t.dtype == .int64 && t.int64Array == [-2, 70000])
    }

    @Test("IDX: truncated, wrong magic and missing files give errors naming the file")
    func idxErrors() throws {
        let folder = DatasetFolder()
        let short = folder.writeGzip("short.gz", DatasetBytes.idx([2, 3], [1, 2, 3]))
        #expect { try IDXReader.read(short) } throws: { e in
            let d = e as! DatasetError
            return d.kind == .malformed && d.message.contains(short) && d.message.contains("ends after 3 of the 6 bytes")
        }
        let bad = folder.write("bad", [1, 2, 8, 1, 0, 0, 0, 1, 5])
        #expect { try IDXReader.read(bad) } throws: { e in
            (e as! DatasetError).message.contains("\(bad): not an IDX file")
        }
        let type = folder.write("type", [0, 0, 0x42, 1, 0, 0, 0, 1, 5])
        #expect { try IDXReader.read(type) } throws: { e in (e as! DatasetError).message.contains("unknown IDX element type 0x42") }
        #expect { try IDXReader.read(folder.path + "/nope.gz") } throws: { e in
            (e as! DatasetError).kind == .notFound && (e as! DatasetError).pythonName == "FileNotFoundError"
        }
    }

    @Test(".npy: uint8, bool, int32, int64, float32 and float64 map to Fovea's dtypes")
    func npyDtypes() throws {
        let folder = DatasetFolder()
        func read(_ name: String, _ descr: String, _ shape: [Int], _ data: [UInt8]) throws -> Tensor {
            try NPYReader.read(folder.write(name, DatasetBytes.npy(descr: descr, shape: shape, data: data)))
        }
        let u8 = try read("u8.npy", "|u1", [2, 2], [1, 2, 3, 250])
        #expect(u8.dtype == .uint8 && u8.shape == [2, 2] && u8.byteArray == [1, 2, 3, 250])
        let b = try read("b.npy", "|b1", [3], [1, 0, 1])
        #expect(b.dtype == .bool && b.byteArray == [1, 0, 1])
        let i4 = try read("i4.npy", "<i4", [3], DatasetBytes.littleEndian([Int32(-5), 7, 1 << 30]))
        #expect(i4.dtype == .int32 && Array(i4.int32s) == [-5, 7, 1 << 30])
        let i8 = try read("i8.npy", "<i8", [2], DatasetBytes.littleEndian([Int64(-1), Int64(1) << 40]))
        #expect(i8.dtype == .int64 && i8.int64Array == [-1, 1 << 40])
        let f4 = try read("f4.npy", "<f4", [1, 3], DatasetBytes.floats([0.5, -2, 3.25]))
        #expect(f4.dtype == .float32 && f4.shape == [1, 3] && f4.floatArray == [0.5, -2, 3.25])
        let f8 = try read("f8.npy", "<f8", [2], DatasetBytes.doubles([0.1, 1e3]))
        #expect(f8.dtype == .float64 && f8.doubleArray == [0.1, 1000])
        let scalar = try read("s.npy", "<f4", [], DatasetBytes.floats([7]))
        #expect(scalar.shape == [] && scalar.floatArray == [7])
    }

    @Test(".npy: bad magic, unsupported dtype, Fortran order and truncation are reported")
    func npyErrors() throws {
        let folder = DatasetFolder()
        func message(_ bytes: [UInt8]) -> String {
            let p = folder.write("x.npy", bytes)
            do { _ = try NPYReader.read(p); return "no error" } catch { return (error as! DatasetError).message }
        }
        #expect(message(Array("hello world!".utf8)).contains("not a .npy file"))
        #expect(message(DatasetBytes.npy(descr: "<c8", shape: [1], data: [0, 0, 0, 0, 0, 0, 0, 0])).contains("unsupported dtype '<c8'"))
        #expect(message(DatasetBytes.npy(descr: "<f4", shape: [2], data: [0, 0, 0, 0, 0, 0, 0, 0], fortran: true)).contains("Fortran-order"))
        let m = message(DatasetBytes.npy(descr: "<f4", shape: [3], data: [0, 0, 0, 0]))
        #expect(m.contains(folder.path + "/x.npy") && m.contains("truncated"))
    }

    @Test(".npz: stored and deflated archives give every array by name")
    func npz() throws {
        let folder = DatasetFolder()
        let images = (0..<18).map { UInt8($0) }
        let entries = [("x.npy", DatasetBytes.npy(descr: "|u1", shape: [2, 3, 3], data: images)),
                       ("y.npy", DatasetBytes.npy(descr: "<i8", shape: [2], data: DatasetBytes.littleEndian([Int64(4), 9])))]
        for deflated in [false, true] {
            let p = folder.write("a\(deflated).npz", DatasetBytes.zip(entries.map { (name: $0.0, data: $0.1) }, deflated: deflated))
            let arrays = try NPZReader.read(p)
            #expect(arrays.map(\.name) == ["x", "y"])
            #expect(arrays[0].tensor.shape == [2, 3, 3] && arrays[0].tensor.byteArray == images)
            #expect(arrays[1].tensor.int64Array == [4, 9])
        }
        let notZip = folder.write("n.npz", Array(repeating: 7, count: 100))
        #expect { try NPZReader.read(notZip) } throws: { e in (e as! DatasetError).message.contains("\(notZip): not a zip archive") }
        // A folder opens like a file but has no size to read: an error, not a crash.
        let aFolder = String(notZip.dropLast("n.npz".count))
        #expect { try NPZReader.read(aFolder) } throws: { e in (e as! DatasetError).message.contains("is a folder or a device, not a file") }
        #expect { try NPYReader.read(aFolder) } throws: { e in (e as! DatasetError).message.contains("is a folder or a device, not a file") }
        var corrupt = DatasetBytes.zip([(name: "x.npy", data: entries[0].1)], deflated: true)
        for i in 30..<50 { corrupt[i] ^= 0x5A }
        let c = folder.write("c.npz", corrupt)
        #expect(throws: DatasetError.self) { try NPZReader.read(c) }
    }
}
