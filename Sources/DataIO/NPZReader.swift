import Tensor

/// Reads numpy's `.npz` archives (`np.savez`, `np.savez_compressed`, Keras's `mnist.npz`): a zip
/// file whose entries are `.npy` files, stored (method 0) or deflated (method 8). Zip64 archives
/// (entries above 4 GiB) are not supported.
public enum NPZReader {
    /// The arrays by name, without the `.npy` suffix (`x_train`, `y_train`, ...), in archive order.
    public static func read(_ path: String) throws -> [(name: String, tensor: Tensor)] {
        let bytes = try FileBytes.read(path)
        var out: [(String, Tensor)] = []
        for entry in try ZipArchive.entries(bytes, path: path) {
            let data = try ZipArchive.payload(bytes, entry, path: path)
            let name = entry.name.hasSuffix(".npy") ? String(entry.name.dropLast(4)) : entry.name
            out.append((name, try NPYReader.decode(data, name: "\(path) (entry '\(entry.name)')")))
        }
        return out
    }
}
