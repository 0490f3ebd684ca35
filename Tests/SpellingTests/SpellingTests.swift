import Spelling
import Testing

@Suite("Spelling")
struct SpellingTests {
    @Test func distanceCountsATranspositionAsOneEdit() {
        #expect(Spelling.distance(Array("vaild".unicodeScalars), Array("valid".unicodeScalars)) == 1)
        #expect(Spelling.distance([], Array("abc".unicodeScalars)) == 3)
        #expect(Spelling.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }

    @Test func closestIsAlikelyTypoOnly() {
        #expect(Spelling.closest(to: "prnt", in: ["print", "len"]) == "print")
        #expect(Spelling.closest(to: "Softmax", in: ["softmax", "relu"]) == "softmax")
        #expect(Spelling.closest(to: "banana", in: ["relu", "tanh"]) == nil)
        // Short words allow one edit, longer ones more.
        #expect(Spelling.closest(to: "ab", in: ["xy"]) == nil)
        #expect(Spelling.closest(to: "convolution2d", in: ["conv2d", "convolution_2d"]) == "convolution_2d")
        // Never the word itself; ties go to the alphabetically first.
        #expect(Spelling.closest(to: "cat", in: ["cat"]) == nil)
        #expect(Spelling.closest(to: "cat", in: ["cut", "cot"]) == "cot")
    }

    @Test func synonymsComeFirst() {
        #expect(Spelling.closest(to: "push", in: ["append", "pop"], synonyms: ["push": ["append"]]) == "append")
    }
}
