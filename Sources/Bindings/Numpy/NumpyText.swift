import DataIO
import FoveaLang
import Glibc
import Tensor

/// `np.loadtxt` and `np.savetxt` for small CSV and whitespace-separated text files, with numpy's
/// defaults (float64, '#' comments, '%.18e' values) and numpy's error messages.
enum NumpyText {
    static func register(_ m: ModuleValue) {
        m.add(NativeFunction("loadtxt", doc: """
            loadtxt(fname, dtype=float, comments='#', delimiter=None, skiprows=0, usecols=None, unpack=False, ndmin=0, max_rows=None)

            An array from a text file, one row per line: values split at delimiter (whitespace by default), text after \
            comments ignored, the first skiprows lines skipped, only the columns in usecols kept. A single row or column \
            comes back 1-D; unpack=True gives the columns.
            """, parameters: [.required("fname"), .optional("dtype", default: .str("float64")), .optional("comments", default: .str("#")),
                              .optional("delimiter", default: Value.none), .optional("converters", default: Value.none),
                              .optional("skiprows", default: .int(0)), .optional("usecols", default: Value.none),
                              .optional("unpack", default: .bool(false)), .optional("ndmin", default: .int(0)),
                              .optional("encoding", default: Value.none), .optional("max_rows", default: Value.none)]) { a, _ in
            _ = a["encoding"]
            if let c = a["converters"], !c.isNone {
                throw Diagnostic(.notImplementedError, "Fovea's loadtxt has no converters; load the numbers and transform the array", at: a.span(of: "converters"))
            }
            let dtype = try ArrayValues.dtype(a["dtype"]!, argument: "dtype", at: a.span(of: "dtype"))
            let path = try a.path("fname")
            // numpy's own wording for a missing file.
            guard access(path, F_OK) == 0 else { throw Diagnostic(.fileNotFoundError, "\(path) not found.", at: a.span(of: "fname")) }
            let bytes = try NumpyFiles.read(path, at: a.span(of: "fname"))
            let comment = try a.optionalString("comments")
            let delimiter = try a.optionalString("delimiter")
            let skip = try a.int("skiprows")
            let maxRows = try a["max_rows"].flatMap { $0.isNone ? nil : try a.int("max_rows") }
            var usecols: [Int]?
            if let u = a["usecols"], !u.isNone {
                if case .int(let i) = u { usecols = [i] } else {
                    usecols = try ArrayValues.shape(u, argument: "usecols", at: a.span(of: "usecols"))
                }
            }
            var rows: [[String]] = []
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropFirst(skip) {
                if let maxRows, rows.count >= maxRows { break }
                var text = Substring(line)
                if let comment, !comment.isEmpty, let r = text.firstRange(of: comment) { text = text[..<r.lowerBound] }
                if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
                var fields = delimiter.map { d in text.split(separator: d, omittingEmptySubsequences: false).map(String.init) }
                    ?? text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
                fields = fields.map { $0.trimmingCharacters(in: " \t\r") }
                if let first = rows.first, first.count != fields.count, usecols == nil {
                    throw Diagnostic(.valueError, "the number of columns changed from \(first.count) to \(fields.count) at row \(rows.count + 1); use `usecols` to select a subset and avoid this error", at: a.callSpan)
                }
                if let usecols {
                    fields = try usecols.map { c in
                        let i = c < 0 ? c + fields.count : c
                        guard i >= 0, i < fields.count else {
                            throw Diagnostic(.valueError, "invalid column index \(c) at row \(rows.count + 1) with \(fields.count) columns", at: a.span(of: "usecols"))
                        }
                        return fields[i]
                    }
                }
                rows.append(fields)
            }
            let columns = rows.first?.count ?? 0
            var result: Tensor
            if dtype.isFloat {
                var values: [Double] = []
                for (r, row) in rows.enumerated() {
                    for (c, field) in row.enumerated() {
                        guard let v = Double(field) else { throw convertError(field, dtype, r, c, a.callSpan) }
                        values.append(v)
                    }
                }
                result = try Tensor(shape: Shape([rows.count, columns]), doubles: values).converted(to: dtype)
            } else {
                var values: [Int64] = []
                for (r, row) in rows.enumerated() {
                    for (c, field) in row.enumerated() {
                        guard let v = Int64(field.hasPrefix("+") ? String(field.dropFirst()) : field) else { throw convertError(field, dtype, r, c, a.callSpan) }
                        values.append(v)
                    }
                }
                result = try Tensor(shape: Shape([rows.count, columns]), int64s: values).converted(to: dtype)
            }
            if rows.isEmpty { result = try Tensor(zeros: Shape([0]), dtype: dtype) }
            let ndmin = try a.int("ndmin")
            guard [0, 1, 2].contains(ndmin) else { throw Diagnostic(.valueError, "Illegal value of ndmin keyword: \(ndmin)", at: a.span(of: "ndmin")) }
            return try ArrayValues.run(a.callSpan) {
                if result.shape.rank > ndmin { result = try Tensor.squeezedAll(result) }
                if result.shape.rank < ndmin {
                    result = try result.reshaped(Shape(ndmin == 1 ? [result.count] : [result.count, 1]))
                }
                if a.bool("unpack"), result.shape.rank == 2 { result = try result.transposed() }
                return .object(TensorObject(result))
            }
        })
        m.add(NativeFunction("savetxt", doc: """
            savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\\n', header='', footer='', comments='# ')

            Write a 1-D or 2-D array to a text file, one row per line, each value formatted with fmt (one format, or one \
            per column) and separated by delimiter; header and footer lines start with comments.
            """, parameters: [.required("fname"), .required("X"), .optional("fmt", default: .str("%.18e")),
                              .optional("delimiter", default: .str(" ")), .optional("newline", default: .str("\n")),
                              .optional("header", default: .str("")), .optional("footer", default: .str("")),
                              .optional("comments", default: .str("# ")), .optional("encoding", default: Value.none)]) { a, ctx in
            _ = a["encoding"]
            let path = try a.path("fname")
            let x = try ArrayValues.array(a["X"]!, argument: "X", at: a.span(of: "X"))
            guard x.shape.rank == 1 || x.shape.rank == 2 else {
                throw Diagnostic(.valueError, "Expected 1D or 2D array, got \(x.shape.rank)D array instead", at: a.span(of: "X"))
            }
            let rowCount = x.shape.dims[0], columns = x.shape.rank == 2 ? x.shape.dims[1] : 1
            let delimiter = try a.string("delimiter"), newline = try a.string("newline"), comments = try a.string("comments")
            let format: String
            switch a["fmt"]! {
            case .str(let f):
                let specs = f.filter { $0 == "%" }.count
                if specs == 1 { format = Array(repeating: f, count: columns).joined(separator: delimiter) }
                else if specs == columns { format = f }
                else { throw Diagnostic(.valueError, "fmt has wrong number of % formats:  \(f)", at: a.span(of: "fmt")) }
            case let v:
                let parts = try ctx.iterate(v).map { p -> String in
                    guard case .str(let s) = p else { throw Diagnostic(.typeError, "fmt entries must be str, not \(p.typeName)", at: a.span(of: "fmt")) }
                    return s
                }
                guard parts.count == columns else {
                    throw Diagnostic(.valueError, "fmt has wrong number of % formats:  \(parts.joined(separator: delimiter))", at: a.span(of: "fmt"))
                }
                format = parts.joined(separator: delimiter)
            }
            var out = ""
            let header = try a.string("header"), footer = try a.string("footer")
            if !header.isEmpty { out += comments + header.replacingAll("\n", with: "\n" + comments) + newline }
            let asFloat = x.dtype.isFloat
            let values = asFloat ? x.converted(to: .float64) : x.converted(to: .int64)
            try withExtendedLifetime(values) {
                for r in 0..<rowCount {
                    try ctx.checkInterrupt()
                    let row: [Value] = (0..<columns).map { c in
                        let i = r * columns + c
                        return asFloat ? .float(values.doubles[i]) : (x.dtype == .bool ? .bool(values.int64s[i] != 0) : .int(Int(values.int64s[i])))
                    }
                    guard case .str(let line) = try ctx.binary(.modulo, .str(format), .tuple(row)) else { continue }
                    out += line + newline
                }
            }
            if !footer.isEmpty { out += comments + footer.replacingAll("\n", with: "\n" + comments) + newline }
            try NumpyFiles.write(Array(out.utf8), to: path, at: a.span(of: "fname"))
            return .none
        })
    }

    private static func convertError(_ field: String, _ dtype: DType, _ row: Int, _ column: Int, _ span: Span) -> Diagnostic {
        Diagnostic(.valueError, "could not convert string \(Repr.repr(.str(field))) to \(dtype.rawValue) at row \(row), column \(column + 1).", at: span)
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

private extension Tensor {
    /// numpy's squeeze with no axis: every axis of length 1 removed.
    static func squeezedAll(_ t: Tensor) throws -> Tensor { try t.reshaped(Shape(t.shape.dims.filter { $0 != 1 })) }
}
