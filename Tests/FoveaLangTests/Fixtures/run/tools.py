# itertools, functools, string and warnings. CPython prints the same on stdout
# (test_fixtures_cpython.py; it does not compare stderr, where CPython adds the line).
import itertools
import functools
import string
list(itertools.product([16, 32], ['relu', 'tanh']))
# result: [(16, 'relu'), (16, 'tanh'), (32, 'relu'), (32, 'tanh')]
# ---
list(itertools.product('ab', repeat=2)), list(itertools.product([], [1]))
# result: ([('a', 'a'), ('a', 'b'), ('b', 'a'), ('b', 'b')], [])
# ---
list(itertools.chain([1, 2], (3,), 'ab')), list(itertools.islice(range(10), 3)), list(itertools.islice(range(10), 2, 9, 3))
# result: ([1, 2, 3, 'a', 'b'], [0, 1, 2], [2, 5, 8])
# ---
list(itertools.islice(itertools.count(10, 5), 4)), list(zip(itertools.count(), 'xy'))
# result: ([10, 15, 20, 25], [(0, 'x'), (1, 'y')])
# ---
def scale(x, factor, offset=0):
    return x * factor + offset
double = functools.partial(scale, factor=2)
double(5), double(5, offset=1), functools.reduce(lambda a, b: a * b, [1, 2, 3, 4]), functools.reduce(max, [], 0)
# result: (10, 11, 24, 0)
# ---
functools.reduce(max, [])
# error: TypeError: reduce() of empty iterable with no initial value
# ---
string.digits, len(string.ascii_letters), string.punctuation[:5]
# result: ('0123456789', 52, '!"#$%')
# ---
import warnings
warnings.warn('learning rate is high')
print('after the warning')
# err: UserWarning: learning rate is high
# out: after the warning
# ---
warnings.filterwarnings('ignore')
warnings.warn('hidden')
print('silent')
# out: silent
# ---
import random
r = random.Random(42)
a = [r.random(), r.randint(1, 10), r.choice("abc")]
items = list(range(5))
r.shuffle(items)
random.seed(42)
print(a[0] == random.random(), a, items, isinstance(r, random.Random))
# out: True [0.6394267984578837, 1, 'c'] [3, 4, 0, 1, 2] True
# ---
from __future__ import annotations, division
print(7 / 2)
# out: 3.5
# ---
import math, sys
print(math.comb(5, 2), math.perm(5, 2), math.comb(10, 0), math.comb(3, 5), math.perm(4), math.comb(60, 30))
lines = ["b", "a", "", "c"]
print(list(iter(lambda: lines.pop(0), "")), lines)
try:
    sys.exit(2)
except SystemExit as e:
    print("caught", e.args)
# out: 10 20 1 0 24 118264581564861424
# out: ['b', 'a'] ['c']
# out: caught (2,)
# ---
iter(5, 0)
# error: TypeError: iter(v, w): v must be callable
