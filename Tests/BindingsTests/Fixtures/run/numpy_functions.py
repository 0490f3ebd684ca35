import numpy as np
np.linspace(2.0, 3.0, num=5), np.linspace(0, 1, 5, endpoint=False), np.linspace(0, 10, 4)
# result: (array([2.  , 2.25, 2.5 , 2.75, 3.  ]), array([0. , 0.2, 0.4, 0.6, 0.8]), array([ 0.        ,  3.33333333,  6.66666667, 10.        ]))
# ---
x = np.linspace(-1, 1, 7)
x.dtype, x.tolist(), np.linspace(0, 1, 3, retstep=True), np.linspace(2, 3, 1, retstep=True)
# result: (dtype('float64'), [-1.0, -0.6666666666666667, -0.33333333333333337, 0.0, 0.33333333333333326, 0.6666666666666665, 1.0], (array([0. , 0.5, 1. ]), np.float64(0.5)), (array([2.]), nan))
# ---
np.linspace(0.1, 0.9, 9).tolist(), np.linspace(-3.7, 12.25, 11).tolist()
# result: ([0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7000000000000001, 0.8, 0.9], [-3.7, -2.1050000000000004, -0.5100000000000002, 1.085, 2.6799999999999997, 4.2749999999999995, 5.87, 7.464999999999999, 9.059999999999999, 10.655000000000001, 12.25])
# ---
np.linspace(np.float32(0), 1, 5, retstep=True), np.linspace(0, 1, 3, dtype=np.float32), np.linspace(-1, 1, 5, dtype=np.int32), np.linspace(0, 1, 0)
# result: ((array([0.  , 0.25, 0.5 , 0.75, 1.  ], dtype=float32), np.float32(0.25)), array([0. , 0.5, 1. ], dtype=float32), array([-1, -1,  0,  0,  1], dtype=int32), array([], dtype=float64))
# ---
np.linspace(np.float32(0.1), np.float32(0.7), 7).tolist()
# result: [0.10000000149011612, 0.19999998807907104, 0.29999998211860657, 0.3999999761581421, 0.4999999701976776, 0.5999999642372131, 0.699999988079071]
# ---
np.linspace([0, 10], [1, 20], 3).tolist(), np.linspace([0, 10], 1, 3, axis=1).tolist(), np.linspace(np.array([0, 1], dtype=np.float32), 2, 4, retstep=True)[1]
# result: ([[0.0, 10.0], [0.5, 15.0], [1.0, 20.0]], [[0.0, 0.5, 1.0], [10.0, 5.5, 1.0]], array([0.6666667 , 0.33333334], dtype=float32))
# ---
np.linspace([0, 1], [2, 3, 4], 2)
# error: ValueError: operands could not be broadcast together with shapes (3,) (2,) 
# ---
np.linspace(0, 1, -1)
# error: ValueError: Number of samples, -1, must be non-negative.
# ---
np.linspace(0, 1, 2.5)
# error: TypeError: 'float' object cannot be interpreted as an integer
# ---
print(repr(np.eye(3)))
print(repr(np.eye(2, 3, k=1, dtype=int)))
np.identity(2, dtype=np.uint8).tolist(), np.eye(3, k=5).sum(), np.eye(2, k=-1).tolist()
# out: array([[1., 0., 0.],
# out:        [0., 1., 0.],
# out:        [0., 0., 1.]])
# out: array([[0, 1, 0],
# out:        [0, 0, 1]])
# result: ([[1, 0], [0, 1]], np.float64(0.0), [[0.0, 0.0], [1.0, 0.0]])
# ---
np.eye(-1)
# error: ValueError: negative dimensions are not allowed
# ---
np.full(3, 7), np.full((2,), 7.5), np.full(2, True), np.full((1, 2), 3, dtype=np.float32), np.full((2, 2), [1, 2]).tolist()
# result: (array([7, 7, 7]), array([7.5, 7.5]), array([ True,  True]), array([[3., 3.]], dtype=float32), [[1, 2], [1, 2]])
# ---
np.full((2, 2), [1, 2, 3])
# error: ValueError: could not broadcast input array from shape (3,) into shape (2,2)
# ---
np.full((2,), 300, dtype=np.uint8)
# error: OverflowError: Python integer 300 out of bounds for uint8
# ---
u = np.array([1, 2, 3], dtype=np.uint8)
np.full_like(u, 9), np.full_like(np.arange(3), 2.7), np.full_like([1, 2], 3, shape=(2, 2)).shape, np.zeros_like(u), np.ones_like([1.5, 2]), np.ones_like(u, dtype=np.float32)
# result: (array([9, 9, 9], dtype=uint8), array([2, 2, 2]), (2, 2), array([0, 0, 0], dtype=uint8), array([1., 1.]), array([1., 1., 1.], dtype=float32))
# ---
np.empty((2, 3)).shape, np.empty(2, dtype=np.int32).dtype, np.empty_like(u).dtype, np.empty_like(np.zeros((4, 1))).shape
# result: ((2, 3), dtype('int32'), dtype('uint8'), (4, 1))
# ---
a = np.arange(3)
np.array(a, copy=False) is a, np.array(a, copy=None) is a, np.array(a) is a, np.array(a, dtype=np.int64, copy=False) is a, np.array(5, ndmin=2), np.array([1, 2], ndmin=3).shape, np.array(np.float32(2), copy=None)
# result: (True, True, False, True, array([[5]]), (1, 1, 2), array(2., dtype=float32))
# ---
try:
    np.array([1, 2], copy=False)
except ValueError as e:
    print(str(e).splitlines()[0])
# out: Unable to avoid copy while creating an array as requested.
# ---
a = np.array([1, 2, 3])
b = np.copy(a)
b[0] = 100
a, b, np.copy([1, 2.5]), np.copy(np.float32(2))
# result: (array([1, 2, 3]), array([100,   2,   3]), array([1. , 2.5]), array(2., dtype=float32))
# ---
np.full_like(u, 300)
# error: OverflowError: Python integer 300 out of bounds for uint8
# ---
a = np.array([[1, 2], [3, 4]])
b = np.array([[5, 6]])
print(repr(np.concatenate((a, b))))
print(repr(np.concatenate((a, b.T), axis=1)))
np.concatenate((a, b), axis=None), np.concatenate([[1, 2], [3.5]]), np.concatenate([[1], [2]], dtype=np.float32)
# out: array([[1, 2],
# out:        [3, 4],
# out:        [5, 6]])
# out: array([[1, 2, 5],
# out:        [3, 4, 6]])
# result: (array([1, 2, 3, 4, 5, 6]), array([1. , 2. , 3.5]), array([1., 2.], dtype=float32))
# ---
np.concatenate([a, np.zeros(3)])
# error: ValueError: all the input arrays must have same number of dimensions, but the array at index 0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)
# ---
np.concatenate([a, np.zeros((2, 3))])
# error: ValueError: all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 2 and the array at index 1 has size 3
# ---
np.concatenate([[1, 2], [3]], axis=1)
# error: AxisError: axis 1 is out of bounds for array of dimension 1
# ---
np.concatenate([])
# error: ValueError: need at least one array to concatenate
# ---
np.concatenate([1, 2])
# error: ValueError: zero-dimensional arrays cannot be concatenated
# ---
print(repr(np.stack([[1, 2], [3, 4]], axis=1)))
np.stack([np.zeros((2, 3)), np.ones((2, 3))]).shape, np.stack([np.zeros((2, 3))] * 4, axis=-1).shape, np.stack((1, 2))
# out: array([[1, 3],
# out:        [2, 4]])
# result: ((2, 2, 3), (2, 3, 4), array([1, 2]))
# ---
np.stack([[1, 2], [3, 4, 5]])
# error: ValueError: all input arrays must have the same shape
# ---
np.stack([[1, 2], [3, 4]], axis=3)
# error: AxisError: axis 3 is out of bounds for array of dimension 2
# ---
np.stack(5)
# error: TypeError: arrays to stack must be passed as a "sequence" type such as list or tuple.
# ---
print(repr(np.vstack(([1, 2, 3], [4, 5, 6]))))
print(repr(np.column_stack(([1, 2, 3], [4, 5, 6]))))
np.hstack(([1, 2], [3])), np.hstack([np.zeros((2, 1)), np.ones((2, 2))]).tolist(), np.vstack([1, 2]).shape, np.vstack([np.zeros((2, 3)), [1, 2, 3]]).shape, np.column_stack([np.zeros((2, 2)), [7, 8]]).tolist()
# out: array([[1, 2, 3],
# out:        [4, 5, 6]])
# out: array([[1, 4],
# out:        [2, 5],
# out:        [3, 6]])
# result: (array([1, 2, 3]), [[0.0, 1.0, 1.0], [0.0, 1.0, 1.0]], (2, 1), (3, 3), [[0.0, 0.0, 7.0], [0.0, 0.0, 8.0]])
# ---
np.vstack([[1, 2], [3]])
# error: ValueError: all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 2 and the array at index 1 has size 1
# ---
np.hstack([[[1]], [2]])
# error: ValueError: all the input arrays must have same number of dimensions, but the array at index 0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)
# ---
x = np.arange(9)
np.split(x, 3), np.split(x, [2, 5]), np.split(x, [3, -2, 20]), np.array_split(np.arange(7), 3), np.array_split(x, [4])
# result: ([array([0, 1, 2]), array([3, 4, 5]), array([6, 7, 8])], [array([0, 1]), array([2, 3, 4]), array([5, 6, 7, 8])], [array([0, 1, 2]), array([3, 4, 5, 6]), array([7, 8]), array([], dtype=int64)], [array([0, 1, 2]), array([3, 4]), array([5, 6])], [array([0, 1, 2, 3]), array([4, 5, 6, 7, 8])])
# ---
m = np.arange(12).reshape(3, 4)
[p.shape for p in np.split(m, 2, axis=1)], [p.tolist() for p in np.array_split(m, 2)]
# result: ([(3, 2), (3, 2)], [[[0, 1, 2, 3], [4, 5, 6, 7]], [[8, 9, 10, 11]]])
# ---
np.split(np.arange(5), 2)
# error: ValueError: array split does not result in an equal division
# at: 1:24
# ---
np.split(np.arange(4), 0)
# error: ZeroDivisionError: integer modulo by zero
# ---
np.array_split(np.arange(5), 0)
# error: ValueError: number sections must be larger than 0.
# ---
np.split(np.arange(4), 2, axis=1)
# error: IndexError: tuple index out of range
# ---
m = np.arange(6).reshape(2, 3)
r = m.ravel()
r[0] = 100
m.flatten(), np.ravel(m), np.ravel([[1, 2], [3, 4]]), m[0, 0]
# result: (array([100,   1,   2,   3,   4,   5]), array([100,   1,   2,   3,   4,   5]), array([1, 2, 3, 4]), np.int64(100))
# ---
m = np.array([[1, 2], [3, 4]])
np.flip([1, 2, 3]), np.flip(m).tolist(), np.flip(m, 0).tolist(), np.flip(m, axis=1).tolist(), np.flip(m, (0, 1)).tolist(), np.flip(np.arange(8).reshape(2, 2, 2), -1)[0].tolist()
# result: (array([3, 2, 1]), [[4, 3], [2, 1]], [[3, 4], [1, 2]], [[2, 1], [4, 3]], [[4, 3], [2, 1]], [[1, 0], [3, 2]])
# ---
np.flip([1, 2], 1)
# error: AxisError: axis 1 is out of bounds for array of dimension 1
# ---
np.tile([1, 2], 2), np.tile([1, 2], (2, 2)).tolist(), np.tile([[1, 2], [3, 4]], 2).tolist(), np.tile(np.array([1, 2], dtype=np.uint8), (2, 1, 2)).shape, np.tile(5, 3), np.tile([1, 2], (2, 0)).shape
# result: (array([1, 2, 1, 2]), [[1, 2, 1, 2], [1, 2, 1, 2]], [[1, 2, 1, 2], [3, 4, 3, 4]], (2, 1, 4), array([5, 5, 5]), (2, 0))
# ---
np.tile([1, 2], -1)
# error: ValueError: negative dimensions are not allowed
# ---
m = np.array([[1, 2], [3, 4]])
np.repeat([1, 2], 2), np.repeat(m, 2), np.repeat(m, 2, axis=1).tolist(), np.repeat(m, [1, 2], axis=0).tolist(), np.repeat(3, 4), m.repeat(2, axis=0).tolist(), np.repeat([1.5, 2], [0, 3])
# result: (array([1, 1, 2, 2]), array([1, 1, 2, 2, 3, 3, 4, 4]), [[1, 1, 2, 2], [3, 3, 4, 4]], [[1, 2], [3, 4], [3, 4]], array([3, 3, 3, 3]), [[1, 2], [1, 2], [3, 4], [3, 4]], array([2., 2., 2.]))
# ---
np.repeat([1, 2], [1, 2, 3])
# error: ValueError: operands could not be broadcast together with shape (2,) (3,)
# ---
np.repeat([1, 2], -1)
# error: ValueError: negative dimensions are not allowed
# ---
np.repeat([[1, 2]], 2, axis=2)
# error: AxisError: axis 2 is out of bounds for array of dimension 2
# ---
m = np.array([[3, 1, 2], [9, 7, 8]])
print(repr(np.sort(m)))
print(repr(np.sort(m, axis=0)))
np.sort(m, axis=None), np.sort([3.5, np.nan, -1.0, 2.0]), np.sort(np.array([3, 1, 2], dtype=np.uint8)), np.sort([True, False, True])
# out: array([[1, 2, 3],
# out:        [7, 8, 9]])
# out: array([[3, 1, 2],
# out:        [9, 7, 8]])
# result: (array([1, 2, 3, 7, 8, 9]), array([-1. ,  2. ,  3.5,  nan]), array([1, 2, 3], dtype=uint8), array([False,  True,  True]))
# ---
v = np.array([5, 2, 9, 1])
print(v.sort())
v, np.sort([[4, 1], [0, 2]], kind='stable').tolist(), np.sort([2, 1], kind='mergesort')
# out: None
# result: (array([1, 2, 5, 9]), [[1, 4], [0, 2]], array([1, 2]))
# ---
m = np.array([[3.0, 1.0, 2.0], [0.5, 7.0, -8.0]])
m.sort(axis=0)
m.tolist()
# result: [[0.5, 1.0, -8.0], [3.0, 7.0, 2.0]]
# ---
np.sort([3, 1], kind='fast')
# error: ValueError: sort kind must be one of 'quick', 'heap', or 'stable' (got 'fast')
# ---
np.sort([3, 1], order='x')
# error: ValueError: Cannot specify order when the array has no fields.
# ---
np.sort(np.array(3))
# error: AxisError: axis -1 is out of bounds for array of dimension 0
# ---
np.sort(np.array(3), axis=None), np.argsort(np.array(3)), np.sort([2, 1], stable=True), np.argsort([2, 1, 2], stable=True)
# result: (array([3]), array([0]), array([1, 2]), array([1, 0, 2]))
# ---
np.sort(np.zeros((2, 2)), axis=2)
# error: AxisError: axis 2 is out of bounds for array of dimension 2
# at: 1:27
# ---
s = np.array([30, 10, 20])
print(repr(np.argsort([[3, 1, 2], [0, 5, 4]])))
np.argsort(s), s[np.argsort(s)], np.argsort(-s), np.argsort([[3, 1], [2, 4]], axis=0).tolist(), np.argsort([[3, 1], [2, 4]], axis=None), np.argsort([2.5, np.nan, 1.0]), s.argsort(), np.argsort([2, 1, 2, 1], kind='stable')
# out: array([[1, 2, 0],
# out:        [0, 2, 1]])
# result: (array([1, 2, 0]), array([10, 20, 30]), array([0, 2, 1]), [[1, 0], [0, 1]], array([1, 2, 0, 3]), array([2, 0, 1]), array([1, 2, 0]), array([1, 3, 0, 2]))
# ---
np.unique([3, 1, 2, 3, 1]), np.unique([[1, 1], [2, 3]]), np.unique(np.array([2, 2, 0], dtype=np.uint8)), np.unique([True, False, True]), np.unique([]), np.unique([np.nan, 1.0, np.nan, 0.0])
# result: (array([1, 2, 3]), array([1, 2, 3]), array([0, 2], dtype=uint8), array([False,  True]), array([], dtype=float64), array([ 0.,  1., nan]))
# ---
np.unique([3, 1, 1, 2], return_counts=True), np.unique(['a'] and [7, 5, 7], return_index=True)
# result: ((array([1, 2, 3]), array([2, 1, 1])), (array([5, 7]), array([1, 0])))
# ---
np.unique([3, 1, 1, 2], return_index=True, return_inverse=True, return_counts=True)
# result: (array([1, 2, 3]), array([1, 3, 0]), array([2, 0, 0, 1]), array([2, 1, 1]))
# ---
rows = np.array([[1, 2], [3, 4], [1, 2], [0, 9]])
print(repr(np.unique(rows, axis=0)))
np.unique(rows, axis=0, return_index=True, return_inverse=True, return_counts=True)[1:], np.unique(np.array([[1, 2, 1], [3, 4, 3]]), axis=1).tolist()
# out: array([[0, 9],
# out:        [1, 2],
# out:        [3, 4]])
# result: ((array([3, 0, 1]), array([1, 2, 1, 0]), array([1, 2, 1])), [[1, 2], [3, 4]])
# ---
np.unique([[1, 2]], axis=2)
# error: AxisError: axis 2 is out of bounds for array of dimension 2
# ---
values, inverse = np.unique([[3, 1], [1, 2]], return_inverse=True)
values, inverse.shape, inverse.tolist(), values[inverse].tolist()
# result: (array([1, 2, 3]), (2, 2), [[2, 0], [0, 1]], [[3, 1], [1, 2]])
# ---
labels = np.array([0, 2, 1, 2, 2, 0])
np.bincount(labels), np.bincount(labels, minlength=5), np.bincount(labels, weights=[0.5, 1, 1, 1, 1, 0.25]), np.bincount([]), np.bincount(np.array([1, 3], dtype=np.uint8)), np.bincount([True, False, True])
# result: (array([2, 1, 3]), array([2, 1, 3, 0, 0]), array([0.75, 1.  , 3.  ]), array([], dtype=int64), array([0, 1, 0, 1]), array([1, 2]))
# ---
np.bincount([1, -1])
# error: ValueError: 'list' argument must have no negative elements
# at: 1:13
# ---
np.bincount([[1, 2]])
# error: ValueError: setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.
# ---
np.bincount(np.array([[1, 2]]))
# error: ValueError: object too deep for desired array
# ---
np.bincount(3)
# error: ValueError: object of too small depth for desired array
# ---
np.bincount([1], minlength=-1)
# error: ValueError: 'minlength' must not be negative
# ---
np.bincount([1, 2], weights=[1])
# error: ValueError: The weights and list don't have the same length.
# ---
m = np.array([[1, 2, 3], [4, 5, 6]])
print(repr(np.cumsum(m, axis=0)))
np.cumsum(m), np.cumsum(m, axis=1).tolist(), np.cumprod([1.5, 2, 3]), np.cumprod(m, axis=1).tolist(), m.cumsum(), m.cumprod(axis=0).tolist()
# out: array([[1, 2, 3],
# out:        [5, 7, 9]])
# result: (array([ 1,  3,  6, 10, 15, 21]), [[1, 3, 6], [4, 9, 15]], array([1.5, 3. , 9. ]), [[1, 2, 6], [4, 20, 120]], array([ 1,  3,  6, 10, 15, 21]), [[1, 2, 3], [4, 10, 18]])
# ---
np.cumsum([0.1] * 10).tolist(), np.cumsum(np.array([0.1, 0.2, 0.3], dtype=np.float32)), np.cumsum(np.array([1, 2], dtype=np.int32)), np.cumsum([True, True, False]), np.cumprod([True, True]), np.cumsum([1, 2], dtype=np.float32), np.cumsum(np.array([200, 100], dtype=np.uint8)).tolist()
# result: ([0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7, 0.7999999999999999, 0.8999999999999999, 0.9999999999999999], array([0.1, 0.3, 0.6], dtype=float32), array([1, 3]), array([1, 2, 2]), array([1, 1]), array([1., 3.], dtype=float32), [200, 300])
# ---
np.cumsum([[1, 2], [3, 4]], axis=2)
# error: AxisError: axis 2 is out of bounds for array of dimension 2
# ---
m = np.array([[1, 5, 2], [2, 9, 4]])
np.diff([1, 4, 9, 16]), np.diff([1, 4, 9, 16], n=2), np.diff(m).tolist(), np.diff(m, axis=0).tolist(), np.diff([1, 2], n=0), np.diff([0.5, 0.25, 1.0]), np.diff(np.array([1, 0], dtype=np.uint8)), np.diff([True, False, False])
# result: (array([3, 5, 7]), array([2, 2]), [[4, -3], [7, -5]], [[1, 4, 2]], [1, 2], array([-0.25,  0.75]), array([255], dtype=uint8), array([ True, False]))
# ---
np.diff([1, 4], prepend=0, append=[20]), np.diff(np.array([[1, 2], [4, 8]]), axis=1, prepend=0).tolist(), np.diff([5], n=3)
# result: (array([ 1,  3, 16]), [[1, 1], [4, 4]], array([], dtype=int64))
# ---
np.diff([1, 2], n=-1)
# error: ValueError: order must be non-negative but got -1
# ---
np.diff(5)
# error: ValueError: diff requires input that is at least one dimensional
# ---
np.diff([1, 4], axis=1)
# error: AxisError: axis 1 is out of bounds for array of dimension 1
# ---
m = np.array([[0, 1, 7], [0, 0, 3]])
np.count_nonzero(m), np.count_nonzero(m, axis=0), np.count_nonzero(m, axis=1), np.count_nonzero(m, axis=1, keepdims=True).tolist(), np.count_nonzero(m, axis=(0, 1)), np.count_nonzero([0.0, np.nan, -0.0]), np.count_nonzero([[True, False]])
# result: (np.int64(3), array([0, 1, 2]), array([2, 1]), [[2], [1]], np.int64(3), np.int64(1), np.int64(1))
# ---
m = np.array([[0, 1, 7], [0, 0, 3]])
np.nonzero(m), np.nonzero([0, 2, 0, 4]), m.nonzero(), np.nonzero(np.zeros(2))
# result: ((array([0, 0, 1]), array([1, 2, 2])), (array([1, 3]),), (array([0, 0, 1]), array([1, 2, 2])), (array([], dtype=int64),))
# ---
np.nonzero(np.array(3))
# error: ValueError: Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.
# ---
print(repr(np.argwhere([[0, 1, 7], [0, 0, 3]])))
np.argwhere([0, 5, 0, 5]).tolist(), np.argwhere(np.zeros((2, 2))).shape, np.argwhere(np.array(3)).shape, np.argwhere(np.array(0)).shape
# out: array([[0, 1],
# out:        [0, 2],
# out:        [1, 2]])
# result: ([[1], [3]], (0, 2), (1, 0), (0, 0))
# ---
edges = np.array([0, 10, 20, 30])
np.searchsorted(edges, 15), np.searchsorted(edges, [10, 25, -5, 40]), np.searchsorted(edges, [10, 20], side='right'), np.searchsorted([1.0, 2.0, np.nan], np.nan), edges.searchsorted(20), np.searchsorted([1, 2, 3], 2.5), np.searchsorted([3, 1, 2], 2, sorter=[1, 2, 0])
# result: (np.int64(2), array([1, 3, 0, 4]), array([2, 3]), np.int64(2), np.int64(2), np.int64(2), np.int64(1))
# ---
np.searchsorted([[1, 2, 3]], 2)
# error: ValueError: object too deep for desired array
# ---
np.searchsorted([1, 2], 1, side='middle')
# error: ValueError: search side must be 'left' or 'right' (got 'middle')
# ---
data = np.array([[1, 7, 3, 4], [10, 2, 6, 5]])
np.percentile([1, 2, 3, 4], 50), np.percentile(data, 25), np.percentile(data, [10, 50, 90]), np.quantile([1, 2, 3, 4, 5], 0.3), np.quantile(data, [0.25, 0.75])
# result: (np.float64(2.5), np.float64(2.75), array([1.7, 4.5, 7.9]), np.float64(2.2), array([2.75, 6.25]))
# ---
print(repr(np.percentile(data, [25, 50], axis=1)))
np.percentile(data, 50, axis=0), np.percentile(data, 50, axis=0, keepdims=True).tolist(), np.quantile(data, 0.5, axis=-1), np.percentile(data, 40, keepdims=True).shape
# out: array([[2.5 , 4.25],
# out:        [3.5 , 5.5 ]])
# result: (array([5.5, 4.5, 4.5, 4.5]), [[5.5, 4.5, 4.5, 4.5]], array([3.5, 5.5]), (1, 1))
# ---
f = np.array([0.1, 0.7, 0.3, 0.9, 0.55], dtype=np.float32)
np.percentile(f, 50), np.percentile(f, 37.5), np.percentile(f, [37.5]), np.quantile(f, np.array([0.1, 0.9], dtype=np.float32))
# result: (np.float32(0.55), np.float32(0.425), array([0.42500001]), array([0.18      , 0.81999993], dtype=float32))
# ---
r = np.array([0.11, 2.7, -3.3, 4.41, 1.0e-3, 7.77, 0.5])
[float(np.percentile(r, q)) for q in (0, 7, 13.3, 33.333, 50, 66.6, 80, 99.9, 100)]
# result: [-3.3, -1.9135799999999998, -0.6658019999999998, 0.10999781999999998, 0.5, 2.6911999999999994, 4.068000000000001, 7.749840000000002, 7.77]
# ---
np.quantile([1, 2, 3], 1), np.quantile([1, 2, 3], [0, 1]), np.percentile(np.array([1, 9], dtype=np.uint8), 25), np.percentile([1.0, np.nan, 3.0], 50), np.percentile([[1, 2], [np.nan, 4]], 50, axis=1), np.percentile(5, 50)
# result: (np.int64(3), array([1, 3]), np.float64(3.0), np.float64(nan), array([1.5, nan]), np.float64(5.0))
# ---
np.percentile([1, 2, 3], 101)
# error: ValueError: Percentiles must be in the range [0, 100]
# at: 1:26
# ---
np.quantile([1, 2, 3], [0.5, -0.1])
# error: ValueError: Quantiles must be in the range [0, 1]
# ---
np.percentile([[1, 2, 3], [4, 5, 6]], 50, axis=2)
# error: AxisError: axis 2 is out of bounds for array of dimension 2
# ---
np.percentile([1, 2], 50, method='foo')
# error: ValueError: 'foo' is not a valid method. Use one of: dict_keys(['inverted_cdf', 'averaged_inverted_cdf', 'closest_observation', 'interpolated_inverted_cdf', 'hazen', 'weibull', 'linear', 'median_unbiased', 'normal_unbiased', 'lower', 'higher', 'midpoint', 'nearest'])
# ---
m = np.array([[1, 2, 3], [4, 5, 6]])
np.median([3, 1, 2]), np.median([4, 1, 3, 2]), np.median(m), np.median(m, axis=0), np.median(m, axis=1), np.median(m, axis=1, keepdims=True).tolist(), np.median(5), np.median(np.array([1, 2, 3, 4], dtype=np.float32)), np.median([1, np.nan, 3]), np.median(np.array([7, 9], dtype=np.uint8))
# result: (np.float64(2.0), np.float64(2.5), np.float64(3.5), array([2.5, 3.5, 4.5]), array([2., 5.]), [[2.0], [5.0]], np.float64(5.0), np.float32(2.5), np.float64(nan), np.float64(8.0))
# ---
np.median([[1, 2], [3, 4]], axis=2)
# error: AxisError: axis 2 is out of bounds for array of dimension 2
# ---
np.average([1, 2, 3, 4]), np.average([1, 2, 3], weights=[3, 1, 0]), np.average(np.arange(6).reshape(3, 2), axis=1, weights=[1, 3]), np.average([[1, 2], [3, 4]], axis=0), np.average(np.array([1, 2], dtype=np.float32), weights=np.array([1, 3], dtype=np.float32)), np.average(np.array([1, 2], dtype=np.float32))
# result: (np.float64(2.5), np.float64(1.25), array([0.75, 2.75, 4.75]), array([2., 3.]), np.float32(1.75), np.float32(1.5))
# ---
np.average([1, 2, 3], weights=[1, 1, 2], returned=True), np.average([[1, 2], [3, 4]], axis=0, returned=True), np.average([[1.0, 2.0], [3.0, 4.0]], axis=1, keepdims=True).tolist()
# result: ((np.float64(2.25), np.float64(4.0)), (array([2., 3.]), array([2., 2.])), [[1.5], [3.5]])
# ---
np.average([1, 2], weights=[1, -1])
# error: ZeroDivisionError: Weights sum to zero, can't be normalized
# ---
np.average([1, 2], weights=[1, 2, 3])
# error: TypeError: Axis must be specified when shapes of a and weights differ.
# ---
np.average([[1, 2], [3, 4]], axis=1, weights=[1, 3, 4])
# error: ValueError: Shape of weights must be consistent with shape of a along specified axis.
# ---
np.ptp([3, 9, 1]), np.ptp([[1, 5], [2, 9]], axis=0), np.ptp([[1, 5], [2, 9]], axis=1, keepdims=True).tolist(), np.ptp(np.array([1, 250], dtype=np.uint8)), np.ptp([0.5, -1.5])
# result: (np.int64(8), array([1, 4]), [[4], [7]], np.uint8(249), np.float64(2.0))
# ---
np.ptp([])
# error: ValueError: zero-size array to reduction operation maximum which has no identity
# ---
np.histogram([1, 2, 2, 3, 4])
# result: (array([1, 0, 0, 2, 0, 0, 1, 0, 0, 1]), array([1. , 1.3, 1.6, 1.9, 2.2, 2.5, 2.8, 3.1, 3.4, 3.7, 4. ]))
# ---
counts, edges = np.histogram([1, 2, 1], bins=[0, 1, 2, 3])
counts, edges, np.histogram(np.arange(4), bins=np.arange(5)), np.histogram([1, 2, 3, 10], bins=3, range=(0, 9))
# result: (array([0, 2, 1]), array([0, 1, 2, 3]), (array([1, 1, 1, 1]), array([0, 1, 2, 3, 4])), (array([2, 1, 0]), array([0., 3., 6., 9.])))
# ---
np.histogram(np.array([1, 2, 2, 3], dtype=np.float32), bins=3), np.histogram(np.array([5, 5, 5])), np.histogram([], bins=2)
# result: ((array([1, 2, 1]), array([1.       , 1.6666667, 2.3333335, 3.       ], dtype=float32)), (array([0, 0, 0, 0, 0, 3, 0, 0, 0, 0]), array([4.5, 4.6, 4.7, 4.8, 4.9, 5. , 5.1, 5.2, 5.3, 5.4, 5.5])), (array([0, 0]), array([0. , 0.5, 1. ])))
# ---
np.random.seed(0)
scores = np.array([0.12, 0.93, 0.47, 0.51, 0.05, 0.77, 0.66, 0.31, 0.88, 0.29, 0.44, 0.99, 0.0, 0.61])
counts, edges = np.histogram(scores, bins=7)
counts, edges.tolist(), counts.sum(), counts.dtype, edges.dtype
# result: (array([3, 0, 2, 3, 2, 1, 3]), [0.0, 0.14142857142857143, 0.28285714285714286, 0.42428571428571427, 0.5657142857142857, 0.7071428571428572, 0.8485714285714285, 0.99], np.int64(14), dtype('int64'), dtype('float64'))
# ---
np.histogram(np.array([0.1, 0.2, 0.3, 0.7], dtype=np.float32), bins=5, range=(0.0, 1.0))
# result: (array([1, 2, 0, 1, 0]), array([0. , 0.2, 0.4, 0.6, 0.8, 1. ], dtype=float32))
# ---
np.histogram([1, 2, 2, 3], bins=2, density=True), np.histogram([1, 2, 3], bins=2, weights=[0.5, 0.25, 2.0]), np.histogram([1, 2, 3], bins=[0, 2, 5], weights=[1, 2, 3]), np.histogram([1, 2, 3], bins=[0, 2, 5], density=True)
# result: ((array([0.25, 0.75]), array([1., 2., 3.])), (array([0.5 , 2.25]), array([1., 2., 3.])), (array([1, 5]), array([0, 2, 5])), (array([0.16666667, 0.22222222]), array([0, 2, 5])))
# ---
x = np.array([1.5, 2.25, 2.5, 3.0, 7.75, 8.0, 9.5, 2.0, 4.0])
[len(np.histogram(x, bins=b)[0]) for b in ['auto', 'fd', 'doane', 'scott', 'stone', 'rice', 'sturges', 'sqrt']], np.histogram(x, bins='auto')
# result: ([5, 2, 6, 2, 3, 5, 5, 3], (array([5, 1, 0, 1, 2]), array([1.5, 3.1, 4.7, 6.3, 7.9, 9.5])))
# ---
np.histogram([1, 2], bins='auto', weights=[1, 2])
# error: TypeError: Automated estimation of the number of bins is not supported for weighted data
# ---
np.histogram([1, 2, 3], range=(5, 1))
# error: ValueError: max must be larger than min in range parameter.
# ---
np.histogram([1, np.nan])
# error: ValueError: autodetected range of [nan, nan] is not finite
# ---
np.histogram([1, 2], range=(0, np.inf))
# error: ValueError: supplied range of [0, inf] is not finite
# ---
np.histogram([1, 2], bins=0)
# error: ValueError: `bins` must be positive, when an integer
# ---
np.histogram([1, 2], bins=[3, 1])
# error: ValueError: `bins` must increase monotonically, when an array
# ---
np.histogram([1, 2], bins=2.5)
# error: TypeError: `bins` must be an integer, a string, or an array
# ---
np.histogram([1, 2], bins='foo')
# error: ValueError: 'foo' is not a valid estimator for `bins`
# ---
np.nan, np.inf, -np.inf, np.pi, np.e
# result: (nan, inf, -inf, 3.141592653589793, 2.718281828459045)
# ---
np.cumsum(5), np.unique(5), np.flip(5), np.ravel(5), np.count_nonzero(5), np.ptp(5), np.full((), 3), np.copy(5), np.median(5), np.percentile(5, 50)
# result: (array([5]), array([5]), np.int64(5), array([5]), np.int64(1), np.int64(0), array(3), array(5), np.float64(5.0), np.float64(5.0))
# ---
np.histogram([1, 2], bins=[[1, 2]])
# error: ValueError: `bins` must be 1d, when an array
