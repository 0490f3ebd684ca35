/// A Python exception class as a value: its name and its base, so that `except ValueError`
/// and `except Exception` can match by class. The built-in classes mirror Python's hierarchy;
/// a library may declare its own (`ExceptionClass("UsageError", base: .exception)`).
public final class ExceptionClass: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let base: ExceptionClass?
    /// The further bases of a class written with several (`class ShapeError(MyError, ValueError)`).
    public let otherBases: [ExceptionClass]

    public init(_ name: String, base: ExceptionClass?, otherBases: [ExceptionClass] = []) {
        self.name = name
        self.base = base
        self.otherBases = otherBases
    }

    /// Whether this class is `other` or derives from it (`issubclass`).
    public func isSubclass(of other: ExceptionClass) -> Bool {
        if self === other { return true }
        if let base, base.isSubclass(of: other) { return true }
        return otherBases.contains { $0.isSubclass(of: other) }
    }

    public var description: String { name }
    public static func == (a: ExceptionClass, b: ExceptionClass) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    // Python's built-in hierarchy (the part Fovea raises or a learner catches).
    public static let baseException = ExceptionClass("BaseException", base: nil)
    public static let keyboardInterrupt = ExceptionClass("KeyboardInterrupt", base: baseException)
    public static let systemExit = ExceptionClass("SystemExit", base: baseException)
    public static let generatorExit = ExceptionClass("GeneratorExit", base: baseException)
    public static let exception = ExceptionClass("Exception", base: baseException)
    public static let arithmeticError = ExceptionClass("ArithmeticError", base: exception)
    public static let zeroDivisionError = ExceptionClass("ZeroDivisionError", base: arithmeticError)
    public static let overflowError = ExceptionClass("OverflowError", base: arithmeticError)
    public static let assertionError = ExceptionClass("AssertionError", base: exception)
    public static let attributeError = ExceptionClass("AttributeError", base: exception)
    public static let eofError = ExceptionClass("EOFError", base: exception)
    public static let importError = ExceptionClass("ImportError", base: exception)
    public static let moduleNotFoundError = ExceptionClass("ModuleNotFoundError", base: importError)
    public static let lookupError = ExceptionClass("LookupError", base: exception)
    public static let indexError = ExceptionClass("IndexError", base: lookupError)
    public static let keyError = ExceptionClass("KeyError", base: lookupError)
    public static let memoryError = ExceptionClass("MemoryError", base: exception)
    public static let nameError = ExceptionClass("NameError", base: exception)
    public static let unboundLocalError = ExceptionClass("UnboundLocalError", base: nameError)
    public static let osError = ExceptionClass("OSError", base: exception)
    public static let fileExistsError = ExceptionClass("FileExistsError", base: osError)
    public static let fileNotFoundError = ExceptionClass("FileNotFoundError", base: osError)
    public static let isADirectoryError = ExceptionClass("IsADirectoryError", base: osError)
    public static let notADirectoryError = ExceptionClass("NotADirectoryError", base: osError)
    public static let permissionError = ExceptionClass("PermissionError", base: osError)
    public static let runtimeError = ExceptionClass("RuntimeError", base: exception)
    public static let notImplementedError = ExceptionClass("NotImplementedError", base: runtimeError)
    public static let recursionError = ExceptionClass("RecursionError", base: runtimeError)
    public static let stopIteration = ExceptionClass("StopIteration", base: exception)
    public static let syntaxError = ExceptionClass("SyntaxError", base: exception)
    public static let indentationError = ExceptionClass("IndentationError", base: syntaxError)
    public static let tabError = ExceptionClass("TabError", base: indentationError)
    public static let systemError = ExceptionClass("SystemError", base: exception)
    public static let typeError = ExceptionClass("TypeError", base: exception)
    public static let valueError = ExceptionClass("ValueError", base: exception)
    public static let unicodeError = ExceptionClass("UnicodeError", base: valueError)
    public static let unicodeDecodeError = ExceptionClass("UnicodeDecodeError", base: unicodeError)
    public static let unicodeEncodeError = ExceptionClass("UnicodeEncodeError", base: unicodeError)
    // IPython's: a magic used the wrong way, and input() where the frontend cannot answer.
    public static let usageError = ExceptionClass("UsageError", base: exception)
    public static let stdinNotImplementedError = ExceptionClass("StdinNotImplementedError", base: notImplementedError)

    /// Every built-in class, bases before the classes that derive from them.
    public static let builtins: [ExceptionClass] = [
        baseException, keyboardInterrupt, systemExit, generatorExit, exception, arithmeticError, zeroDivisionError, overflowError,
        assertionError, attributeError, eofError, importError, moduleNotFoundError, lookupError, indexError, keyError,
        memoryError, nameError, unboundLocalError, osError, fileExistsError, fileNotFoundError, isADirectoryError,
        notADirectoryError, permissionError, runtimeError, notImplementedError, recursionError, stopIteration,
        syntaxError, indentationError, tabError, systemError, typeError, valueError, unicodeError, unicodeDecodeError,
        unicodeEncodeError, usageError,
        stdinNotImplementedError,
    ]

    private static let byName: [String: ExceptionClass] =
        Dictionary(builtins.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// The built-in class of this name, for errors that other modules name by string (the
    /// network library's `ValueError`); `Exception` for a name Fovea does not know.
    public static func named(_ name: String) -> ExceptionClass { byName[name] ?? exception }
}
