/// "Did you mean ...?": the closest name by edit distance.
public enum Suggest {
    /// Names learners bring from other languages.
    static let synonyms: [String: [String]] = [
        "push": ["append"], "add": ["append", "update"], "length": ["len"], "size": ["len"],
        "toUpperCase": ["upper"], "toLowerCase": ["lower"], "trim": ["strip"], "uppercase": ["upper"],
        "lowercase": ["lower"], "printf": ["print"], "echo": ["print"], "println": ["print"],
        "contains": ["count", "find"], "indexOf": ["index", "find"], "removeAll": ["clear"],
        "delete": ["pop", "remove"], "addAll": ["extend"], "concat": ["extend"], "keySet": ["keys"],
        "true": ["True"], "false": ["False"], "null": ["None"], "nil": ["None"], "none": ["None"],
    ]

    public static func closest(to name: String, in candidates: [String]) -> String? {
        if let syn = synonyms[name], let hit = syn.first(where: { candidates.contains($0) }) { return hit }
        let a = Array(name.lowercased().unicodeScalars)
        guard !a.isEmpty else { return nil }
        let limit = max(1, min(3, a.count / 3 + (a.count > 3 ? 1 : 0)))
        var best: (String, Int)?
        for c in Set(candidates) where c != name {
            let b = Array(c.lowercased().unicodeScalars)
            if abs(b.count - a.count) > limit { continue }
            let d = distance(a, b)
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance (with adjacent transpositions counted as one edit).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], prev2[j - 2] + 1)
                }
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
