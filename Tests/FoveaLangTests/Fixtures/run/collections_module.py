# collections.Counter and defaultdict. CPython prints the same (test_fixtures_cpython.py).
from collections import Counter, defaultdict
labels = [9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9]
c = Counter(labels)
c
# result: Counter({0: 4, 9: 2, 2: 2, 5: 2, 3: 1, 7: 1})
# ---
c.most_common(2), c[0], c[42], len(c), sorted(c), c.total()
# result: ([(0, 4), (9, 2)], 4, 0, 6, [0, 2, 3, 5, 7, 9], 12)
# ---
c.update([3, 3])
c[7] += 10
list(c.items())[:3], c.most_common(1)
# result: ([(9, 2), (0, 4), (3, 3)], [(7, 11)])
# ---
Counter('mississippi').most_common(), Counter()
# result: ([('i', 4), ('s', 4), ('p', 2), ('m', 1)], Counter())
# ---
groups = defaultdict(list)
for name, size in [('conv', 32), ('dense', 64), ('conv', 64)]:
    groups[name].append(size)
groups, groups['conv'], len(groups), groups.get('pool', 'none')
# result: (defaultdict(<class 'list'>, {'conv': [32, 64], 'dense': [64]}), [32, 64], 2, 'none')
# ---
counts = defaultdict(int)
for w in 'a b a c a'.split():
    counts[w] += 1
sorted(counts.items()), counts.default_factory
# result: ([('a', 3), ('b', 1), ('c', 1)], <class 'int'>)
# ---
plain = defaultdict()
plain['missing']
# error: KeyError: 'missing'
