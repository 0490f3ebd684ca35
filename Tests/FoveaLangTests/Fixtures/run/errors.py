total = 1
print(totl)
# error: NameError: name 'totl' is not defined
# at: 2:7
# tb: = help: did you mean 'total'?
# ---
1 + 'a'
# error: TypeError: unsupported operand type(s) for +: 'int' and 'str'
# at: 1:3
# ---
x = 5
x()
# error: TypeError: 'int' object is not callable
# at: 2:1
# ---
None[0]
# error: TypeError: 'NoneType' object is not subscriptable
# at: 1:6
# ---
items = [1, 2, 3]
items[3]
# error: IndexError: list index out of range
# at: 2:7
# ---
items.push(4)
# error: AttributeError: 'list' object has no attribute 'push'
# at: 1:7
# tb: = help: did you mean 'append'?
# ---
d = {'alpha': 1}
d['alpah']
# error: KeyError: 'alpah'
# at: 2:3
# tb: did you mean 'alpha'?
# ---
1 / 0
# error: ZeroDivisionError: division by zero
# at: 1:3
# ---
10 // 0
# error: ZeroDivisionError: integer division or modulo by zero
# at: 1:4
# ---
5 % 0.0
# error: ZeroDivisionError: float modulo
# at: 1:3
# ---
int('x1')
# error: ValueError: invalid literal for int() with base 10: 'x1'
# at: 1:5
# ---
a, b = 1, 2, 3
# error: ValueError: too many values to unpack (expected 2)
# ---
a, b, c = [1, 2]
# error: ValueError: not enough values to unpack (expected 3, got 2)
# ---
print('a', sepp='-')
# error: TypeError: print() got an unexpected keyword argument 'sepp'
# at: 1:12
# tb: = help: did you mean 'sep'?
# ---
def f(x, y):
    return x
f(1, 2, 3)
# error: TypeError: f() takes 2 positional arguments but 3 were given
# at: 3:9
# ---
f(1)
# error: TypeError: f() missing 1 required positional argument: 'y'
# at: 1:1
# ---
def g(a, b, c=1):
    pass
g()
# error: TypeError: g() missing 2 required positional arguments: 'a' and 'b'
# ---
g(1, 2, 3, 4)
# error: TypeError: g() takes from 2 to 3 positional arguments but 4 were given
# ---
g(1, a=2)
# error: TypeError: g() got multiple values for argument 'a'
# at: 1:6
# ---
len(5)
# error: TypeError: object of type 'int' has no len()
# at: 1:5
# ---
import pandas
# error: ImportError: No module named 'pandas'
# at: 1:8
# tb: = note: Fovea has these modules:
# ---
from math import sqroot
# error: ImportError: cannot import name 'sqroot' from 'math'
# at: 1:18
# tb: did you mean 'sqrt'?
# ---
assert 1 > 2, 'math is broken'
# error: AssertionError: math is broken
# at: 1:8
# ---
assert False
# error: AssertionError: 
# ---
def down(n):
    return down(n + 1)
down(0)
# error: RecursionError: maximum recursion depth exceeded
# ---
'abc'[1.5]
# error: TypeError: string indices must be integers, not 'float'
# at: 1:7
# ---
[1, 2]['a']
# error: TypeError: list indices must be integers or slices, not str
# at: 1:8
# ---
-'a'
# error: TypeError: bad operand type for unary -: 'str'
# at: 1:1
# ---
1 < 'a'
# error: TypeError: '<' not supported between instances of 'int' and 'str'
# at: 1:3
# ---
'a' * 'b'
# error: TypeError: can't multiply sequence by non-int of type 'str'
# at: 1:5
# ---
'count: ' + 3
# error: TypeError: can only concatenate str (not "int") to str
# at: 1:11
# ---
[].pop()
# error: IndexError: pop from empty list
# ---
{}[[1]]
# error: TypeError: unhashable type: 'list'
# at: 1:4
# ---
(1, 2)[0] = 5
# error: TypeError: 'tuple' object does not support item assignment
# ---
2 ** 64
# error: OverflowError: integer overflow: 2 ** 64 does not fit in Fovea's 64-bit int
# at: 1:3
# ---
9223372036854775807 + 1
# error: OverflowError: integer overflow: 9223372036854775807 + 1 does not fit in Fovea's 64-bit int
# ---
'a' * 10 ** 12
# error: MemoryError: the result would need 1000000000000 bytes; Fovea refuses strings above 1 GiB
# at: 1:5
# ---
list(range(10 ** 12))
# error: MemoryError: the result would have 1000000000000 elements; Fovea refuses lists above 50000000
# ---
max([])
# error: ValueError: max() arg is an empty sequence
# at: 1:5
# ---
import math
math.sqrt(-1)
# error: ValueError: math domain error
# at: 2:11
# ---
math.tau2
# error: AttributeError: module 'math' has no attribute 'tau2'
# at: 1:6
# tb: did you mean 'tau'?
# ---
float('abc')
# error: ValueError: could not convert string to float: 'abc'
# ---
def inner_fail(v):
    return v / 0
def outer_call():
    return inner_fail(1)
# ---
outer_call()
# error: ZeroDivisionError: division by zero
# at: 2:14
# tb: --> In[43]:2:14
# tb: = note: in inner_fail(), called at In[43]:4:12
# tb: = note: in outer_call(), called at In[44]:1:1
# ---
total
# result: 1
# ---
next(iter([]))
# error: StopIteration: 
# ---
range(1, 2, 0)
# error: ValueError: range() arg 3 must not be zero
# ---
nope = undefined_name + 1
# error: NameError: name 'undefined_name' is not defined
# at: 1:8
# ---
nope
# error: NameError: name 'nope' is not defined
# ---
sorted([1, 'a'])
# error: TypeError: '<' not supported between instances of 'str' and 'int'
# ---
return 5
# error: SyntaxError: 'return' outside function
# ---
nested = []
for i in range(100000):
    nested = [nested]
other = []
for i in range(100000):
    other = [other]
repr(nested)
# error: RecursionError: maximum recursion depth exceeded while getting the repr of an object
# at: 7:1
# tb: = note: the value holds lists, tuples or dicts nested more than 1000 levels deep
# ---
print(nested)
# error: RecursionError: maximum recursion depth exceeded while getting the repr of an object
# at: 1:1
# ---
f'{nested}'
# error: RecursionError: maximum recursion depth exceeded while getting the repr of an object
# at: 1:4
# ---
nested
# error: RecursionError: maximum recursion depth exceeded while getting the repr of an object
# at: 1:1
# ---
nested == other
# error: RecursionError: maximum recursion depth exceeded in comparison
# at: 1:8
# ---
nested == nested, len(list(nested))
# result: (True, 1)
# ---
deep = ()
for i in range(100000):
    deep = (deep,)
hash(deep)
# error: RecursionError: maximum recursion depth exceeded while hashing a tuple
# at: 4:6
# ---
{deep: 1}
# error: RecursionError: maximum recursion depth exceeded while hashing a tuple
# at: 1:2
# ---
del deep, nested, other
1 + 1
# result: 2
# ---
def outer():
    def inner():
        nonlocal missing
        missing = 1
    return inner
outer()()
# error: SyntaxError: no binding for nonlocal 'missing' found
# ---
def count(n):
    return 0 if n == 0 else 1 + count(n - 1)
count(990)
# result: 990
# ---
import sys
sys.exit("stopping here")
# error: SystemExit: stopping here
# ---
count(3)
# result: 3
# ---
'7'.zfill(10**12)
# error: MemoryError: the result would need 1000000000000 bytes; Fovea refuses strings above 1 GiB
# ---
'x'.center(10**12, '-')
# error: MemoryError: the result would need 1000000000000 bytes; Fovea refuses strings above 1 GiB
# ---
'7'.zfill(3), 'x'.center(5, '-')
# result: ('007', '--x--')
