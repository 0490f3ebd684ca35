/// "Did you mean ...?" for misspelt names (padding, activations, initializers, layer names).

import Spelling

/// The candidate closest to `word`, if it is a likely typo (Spelling's rule, shared with the
/// language).
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    Spelling.closest(to: word, in: candidates)
}

/// `Did you mean 'same'?`, or nil when nothing is close.
func didYouMean(_ word: String, _ candidates: [String]) -> String? {
    closestMatch(to: word, in: candidates).map { "Did you mean '\($0)'?" }
}

/// `'valid', 'same'`
func quotedList(_ items: [String]) -> String {
    items.map { "'\($0)'" }.joined(separator: ", ")
}
