import Glibc

/// The image files of a folder as Keras indexes them for `image_dataset_from_directory` and
/// `ImageDataGenerator.flow_from_directory`: one subfolder per class (sorted by name, hidden ones
/// skipped), and in each the files whose extension is allowed, walked recursively with the
/// folders in sorted order and the files sorted within each folder.
public enum ImageFolders {
    /// The extensions `image_dataset_from_directory` reads.
    public static let datasetFormats = [".bmp", ".gif", ".jpeg", ".jpg", ".png"]
    /// The extensions `flow_from_directory` reads.
    public static let generatorFormats = [".png", ".jpg", ".jpeg", ".bmp", ".ppm", ".tif", ".tiff"]

    /// The names in `folder`, without `.` and `..`, or a notFound error naming the folder.
    public static func names(in folder: String) throws -> [String] {
        guard let d = opendir(folder) else {
            throw DatasetError(.notFound, "Could not find directory \(folder)")
        }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Whether `path` is a folder; with `followLinks` false a link to a folder is not one.
    public static func isFolder(_ path: String, followLinks: Bool = true) -> Bool {
        var st = stat()
        let found = followLinks ? stat(path, &st) == 0 : lstat(path, &st) == 0
        return found && st.st_mode & S_IFMT == S_IFDIR
    }

    /// The class subfolders of `folder`, sorted by name, hidden ones left out.
    public static func classFolders(_ folder: String) throws -> [String] {
        try names(in: folder).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .filter { !$0.hasPrefix(".") && isFolder(folder + "/" + $0) }
    }

    /// The files under `folder` (recursively) whose lower-cased name ends with one of `formats`,
    /// as paths relative to `folder`, in the order of Python's `sorted(os.walk(folder))`: each
    /// folder's files sorted, folders ordered by their full path. Links to folders are followed
    /// only with `followLinks`.
    public static func files(under folder: String, formats: [String], followLinks: Bool) throws -> [String] {
        var folders: [(path: String, relative: String)] = []
        var pending = [(folder, "")]
        var seen = Set<String>()
        while let (path, relative) = pending.popLast() {
            folders.append((path, relative))
            guard let names = try? names(in: path) else { continue }
            for name in names where isFolder(path + "/" + name, followLinks: followLinks) {
                let child = path + "/" + name
                if followLinks, let real = realPath(child), !seen.insert(real).inserted { continue }
                pending.append((child, relative.isEmpty ? name : relative + "/" + name))
            }
        }
        folders.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var out: [String] = []
        for (path, relative) in folders {
            let names = (try? names(in: path)) ?? []
            let files = names.filter { name in
                !isFolder(path + "/" + name) && formats.contains { name.lowercased().hasSuffix($0) }
            }
            for name in files.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                out.append(relative.isEmpty ? name : relative + "/" + name)
            }
        }
        return out
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The files of each class folder: paths joined to `folder` (`folder/class/file`) and each
    /// file's class index, class by class in `classes`' order.
    public static func index(_ folder: String, classes: [String], formats: [String],
                             followLinks: Bool) throws -> (paths: [String], labels: [Int32]) {
        var paths: [String] = [], labels: [Int32] = []
        for (i, name) in classes.enumerated() {
            let sub = name.isEmpty ? folder : folder + "/" + name
            for file in try files(under: sub, formats: formats, followLinks: followLinks) {
                paths.append(sub + "/" + file)
                labels.append(Int32(i))
            }
        }
        return (paths, labels)
    }
}
