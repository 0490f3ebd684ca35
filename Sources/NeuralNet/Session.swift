import Tensor

/// What Keras keeps per process and Fovea keeps per interpreter session: the default-name
/// counters and the random generator that initialises weights.
///
/// The binding layer keeps one per kernel session: `keras.backend.clear_session()` is
/// `clear()`, `keras.utils.set_random_seed(n)` is `setRandomSeed(n)`.
public final class Session {
    public let names: NameRegistry
    /// Draws the initial weights of every layer built in this session.
    public var generator: SeededGenerator
    /// False while a model file is loaded: building then leaves the weights' memory unfilled
    /// (the file's values overwrite every one), which saves a pass of the random generator over
    /// every weight, and the generator's state stays as it was.
    public var initializesWeights = true

    /// A session seeded from `seed`, or from the system's entropy when nil.
    public init(seed: UInt64? = nil) {
        names = NameRegistry()
        var system = SystemRandomNumberGenerator()
        generator = SeededGenerator(seed: seed ?? system.next())
    }

    /// `keras.utils.set_random_seed(seed)`: the weights built from now on are reproducible.
    /// Keras requires a non-negative integer.
    public func setRandomSeed(_ seed: Int) throws {
        guard seed >= 0 else {
            throw LayerError.value("Expected `seed` argument to be a non-negative integer. Received: seed=\(seed)",
                                   argument: "seed")
        }
        generator = SeededGenerator(seed: UInt64(seed))
    }

    /// `keras.backend.clear_session()`: default names start again from `conv2d`, `sequential`.
    /// The random generator is left as it is (set a seed again for reproducible weights).
    public func clear() { names.clear() }
}
