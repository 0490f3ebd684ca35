/// "Did you mean ...?" for misspelt names (padding, activations, initializers, layer names).

/// The Levenshtein distance between two strings (insertions, deletions, substitutions).
public func levenshtein(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidate closest to `word` (case-insensitively) if it is close enough to be a likely
/// typo: at most 2 edits for words of 4 letters or more, 1 for shorter ones.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    let lower = word.lowercased()
    var best: (String, Int)?
    for candidate in candidates {
        let d = levenshtein(lower, candidate.lowercased())
        if best == nil || d < best!.1 { best = (candidate, d) }
    }
    guard let (candidate, distance) = best, distance <= (lower.count >= 4 ? 2 : 1) else {
        return nil
    }
    return candidate
}

/// `Did you mean 'same'?`, or nil when nothing is close.
func didYouMean(_ word: String, _ candidates: [String]) -> String? {
    closestMatch(to: word, in: candidates).map { "Did you mean '\($0)'?" }
}

/// `'valid', 'same'`
func quotedList(_ items: [String]) -> String {
    items.map { "'\($0)'" }.joined(separator: ", ")
}
