for i in range(3):
    if i == 1:
        continue
    print(i)
else:
    print('done')
# out: 0
# out: 2
# out: done
# ---
n = 0
while True:
    n += 1
    if n > 4:
        break
else:
    print('never')
n
# result: 5
# ---
k = 0
while k < 2:
    k += 1
else:
    print('while else', k)
# out: while else 2
# ---
for x in []:
    pass
else:
    print('empty for else')
# out: empty for else
# ---
grade = 72
if grade >= 90:
    g = 'A'
elif grade >= 70:
    g = 'C'
else:
    g = 'F'
g
# result: 'C'
# ---
def add(a, b=10):
    """Add two numbers."""
    return a + b
add(1), add(1, 2), add(b=3, a=4), add(*[5, 6]), add(**{'a': 1, 'b': 1})
# result: (11, 3, 7, 11, 2)
# ---
def no_return():
    x = 1
no_return()
# ---
def outer(k):
    def inner(x):
        return x * k
    return inner
times3 = outer(3)
times3(5), (lambda a, b: a - b)(5, 2), list(map(lambda v: v * v, [1, 2, 3]))
# result: (15, 3, [1, 4, 9])
# ---
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
fact(10)
# result: 3628800
# ---
counter = 0
def bump():
    return counter + 1
bump()
# result: 1
# ---
def early(x):
    for i in range(10):
        if i == x:
            return i * 100
    return -1
early(3), early(20)
# result: (300, -1)
# ---
[x * x for x in range(5)], [x for x in range(10) if x % 3 == 0], [(a, b) for a in range(2) for b in 'xy']
# result: ([0, 1, 4, 9, 16], [0, 3, 6, 9], [(0, 'x'), (0, 'y'), (1, 'x'), (1, 'y')])
# ---
{k: v for k, v in zip('abc', range(3))}, {x % 3 for x in range(10)}, sum(x for x in range(101)), [[j for j in range(i)] for i in range(3)]
# result: ({'a': 0, 'b': 1, 'c': 2}, {0, 1, 2}, 5050, [[], [0], [0, 1]])
# ---
x = 'outer'
[x for x in range(3)]
x
# result: 'outer'
# ---
assert 1 + 1 == 2
assert True, 'not shown'
print('asserts passed')
# out: asserts passed
# ---
import math
from math import sqrt, pi as PI
import random as rnd
sqrt(16), round(PI, 2), math.floor(2.7), type(rnd)
# result: (4.0, 3.14, 2, <class 'module'>)
# ---
def f(a, b):
    return a, b
f(1, b=2)
# result: (1, 2)
# ---
del x
t = [1, 2, 3]
del t[0], t[-1]
t
# result: [2]
# ---
pairs = [(1, 'one'), (2, 'two')]
for num, name in pairs:
    print(f'{num}={name}')
# out: 1=one
# out: 2=two
# ---
def make_adders():
    return [lambda v: v + 100, lambda v: v + 200]
[fn(1) for fn in make_adders()]
# result: [101, 201]
# ---
def plain(a):
    return a
def with_doc():
    """Says hi."""
plain.__doc__, with_doc.__doc__, plain.__name__, len.__name__
# result: (None, 'Says hi.', 'plain', 'len')
