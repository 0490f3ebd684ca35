/// The cells a session ran, for `history_request`. Kept in memory: one kernel process is one
/// history session.
public struct History: Sendable {
    public struct Entry: Sendable, Equatable {
        public var session: Int
        public var line: Int
        public var input: String
    }

    public let session: Int
    public private(set) var entries: [Entry] = []

    public init(session: Int = 1) { self.session = session }

    public mutating func append(line: Int, input: String) {
        entries.append(Entry(session: session, line: line, input: input))
    }

    /// The last `n` entries.
    public func tail(_ n: Int) -> [Entry] {
        Array(entries.suffix(max(0, n)))
    }

    /// Lines `start ..< stop` of a session (0 or this session's number means this one; a
    /// negative number counts back from it, and earlier sessions hold nothing). `stop` nil or
    /// 0 means to the end.
    public func range(session requested: Int, start: Int, stop: Int?) -> [Entry] {
        let wanted = requested <= 0 ? session + requested : requested
        guard wanted == session else { return [] }
        return entries.filter { $0.line >= start && (stop == nil || stop == 0 || $0.line < stop!) }
    }

    /// Entries whose input matches a glob pattern (`*`, `?`), newest last; `n` keeps the last
    /// n; `unique` drops repeated inputs, keeping the latest of each.
    public func search(pattern: String, n: Int?, unique: Bool) -> [Entry] {
        let glob = Array(pattern.unicodeScalars)
        var found = entries.filter { Self.matches(glob, Array($0.input.unicodeScalars)) }
        if unique {
            var seen = Set<String>()
            found = found.reversed().filter { seen.insert($0.input).inserted }.reversed()
        }
        if let n, n > 0 { found = Array(found.suffix(n)) }
        return found
    }

    /// Glob match with `*` (any run) and `?` (any one scalar), iterative with backtracking.
    static func matches(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == "?" || p[pi] == s[si] {
                pi += 1; si += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = si; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
