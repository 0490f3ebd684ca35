import Bindings
import Testing

/// numpy's SeedSequence, PCG64 and Generator (`default_rng`), against numbers printed by numpy 2.4
/// (`g = np.random.default_rng(seed)`, then the calls below in this order on the same g).
@Suite struct PCG64GeneratorTests {
    @Test func seedSequence() {
        let s = SeedSequence(42)
        #expect(s.pool == [1_662_858_758, 128_880_814, 1_875_164_712, 753_753_205])
        #expect(s.generateState64(4) == [11_465_652_750_463_011_511, 15_382_171_918_060_459_190,
                                         9_018_504_550_953_525_431, 3_703_499_796_004_394_495])
        #expect(SeedSequence((1 << 40) + 5).pool == [2_635_101_428, 3_437_552_004, 3_468_235_908, 3_153_711_952])
        // More words than the pool: SeedSequence([1, 2, 3, 4, 5, 6]).
        #expect(SeedSequence(entropy: [1, 2, 3, 4, 5, 6]).pool == [988_259_991, 2_719_934_729, 3_479_241_324, 1_314_086_023])
    }

    @Test func pcg64State() {
        let g = PCG64(SeedSequence(42))
        // np.random.PCG64(42).state['state']
        #expect(g.state.description == "274674114334540486603088602300644985544")
        #expect(g.increment.description == "332724090758049132448979897138935081983")
    }

    struct Expected {
        let seed: UInt64
        let raw: [UInt64]              // np.random.PCG64(seed).random_raw(3)
        let random: [Double]           // g.random(3)
        let integers: [Int64]          // g.integers(0, 10, 5)
        let wide: [Int64]              // g.integers(-5, 2**40, 3)
        let dice: [Int64]              // g.integers(1, 6, 4, endpoint=True)
        let uniform: [Double]          // g.uniform(-1, 2, 3)
        let standardNormal: [Double]   // g.standard_normal(5)
        let normal: [Double]           // g.normal(3, 2, 2)
        let permutation: [Int]         // g.permutation(10)
        let choice: [Int]              // g.choice(5, 4)
        let choiceUnique: [Int]        // g.choice(100, 5, replace=False): Floyd's algorithm
        let choiceP: [Int]             // g.choice(4, 5, p=[0.1, 0.2, 0.3, 0.4])
        let choicePUnique: [Int]       // g.choice(4, 3, replace=False, p=[0.1, 0.2, 0.3, 0.4])
        let bytes: [UInt8]             // g.integers(0, 256, 6, dtype=np.uint8)
        let smallBytes: [UInt8]        // g.integers(3, 10, 6, dtype=np.uint8)
        let largeSample: [Int]         // c = g.choice(20000, 1000, replace=False): c[:5]
        let largeSampleSum: Int        //   c.sum()
        let after: Double              // g.random()
    }

    static let cases: [Expected] = [
        Expected(seed: 0, raw: [11_749_869_230_777_074_271, 4_976_686_463_289_251_617, 755_828_109_848_996_024],
                 random: [0.6369616873214543, 0.2697867137638703, 0.04097352393619469],
                 integers: [0, 0, 1, 8, 6], wide: [667_003_089_278, 802_089_951_223, 597_721_999_263], dice: [6, 4, 6, 2],
                 uniform: [-0.9917844994895557, 1.5722128297627078, -0.8992432740836069],
                 standardNormal: [-1.2459109472530652, -0.7322673547034516, -0.5442589828573099, -0.31630015636915454, 0.4116305363741328],
                 normal: [5.085026738885356, 2.7429306741119315],
                 permutation: [4, 5, 7, 6, 2, 3, 1, 9, 0, 8], choice: [1, 2, 4, 4], choiceUnique: [36, 94, 98, 67, 65],
                 choiceP: [1, 3, 2, 2, 2], choicePUnique: [3, 2, 1],
                 bytes: [237, 222, 45, 65, 76, 8], smallBytes: [7, 8, 4, 8, 9, 3],
                 largeSample: [9653, 6399, 6005, 4051, 16504], largeSampleSum: 10_194_788, after: 0.5943746025127589),
        Expected(seed: 1, raw: [9_441_442_522_235_856_127, 17_532_960_557_476_522_086, 2_659_275_481_604_167_885],
                 random: [0.5118216247002567, 0.9504636963259353, 0.14415961271963373],
                 integers: [8, 9, 2, 3, 8], wide: [910_068_626_245, 449_919_208_510, 604_284_650_146], dice: [3, 1, 1, 6],
                 uniform: [0.6144299396578345, -0.010804850502723506, 1.3652861102852132],
                 standardNormal: [-0.48211931267997826, 0.5988462126346276, 0.03972210748165899, -0.2924567509650886, -0.7819084623568421],
                 normal: [2.4856155187622586, 3.016284361036687],
                 permutation: [1, 3, 8, 2, 4, 0, 9, 7, 6, 5], choice: [2, 4, 1, 3], choiceUnique: [41, 95, 51, 15, 31],
                 choiceP: [3, 3, 3, 0, 2], choicePUnique: [2, 0, 3],
                 bytes: [122, 103, 35, 197, 76, 37], smallBytes: [4, 3, 4, 6, 9, 8],
                 largeSample: [19148, 168, 17139, 16083, 17774], largeSampleSum: 10_150_516, after: 0.6756193428878896),
        Expected(seed: 42, raw: [14_276_969_152_011_380_360, 8_095_878_257_575_067_585, 15_838_336_090_824_644_132],
                 random: [0.7739560485559633, 0.4388784397520523, 0.8585979199113825],
                 integers: [0, 6, 2, 0, 5], wide: [836_881_952_699, 864_286_843_830, 140_862_428_799], dice: [6, 6, 3, 4],
                 uniform: [1.7802949665458057, 0.9315953602419937, 1.46828483981249],
                 standardNormal: [0.4675093422520456, -0.8592924628832382, 0.36875078408249884, -0.9588826008289989, 0.8784503013072725],
                 normal: [2.9001481780274943, 2.6302752729094787],
                 permutation: [3, 2, 6, 5, 1, 4, 8, 0, 7, 9], choice: [3, 3, 4, 3], choiceUnique: [32, 40, 90, 35, 93],
                 choiceP: [1, 2, 1, 3, 2], choicePUnique: [3, 2, 1],
                 bytes: [234, 49, 129, 48, 10, 92], smallBytes: [6, 3, 3, 8, 5, 3],
                 largeSample: [16016, 8517, 9556, 2690, 12371], largeSampleSum: 10_087_170, after: 0.08004928364618502),
        Expected(seed: 12345, raw: [4_193_609_425_186_963_869, 5_843_160_025_838_961_886, 14_708_796_524_633_321_433],
                 random: [0.22733602246716966, 0.31675833970975287, 0.7973654573327341],
                 integers: [6, 6, 9, 3, 8], wide: [657_847_431_567, 205_316_408_370, 739_703_093_049], dice: [2, 4, 6, 5],
                 uniform: [1.8466434554999545, 1.0017123593011172, -0.7123061932176638],
                 standardNormal: [-0.46695317332055025, -0.06068951873702798, 0.7888443445192008, -1.2566681331396765, 0.5758575143959287],
                 normal: [5.797957989447438, 5.644596121465572],
                 permutation: [2, 0, 1, 4, 7, 8, 5, 3, 6, 9], choice: [0, 0, 0, 0], choiceUnique: [85, 11, 8, 58, 79],
                 choiceP: [3, 3, 3, 2, 3], choicePUnique: [2, 1, 3],
                 bytes: [185, 134, 37, 230, 156, 68], smallBytes: [3, 9, 6, 7, 3, 8],
                 largeSample: [9338, 3692, 6876, 19182, 19032], largeSampleSum: 9_871_026, after: 0.3977906123811429),
    ]

    /// The ziggurat's tables are built here, not copied: the normal values agree with numpy's to
    /// within the last bits (see `Ziggurat`), and draw the same words.
    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-13 * max(1, abs($1)) }
    }

    @Test(arguments: cases) func numpySequence(_ e: Expected) {
        let raw = PCG64(SeedSequence(e.seed))
        #expect((0..<3).map { _ in raw.nextUInt64() } == e.raw)

        let g = PCG64Generator(seed: e.seed)
        #expect(g.random(3) == e.random)
        #expect(g.integers(low: 0, high: 10, endpoint: false, count: 5) == e.integers)
        #expect(g.integers(low: -5, high: 1 << 40, endpoint: false, count: 3) == e.wide)
        #expect(g.integers(low: 1, high: 6, endpoint: true, count: 4) == e.dice)
        #expect(g.uniform(low: -1, high: 2, count: 3) == e.uniform)
        #expect(Self.close(g.standardNormal(5), e.standardNormal))
        #expect(Self.close(g.normal(loc: 3, scale: 2, count: 2), e.normal))
        #expect(g.permutation(10) == e.permutation)
        #expect(g.choice(population: 5, count: 4, replace: true, p: nil) == e.choice)
        #expect(g.choice(population: 100, count: 5, replace: false, p: nil) == e.choiceUnique)
        #expect(g.choice(population: 4, count: 5, replace: true, p: [0.1, 0.2, 0.3, 0.4]) == e.choiceP)
        #expect(g.choice(population: 4, count: 3, replace: false, p: [0.1, 0.2, 0.3, 0.4]) == e.choicePUnique)
        #expect(g.integerBytes(low: 0, top: 255, count: 6) == e.bytes)
        #expect(g.integerBytes(low: 3, top: 9, count: 6) == e.smallBytes)
        let large = g.choice(population: 20000, count: 1000, replace: false, p: nil)
        #expect(Array(large.prefix(5)) == e.largeSample)
        #expect(large.reduce(0, +) == e.largeSampleSum)
        #expect(g.random(1) == [e.after])
    }

    /// `g.shuffle(l)` on a list (numpy: `g = np.random.default_rng(0); g.shuffle(l)`).
    @Test func shuffleList() {
        var letters = Array("abcdefghij")
        PCG64Generator(seed: 0).shuffle(&letters)
        #expect(String(letters) == "egchdfjaib")
    }
}
