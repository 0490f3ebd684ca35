/// "Did you mean ...?": the one engine behind every suggestion Fovea makes, from a misspelt
/// variable or attribute in the language to a misspelt padding or layer name in the network
/// library. A leaf module with no dependencies, so that both can use it.
public enum Spelling {
    /// The candidate closest to `word` by edit distance (case-insensitive, an adjacent
    /// transposition counts as one edit), if it is close enough to be a likely typo: 1 edit for
    /// words of up to 5 letters, 2 up to 8, 3 beyond. `synonyms` maps names learners bring from
    /// other languages (`push`) to what they mean here (`append`). Ties go to the
    /// alphabetically first candidate; `word` itself is never suggested.
    public static func closest(to word: String, in candidates: [String], synonyms: [String: [String]] = [:]) -> String? {
        if let syn = synonyms[word], let hit = syn.first(where: { candidates.contains($0) }) { return hit }
        let a = Array(word.lowercased().unicodeScalars)
        guard !a.isEmpty else { return nil }
        let limit = max(1, min(3, a.count / 3 + (a.count > 3 ? 1 : 0)))
        var best: (String, Int)?
        for c in Set(candidates) where c != word {
            let b = Array(c.lowercased().unicodeScalars)
            if abs(b.count - a.count) > limit { continue }
            let d = distance(a, b)
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance, with adjacent transpositions counted as one edit.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
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
