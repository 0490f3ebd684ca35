/// Keras 3's default names: the class name in snake_case, counted per name within a session
/// (`conv2d`, `conv2d_1`, ...; `sequential`, `sequential_1`, ...).
///
/// One registry per interpreter session (never global, so tests stay isolated);
/// `clear()` is `keras.backend.clear_session()`. Like Keras, a layer takes its name when it is
/// constructed, before its arguments are validated: `Conv2D(0, 3)` fails but has used up
/// `conv2d`, and the next Conv2D is `conv2d_1`. Names given explicitly are not counted (Keras
/// does not count them either); a model refuses two layers with the same name.
public final class NameRegistry {
    private var counts: [String: Int] = [:]

    public init() {}

    /// The next default name for objects of a Keras class: `Conv2D` -> `conv2d`, then `conv2d_1`.
    public func autoName(forClass className: String) -> String {
        uniquify(NameRegistry.snakeCase(className))
    }

    /// `base` the first time, then `base_1`, `base_2`, ...
    public func uniquify(_ base: String) -> String {
        let n = counts[base, default: 0]
        counts[base] = n + 1
        return n == 0 ? base : "\(base)_\(n)"
    }

    /// Forgets every count, as `keras.backend.clear_session()` does.
    public func clear() { counts.removeAll() }

    /// Keras's `to_snake_case`: `MaxPooling2D` -> `max_pooling2d`, `ReLU` -> `re_lu`,
    /// `GlobalAveragePooling2D` -> `global_average_pooling2d`.
    public static func snakeCase(_ name: String) -> String {
        // re.sub(r"\W+", "", name)
        var s = Array(name.filter { $0.isLetter || $0.isNumber || $0 == "_" })
        // re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name): before an uppercase letter followed by
        // lowercase ones, when something precedes it. Matches do not overlap: a match consumes
        // the preceding character, the capital and its lowercase run.
        var out: [Character] = []
        var i = 0
        while i < s.count {
            if i + 1 < s.count, isUpper(s[i + 1]),
               i + 2 < s.count, isLower(s[i + 2]) {
                out.append(s[i]); out.append("_"); out.append(s[i + 1])
                var j = i + 2
                while j < s.count, isLower(s[j]) { out.append(s[j]); j += 1 }
                i = j
            } else {
                out.append(s[i]); i += 1
            }
        }
        s = out
        // re.sub("([a-z])([A-Z])", r"\1_\2", name)
        out = []
        i = 0
        while i < s.count {
            out.append(s[i])
            if i + 1 < s.count, isLower(s[i]), isUpper(s[i + 1]) {
                out.append("_"); out.append(s[i + 1]); i += 2
            } else {
                i += 1
            }
        }
        return String(out).lowercased()
    }

    private static func isUpper(_ c: Character) -> Bool { c >= "A" && c <= "Z" }
    private static func isLower(_ c: Character) -> Bool { c >= "a" && c <= "z" }
}
