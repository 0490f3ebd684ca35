import FoveaLang
import Testing

@Suite struct SyntaxCompletenessTests {
    @Test(arguments: [
        ("", Completeness.complete),
        ("   \n\n", .complete),
        ("x = 1", .complete),
        ("print(\"hi\")\n", .complete),
        ("%who", .complete),
        ("model?", .complete),
        // Open brackets, strings, continuation.
        ("model.add(Dense(10,", .incomplete(indent: "")),
        ("x = [\n    1,\n    2,", .incomplete(indent: "    ")),
        ("s = \"\"\"doc\nmore", .incomplete(indent: "")),
        ("x = 1 + \\", .incomplete(indent: "")),
        ("    y = 2 + \\\n", .incomplete(indent: "    ")),
        // A line opening a block.
        ("for i in range(3):", .incomplete(indent: "    ")),
        ("for i in range(3):\n", .incomplete(indent: "    ")),
        ("if a:\n    if b:", .incomplete(indent: "        ")),
        ("if a:\n    x = 1\nelse:", .incomplete(indent: "    ")),
        ("def f(x):", .incomplete(indent: "    ")),
        // Inside a block the user finishes with an empty line.
        ("for i in range(3):\n    print(i)", .incomplete(indent: "    ")),
        ("for i in range(3):\n    print(i)\n", .complete),
        ("for i in range(3):\n    print(i)\n    ", .complete),
        ("if a:\n    for j in b:\n        f(j)", .incomplete(indent: "        ")),
        ("if a:\n\tf()", .incomplete(indent: "\t")),
        ("if a: f()", .complete),
        ("if a: f()\n", .complete),
        // Cell magics end with a blank line.
        ("%%time\nx = 1", .incomplete(indent: "")),
        ("%%time\nx = 1\n\n", .complete),
        // Errors more lines cannot fix.
        (")", .invalid),
        ("x = (1, 2]", .invalid),
        ("1 +* 2", .invalid),
        ("1 +* 2\n", .invalid),
        ("x = = 1", .invalid),
        ("x = 1abc", .invalid),
        ("class 3:\n    pass\n", .invalid),
        ("print(\"a)", .invalid),
    ])
    func check(_ code: String, _ expected: Completeness) {
        #expect(CompletenessChecker.check(code) == expected, "\(code.debugDescription)")
    }
}
