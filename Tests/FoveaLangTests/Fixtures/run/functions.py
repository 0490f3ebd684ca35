# def with *args, **kwargs and keyword-only parameters, decorators, global and nonlocal. CPython
# prints the same (test_fixtures_cpython.py).
def describe(name, *shape, units=1, **options):
    return f"{name} {shape} units={units} {sorted(options.items())}"
print(describe('dense'))
print(describe('conv', 3, 3, units=32, activation='relu', padding='same'))
# out: dense () units=1 []
# out: conv (3, 3) units=32 [('activation', 'relu'), ('padding', 'same')]
# ---
def f(a, *, scale=2):
    return a * scale
f(3), f(3, scale=10)
# result: (6, 30)
# ---
f(3, 4)
# error: TypeError: f() takes 1 positional argument but 2 were given
# ---
def total(*numbers):
    return sum(numbers)
args = [1, 2, 3]
kwargs = {'scale': 5}
total(*args), f(2, **kwargs)
# result: (6, 10)
# ---
calls = []
def logged(fn):
    def wrapper(*args, **kwargs):
        calls.append(fn.__name__)
        return fn(*args, **kwargs)
    return wrapper
def twice(fn):
    def wrapper(x):
        return fn(fn(x))
    return wrapper
@logged
@twice
def inc(x):
    return x + 1
inc(5), calls
# result: (7, ['wrapper'])
# ---
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
counter
# result: 2
# ---
def make_counter():
    count = 0
    def step():
        nonlocal count
        count += 1
        return count
    return step
c = make_counter()
c(), c(), c()
# result: (1, 2, 3)
# ---
def keywords_only(*, a, b=2):
    return a + b
keywords_only(a=1)
# result: 3
# ---
keywords_only(1)
# error: TypeError: keywords_only() takes 0 positional arguments but 1 was given
# ---
keywords_only()
# error: TypeError: keywords_only() missing 1 required keyword-only argument: 'a'
