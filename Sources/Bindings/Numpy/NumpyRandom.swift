import FoveaLang

/// `numpy.random`: numpy's legacy functions over one RandomState per session (seed, rand, randn,
/// randint, ...), the RandomState class, and default_rng's Generator. Both generators are
/// numpy's own algorithms (MT19937 and PCG64), so the same seed gives numpy's numbers.
enum NumpyRandom {
    static func module(global: LegacyRandomState) -> ModuleValue {
        let m = ModuleValue("numpy.random", doc: """
            Random numbers as numpy makes them. np.random.seed(42) then rand, randn, randint, random, uniform, normal, \
            choice, shuffle or permutation give numpy's numbers bit for bit (its legacy RandomState, the Mersenne \
            Twister MT19937); np.random.RandomState(42) is such a generator of its own. np.random.default_rng(42) is \
            numpy's Generator (PCG64): the same numbers as numpy's too, except normal values, which can differ from \
            numpy's in their last digits (see Generator.standard_normal).
            """)
        for f in RandomStateObject.functions {
            m.add(NativeFunction(f.name, doc: f.doc, parameters: f.parameters) { a, ctx in try f.body(global, a, ctx) })
        }
        m.add(RandomStateObject.binding.typeValue(constructor: NativeFunction("RandomState", doc: RandomStateObject.classDoc,
                                                                               parameters: [.optional("seed", default: Value.none)]) { a, _ in
            .object(RandomStateObject(try RandomStateObject.seed(nil, a["seed"]!, at: a.span(of: "seed"))))
        }))
        m.add(GeneratorObject.constructor)
        m.add(GeneratorObject.binding.typeValue(constructor: nil))
        return m
    }
}
