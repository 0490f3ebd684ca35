/// An object that stands for a file path (`pathlib.Path`): wherever a path is accepted, it is
/// accepted too, as Python's `os.fspath` makes it.
public protocol PathLike: FoveaObject {
    /// The path as text: what `os.fspath(p)` and `str(p)` give.
    var fileSystemPath: String { get }
}

extension Value {
    /// A file path given as a str, as bytes (UTF-8) or as a path object; nil for anything else.
    public var fileSystemPath: String? {
        switch self {
        case .str(let s): return s
        case .object(let p as PathLike): return p.fileSystemPath
        case .object(let b as BytesObject): return String(decoding: b.bytes, as: UTF8.self)
        default: return nil
        }
    }

    /// Python's TypeError for a value that is not a path.
    public func notAPath(at span: Span?) -> Diagnostic {
        Diagnostic(.typeError, "expected str, bytes or os.PathLike object, not \(typeName)", at: span)
    }
}

extension BoundArguments {
    /// A path argument: a str or a path object (`open(Path('data') / 'x.csv')`), with Python's
    /// TypeError for anything else.
    public func path(_ name: String) throws -> String {
        let v = self[name] ?? .none
        guard let p = v.fileSystemPath else { throw v.notAPath(at: span(of: name)) }
        return p
    }

    /// A path argument, or nil when absent or None.
    public func optionalPath(_ name: String) throws -> String? {
        guard let v = self[name], !v.isNone else { return nil }
        return try path(name)
    }
}
