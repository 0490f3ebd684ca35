# collections.namedtuple and collections.OrderedDict. CPython prints the same (test_fixtures_cpython.py).
from collections import namedtuple, OrderedDict
Point = namedtuple('Point', ['x', 'y'])
p = Point(1, y=2)
p, p.x, p.y, p[0], p[-1], p[:1], len(p), list(p), Point._fields, p._fields
# result: (Point(x=1, y=2), 1, 2, 1, 2, (1,), 2, [1, 2], ('x', 'y'), ('x', 'y'))
# ---
x, y = p
print(x, y, p == (1, 2), (1, 2) == p, p == Point(1, 2), p != Point(2, 1), hash(p) == hash((1, 2)), {(1, 2): 'found'}[p])
# out: 1 2 True True True True True found
# ---
Sample = namedtuple('Sample', 'image, label weight', defaults=[1.0])
s = Sample('cat.jpg', 3)
s, s._asdict(), s._replace(label=4, weight=0.5), Sample._field_defaults, Sample._make(['a', 'b', 'c'])
# result: (Sample(image='cat.jpg', label=3, weight=1.0), {'image': 'cat.jpg', 'label': 3, 'weight': 1.0}, Sample(image='cat.jpg', label=4, weight=0.5), {'weight': 1.0}, Sample(image='a', label='b', weight='c'))
# ---
print(Point, type(p).__name__, isinstance(p, Point), isinstance((1, 2), Point), sorted([Point(2, 1), Point(1, 5)]), p < (1, 3), p + (3,))
# out: <class '__main__.Point'> Point True False [Point(x=1, y=5), Point(x=2, y=1)] True (1, 2, 3)
# ---
p.count(1), p.index(2), [f'{k}={v}' for k, v in p._asdict().items()], str(Point(x=[1], y='a'))
# result: (1, 1, ['x=1', 'y=2'], "Point(x=[1], y='a')")
# ---
Point(1)
# error: TypeError: Point.__new__() missing 1 required positional argument: 'y'
# ---
p._replace(z=3)
# error: ValueError: Got unexpected field names: ['z']
# ---
namedtuple('Bad', 'a a')
# error: ValueError: Encountered duplicate field name: 'a'
# ---
namedtuple('Bad', 'ok class')
# error: ValueError: Type names and field names cannot be a keyword: 'class'
# ---
namedtuple('Bad', ['a', '_b'])
# error: ValueError: Field names cannot start with an underscore: '_b'
# ---
p[2]
# error: IndexError: tuple index out of range
# ---
od = OrderedDict()
od['b'] = 2
od['a'] = 1
od['c'] = 3
od.move_to_end('b')
print(od, list(od), len(od), 'a' in od)
od.move_to_end('c', last=False)
print(list(od.keys()), od.popitem(), od.popitem(last=False), od)
# out: OrderedDict([('a', 1), ('c', 3), ('b', 2)]) ['a', 'c', 'b'] 3 True
# out: ['c', 'a', 'b'] ('b', 2) ('c', 3) OrderedDict([('a', 1)])
# ---
a = OrderedDict([('x', 1), ('y', 2)])
b = OrderedDict([('y', 2), ('x', 1)])
a == b, a == {'y': 2, 'x': 1}, a == OrderedDict(x=1, y=2), OrderedDict(), a.get('x'), a.get('z', 0), list(a.items())
# result: (False, True, True, OrderedDict(), 1, 0, [('x', 1), ('y', 2)])
# ---
del a['x']
a['z'] = 26
a, isinstance(a, OrderedDict)
# result: (OrderedDict([('y', 2), ('z', 26)]), True)
# ---
a['missing']
# error: KeyError: 'missing'
# ---
OrderedDict().popitem()
# error: KeyError: 'dictionary is empty'
# ---
a.move_to_end('nope')
# error: KeyError: 'nope'
# ---
import json
from collections import Counter
dict(OrderedDict(a=1, b=2)), dict(Counter('aab')), {**OrderedDict(x=1)}, json.dumps(OrderedDict(b=1, a=2)), json.dumps(Point(1, 2))
# result: ({'a': 1, 'b': 2}, {'a': 2, 'b': 1}, {'x': 1}, '{"b": 1, "a": 2}', '[1, 2]')
# ---
isinstance(Point(1, 2), tuple), isinstance(OrderedDict(), dict), isinstance(Counter(), dict), isinstance([], tuple)
# result: (True, True, True, False)
