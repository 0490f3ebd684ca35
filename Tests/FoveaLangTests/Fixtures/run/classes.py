# Classes as tutorials write them: __init__, methods, class attributes, inheritance and super(),
# the double-underscore methods, properties, static and class methods. Every cell prints what
# CPython prints (test_fixtures_cpython.py runs this file through python3 too).
class Point:
    """A point in the plane."""
    dims = 2
    def __init__(self, x, y=0):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def scaled(self, k):
        return Point(self.x * k, self.y * k)
p = Point(3, 4)
print(p, p.x, p.dims, Point.dims, p + Point(1, 1), p.scaled(2), p == Point(3, 4), p != Point(3, 4))
print(type(p).__name__, isinstance(p, Point), Point.__doc__, str(p), [p], f"{p!r}")
# out: Point(3, 4) 3 2 2 Point(4, 5) Point(6, 8) True False
# out: Point True A point in the plane. Point(3, 4) [Point(3, 4)] Point(3, 4)
# ---
p
# result: Point(3, 4)
# ---
class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.count = 0
    def tick(self, n=1):
        self.count += n
        return self
a, b = Counter(), Counter()
a.tick().tick(5)
print(a.count, b.count, Counter.total, a.total)
a.total = 10
print(a.total, Counter.total, sorted(vars(a)))
# out: 6 0 2 2
# out: 10 2 ['count', 'total']
# ---
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
class Dog(Animal):
    sound = "Woof"
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return super().speak() + "!"
d = Dog("Rex", "lab")
print(d.speak(), d.breed, isinstance(d, Animal), isinstance(d, Dog), issubclass(Dog, Animal), issubclass(Animal, Dog))
print([c.__name__ for c in Dog.__mro__], Dog.__bases__[0].__name__)
# out: Rex says Woof! lab True True True False
# out: ['Dog', 'Animal', 'object'] Animal
# ---
class A:
    def who(self): return ["A"]
class B(A):
    def who(self): return ["B"] + super().who()
class C(A):
    def who(self): return ["C"] + super().who()
class D(B, C):
    def who(self): return ["D"] + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
# out: ['D', 'B', 'C', 'A'] ['D', 'B', 'C', 'A', 'object']
# ---
class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius
    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32
    @property
    def celsius(self):
        return self._celsius
    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._celsius = value
    @staticmethod
    def describe():
        return "degrees"
    @classmethod
    def freezing(cls):
        return cls(0)
t = Temperature(100)
t.celsius = 25
print(t.fahrenheit, t.celsius, Temperature.describe(), t.describe(), Temperature.freezing().fahrenheit)
# out: 77.0 25 degrees degrees 32.0
# ---
t.fahrenheit = 1
# error: AttributeError: property 'fahrenheit' of 'Temperature' object has no setter
# ---
t.celsius = -300
# error: ValueError: below absolute zero
# ---
class Dataset:
    def __init__(self, items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __iter__(self):
        return iter(self.items)
    def __contains__(self, x):
        return x in self.items
    def __bool__(self):
        return len(self.items) > 0
ds = Dataset("abc")
print(len(ds), ds[0], ds[-1], ds[1:], list(ds), [x.upper() for x in ds], bool(ds), bool(Dataset([])))
a, b, c = ds
print(a, b, c, sorted(ds, reverse=True))
# out: 3 a c ['b', 'c'] ['a', 'b', 'c'] ['A', 'B', 'C'] True False
# out: a b c ['c', 'b', 'a']
# ---
class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)), next(Countdown(5)), next(iter(Countdown(0)), "done"))
# out: [3, 2, 1] 5 done
# ---
class Scale:
    def __init__(self, k):
        self.k = k
    def __call__(self, x):
        return x * self.k
    def __lt__(self, other):
        return self.k < other.k
double = Scale(2)
print(double(21), callable(double), [s.k for s in sorted([Scale(3), Scale(1), Scale(2)])], Scale(1) < Scale(2), Scale(5) > Scale(2))
# out: 42 True [1, 2, 3] True True
# ---
class Timer:
    def __enter__(self):
        print("start")
        return self
    def __exit__(self, exc_type, exc, tb):
        print("stop", exc_type.__name__ if exc_type else None, exc)
        return exc_type is KeyError
with Timer() as t:
    print("inside", type(t).__name__)
with Timer():
    raise KeyError("swallowed")
print("after")
# out: start
# out: inside Timer
# out: stop None None
# out: start
# out: stop KeyError 'swallowed'
# out: after
# ---
with Timer():
    raise ValueError("passes through")
# out: start
# out: stop ValueError passes through
# error: ValueError: passes through
# ---
class TrainingError(Exception):
    pass
class ShapeError(TrainingError, ValueError):
    def __init__(self, expected, got):
        super().__init__(f"expected {expected}, got {got}")
        self.expected = expected
try:
    raise ShapeError((28, 28), (32, 32))
except ValueError as e:
    print(type(e).__name__, e, e.expected, e.args, isinstance(e, TrainingError), isinstance(e, Exception))
try:
    raise TrainingError
except TrainingError as e:
    print(repr(e), e.args, issubclass(ShapeError, Exception))
# out: ShapeError expected (28, 28), got (32, 32) (28, 28) ('expected (28, 28), got (32, 32)',) True True
# out: TrainingError() () True
# ---
raise ShapeError(1, 2)
# error: ShapeError: expected 1, got 2
# ---
class Config:
    def __init__(self, **options):
        for k, v in options.items():
            setattr(self, k, v)
    def __str__(self):
        return ", ".join(f"{k}={v}" for k, v in sorted(vars(self).items()))
c = Config(lr=0.01, epochs=5)
print(c, c.lr, getattr(c, "epochs"), hasattr(c, "batch"), getattr(c, "batch", 32))
del c.lr
print(hasattr(c, "lr"))
# out: epochs=5, lr=0.01 0.01 5 False 32
# out: False
# ---
Config().missing
# error: AttributeError: 'Config' object has no attribute 'missing'
# ---
Point()
# error: TypeError: Point.__init__() missing 1 required positional argument: 'x'
# ---
class Empty:
    pass
Empty(1)
# error: TypeError: Empty() takes no arguments
# ---
class Bad:
    def __repr__(self):
        return 42
repr(Bad())
# error: TypeError: __repr__ returned non-string (type int)
# ---
class Greeter:
    def hello(self, name, punctuation="!"):
        return "hello " + name + punctuation
g = Greeter()
first = g.hello("a")
g.hello = lambda name: "shadowed " + name
print(first, g.hello("b"), Greeter.hello(g, "c", "?"), Greeter().hello(name="d"))
# out: hello a! shadowed b hello c? hello d!
# ---
Greeter().hello()
# error: TypeError: Greeter.hello() missing 1 required positional argument: 'name'
# ---
class Label:
    def __init__(self, name):
        self.name = name
    def __hash__(self):
        return hash(self.name)
    def __eq__(self, other):
        return isinstance(other, Label) and other.name == self.name
counts = {Label("cat"): 1}
counts[Label("cat")] += 1
print(counts[Label("cat")], Label("dog") in counts, len({Label("a"), Label("a"), Label("b")}), hash(Label("x")) == hash("x"))
# out: 2 False 2 True
# ---
class Bag:
    def __init__(self, items):
        self.items = list(items)
    def __contains__(self, v):
        return v in self.items
    def __bool__(self):
        return False
bag = Bag([1, 2])
print(2 in bag, 3 in bag, 3 not in bag, bool(bag), "full" if bag else "empty")
# out: True False True False empty
# ---
class NoHash:
    def __eq__(self, other):
        return True
{NoHash(): 1}
# error: TypeError: unhashable type: 'NoHash'
