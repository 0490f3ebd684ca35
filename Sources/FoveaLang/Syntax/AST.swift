/// The syntax tree of a cell. Every node carries the span it came from, so any error about it
/// can point at the code.

public struct Expr: Sendable, Equatable {
    public var kind: ExprKind
    public var span: Span
    /// How many expressions deep the tree is, this one included (1 for a name or a literal);
    /// worked out from the children's when the node is made. The parser keeps it within
    /// `ParserState.maxNesting`, so that walking a tree never needs much stack.
    public let height: Int
    public init(_ kind: ExprKind, _ span: Span) { self.kind = kind; self.span = span; self.height = 1 + kind.childHeight }
}

extension ExprKind {
    /// The height of the tallest child expression (0 when there is none).
    var childHeight: Int {
        func tallest(_ es: [Expr]) -> Int { es.reduce(0) { max($0, $1.height) } }
        func parts(_ ps: [FStringPart]) -> Int {
            ps.reduce(0) { h, p in
                guard case .field(let e, _, let spec, _) = p else { return h }
                return max(h, e.height, spec.map(parts) ?? 0)
            }
        }
        switch self {
        case .name, .int, .float, .string, .bytes, .bool, .none, .ellipsis, .shellCapture, .magicValue: return 0
        case .fstring(let ps): return parts(ps)
        case .tuple(let es), .list(let es), .set(let es): return tallest(es)
        case .dict(let entries): return entries.reduce(0) { max($0, $1.key?.height ?? 0, $1.value.height) }
        case .unary(_, let e), .attribute(let e, _, _), .starred(let e), .lambda(_, let e): return e.height
        case .binary(_, let a, let b), .boolOp(_, let a, let b), .subscript(let a, let b): return max(a.height, b.height)
        case .compare(let e, let cs): return max(e.height, cs.reduce(0) { max($0, $1.right.height) })
        case .call(let e, let args): return max(e.height, args.reduce(0) { max($0, $1.value.height) })
        case .slice(let a, let b, let c): return max(a?.height ?? 0, b?.height ?? 0, c?.height ?? 0)
        case .conditional(let a, let b, let c): return max(a.height, b.height, c.height)
        case .yield(let e, _): return e?.height ?? 0
        case .comprehension(_, let element, let key, let clauses):
            return clauses.reduce(max(element.height, key?.height ?? 0)) {
                max($0, $1.target.height, $1.iterable.height, tallest($1.conditions))
            }
        }
    }
}

public indirect enum ExprKind: Sendable, Equatable {
    case name(String)
    /// `= !command` (IPython): the command's output lines, as a list.
    case shellCapture(String)
    /// `= %name args` (IPython): the line magic's value.
    case magicValue(name: String, args: String)
    case int(Int)
    case float(Double)
    case string(String)
    /// A bytes literal `b'...'`.
    case bytes([UInt8])
    /// An f-string: literal text and replacement fields, in order.
    case fstring([FStringPart])
    case bool(Bool)
    case none
    case ellipsis
    case tuple([Expr])
    case list([Expr])
    case set([Expr])
    case dict([DictEntry])
    case unary(UnaryOp, Expr)
    case binary(BinaryOp, Expr, Expr)
    /// `a and b`, `a or b` (short-circuit).
    case boolOp(BoolOp, Expr, Expr)
    /// A comparison chain: `a < b <= c` is `compare(a, [(.lt, b), (.le, c)])`.
    case compare(Expr, [Comparison])
    case call(Expr, [Argument])
    /// `value.name`; `nameSpan` covers just the name.
    case attribute(Expr, name: String, nameSpan: Span)
    /// `value[index]`; a multi-dimensional index is a `.tuple`, slices are `.slice`.
    case `subscript`(Expr, Expr)
    /// `lower:upper:step` inside a subscript.
    case slice(lower: Expr?, upper: Expr?, step: Expr?)
    /// `body if test else orelse`
    case conditional(test: Expr, body: Expr, orelse: Expr)
    /// `[elt for ...]`, `{elt for ...}`, `(elt for ...)`; dict comprehensions use `key`.
    case comprehension(ComprehensionKind, element: Expr, key: Expr?, clauses: [ComprehensionClause])
    /// `*value` inside a call, list or tuple display.
    case starred(Expr)
    case lambda(params: [Parameter], body: Expr)
    /// `yield value` (value nil: `yield`), `yield from iterable` (`from` true).
    case yield(Expr?, from: Bool)
}

public enum FStringPart: Sendable, Equatable {
    case literal(String)
    /// `{expr!conversion:spec}`; `conversion` is "r", "s" or "a"; the spec may hold nested fields.
    /// `selfDocumenting` is the `{x=}` form, whose text (`x=`) is printed before the value.
    case field(Expr, conversion: Character?, spec: [FStringPart]?, selfDocumenting: String?)
}

public struct DictEntry: Sendable, Equatable {
    /// nil for `**mapping`.
    public var key: Expr?
    public var value: Expr
    public init(key: Expr?, value: Expr) { self.key = key; self.value = value }
}

public struct Comparison: Sendable, Equatable {
    public var op: CompareOp
    public var right: Expr
    public var opSpan: Span
    public init(op: CompareOp, right: Expr, opSpan: Span) { self.op = op; self.right = right; self.opSpan = opSpan }
}

public struct Argument: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case positional
        case keyword(String)
        case star        // *args
        case doubleStar  // **kwargs
    }
    public var kind: Kind
    public var value: Expr
    /// The whole argument, keyword name included.
    public var span: Span
    public init(kind: Kind, value: Expr, span: Span) { self.kind = kind; self.value = value; self.span = span }
}

public enum ComprehensionKind: Sendable, Equatable { case list, set, dict, generator }

public struct ComprehensionClause: Sendable, Equatable {
    public var target: Expr
    public var iterable: Expr
    public var conditions: [Expr]
    public init(target: Expr, iterable: Expr, conditions: [Expr]) {
        self.target = target; self.iterable = iterable; self.conditions = conditions
    }
}

/// The unary operators; `absolute` is the built-in abs(), which objects answer through the same hook.
public enum UnaryOp: String, Sendable, Equatable { case negate = "-", plus = "+", not = "not", invert = "~", absolute = "abs" }

public enum BinaryOp: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
    case modulo = "%", power = "**", matmul = "@"
    case bitAnd = "&", bitOr = "|", bitXor = "^", leftShift = "<<", rightShift = ">>"
}

public enum BoolOp: String, Sendable, Equatable { case and, or }

public enum CompareOp: String, Sendable, Equatable {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case `in` = "in", notIn = "not in", `is` = "is", isNot = "is not"
}

/// One `except` clause: the classes it catches (nil: every exception), the name it binds.
public struct ExceptHandler: Sendable, Equatable {
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var span: Span
    public init(type: Expr?, name: String?, body: [Stmt], span: Span) {
        self.type = type; self.name = name; self.body = body; self.span = span
    }
}

/// One context manager of a `with` statement, and what its `__enter__` value is bound to.
public struct WithItem: Sendable, Equatable {
    public var context: Expr
    public var target: Expr?
    public init(context: Expr, target: Expr?) { self.context = context; self.target = target }
}

public struct Stmt: Sendable, Equatable {
    public var kind: StmtKind
    public var span: Span
    public init(_ kind: StmtKind, _ span: Span) { self.kind = kind; self.span = span }
}

public indirect enum StmtKind: Sendable, Equatable {
    case expression(Expr)
    /// `a = b = value`: every target gets the value; targets may be names, attributes, subscripts
    /// or tuples/lists of them (unpacking).
    case assign(targets: [Expr], value: Expr)
    /// `target: annotation = value` or `target: annotation`. Annotations are not evaluated (as
    /// under `from __future__ import annotations`): a class or the cell records their source text.
    case annotatedAssign(target: Expr, annotation: String, value: Expr?)
    /// `target op= value`
    case augmentedAssign(target: Expr, op: BinaryOp, value: Expr)
    case `if`(branches: [IfBranch], orelse: [Stmt]?)
    case `for`(target: Expr, iterable: Expr, body: [Stmt], orelse: [Stmt]?)
    case `while`(test: Expr, body: [Stmt], orelse: [Stmt]?)
    case `break`
    case `continue`
    case pass
    case del([Expr])
    case assert(test: Expr, message: Expr?)
    /// `try: ... except T as e: ... else: ... finally: ...` (at least one handler or a finally).
    case `try`(body: [Stmt], handlers: [ExceptHandler], orelse: [Stmt]?, finalbody: [Stmt]?)
    /// `raise`, `raise E`, `raise E from C`.
    case raise(exception: Expr?, cause: Expr?)
    /// `global a, b` and `nonlocal a, b`: assignments to these names in the function go to the
    /// module's (or the enclosing function's) variables.
    case global([String])
    case nonlocal([String])
    /// `with a as x, b:` body.
    case with(items: [WithItem], body: [Stmt])
    /// `import a.b as c, d`
    case `import`([ImportName])
    /// `from module import a as b, c` (`names == nil` for `import *`)
    case importFrom(module: String, moduleSpan: Span, names: [ImportName]?)
    /// `def name(params): body`; a generator when the body yields.
    case functionDef(name: String, params: [Parameter], body: [Stmt], isGenerator: Bool)
    /// `class name(bases, keywords): body`
    case classDef(name: String, bases: [Argument], body: [Stmt])
    /// `@d1 @d2 def/class name`: the decorators are evaluated first, then the definition runs,
    /// then `name = d1(d2(name))`.
    case decorated(decorators: [Expr], name: String, definition: Stmt)
    case `return`(Expr?)
    /// A line magic `%name args` (the rest of the line, unparsed).
    case lineMagic(name: String, args: String)
    /// A cell magic `%%name args` on the first line; `body` is the rest of the cell, unparsed.
    case cellMagic(name: String, args: String, body: String, bodyOffset: Int)
    /// `name?` / `name??` / `?name`: show help for an expression.
    case help(Expr, detail: Int)
    /// `!command`: shell escapes, which Fovea refuses with an explanation.
    case shell(String)
}

public struct IfBranch: Sendable, Equatable {
    public var test: Expr
    public var body: [Stmt]
    public init(test: Expr, body: [Stmt]) { self.test = test; self.body = body }
}

public struct ImportName: Sendable, Equatable {
    /// Dotted name as written: "tensorflow.keras" or "Conv2D".
    public var name: String
    public var alias: String?
    public var span: Span
    public init(name: String, alias: String?, span: Span) { self.name = name; self.alias = alias; self.span = span }
}

public struct Parameter: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case positionalOrKeyword, varPositional, keywordOnly, varKeyword }
    public var name: String
    public var defaultValue: Expr?
    public var span: Span
    public var kind: Kind
    public init(name: String, defaultValue: Expr?, span: Span, kind: Kind = .positionalOrKeyword) {
        self.name = name; self.defaultValue = defaultValue; self.span = span; self.kind = kind
    }
}

/// A parsed cell.
public struct Module: Sendable, Equatable {
    public var body: [Stmt]
    public init(body: [Stmt]) { self.body = body }
}
