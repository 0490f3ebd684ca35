import Spelling

/// "Did you mean ...?" in the language: Spelling's engine, with the synonyms learners bring.
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
        Spelling.closest(to: name, in: candidates, synonyms: synonyms)
    }
}
