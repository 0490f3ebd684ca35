import Bindings
import Testing

/// numpy's legacy RandomState, against numbers printed by numpy 2.4
/// (`rs = np.random.RandomState(seed)`, then the calls below in this order on the same rs).
@Suite struct LegacyRandomStateTests {
    struct Expected {
        let seed: UInt32
        let raw: [UInt32]                // rs._bit_generator.random_raw(3), on a fresh rs
        let sample: [Double]             // rs.random_sample(3)
        let randn: [Double]              // rs.randn(3): the third leaves a Gaussian cached
        let normal: [Double]             // rs.normal(3, 2, 2): the first is the cached one
        let randint: [Int64]             // rs.randint(0, 10, 5)
        let wide: [Int64]                // rs.randint(-5, 2**40, 3)
        let uniform: [Double]            // rs.uniform(-1, 2, 3)
        let permutation: [Int]           // rs.permutation(10)
        let choice: [Int]                // rs.choice(5, 4)
        let choiceUnique: [Int]          // rs.choice(5, 3, replace=False)
        let choiceP: [Int]               // rs.choice(4, 5, p=[0.1, 0.2, 0.3, 0.4])
        let choicePUnique: [Int]         // rs.choice(4, 3, replace=False, p=[0.1, 0.2, 0.3, 0.4])
        let bytes: [UInt8]               // rs.randint(0, 256, 6, dtype=np.uint8)
        let smallBytes: [UInt8]          // rs.randint(3, 10, 6, dtype=np.uint8)
    }

    static let cases: [Expected] = [
        Expected(seed: 0, raw: [2_357_136_044, 2_546_248_239, 3_071_714_933],
                 sample: [0.5488135039273248, 0.7151893663724195, 0.6027633760716439],
                 randn: [-2.268328201180374, 1.3335453816218967, -0.8427240538292873],
                 normal: [6.9398488957397895, 5.532237059715557],
                 randint: [7, 8, 1, 5, 9], wide: [495_502_824_395, 1_047_788_003_008, 1_045_912_486_680],
                 uniform: [1.3415875288593666, -0.6451767223932003, 0.9197630639825713],
                 permutation: [8, 1, 5, 6, 3, 4, 2, 7, 0, 9], choice: [4, 2, 0, 0], choiceUnique: [2, 0, 3],
                 choiceP: [1, 2, 3, 2, 3], choicePUnique: [3, 0, 2],
                 bytes: [11, 187, 192, 43, 174, 161], smallBytes: [5, 7, 6, 6, 3, 4]),
        Expected(seed: 1, raw: [1_791_095_845, 4_282_876_139, 3_093_770_124],
                 sample: [0.417022004702574, 0.7203244934421581, 0.00011437481734488664],
                 randn: [-0.8021728386486427, -0.4488778077207725, -1.1059350760083153],
                 normal: [-0.30903090481313855, -1.726937209560024],
                 randint: [2, 4, 2, 4, 7], wide: [1_035_690_075_634, 372_806_359_176, 31_410_917_690],
                 uniform: [-0.7215975740777862, 0.554457646825667, 1.59506075593695],
                 permutation: [6, 4, 7, 9, 2, 3, 5, 0, 8, 1], choice: [3, 1, 1, 3], choiceUnique: [3, 2, 1],
                 choiceP: [3, 3, 0, 3, 3], choicePUnique: [3, 1, 0],
                 bytes: [104, 38, 169, 114, 22, 4], smallBytes: [4, 4, 3, 6, 9, 9]),
        Expected(seed: 42, raw: [1_608_637_542, 3_421_126_067, 4_083_286_876],
                 sample: [0.3745401188473625, 0.9507143064099162, 0.7319939418114051],
                 randn: [-1.1118801180469204, 0.31890218468938336, 0.2790412922001377],
                 normal: [5.021030569613053, 1.83824373195297],
                 randint: [4, 0, 9, 5, 8], wide: [208_412_320_213, 250_825_492_985, 726_049_900_538],
                 uniform: [-0.12356605439434554, 0.09908552988107511, 0.3682099526511078],
                 permutation: [1, 8, 7, 5, 4, 9, 0, 3, 6, 2], choice: [0, 1, 3, 0], choiceUnique: [0, 2, 4],
                 choiceP: [2, 0, 3, 2, 1], choicePUnique: [2, 0, 3],
                 bytes: [163, 103, 63, 66, 49, 6], smallBytes: [6, 4, 6, 8, 4, 4]),
        Expected(seed: 4_294_967_295, raw: [419_326_371, 479_346_978, 3_918_654_476],
                 sample: [0.0976320289940138, 0.9123828453026218, 0.78903530185164],
                 randn: [0.0813036681172692, 0.4096851233481656, 0.31595808265170017],
                 normal: [3.0700783295869853, -0.48286173715841585],
                 randint: [9, 4, 0, 7, 8], wide: [923_013_001_740, 1_071_050_786_422, 1_030_785_472_736],
                 uniform: [-0.9061514468082232, 0.8016382640454105, 0.5349073918954308],
                 permutation: [4, 6, 8, 9, 7, 3, 5, 0, 1, 2], choice: [2, 1, 0, 0], choiceUnique: [2, 4, 1],
                 choiceP: [0, 2, 3, 3, 2], choicePUnique: [1, 0, 2],
                 bytes: [96, 26, 70, 133, 227, 184], smallBytes: [5, 9, 8, 3, 3, 9]),
    ]

    @Test(arguments: cases) func numpySequence(_ e: Expected) {
        let raw = MT19937(seed: e.seed)
        #expect((0..<3).map { _ in raw.nextUInt32() } == e.raw)

        let rs = LegacyRandomState(seed: e.seed)
        #expect(rs.randomSample(3) == e.sample)
        #expect(rs.standardNormal(3) == e.randn)
        #expect(rs.normal(loc: 3, scale: 2, count: 2) == e.normal)
        #expect(rs.randint(low: 0, high: 10, count: 5) == e.randint)
        #expect(rs.randint(low: -5, high: 1 << 40, count: 3) == e.wide)
        #expect(rs.uniform(low: -1, high: 2, count: 3) == e.uniform)
        #expect(rs.permutation(10) == e.permutation)
        #expect(rs.choice(population: 5, count: 4, replace: true, p: nil) == e.choice)
        #expect(rs.choice(population: 5, count: 3, replace: false, p: nil) == e.choiceUnique)
        #expect(rs.choice(population: 4, count: 5, replace: true, p: [0.1, 0.2, 0.3, 0.4]) == e.choiceP)
        #expect(rs.choice(population: 4, count: 3, replace: false, p: [0.1, 0.2, 0.3, 0.4]) == e.choicePUnique)
        #expect(rs.randintBytes(low: 0, high: 256, count: 6) == e.bytes)
        #expect(rs.randintBytes(low: 3, high: 10, count: 6) == e.smallBytes)
    }

    /// Seeding again starts over and forgets the cached Gaussian.
    @Test func reseedingForgetsTheCachedGaussian() {
        let rs = LegacyRandomState(seed: 0)
        _ = rs.standardNormal(1)
        rs.seed(0)
        #expect(rs.randomSample(1) == [0.5488135039273248])
    }

    /// `RandomState([1, 2, 3])`: the words through init_by_array.
    @Test func arraySeed() {
        #expect(LegacyRandomState(key: [1, 2, 3]).randomSample(2) == [0.6098612722867289, 0.8866970434146851])
    }

    /// `rs.shuffle(x)` on a list (numpy: `rs = np.random.RandomState(0); rs.shuffle(l)`).
    @Test func shuffleList() {
        var letters = Array("abcdefghij")
        LegacyRandomState(seed: 0).shuffle(&letters)
        #expect(String(letters) == "ciejbghdaf")
    }
}
