len([1, 2]), len('abc'), len({'a': 1}), len(range(3)), len(()), abs(-3), abs(-2.5), abs(True)
# result: (2, 3, 1, 3, 0, 3, 2.5, 1)
# ---
list(enumerate('ab')), list(enumerate('ab', start=1)), list(zip([1, 2, 3], 'ab')), list(zip())
# result: ([(0, 'a'), (1, 'b')], [(1, 'a'), (2, 'b')], [(1, 'a'), (2, 'b')], [])
# ---
min(3, 1, 2), max([4, 9, 2]), min('hello'), max([], default=0), max(['aa', 'b', 'ccc'], key=len), min([(2, 'b'), (1, 'z')]), max(1, 2.5)
# result: (1, 9, 'e', 0, 'ccc', (1, 'z'), 2.5)
# ---
sum([1, 2, 3]), sum([0.1] * 10), sum([[1], [2]], []), sum(range(5), 10)
# result: (6, 0.9999999999999999, [1, 2], 20)
# ---
round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234.5678, -2), round(15, -1), round(25, -1), round(7), round(0.1 + 0.2, 10), round(1.23456, 3)
# result: (2, 4, -2, 2.67, 1200.0, 20, 20, 7, 0.3, 1.235)
# ---
int('42'), int(' -7 '), int('ff', 16), int('0b101', 0), int('1_000'), int(3.9), int(-3.9), int(True), float('1.5'), float(' -inf '), float('1e3'), float(2)
# result: (42, -7, 255, 5, 1000, 3, -3, 1, 1.5, -inf, 1000.0, 2.0)
# ---
str(1.0), bool(0), bool('x'), bool([]), list('ab'), tuple([1, 2]), dict(a=1, b=2), dict([('x', 1)]), dict({'k': 'v'}, z=0)
# result: ('1.0', False, True, False, ['a', 'b'], (1, 2), {'a': 1, 'b': 2}, {'x': 1}, {'k': 'v', 'z': 0})
# ---
sorted([3, 1, 2]), sorted('bca'), sorted([3, 1, 2], reverse=True), sorted({'b': 1, 'a': 2}), list(reversed([1, 2, 3])), list(reversed('ab')), list(reversed(range(3)))
# result: ([1, 2, 3], ['a', 'b', 'c'], [3, 2, 1], ['a', 'b'], [3, 2, 1], ['b', 'a'], [2, 1, 0])
# ---
type(1), type(1.0), type('s'), type([]), type(()), type({}), type(None), type(True), type(range(1)), type(len), type(type(1))
# result: (<class 'int'>, <class 'float'>, <class 'str'>, <class 'list'>, <class 'tuple'>, <class 'dict'>, <class 'NoneType'>, <class 'bool'>, <class 'range'>, <class 'builtin_function_or_method'>, <class 'type'>)
# ---
isinstance(1, int), isinstance(True, int), isinstance(1.0, int), isinstance('a', (int, str)), isinstance([], list), isinstance({}, dict), isinstance(3, float), isinstance((1,), tuple)
# result: (True, True, False, True, True, True, False, True)
# ---
list(map(str, [1, 2])), list(map(lambda a, b: a + b, [1, 2], [10, 20])), list(filter(None, [0, 1, '', 'a'])), list(filter(lambda v: v > 1, [1, 2, 3]))
# result: (['1', '2'], [11, 22], [1, 'a'], [2, 3])
# ---
any([0, '', 1]), any([]), all([1, 'a']), all([]), all([1, 0]), divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), pow(2, 10), pow(2, 10, 1000), pow(2, -2), pow(3, 4, -5)
# result: (True, False, True, True, False, (3, 1), (-4, 1), (3.0, 1.5), 1024, 24, 0.25, -4)
# ---
chr(65), ord('A'), ord('é'), bin(10), hex(255), oct(8), hex(-255), repr('a'), repr([1, 'b']), callable(len), callable(3), callable(lambda: 0)
# result: ('A', 65, 233, '0b1010', '0xff', '0o10', '-0xff', "'a'", "[1, 'b']", True, False, True)
# ---
hasattr([], 'append'), hasattr([], 'push'), getattr('abc', 'upper')(), getattr(1, 'nothing', 'fallback'), hash(1), hash(True), hash(1.0) == hash(1), hash('') 
# result: (True, False, 'ABC', 'fallback', 1, 1, True, 0)
# ---
it = iter([1, 2])
next(it), next(it), next(it, 'end')
# result: (1, 2, 'end')
# ---
print(1, 2, 3)
print(1, 2, sep='-', end='!\n')
print()
print('a', 'b', sep='')
print([1, 'x'], {'k': (1,)}, None, 2.0)
# out: 1 2 3
# out: 1-2!
# out: 
# out: ab
# out: [1, 'x'] {'k': (1,)} None 2.0
# ---
repr(len), repr(print), str(len), repr(int), repr(str), repr(range(0, 3)), repr(range(1, 10, 2))
# result: ('<built-in function len>', '<built-in function print>', '<built-in function len>', "<class 'int'>", "<class 'str'>", 'range(0, 3)', 'range(1, 10, 2)')
# ---
def f(x):
    return x
repr(f), repr(lambda: 0)
# result: ('<function f>', '<function <lambda>>')
# ---
str(1e100), str(-1e-100), str(123456789012.5), str(0.1 * 3), str(2 ** 62), str(-2 ** 62), 1 / 7
# result: ('1e+100', '-1e-100', '123456789012.5', '0.30000000000000004', '4611686018427387904', '-4611686018427387904', 0.14285714285714285)
