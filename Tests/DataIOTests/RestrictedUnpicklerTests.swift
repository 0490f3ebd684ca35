import DataIO
import Testing

/// The reader of CIFAR's pickled batches: what those batches hold reads back exactly, anything
/// that would run code or that the batches never hold is refused.
@Suite struct RestrictedUnpicklerTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    /// pickle.dumps({b"batch_label": b"b1", b"labels": [3, 7], b"data": np.array([[1, 2, 3, 4],
    /// [250, 251, 252, 253]], dtype=np.uint8), b"filenames": [b"a.png", b"b.png"]}, protocol=2)
    /// from Python 3.11 and numpy 2 (bytes as _codecs.encode, the array through _reconstruct).
    static let python3Batch = bytes("80027d710028635f636f646563730a656e636f64650a7101580b00000062617463685f6c6162656c710258060000006c6174696e31710386710452710568015802000000623171066803867107527108680158060000006c6162656c737109680386710a52710b5d710c284b034b07656801580400000064617461710d680386710e52710f636e756d70792e5f636f72652e6d756c746961727261790a5f7265636f6e7374727563740a7110636e756d70790a6e6461727261790a71114b00857112680158010000006271136803867114527115877116527117284b014b024b04867118636e756d70790a64747970650a711958020000007531711a898887711b52711c284b0358010000007c711d4e4e4e4affffffff4affffffff4b0074711e62896801580c00000001020304c3bac3bbc3bcc3bd711f6803867120527121747122626801580900000066696c656e616d6573712368038671245271255d71262868015805000000612e706e677127680386712852712968015805000000622e706e67712a680386712b52712c65752e")

    /// A pickle whose value is `os.system("echo pwned")` (a class with that __reduce__).
    static let runsCommand = bytes("80027d7100635f636f646563730a656e636f64650a7101580400000064617461710258060000006c6174696e31710386710452710563706f7369780a73797374656d0a7106580a0000006563686f2070776e65647107857108527109732e")

    @Test func readsACIFARStyleBatchWrittenByPython3() throws {
        let v = try RestrictedUnpickler.load(Self.python3Batch)
        guard case .array(let a)? = v["data"] else { Issue.record("no data array"); return }
        #expect(a.shape == [2, 4])
        #expect(a.dtype == "u1")
        #expect(a.bytes == [1, 2, 3, 4, 250, 251, 252, 253])
        guard case .list(let labels)? = v["labels"] else { Issue.record("no labels"); return }
        #expect(labels.value.count == 2)
        if case .int(let first) = labels.value[0] { #expect(first == 3) } else { Issue.record("label is not an int") }
        if case .bytes(let name)? = v["batch_label"] { #expect(name == Array("b1".utf8)) } else { Issue.record("no batch_label") }
    }

    /// As Python 2's cPickle wrote CIFAR's files: str keys as SHORT_BINSTRING, the array's data a
    /// BINSTRING, numpy.core.multiarray._reconstruct.
    @Test func readsAPython2StyleBatch() throws {
        var p: [UInt8] = [0x80, 0x02, 0x7d, 0x71, 0x01, 0x28]
        func shortString(_ s: String) { p += [0x55, UInt8(s.utf8.count)] + Array(s.utf8) }
        shortString("data")
        p += Array("cnumpy.core.multiarray\n_reconstruct\n".utf8)
        p += Array("cnumpy\nndarray\n".utf8)
        p += [0x4b, 0x00, 0x85]; shortString("b"); p += [0x87, 0x52]                  // _reconstruct(ndarray, (0,), 'b')
        p += [0x28, 0x4b, 0x01, 0x4b, 0x01, 0x4b, 0x03, 0x86]                      // (1, (1, 3),
        p += Array("cnumpy\ndtype\n".utf8); shortString("u1"); p += [0x4b, 0x00, 0x4b, 0x01, 0x87, 0x52]
        p += [0x28, 0x4b, 0x03]; shortString("|"); p += [0x4e, 0x4e, 0x4e, 0x4a, 0xff, 0xff, 0xff, 0xff, 0x4a, 0xff, 0xff, 0xff, 0xff, 0x4b, 0x00, 0x74, 0x62]
        p += [0x89, 0x54, 0x03, 0, 0, 0, 9, 8, 7, 0x74, 0x62]                      // False, data), BUILD
        shortString("labels"); p += [0x5d, 0x71, 0x02, 0x4b, 0x05, 0x61]           // [5]
        p += [0x75, 0x2e]
        let v = try RestrictedUnpickler.load(p)
        guard case .array(let a)? = v["data"] else { Issue.record("no data array"); return }
        #expect(a.shape == [1, 3])
        #expect(a.bytes == [9, 8, 7])
        guard case .list(let labels)? = v["labels"], case .int(5) = labels.value.first else { Issue.record("labels"); return }
    }

    @Test func refusesAPickleThatWouldRunACommand() {
        #expect {
            _ = try RestrictedUnpickler.load(Self.runsCommand)
        } throws: { e in
            (e as? RestrictedUnpickler.Refused)?.description.contains("posix.system") == true
        }
    }

    @Test func refusesBuiltinsAndUnknownOpcodes() {
        let eval = [0x80, 0x02] + Array("cbuiltins\neval\n".utf8) + [0x58, 1, 0, 0, 0, 0x31, 0x85, 0x52, 0x2e]
        #expect(throws: RestrictedUnpickler.Refused.self) { _ = try RestrictedUnpickler.load(eval) }
        let inst: [UInt8] = [0x80, 0x02, 0x28] + Array("ios\nsystem\n".utf8) + [0x2e]     // INST
        #expect(throws: RestrictedUnpickler.Refused.self) { _ = try RestrictedUnpickler.load(inst) }
        #expect(throws: RestrictedUnpickler.Refused.self) { _ = try RestrictedUnpickler.load([0x80, 0x02, 0x7d]) }   // no STOP
        #expect(throws: RestrictedUnpickler.Refused.self) { _ = try RestrictedUnpickler.load([0x80, 0x02, 0x54, 0xff, 0xff, 0, 0]) }  // too long
    }

    @Test func refusesAnArrayWhoseDataDoesNotMatchItsShape() {
        var p = Array(Self.python3Batch)
        // The 4-column shape (K 4) becomes 5 columns: 8 bytes no longer fill (2, 5).
        let at = p.firstIndex(of: 0x18)! - 3    // ... 4b 02 4b 04 86 71 18
        #expect(p[at] == 0x04)
        p[at] = 0x05
        #expect(throws: RestrictedUnpickler.Refused.self) { _ = try RestrictedUnpickler.load(p) }
    }
}

/// Archive entries are written only inside the target folder.
@Suite struct ArchivePathTests {
    @Test func keepsEntriesInsideTheFolder() {
        #expect(ArchivePath.resolve("a/b.txt", in: "/t") == "/t/a/b.txt")
        #expect(ArchivePath.resolve("./a//b.txt", in: "/t") == "/t/a/b.txt")
        #expect(ArchivePath.resolve("a/../b.txt", in: "/t") == "/t/b.txt")
        #expect(ArchivePath.resolve("dir/", in: "/t") == "/t/dir")
    }

    @Test func refusesEntriesThatLeaveIt() {
        #expect(ArchivePath.resolve("../x", in: "/t") == nil)
        #expect(ArchivePath.resolve("a/../../x", in: "/t") == nil)
        #expect(ArchivePath.resolve("/etc/passwd", in: "/t") == nil)
        #expect(ArchivePath.resolve("..", in: "/t") == nil)
        #expect(ArchivePath.resolve(".", in: "/t") == nil)
    }
}

/// Where get_file puts things, as Keras 3 does.
@Suite struct GetFilePathTests {
    @Test func cachePathsAndExtractFoldersAsKeras3() throws {
        var g = GetFile(fname: nil, origin: "https://example.org/files/data.npz?x=1")
        g.cacheDir = "/tmp"
        #expect(try g.paths().file == "/tmp/datasets/data.npz")
        g.extract = true
        #expect(try g.paths().file == "/tmp/datasets/data.npz_archive")
        #expect(try g.paths().folder == "/tmp/datasets/data.npz")
        g.fname = "cifar-10-batches-py-target"
        #expect(try g.paths().file == "/tmp/datasets/cifar-10-batches-py-target_archive")
        #expect(try g.paths().folder == "/tmp/datasets/cifar-10-batches-py-target")
        g.fname = "flowers.tgz"
        g.cacheSubdir = "/abs"
        #expect(try g.paths().file == "/abs/flowers.tgz")
        #expect(try g.paths().folder == "/abs/flowers_extracted")
        g.cacheDir = "/proc/no-such-folder"
        g.cacheSubdir = "datasets"
        #expect(try g.paths().file == "/tmp/.keras/datasets/flowers.tgz")
        #expect(throws: DownloadError.self) { _ = try GetFile(fname: nil, origin: "https://example.org/").paths() }
        #expect(throws: DownloadError.self) { _ = try GetFile(fname: "a/b.txt", origin: "https://example.org/b.txt").paths() }
    }
}
