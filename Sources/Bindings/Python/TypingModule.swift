import FoveaLang

/// `typing`: the names annotations use (`List[int]`, `Optional[str]`, `Callable[..., float]`).
/// Fovea does not check or evaluate annotations, so these are names that can be subscripted and
/// shown, nothing more; `cast` returns its value and `TYPE_CHECKING` is False, as at run time in
/// Python.
enum TypingModule {
    static let forms = ["Any", "List", "Dict", "Tuple", "Set", "FrozenSet", "Optional", "Union", "Callable", "Iterable",
                        "Iterator", "Sequence", "Mapping", "MutableMapping", "Generator", "Type", "ClassVar", "Literal",
                        "Final", "Annotated", "Protocol", "NoReturn", "Deque", "DefaultDict", "Counter", "OrderedDict"]

    static func module() -> ModuleValue {
        let m = ModuleValue("typing", doc: "Names for type annotations (List[int], Optional[str], ...). Fovea does not check annotations.")
        for name in forms { m.add(name, .object(TypingForm(name))) }
        m.add("TYPE_CHECKING", .bool(false))
        m.add(NativeFunction("cast", doc: "cast(type, value): value, unchanged (a note for type checkers).",
                             parameters: [.required("typ"), .required("val")]) { a, _ in
            _ = a["typ"]
            return a["val"]!
        })
        m.add(NativeFunction("TypeVar", doc: "TypeVar('T'): a type variable for annotations.",
                             parameters: [.required("name"), .varPositional("constraints"), .varKeyword("options")]) { a, _ in
            _ = a.varPositional; _ = a.varKeyword
            return .object(TypingForm("~" + (try a.string("name")), module: nil))
        })
        return m
    }
}

/// `typing.List`, `typing.Optional[int]`, ...: subscripting gives another form, shown as Python
/// shows it (`typing.List[int]`).
final class TypingForm: FoveaObject {
    let name: String
    let module: String?
    init(_ name: String, module: String? = "typing") { self.name = name; self.module = module }

    var typeName: String { "_SpecialForm" }
    var doc: String { "typing.\(name): a name for annotations; Fovea does not check them." }
    func repr() -> String { module.map { "\($0).\(name)" } ?? name }

    func getItem(_ index: Value, context: CallContext) throws -> Value? {
        let items: [Value]
        if case .tuple(let t) = index { items = t } else { items = [index] }
        let shown = items.map { v -> String in
            switch v {
            case .type(let t): return t.module == nil || t.module == "builtins" ? t.name : t.qualifiedName
            case .none: return "None"
            case .object(let o as TypingForm): return o.repr()
            case .list(let l): return "[" + l.items.map { Repr.repr($0) }.joined(separator: ", ") + "]"
            default: return Repr.repr(v)
            }
        }
        return .object(TypingForm("\(name)[\(shown.joined(separator: ", "))]", module: module))
    }
}
