// A JSON value with ordered objects, a strict RFC 8259 parser and a compact
// serializer. No Foundation.

/// A JSON value. Objects keep their keys in insertion order.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}

/// A JSON object that keeps its keys in insertion order (the order they are
/// serialized in). Equality ignores order: two objects are equal when they have the
/// same keys with equal values. Duplicate keys are impossible; setting an existing key
/// replaces its value in place.
public struct JSONObject: Sendable, Equatable, Sequence {
    public typealias Element = (key: String, value: JSON)

    @usableFromInline var _keys: [String]
    @usableFromInline var _values: [JSON]
    /// Index of keys, built only for larger objects (small ones are scanned).
    @usableFromInline var _index: [String: Int]?

    @usableFromInline static var indexThreshold: Int { 12 }

    public init() {
        _keys = []
        _values = []
        _index = nil
    }

    /// Pairs in order; a repeated key keeps its first position and its last value.
    public init(_ pairs: [(String, JSON)]) {
        self.init()
        reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public mutating func reserveCapacity(_ n: Int) {
        _keys.reserveCapacity(n)
        _values.reserveCapacity(n)
    }

    public var keys: [String] { _keys }
    public var values: [JSON] { _values }
    public var count: Int { _keys.count }
    public var isEmpty: Bool { _keys.isEmpty }

    @inlinable
    func position(of key: String) -> Int? {
        if let index = _index { return index[key] }
        var i = 0
        let n = _keys.count
        while i < n {
            if _keys[i] == key { return i }
            i += 1
        }
        return nil
    }

    /// The value for `key`. Setting replaces in place or appends; setting nil removes.
    public subscript(key: String) -> JSON? {
        get {
            guard let i = position(of: key) else { return nil }
            return _values[i]
        }
        set {
            if let i = position(of: key) {
                if let v = newValue {
                    _values[i] = v
                } else {
                    _keys.remove(at: i)
                    _values.remove(at: i)
                    if _index != nil { rebuildIndex() }
                }
            } else if let v = newValue {
                _keys.append(key)
                _values.append(v)
                if _index != nil {
                    _index![key] = _keys.count - 1
                } else if _keys.count > JSONObject.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    /// Removes `key` and returns its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        let old = self[key]
        self[key] = nil
        return old
    }

    private mutating func rebuildIndex() {
        if _keys.count <= JSONObject.indexThreshold {
            _index = nil
            return
        }
        var index = [String: Int](minimumCapacity: _keys.count)
        for (i, k) in _keys.enumerated() { index[k] = i }
        _index = index
    }

    /// Appends without checking for an existing key: for callers that know the key is new (the
    /// parser checks itself; a message header writes its six fixed keys).
    public mutating func appendUnchecked(_ key: String, _ value: JSON) {
        _keys.append(key)
        _values.append(value)
        if _index != nil {
            _index![key] = _keys.count - 1
        } else if _keys.count > JSONObject.indexThreshold {
            rebuildIndex()
        }
    }

    public struct Iterator: IteratorProtocol {
        let object: JSONObject
        var i = 0
        public mutating func next() -> Element? {
            guard i < object._keys.count else { return nil }
            defer { i += 1 }
            return (object._keys[i], object._values[i])
        }
    }

    public func makeIterator() -> Iterator { Iterator(object: self) }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.count == b.count else { return false }
        if a._keys == b._keys { return a._values == b._values }
        for (k, v) in a {
            guard let w = b[k], w == v else { return false }
        }
        return true
    }
}

extension JSONObject: CustomStringConvertible {
    /// The compact serialization.
    public var description: String { JSON.object(self).serializedString() }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements)
    }
}

// MARK: - Literals

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    /// Keys keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(elements)) }
}

// MARK: - Accessors

extension JSON {
    /// The value for `key` when this is an object that has it, else nil.
    public subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The element at `index` when this is an array long enough, else nil.
    public subscript(index: Int) -> JSON? {
        if case .array(let a) = self, index >= 0, index < a.count { return a[index] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// An `.int`, or a `.double` with an integral value that fits in `Int`.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d): return Int(exactly: d)
        default: return nil
        }
    }

    /// A `.double`, or an `.int` converted.
    public var doubleValue: Double? {
        switch self {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension JSON: CustomStringConvertible {
    /// The compact serialization.
    public var description: String { serializedString() }
}

// MARK: - Errors

/// A parse error: what went wrong and the byte offset where.
public struct JSONError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    public let offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}
