import Tensor
import CModelFiles
import Glibc

/// What went wrong in an HDF5 call: the operation, and the object it was about.
public struct HDF5Error: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The few parts of HDF5 Keras's files use: groups, float32 (and int64 scalar) datasets of any
/// shape, and attributes holding a UTF-8 string, an array of strings or an empty array.
///
/// Every object closes its HDF5 handle when it goes away; a group keeps its file open.
public final class HDF5File {
    let id: hid_t
    public let path: String

    private init(id: hid_t, path: String) {
        self.id = id
        self.path = path
    }

    deinit { _ = fovea_H5Fclose!(id) }

    /// HDF5 prints its error stack to stderr by default; Fovea reports errors itself.
    private static let quiet: Void = {
        guard NativeLibraries.loadError == nil else { return }
        _ = fovea_H5open!()
        _ = fovea_H5Eset_auto2!(fovea_h5e_default(), nil, nil)
    }()

    private static func ready() throws {
        try NativeLibraries.require()
        _ = quiet
    }

    /// A new, empty file at `path` (replacing any file there).
    public static func create(_ path: String) throws -> HDF5File {
        try ready()
        let id = fovea_H5Fcreate!(path, fovea_h5f_acc_trunc(), fovea_h5p_default(), fovea_h5p_default())
        guard id >= 0 else { throw HDF5Error("Could not create the HDF5 file \(path).") }
        return HDF5File(id: id, path: path)
    }

    /// An existing file, read-only.
    public static func open(_ path: String) throws -> HDF5File {
        try ready()
        let id = fovea_H5Fopen!(path, fovea_h5f_acc_rdonly(), fovea_h5p_default())
        guard id >= 0 else { throw HDF5Error("HDF5 could not open \(path): the file is damaged or truncated.") }
        return HDF5File(id: id, path: path)
    }

    /// A new file held in memory only (its bytes come from `image()`), for the weights inside a
    /// `.keras` zip.
    public static func createInMemory(name: String) throws -> HDF5File {
        try ready()
        let fapl = fovea_H5Pcreate!(fovea_h5p_file_access())
        defer { _ = fovea_H5Pclose!(fapl) }
        _ = fovea_H5Pset_fapl_core!(fapl, 1 << 20, false)
        let id = fovea_H5Fcreate!(name, fovea_h5f_acc_trunc(), fovea_h5p_default(), fapl)
        guard id >= 0 else { throw HDF5Error("Could not create the in-memory HDF5 file \(name).") }
        return HDF5File(id: id, path: name)
    }

    /// An HDF5 file read from bytes in memory (`model.weights.h5` out of a `.keras` zip).
    public static func open(image: [UInt8], name: String) throws -> HDF5File {
        try ready()
        let fapl = fovea_H5Pcreate!(fovea_h5p_file_access())
        defer { _ = fovea_H5Pclose!(fapl) }
        _ = fovea_H5Pset_fapl_core!(fapl, 1 << 20, false)
        let ok = image.withUnsafeBytes { fovea_H5Pset_file_image!(fapl, UnsafeMutableRawPointer(mutating: $0.baseAddress), image.count) }
        guard ok >= 0 else { throw HDF5Error("HDF5 could not take the bytes of \(name).") }
        let id = fovea_H5Fopen!(name, fovea_h5f_acc_rdonly(), fapl)
        guard id >= 0 else { throw HDF5Error("HDF5 could not open \(name): the file is damaged or truncated.") }
        return HDF5File(id: id, path: name)
    }

    /// The bytes of the file as it would be on disk.
    public func image() throws -> [UInt8] {
        try flush()
        let size = fovea_H5Fget_file_image!(id, nil, 0)
        guard size > 0 else { throw HDF5Error("Could not get the bytes of \(path).") }
        var bytes = [UInt8](repeating: 0, count: size)
        let n = bytes.withUnsafeMutableBytes { fovea_H5Fget_file_image!(id, $0.baseAddress, size) }
        guard n == size else { throw HDF5Error("Could not get the bytes of \(path).") }
        return bytes
    }

    /// The root group `/`.
    public func root() throws -> HDF5Group {
        let g = fovea_H5Gopen2!(id, "/", fovea_h5p_default())
        guard g >= 0 else { throw HDF5Error("Could not open the root group of \(path).") }
        return HDF5Group(id: g, path: "/", file: self)
    }

    /// Writes everything to disk and closes the file (the deinit closes it otherwise).
    public func flush() throws {
        guard fovea_H5Fflush!(id, H5F_SCOPE_GLOBAL) >= 0 else { throw HDF5Error("Could not write \(path).") }
    }
}

/// A float32 dataset read back: its shape and values (other float and integer types converted).
public struct HDF5Array: Equatable {
    public var shape: [Int]
    public var values: [Float]
    public init(shape: [Int], values: [Float]) { self.shape = shape; self.values = values }
}

/// A group of an HDF5 file.
public final class HDF5Group {
    let id: hid_t
    /// `/layers/conv2d/vars`.
    public let path: String
    let file: HDF5File

    init(id: hid_t, path: String, file: HDF5File) {
        self.id = id; self.path = path; self.file = file
    }

    deinit { _ = fovea_H5Gclose!(id) }

    private func childPath(_ name: String) -> String { path == "/" ? "/" + name : path + "/" + name }

    /// Whether a link called `name` (a group or dataset) is in this group.
    public func contains(_ name: String) -> Bool {
        guard !name.isEmpty, !name.contains("/") else { return false }
        return fovea_H5Lexists!(id, name, fovea_h5p_default()) > 0
    }

    /// Whether `name` is a group (false for a dataset or nothing).
    public func isGroup(_ name: String) -> Bool {
        guard contains(name) else { return false }
        var info = H5O_info_t()
        guard fovea_H5Oget_info_by_name1!(id, name, &info, fovea_h5p_default()) >= 0 else { return false }
        return info.type == H5O_TYPE_GROUP
    }

    /// A new group inside this one.
    public func createGroup(_ name: String) throws -> HDF5Group {
        let g = fovea_H5Gcreate2!(id, name, fovea_h5p_default(), fovea_h5p_default(), fovea_h5p_default())
        guard g >= 0 else { throw HDF5Error("Could not create the group \(childPath(name)).") }
        return HDF5Group(id: g, path: childPath(name), file: file)
    }

    /// The group `name` inside this one; throws when it is missing or not a group.
    public func group(_ name: String) throws -> HDF5Group {
        guard isGroup(name) else { throw HDF5Error("The file has no group \(childPath(name)).") }
        let g = fovea_H5Gopen2!(id, name, fovea_h5p_default())
        guard g >= 0 else { throw HDF5Error("Could not open the group \(childPath(name)).") }
        return HDF5Group(id: g, path: childPath(name), file: file)
    }

    /// The names of the group's members, in HDF5's name order (as h5py lists them).
    public func memberNames() -> [String] {
        var names: [String] = []
        var info = H5G_info_t()
        guard fovea_H5Gget_info!(id, &info) >= 0 else { return [] }
        for i in 0..<info.nlinks {
            let n = fovea_H5Lget_name_by_idx!(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, fovea_h5p_default())
            guard n >= 0 else { continue }
            var buffer = [CChar](repeating: 0, count: Int(n) + 1)
            _ = fovea_H5Lget_name_by_idx!(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, &buffer, Int(n) + 1, fovea_h5p_default())
            names.append(String(cString: buffer))
        }
        return names
    }

    /// For `a/b/c`: the group `a/b` (created when `create`) and the last name `c`.
    public func parent(of path: String, create: Bool = false) throws -> (group: HDF5Group, name: String) {
        var parts = path.split(separator: "/").map(String.init)
        guard let last = parts.popLast() else { throw HDF5Error("An empty path inside \(self.path).") }
        var g = self
        for part in parts {
            g = create && !g.contains(part) ? try g.createGroup(part) : try g.group(part)
        }
        return (g, last)
    }

    // MARK: - Datasets

    /// A float32 dataset of `shape` (empty shape: a scalar) holding `values` in C order.
    public func writeFloats(_ name: String, shape: [Int], values: UnsafeBufferPointer<Float>) throws {
        guard shape.reduce(1, *) == values.count else {
            throw HDF5Error("\(childPath(name)): \(values.count) values do not fill shape \(shape).")
        }
        let space = try dataspace(shape)
        defer { _ = fovea_H5Sclose!(space) }
        let d = fovea_H5Dcreate2!(id, name, fovea_h5t_ieee_f32le(), space, fovea_h5p_default(), fovea_h5p_default(), fovea_h5p_default())
        guard d >= 0 else { throw HDF5Error("Could not create the dataset \(childPath(name)).") }
        defer { _ = fovea_H5Dclose!(d) }
        if values.count > 0 {
            guard fovea_H5Dwrite!(d, fovea_h5t_native_float(), fovea_h5s_all(), fovea_h5s_all(), fovea_h5p_default(), values.baseAddress) >= 0 else {
                throw HDF5Error("Could not write the dataset \(childPath(name)).")
            }
        }
    }

    public func writeFloats(_ name: String, shape: [Int], values: [Float]) throws {
        try values.withUnsafeBufferPointer { try writeFloats(name, shape: shape, values: $0) }
    }

    /// A scalar int64 dataset (an optimizer's `iteration`).
    public func writeInt64(_ name: String, _ value: Int64) throws {
        let space = try dataspace([])
        defer { _ = fovea_H5Sclose!(space) }
        let d = fovea_H5Dcreate2!(id, name, fovea_h5t_std_i64le(), space, fovea_h5p_default(), fovea_h5p_default(), fovea_h5p_default())
        guard d >= 0 else { throw HDF5Error("Could not create the dataset \(childPath(name)).") }
        defer { _ = fovea_H5Dclose!(d) }
        var v = value
        guard fovea_H5Dwrite!(d, fovea_h5t_native_int64(), fovea_h5s_all(), fovea_h5s_all(), fovea_h5p_default(), &v) >= 0 else {
            throw HDF5Error("Could not write the dataset \(childPath(name)).")
        }
    }

    /// The shape of dataset `name` without reading it.
    public func datasetShape(_ name: String) throws -> [Int] {
        let d = try openDataset(name)
        defer { _ = fovea_H5Dclose!(d) }
        return try shapeOf(datasetSpace: d, name)
    }

    /// A numeric dataset, opened and checked, with its shape (HDF5 converts the numbers to float32
    /// as `body` reads them).
    private func withNumericDataset<T>(_ name: String, _ body: (hid_t, [Int]) throws -> T) throws -> T {
        let d = try openDataset(name)
        defer { _ = fovea_H5Dclose!(d) }
        let shape = try shapeOf(datasetSpace: d, name)
        let type = fovea_H5Dget_type!(d)
        defer { _ = fovea_H5Tclose!(type) }
        let typeClass = fovea_H5Tget_class!(type)
        guard typeClass == H5T_FLOAT || typeClass == H5T_INTEGER else {
            throw HDF5Error("The dataset \(childPath(name)) does not hold numbers.")
        }
        return try body(d, shape)
    }

    private func readAll(_ d: hid_t, into pointer: UnsafeMutablePointer<Float>?, _ name: String) throws {
        let ok = fovea_H5Dread!(d, fovea_h5t_native_float(), fovea_h5s_all(), fovea_h5s_all(), fovea_h5p_default(), pointer)
        guard ok >= 0 else { throw HDF5Error("Could not read the dataset \(childPath(name)): the file is damaged or truncated.") }
    }

    /// A numeric dataset as float32 values.
    public func readFloats(_ name: String) throws -> HDF5Array {
        try withNumericDataset(name) { d, shape in
            var values = [Float](repeating: 0, count: shape.reduce(1, *))
            if !values.isEmpty { try values.withUnsafeMutableBufferPointer { try readAll(d, into: $0.baseAddress, name) } }
            return HDF5Array(shape: shape, values: values)
        }
    }

    /// A numeric dataset as a float32 tensor of its shape, read straight into the tensor's memory.
    public func readTensor(_ name: String) throws -> Tensor {
        try withNumericDataset(name) { d, shape in
            let tensor = try Tensor(uninitialized: Shape(shape), what: childPath(name))
            if tensor.count > 0 { try readAll(d, into: tensor.floats.baseAddress, name) }
            return tensor
        }
    }

    /// A scalar integer dataset.
    public func readInt64(_ name: String) throws -> Int64 {
        let d = try openDataset(name)
        defer { _ = fovea_H5Dclose!(d) }
        var v: Int64 = 0
        guard fovea_H5Dread!(d, fovea_h5t_native_int64(), fovea_h5s_all(), fovea_h5s_all(), fovea_h5p_default(), &v) >= 0 else {
            throw HDF5Error("Could not read the dataset \(childPath(name)).")
        }
        return v
    }

    private func openDataset(_ name: String) throws -> hid_t {
        guard contains(name) else { throw HDF5Error("The file has no dataset \(childPath(name)).") }
        let d = fovea_H5Dopen2!(id, name, fovea_h5p_default())
        guard d >= 0 else { throw HDF5Error("\(childPath(name)) is not a dataset.") }
        return d
    }

    private func shapeOf(datasetSpace d: hid_t, _ name: String) throws -> [Int] {
        let space = fovea_H5Dget_space!(d)
        defer { _ = fovea_H5Sclose!(space) }
        return try dims(of: space, childPath(name))
    }

    // MARK: - Attributes

    /// A scalar variable-length UTF-8 string attribute, as h5py writes a Python str.
    public func setAttribute(_ name: String, string: String) throws {
        try writeStrings(name, [string], scalar: true)
    }

    /// A one-dimensional array of variable-length UTF-8 strings; an empty list is written as
    /// h5py writes `np.array([])`: an empty float64 array.
    public func setAttribute(_ name: String, strings: [String]) throws {
        if strings.isEmpty {
            let space = try dataspace([0])
            defer { _ = fovea_H5Sclose!(space) }
            try replaceAttribute(name)
            let a = fovea_H5Acreate2!(id, name, fovea_h5t_ieee_f64le(), space, fovea_h5p_default(), fovea_h5p_default())
            guard a >= 0 else { throw HDF5Error("Could not write the attribute \(name) of \(path).") }
            _ = fovea_H5Aclose!(a)
            return
        }
        try writeStrings(name, strings, scalar: false)
    }

    public func hasAttribute(_ name: String) -> Bool { fovea_H5Aexists!(id, name) > 0 }

    /// A string attribute (variable or fixed length); nil when there is none.
    public func stringAttribute(_ name: String) throws -> String? {
        guard let all = try stringsAttribute(name) else { return nil }
        return all.first
    }

    /// A string or string-array attribute as a list; an empty numeric array gives []; nil when
    /// there is no such attribute.
    public func stringsAttribute(_ name: String) throws -> [String]? {
        guard hasAttribute(name) else { return nil }
        let a = fovea_H5Aopen!(id, name, fovea_h5p_default())
        guard a >= 0 else { throw HDF5Error("Could not open the attribute \(name) of \(path).") }
        defer { _ = fovea_H5Aclose!(a) }
        let space = fovea_H5Aget_space!(a)
        defer { _ = fovea_H5Sclose!(space) }
        let count = max(0, Int(fovea_H5Sget_simple_extent_npoints!(space)))
        let type = fovea_H5Aget_type!(a)
        defer { _ = fovea_H5Tclose!(type) }
        guard fovea_H5Tget_class!(type) == H5T_STRING else {
            if count == 0 { return [] }
            throw HDF5Error("The attribute \(name) of \(path) does not hold text.")
        }
        if count == 0 { return [] }
        if fovea_H5Tis_variable_str!(type) > 0 {
            let memType = fovea_H5Tcopy!(type)
            defer { _ = fovea_H5Tclose!(memType) }
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            guard fovea_H5Aread!(a, memType, &pointers) >= 0 else { throw HDF5Error("Could not read the attribute \(name) of \(path).") }
            let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
            for p in pointers { if let p { _ = fovea_H5free_memory!(p) } }
            return strings
        }
        let size = fovea_H5Tget_size!(type)
        var buffer = [UInt8](repeating: 0, count: size * count)
        guard fovea_H5Aread!(a, type, &buffer) >= 0 else { throw HDF5Error("Could not read the attribute \(name) of \(path).") }
        return (0..<count).map { i in
            let bytes = buffer[(i * size)..<((i + 1) * size)].prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private func writeStrings(_ name: String, _ strings: [String], scalar: Bool) throws {
        let space = scalar ? fovea_H5Screate!(H5S_SCALAR) : try dataspace([strings.count])
        defer { _ = fovea_H5Sclose!(space) }
        let type = fovea_H5Tcopy!(fovea_h5t_c_s1())
        defer { _ = fovea_H5Tclose!(type) }
        _ = fovea_H5Tset_size!(type, fovea_h5t_variable())
        _ = fovea_H5Tset_cset!(type, H5T_CSET_UTF8)
        try replaceAttribute(name)
        let a = fovea_H5Acreate2!(id, name, type, space, fovea_h5p_default(), fovea_h5p_default())
        guard a >= 0 else { throw HDF5Error("Could not write the attribute \(name) of \(path).") }
        defer { _ = fovea_H5Aclose!(a) }
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        guard fovea_H5Awrite!(a, type, &pointers) >= 0 else { throw HDF5Error("Could not write the attribute \(name) of \(path).") }
    }

    private func replaceAttribute(_ name: String) throws {
        if hasAttribute(name), fovea_H5Adelete!(id, name) < 0 {
            throw HDF5Error("Could not replace the attribute \(name) of \(path).")
        }
    }
}

private func dataspace(_ shape: [Int]) throws -> hid_t {
    if shape.isEmpty { return fovea_H5Screate!(H5S_SCALAR) }
    let dims = shape.map { hsize_t($0) }
    let s = fovea_H5Screate_simple!(Int32(dims.count), dims, nil)
    guard s >= 0 else { throw HDF5Error("Could not make a dataspace of shape \(shape).") }
    return s
}

private func dims(of space: hid_t, _ what: String) throws -> [Int] {
    let rank = fovea_H5Sget_simple_extent_ndims!(space)
    guard rank >= 0 else { throw HDF5Error("Could not read the shape of \(what).") }
    if rank == 0 { return [] }
    var dims = [hsize_t](repeating: 0, count: Int(rank))
    _ = fovea_H5Sget_simple_extent_dims!(space, &dims, nil)
    return dims.map { Int($0) }
}
