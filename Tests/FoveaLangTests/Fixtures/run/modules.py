import sys
print('to stderr', file=sys.stderr)
print('to stdout', file=sys.stdout)
sys.stdout.write('written\n')
# out: to stdout
# out: written
# err: to stderr
# result: 8
# ---
sys.version.startswith('3.'), type(sys.stdout)
# result: (True, <class '_io.TextIOWrapper'>)
# ---
import math
math.pi, math.e, math.inf, math.sqrt(2), math.exp(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.floor(-2.5), math.ceil(2.1)
# result: (3.141592653589793, 2.718281828459045, inf, 1.4142135623730951, 2.718281828459045, 1.0, 3.0, 3.0, -3, 3)
# ---
math.isnan(math.nan), math.isinf(-math.inf), math.fabs(-2), math.factorial(5), math.gcd(12, 18), math.isclose(0.1 + 0.2, 0.3), math.trunc(-2.7), math.hypot(3, 4), math.tanh(0)
# result: (True, True, 2.0, 120, 6, True, -2, 5.0, 0.0)
# ---
import random
random.seed(42)
first = [random.random() for _ in range(3)]
random.seed(42)
second = [random.random() for _ in range(3)]
first == second, all(0 <= v < 1 for v in first)
# result: (True, True)
# ---
random.seed(7)
rolls = [random.randint(1, 6) for _ in range(200)]
min(rolls), max(rolls), len(set(rolls))
# result: (1, 6, 6)
# ---
deck = list(range(10))
random.shuffle(deck)
sorted(deck) == list(range(10)), random.choice(['only']), 2 <= random.uniform(2, 3) <= 3, len(random.sample(range(100), 5))
# result: (True, 'only', True, 5)
# ---
import time
t0 = time.time()
time.sleep(0.01)
elapsed = time.time() - t0
elapsed >= 0.009, elapsed < 5
# result: (True, True)
# ---
from math import *
floor(sqrt(17))
# result: 4
# ---
import math as m, sys as s
m.pi > 3, s is sys
# result: (True, True)
# ---
import pandas
# error: ImportError: No module named 'pandas'
# tb: = note: Fovea has these modules:
# ---
import sys.nothing
# error: ImportError: No module named 'sys.nothing'
# ---
import math
math
# result: <module 'math'>
# ---
random.choice([])
# error: IndexError: Cannot choose from an empty sequence
# at: 1:15
# ---
time.sleep(-1)
# error: ValueError: sleep length must be non-negative
# at: 1:12
# ---
from IPython.display import display, HTML, Markdown
display(HTML('<b>bold</b>'), Markdown('*md*'))
# display: <IPython.core.display.HTML object>
# display: <IPython.core.display.Markdown object>
# ---
import IPython
IPython.display.Image(filename='/no/such.png')
# error: FileNotFoundError: [Errno 2] No such file or directory: '/no/such.png'
