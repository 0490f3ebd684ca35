import DataIO
import Glibc
import Tensor
import Testing

/// The .npy and .npz writers: numpy's exact header bytes, and round trips through the readers.
@Suite("numpy file writers")
struct NumpyWriterTests {
    @Test("the .npy header is numpy's, byte for byte")
    func headerBytes() {
        // np.save of a float32 array of shape (2, 2), as numpy 2 writes it.
        let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }" + String(repeating: " ", count: 20)
        let expected: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, 118, 0] + Array(dict.utf8)
            + [UInt8](repeating: 0x20, count: 128 - 10 - dict.utf8.count - 1) + [0x0A]
        #expect(NPYWriter.header(.float32, [2, 2]) == expected)
        #expect(NPYWriter.header(.float64, []).count == 128)
        #expect(NPYWriter.header(.bool, [3]).count % 64 == 0)
        #expect(String(decoding: NPYWriter.header(.int64, [7])[10...], as: UTF8.self).hasPrefix("{'descr': '<i8', 'fortran_order': False, 'shape': (7,), }"))
    }

    @Test("every dtype round-trips through NPYReader", arguments: DType.allCases)
    func roundTrip(_ dtype: DType) throws {
        let t = try Tensor(shape: Shape([2, 3]), doubles: [0, 1, 2, 3, 4, 5]).converted(to: dtype)
        let back = try NPYReader.decode(NPYWriter.encode(t)[...], name: "test")
        #expect(back.dtype == dtype)
        #expect(back.shape == t.shape)
        let got = back.converted(to: .float64), want = t.converted(to: .float64)
        withExtendedLifetime((got, want)) { #expect(Array(got.doubles) == Array(want.doubles)) }
    }

    @Test("stored and deflated archives round-trip through ZipArchive", arguments: [false, true])
    func archive(_ compressed: Bool) throws {
        let a = Array(repeating: UInt8(7), count: 1000), b: [UInt8] = [1, 2, 3]
        let bytes = try ZipWriter.archive([("a.npy", a), ("b.npy", b)], compressed: compressed)
        let entries = try ZipArchive.entries(bytes, path: "test.npz")
        #expect(entries.map(\.name) == ["a.npy", "b.npy"])
        #expect(Array(try ZipArchive.payload(bytes, entries[0], path: "test.npz")) == a)
        #expect(Array(try ZipArchive.payload(bytes, entries[1], path: "test.npz")) == b)
        if compressed { #expect(entries[0].compressedSize < 100) }
    }

    @Test("SafeFile writes whole files and reports a missing folder")
    func safeFile() throws {
        let path = "/tmp/fovea-safefile-\(getpid()).bin"
        defer { unlink(path) }
        try SafeFile.write([1, 2, 3], to: path)
        #expect(try FileBytes.read(path) == [1, 2, 3])
        #expect(throws: FileWriteError.self) { try SafeFile.write([1], to: "/nonexistent-folder/x.bin") }
    }
}
