import Glibc
import Figures
import FoveaLang
import Rendering
import Tensor

/// Checking and converting pyplot's arguments: arrays of numbers, colours in matplotlib's
/// spellings, format strings ('r--', 'bo'), subplot positions, sizes, text styles, files.
enum PlotArguments {
    /// An array of numbers (a numpy array, a list, a tuple, a range, a number) as its shape and
    /// values; `dtype` is the array's element type (nil for Python numbers).
    static func numbers(_ value: Value, _ name: String, function: String, at span: Span) throws -> (dims: [Int], values: [Double], dtype: DType?) {
        if case .object(let o) = value, let t = o as? TensorObject {
            return (t.tensor.shape.dims, t.tensor.doubleArray, t.tensor.dtype)
        }
        if case .range(let r) = value { return ([r.count], (0..<r.count).map { Double(r.element($0)) }, nil) }
        if let d = value.asDouble { return ([], [d], nil) }
        guard KerasArguments.sequence(value) != nil else {
            throw Diagnostic(.typeError, "\(function)() expects numbers for \(name) (a list or an array). Received a value of type '\(value.typeName)'", at: span)
        }
        let t = try ArrayValues.array(value, argument: name, at: span)
        return (t.shape.dims, t.doubleArray, t.dtype)
    }

    static func vector(_ value: Value, _ name: String, function: String, at span: Span) throws -> [Double] {
        let a = try numbers(value, name, function: function, at: span)
        guard a.dims.count <= 1 else {
            throw Diagnostic(.valueError, "\(function)() expects a 1-D sequence for \(name). Received shape \(formatDims(a.dims))", at: span)
        }
        return a.values
    }

    /// A number argument, nil when absent or None.
    static func optionalDouble(_ args: BoundArguments, _ name: String) throws -> Double? {
        guard let v = args[name], !v.isNone else { return nil }
        return try args.double(name)
    }

    static func formatDims(_ d: [Int]) -> String { d.count == 1 ? "(\(d[0]),)" : "(" + d.map(String.init).joined(separator: ", ") + ")" }

    // MARK: colours

    static let letters: [Character: PlotColor] = [
        "b": PlotColor(0, 0, 1), "g": PlotColor(0, 0.5, 0), "r": PlotColor(1, 0, 0), "c": PlotColor(0, 0.75, 0.75),
        "m": PlotColor(0.75, 0, 0.75), "y": PlotColor(0.75, 0.75, 0), "k": .black, "w": .white,
    ]

    static let tableau = ["blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"]

    /// CSS4 names tutorials use, with matplotlib's values.
    static let named: [String: Int] = [
        "black": 0x000000, "white": 0xffffff, "red": 0xff0000, "green": 0x008000, "blue": 0x0000ff, "yellow": 0xffff00,
        "orange": 0xffa500, "purple": 0x800080, "brown": 0xa52a2a, "pink": 0xffc0cb, "gray": 0x808080, "grey": 0x808080,
        "cyan": 0x00ffff, "magenta": 0xff00ff, "olive": 0x808000, "navy": 0x000080, "teal": 0x008080, "lime": 0x00ff00,
        "maroon": 0x800000, "gold": 0xffd700, "silver": 0xc0c0c0, "lightgray": 0xd3d3d3, "lightgrey": 0xd3d3d3,
        "darkgray": 0xa9a9a9, "darkgrey": 0xa9a9a9, "dimgray": 0x696969, "skyblue": 0x87ceeb, "lightblue": 0xadd8e6,
        "darkblue": 0x00008b, "darkgreen": 0x006400, "darkred": 0x8b0000, "salmon": 0xfa8072, "coral": 0xff7f50,
        "violet": 0xee82ee, "indigo": 0x4b0082, "tomato": 0xff6347, "crimson": 0xdc143c, "steelblue": 0x4682b4,
        "royalblue": 0x4169e1, "seagreen": 0x2e8b57, "limegreen": 0x32cd32, "darkorange": 0xff8c00, "tan": 0xd2b48c,
        "khaki": 0xf0e68c, "lightgreen": 0x90ee90, "turquoise": 0x40e0d0, "beige": 0xf5f5dc, "aqua": 0x00ffff,
    ]

    /// A colour from a name, a single letter, 'C3', 'tab:blue', '#rrggbb', a grey level string
    /// ('0.5') or an (r, g, b[, a]) tuple; nil when it is none of these.
    static func color(_ v: Value) -> PlotColor? {
        switch v {
        case .str(let raw):
            let s = raw.lowercased()
            if s.count == 1, let c = letters[s.first!] { return c }
            if s.hasPrefix("c"), s.count == 2, let d = Int(s.dropFirst()) { return PlotCycle.tab10[d % 10] }
            if s.hasPrefix("tab:"), let i = tableau.firstIndex(of: String(s.dropFirst(4))) { return PlotCycle.tab10[i] }
            if let hex = named[s] { return PlotColor(hex: hex) }
            if s == "none" { return PlotColor.none }
            if s.hasPrefix("#") {
                var h = String(s.dropFirst())
                if h.count == 3 || h.count == 4 { h = h.map { "\($0)\($0)" }.joined() }
                guard h.count == 6 || h.count == 8, let n = UInt64(h, radix: 16) else { return nil }
                if h.count == 8 {
                    return PlotColor(Double((n >> 24) & 255) / 255, Double((n >> 16) & 255) / 255, Double((n >> 8) & 255) / 255, Double(n & 255) / 255)
                }
                return PlotColor(hex: Int(n))
            }
            if let g = Double(s), g >= 0, g <= 1 { return PlotColor(gray: g) }
            return nil
        case .tuple, .list:
            let items = KerasArguments.sequence(v) ?? []
            let d = items.compactMap(\.asDouble)
            guard d.count == items.count, d.count == 3 || d.count == 4, d.allSatisfy({ $0 >= 0 && $0 <= 1 }) else { return nil }
            return PlotColor(d[0], d[1], d[2], d.count == 4 ? d[3] : 1)
        default:
            return nil
        }
    }

    /// A colour argument, with matplotlib's "Invalid RGBA argument" ValueError.
    static func color(_ args: BoundArguments, _ name: String) throws -> PlotColor? {
        guard let v = args[name], !v.isNone else { return nil }
        guard let c = color(v) else { throw invalidColor(v, name, at: args.span(of: name)) }
        return c
    }

    /// matplotlib's own wording, with Fovea's short list of spellings as a note.
    static func invalidColor(_ v: Value, _ name: String = "color", at span: Span) -> Diagnostic {
        Diagnostic(.valueError, "\(Repr.repr(v)) is not a valid value for \(name): supported inputs are (r, g, b) and (r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', ... strings for colors of the color cycle; and pairs combining one of the above with an alpha value",
                   at: span, notes: ["help: colours are names ('red', 'tab:blue'), letters ('r'), 'C0'...'C9', '#ff8800', grey levels ('0.5') or (r, g, b) tuples of 0...1"])
    }

    // MARK: format strings

    /// `'r--'`, `'bo'`, `'g-.'`, `'k:'`, `'C1o-'`: colour, marker and line style.
    static func format(_ fmt: String, at span: Span) throws -> (color: PlotColor?, marker: MarkerStyle?, style: LineStyle?) {
        var color: PlotColor?, marker: MarkerStyle?, style: LineStyle?
        let chars = Array(fmt)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
            if two == "--" || two == "-." { style = LineStyle(rawValue: two); i += 2; continue }
            if c == "C", i + 1 < chars.count, let d = chars[i + 1].wholeNumberValue { color = PlotCycle.tab10[d]; i += 2; continue }
            if c == "-" || c == ":" { style = LineStyle(rawValue: String(c)); i += 1; continue }
            if let m = MarkerStyle(rawValue: String(c)) { marker = m; i += 1; continue }
            if let col = letters[c] { color = col; i += 1; continue }
            throw Diagnostic(.valueError, "\(Repr.string(fmt)) is not a valid format string (unrecognized character '\(c)')", at: span,
                             notes: ["help: a format string is a colour (b g r c m y k w), a marker (o . x s ^ v + * D) and a line style (- -- -. :), e.g. 'r--' or 'bo'"])
        }
        if marker != nil && style == nil { style = LineStyle.none }
        return (color, marker, style)
    }

    static func lineStyle(_ v: Value, at span: Span) throws -> LineStyle {
        let names: [String: LineStyle] = ["-": .solid, "solid": .solid, "--": .dashed, "dashed": .dashed, "-.": .dashDot, "dashdot": .dashDot,
                                          ":": .dotted, "dotted": .dotted, "": .none, "None": .none, "none": .none, " ": .none]
        guard case .str(let s) = v, let st = names[s] else {
            throw Diagnostic(.valueError, "\(Repr.repr(v)) is not a valid value for linestyle; supported values are '-', '--', '-.', ':', 'None'", at: span)
        }
        return st
    }

    static func marker(_ v: Value, at span: Span) throws -> MarkerStyle? {
        if v.isNone { return nil }
        guard case .str(let s) = v else { throw Diagnostic(.valueError, "Unrecognized marker style \(Repr.repr(v))", at: span) }
        if s == "" || s == "None" || s == "none" { return nil }
        guard let m = MarkerStyle(rawValue: s) else {
            throw Diagnostic(.valueError, "Unrecognized marker style \(Repr.repr(v))", at: span,
                             notes: ["help: Fovea draws the markers " + MarkerStyle.allCases.map { "'\($0.rawValue)'" }.joined(separator: " ")])
        }
        return m
    }

    // MARK: figures and text

    /// `subplot(2, 3, 4)`, `subplot(234)`, `subplot(2, 3, (1, 2))` as a grid placement.
    static func subplotPlacement(_ positional: [(value: Value, span: Span)], function: String, at span: Span) throws -> AxesPlacement {
        let vals = positional.map(\.value)
        var r = 1, c = 1, first = 1, last = 1
        if vals.isEmpty { return .grid(rows: 1, columns: 1, first: 0, last: 0) }
        if vals.count == 1, let n = vals[0].asInt, n >= 111, n <= 999 {
            r = n / 100; c = (n / 10) % 10; first = n % 10; last = first
        } else if vals.count == 3, let rr = vals[0].asInt, let cc = vals[1].asInt {
            r = rr; c = cc
            if let i = vals[2].asInt { first = i; last = i }
            else if case .tuple(let t) = vals[2], t.count == 2, let a = t[0].asInt, let b = t[1].asInt { first = a; last = b }
            else { throw Diagnostic(.typeError, "\(function)() index must be an int or a (first, last) tuple. Received: \(Repr.repr(vals[2]))", at: positional[2].span) }
        } else {
            throw Diagnostic(.typeError, "\(function)() takes 3 positional arguments (nrows, ncols, index) or one 3-digit number such as 235. Received \(vals.count) argument\(vals.count == 1 ? "" : "s")", at: span)
        }
        guard r > 0, c > 0 else { throw Diagnostic(.valueError, "Number of rows and columns must be positive integers, not \(r) and \(c)", at: span) }
        for i in [first, last] where i < 1 || i > r * c {
            throw Diagnostic(.valueError, "num must be an integer with 1 <= num <= \(r * c), not \(i)", at: positional.last?.span ?? span)
        }
        return .grid(rows: r, columns: c, first: first - 1, last: last - 1)
    }

    static func size(_ args: BoundArguments, _ wName: String, _ hName: String?) throws -> (Double, Double) {
        let v = args[wName] ?? .none
        if let hName, let h = args[hName], !h.isNone, let w = v.asDouble, let hh = h.asDouble, w > 0, hh > 0 { return (w, hh) }
        if let seq = KerasArguments.sequence(v), seq.count == 2, let w = seq[0].asDouble, let h = seq[1].asDouble, w > 0, h > 0 { return (w, h) }
        throw Diagnostic(.valueError, "\(args.functionName)() expects a size (width, height) in inches, both positive. Received: \(wName)=\(Repr.repr(v))", at: args.span(of: wName))
    }

    static func adjust(_ fig: inout PlotFigure, _ args: BoundArguments) throws {
        for n in ["left", "bottom", "right", "top", "wspace", "hspace"] {
            guard let v = args[n], !v.isNone else { continue }
            guard let d = v.asDouble else { throw Diagnostic(.typeError, "subplots_adjust() \(n) must be a number, not '\(v.typeName)'", at: args.span(of: n)) }
            switch n {
            case "left": fig.left = d
            case "bottom": fig.bottom = d
            case "right": fig.right = d
            case "top": fig.top = d
            case "wspace": fig.wspace = d
            default: fig.hspace = d
            }
        }
        guard fig.left < fig.right, fig.bottom < fig.top else {
            throw Diagnostic(.valueError, "left cannot be >= right and bottom cannot be >= top", at: args.callSpan)
        }
    }

    static let sizeNames: [String: Double] = ["xx-small": 0.579, "x-small": 0.694, "small": 0.833, "medium": 1, "large": 1.2,
                                              "x-large": 1.44, "xx-large": 1.728, "larger": 1.2, "smaller": 0.833]

    /// `fontsize=`, `color=`, `fontweight=` of a text call.
    static func textStyle(_ args: BoundArguments, base: TextStyle) throws -> TextStyle {
        var style = base
        if let v = args["fontsize"] ?? args["size"], !v.isNone {
            if let d = v.asDouble, d > 0 { style.size = d }
            else if case .str(let s) = v, let f = sizeNames[s] { style.size = 10 * f }
            else { throw Diagnostic(.valueError, "fontsize must be a positive number or a size name such as 'large'. Received: \(Repr.repr(v))", at: args.span(of: "fontsize")) }
        }
        if let c = try color(args, "color") { style.color = c }
        if let w = args["fontweight"], !w.isNone {
            switch w {
            case .str(let s): style.bold = ["bold", "heavy", "extra bold", "black", "semibold", "demibold", "demi"].contains(s)
            case .int(let n): style.bold = n >= 600
            default: throw Diagnostic(.valueError, "fontweight must be a name such as 'bold' or a number. Received: \(Repr.repr(w))", at: args.span(of: "fontweight"))
            }
        }
        return style
    }

    // MARK: files and drawing

    static func path(_ args: BoundArguments, _ name: String) throws -> String {
        let v = args[name] ?? .none
        if case .str(let s) = v { return s }
        if case .object(let o as PathLike) = v { return o.fileSystemPath }
        throw Diagnostic(.typeError, "savefig() fname must be a file name (str or a path). Received a value of type '\(v.typeName)'", at: args.span(of: name))
    }

    static func write(_ bytes: [UInt8], to file: String, at span: Span) throws {
        guard let f = fopen(file, "wb") else {
            throw Diagnostic(.fileNotFoundError, "[Errno \(errno)] \(String(cString: strerror(errno))): \(Repr.string(file))", at: span)
        }
        defer { fclose(f) }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        if written != bytes.count { throw Diagnostic(.osError, "could not write \(Repr.string(file))", at: span) }
    }

    /// Runs a drawing, turning a Cairo failure into a located RuntimeError.
    static func drawing<T>(_ span: Span, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CairoError {
            throw Diagnostic(e.isSize ? .valueError : .runtimeError, e.message, at: span)
        }
    }
}
