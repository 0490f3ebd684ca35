# np.random gives numpy's numbers for the same seed: the legacy functions (RandomState over the
# Mersenne Twister), RandomState objects, and default_rng's Generator (PCG64).
import numpy as np
np.random.seed(42)
np.random.rand(3)
# result: array([0.37454012, 0.95071431, 0.73199394])
# ---
np.random.seed(0)
print(np.random.rand(2, 3))
print(np.random.rand())
# out: [[0.5488135  0.71518937 0.60276338]
# out:  [0.54488318 0.4236548  0.64589411]]
# out: 0.4375872112626925
# ---
np.random.seed(0)
np.random.randn(5)
# result: array([1.76405235, 0.40015721, 0.97873798, 2.2408932 , 1.86755799])
# ---
np.random.seed(1)
a = np.random.randn()
b = np.random.normal(3, 2, size=(2, 2))
print(a)
print(b)
# out: 1.6243453636632417
# out: [[1.77648717 1.9436565 ]
# out:  [0.85406276 4.73081526]]
# ---
np.random.seed(7)
np.random.randint(10), np.random.randint(0, 10, size=5), np.random.randint(-5, 5, (2, 3)).tolist()
# result: (4, array([9, 6, 3, 3, 7]), [[2, 4, 2], [3, 4, 3]])
# ---
np.random.seed(7)
np.random.randint(0, 256, size=8, dtype=np.uint8), np.random.randint(100, dtype=np.int32), np.random.randint(1, 7, dtype='int64')
# result: (array([175, 240, 136,  19, 196, 228,  50,  58], dtype=uint8), np.int32(25), np.int64(4))
# ---
np.random.seed(3)
np.random.random(), np.random.random_sample((2,)), np.random.random(size=3).dtype
# result: (0.5507979025745755, array([0.70814782, 0.29090474]), dtype('float64'))
# ---
np.random.seed(3)
np.random.uniform(-1, 1, 4), np.random.uniform(), np.random.uniform(5, 2)
# result: (array([ 0.10159581,  0.41629565, -0.41819052,  0.02165521]), 0.8929469543476547, 2.3111207331996857)
# ---
np.random.seed(5)
np.random.choice(5), np.random.choice(5, 3), np.random.choice(10, 4, replace=False)
# result: (3, array([0, 1, 0]), array([2, 1, 9, 8]))
# ---
np.random.seed(5)
np.random.choice([10, 20, 30], size=(2, 2), p=[0.1, 0.6, 0.3]).tolist(), np.random.choice(5, 3, replace=False, p=[0.1, 0.2, 0.3, 0.2, 0.2])
# result: ([[20, 30], [20, 30]], array([2, 3, 1]))
# ---
np.random.seed(5)
print(np.random.choice([0.5, 1.5, 2.5]), np.random.choice(['rock', 'paper', 'scissors']))
' '.join(np.random.choice(['rock', 'paper', 'scissors'], 3))
# out: 2.5 paper
# result: 'scissors scissors rock'
# ---
np.random.seed(11)
x = np.arange(10)
np.random.shuffle(x)
print(x)
l = ['a', 'b', 'c', 'd', 'e']
np.random.shuffle(l)
print(l)
m = np.arange(12).reshape(4, 3)
np.random.shuffle(m)
print(m)
# out: [7 8 2 6 4 5 1 3 0 9]
# out: ['c', 'd', 'b', 'a', 'e']
# out: [[ 6  7  8]
# out:  [ 9 10 11]
# out:  [ 0  1  2]
# out:  [ 3  4  5]]
# ---
np.random.seed(11)
np.random.permutation(8), np.random.permutation([1.5, 2.5, 3.5]), np.random.permutation(np.arange(6).reshape(3, 2)).tolist()
# result: (array([2, 6, 4, 5, 7, 3, 0, 1]), array([1.5, 3.5, 2.5]), [[2, 3], [0, 1], [4, 5]])
# ---
rs = np.random.RandomState(123)
rs.rand(2), rs.randn(3), rs.randint(0, 100, 4), rs.choice(4, 2, replace=False), rs.permutation(5)
# result: (array([0.69646919, 0.28613933]), array([ 0.2829785 , -1.50629471, -0.57860025]), array([86, 97, 96, 47]), array([3, 2]), array([4, 2, 1, 3, 0]))
# ---
rs = np.random.RandomState(123)
np.random.seed(0)
rs.random_sample(), np.random.random_sample()
# result: (0.6964691855978616, 0.5488135039273248)
# ---
rs = np.random.RandomState(2**32 - 1)
rs.standard_normal(2), rs.uniform(0, 10), rs.normal(), rs.normal(size=1)
# result: (array([0.64840867, 0.66932353]), 0.1793967398674523, 0.0813036681172692, array([0.40968512]))
# ---
rng = np.random.default_rng(42)
rng.random(3)
# result: array([0.77395605, 0.43887844, 0.85859792])
# ---
rng = np.random.default_rng(0)
rng.integers(10), rng.integers(0, 10, size=5), rng.integers(1, 6, size=(2, 3), endpoint=True).tolist()
# result: (np.int64(8), array([6, 5, 2, 3, 0]), [[1, 1, 2], [5, 4, 6]])
# ---
rng = np.random.default_rng(0)
rng.integers(0, 256, size=6, dtype=np.uint8), rng.integers(5, dtype=np.int32), rng.uniform(-1, 1, 3), rng.uniform()
# result: (array([ 95, 130, 194, 217, 207, 235], dtype=uint8), np.int32(2), array([-0.91805295, -0.96694473,  0.62654048]), 0.9127555772777217)
# ---
rng = np.random.default_rng(1)
rng.choice(5), rng.choice(5, 3), rng.choice(100, 5, replace=False), rng.choice([1.5, 2.5, 3.5], size=2, p=[0.2, 0.3, 0.5])
# result: (2, array([2, 3, 4]), array([80,  3, 24, 93, 13]), array([2.5, 3.5]))
# ---
rng = np.random.default_rng(1)
rng.choice([[1, 2], [3, 4], [5, 6]], 2).tolist(), rng.choice(4, 3, replace=False, p=[0.4, 0.3, 0.2, 0.1])
# result: ([[3, 4], [3, 4]], array([3, 0, 1]))
# ---
rng = np.random.default_rng(2)
y = np.arange(10)
rng.shuffle(y)
print(y)
names = ['ann', 'bob', 'cy', 'dee']
rng.shuffle(names)
print(names)
rng.permutation(6), rng.permutation(np.arange(8).reshape(4, 2)).tolist()
# out: [2 0 7 6 9 5 3 4 8 1]
# out: ['cy', 'bob', 'ann', 'dee']
# result: (array([0, 4, 1, 5, 3, 2]), [[6, 7], [0, 1], [2, 3], [4, 5]])
# ---
rng = np.random.default_rng(3)
print(rng.standard_normal(4))
print(rng.normal(10, 2, size=(2, 2)))
print(rng.standard_normal())
# out: [ 2.04091912 -2.55566503  0.41809885 -0.56776961]
# out: [[9.09470142 9.56880567]
# out:  [5.96002774 9.53613524]]
# out: -0.8652130762749417
# ---
r1 = np.random.default_rng(9)
r2 = np.random.default_rng(r1)
r2 is r1, np.random.default_rng([1, 2, 3]).random()
# result: (True, 0.6704722626516632)
# ---
np.random.seed(0)
np.random.randint(5, 5)
# error: ValueError: low >= high
# at: 2:1
# ---
np.random.randint(0)
# error: ValueError: high <= 0
# ---
np.random.default_rng(0).integers(3, 2, endpoint=True)
# error: ValueError: low > high
# ---
np.random.randint(0, 300, dtype=np.uint8)
# error: ValueError: high is out of bounds for uint8
# ---
np.random.rand(2, -1)
# error: ValueError: negative dimensions are not allowed
# ---
np.random.random(2.5)
# error: TypeError: expected a sequence of integers or a single integer, got '2.5'
# at: 1:18
# ---
np.random.normal(0, -1)
# error: ValueError: scale < 0
# at: 1:21
# ---
np.random.choice([])
# error: ValueError: 'a' cannot be empty unless no samples are taken
# at: 1:18
# ---
np.random.choice(3, 4, replace=False)
# error: ValueError: Cannot take a larger sample than population when 'replace=False'
# ---
np.random.choice([1, 2], p=[0.5, 0.6])
# error: ValueError: probabilities do not sum to 1
# at: 1:26
# ---
np.random.default_rng(0).choice([1, 2], p=[0.5, 0.6])
# error: ValueError: Probabilities do not sum to 1. See Notes section of docstring for more information.
# ---
np.random.choice([[1, 2], [3, 4]])
# error: ValueError: a must be 1-dimensional
# ---
np.random.default_rng(0).uniform(2, 1)
# error: ValueError: high - low < 0
# ---
np.random.seed(-1)
# error: ValueError: Seed must be between 0 and 2**32 - 1
# ---
np.random.default_rng(-1)
# error: ValueError: expected non-negative integer
# ---
np.random.shuffle((1, 2, 3))
# error: TypeError: 'tuple' object does not support item assignment
# ---
np.random.permutation(2.5)
# error: IndexError: x must be an integer or at least 1-dimensional
