# Generators: functions with yield run one step per next(), infinite ones included; yield from,
# generator expressions, lambdas with defaults. Every cell prints what CPython prints
# (test_fixtures_cpython.py runs this file through python3 too).
def squares(n):
    for i in range(n):
        yield i * i
print(list(squares(5)), sum(squares(4)), max(squares(3)))
g = squares(2)
print(next(g), next(g), next(g, "done"))
# out: [0, 1, 4, 9, 16] 14 4
# out: 0 1 done
# ---
next(g)
# error: StopIteration: 
# ---
def naturals():
    n = 0
    while True:
        yield n
        n += 1
import itertools
evens = (x for x in naturals() if x % 2 == 0)
print(list(itertools.islice(evens, 4)), next(evens))
# out: [0, 2, 4, 6] 8
# ---
def batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
for b in batches(range(7), 3):
    print(b)
# out: [0, 1, 2]
# out: [3, 4, 5]
# out: [6]
# ---
def chained(*iterables):
    for it in iterables:
        yield from it
    return "ignored"
print(list(chained([1, 2], "ab", (x * 10 for x in range(2)))))
# out: [1, 2, 'a', 'b', 0, 10]
# ---
log = []
def steps():
    try:
        log.append("start")
        yield 1
        log.append("resumed")
        yield 2
    finally:
        log.append("cleanup")
s = steps()
print(next(s), log)
for v in s:
    print(v, log)
print(log)
# out: 1 ['start']
# out: 2 ['start', 'resumed']
# out: ['start', 'resumed', 'cleanup']
# ---
def fails():
    yield 1
    raise ValueError("bad batch")
f = fails()
print(next(f))
next(f)
# out: 1
# error: ValueError: bad batch
# ---
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
def take(n, it):
    return [x for _, x in zip(range(n), it)]
print(take(10, fib()), type(fib()).__name__)
# out: [0, 1, 1, 2, 3, 5, 8, 13, 21, 34] generator
# ---
class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children
    def walk(self):
        yield self.value
        for c in self.children:
            yield from c.walk()
t = Tree(1, Tree(2, Tree(4)), Tree(3))
print(list(t.walk()), [v for v in t.walk() if v % 2])
# out: [1, 2, 4, 3] [1, 3]
# ---
def countdown(n):
    while n > 0:
        yield n
        n -= 1
pairs = [(a, b) for a in countdown(2) for b in countdown(2)]
nested = list(zip(countdown(3), countdown(5)))
print(pairs, nested, dict(zip("ab", countdown(2))))
# out: [(2, 2), (2, 1), (1, 2), (1, 1)] [(3, 5), (2, 4), (1, 3)] {'a': 2, 'b': 1}
# ---
scale = lambda x, k=2, *rest, **opts: (x * k, rest, opts)
print(scale(3), scale(3, 3, 4, mode="a"), sorted([3, 1, 2], key=lambda v, sign=-1: sign * v))
# out: (6, (), {}) (9, (4,), {'mode': 'a'}) [3, 2, 1]
# ---
def deep(n):
    yield n
    if n > 0:
        yield from deep(n - 1)
print(sum(deep(50)))
# out: 1275
# ---
def selfish():
    yield next(me)
me = selfish()
next(me)
# error: ValueError: generator already executing
