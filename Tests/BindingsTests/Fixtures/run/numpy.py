import numpy as np
a = np.array([[1, 2, 3], [4, 5, 6]])
a.shape, a.ndim, a.size, a.dtype, len(a)
# result: ((2, 3), 2, 6, dtype('int64'), 2)
# ---
print(repr(a))
# out: array([[1, 2, 3],
# out:        [4, 5, 6]])
# ---
np.array([[0.1, 0.9]], dtype=np.float32)
# result: array([[0.1, 0.9]], dtype=float32)
# ---
np.array([0.5, 1.0, 2.25, 10.0], dtype='float32')
# result: array([ 0.5 ,  1.  ,  2.25, 10.  ], dtype=float32)
# ---
np.array([1e-5, 1.0], dtype=np.float32), np.array([1.5e-5, 1.0, 100.0], dtype=np.float32)
# result: (array([1.e-05, 1.e+00], dtype=float32), array([1.5e-05, 1.0e+00, 1.0e+02], dtype=float32))
# ---
np.array([1/3, -2/3], dtype=np.float32)
# result: array([ 0.33333334, -0.6666667 ], dtype=float32)
# ---
print(a)
print(np.array([0.25, 1.0]).astype(np.float32))
# out: [[1 2 3]
# out:  [4 5 6]]
# out: [0.25 1.  ]
# ---
print(repr(np.arange(10) > 4))
np.array([True, False])
# out: array([False, False, False, False, False,  True,  True,  True,  True,
# out:         True])
# result: array([ True, False])
# ---
print(repr(np.arange(30)))
print(np.arange(30))
# out: array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,
# out:        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])
# out: [ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23
# out:  24 25 26 27 28 29]
# ---
np.zeros((2000,), dtype=np.uint8)
# result: array([0, 0, 0, ..., 0, 0, 0], shape=(2000,), dtype=uint8)
# ---
print(repr(np.zeros((3, 2))))
np.ones(2, dtype=np.uint8), np.arange(2, 8, 2), np.arange(0.0, 1.0, 0.25)
# out: array([[0., 0.],
# out:        [0., 0.],
# out:        [0., 0.]])
# result: (array([1, 1], dtype=uint8), array([2, 4, 6]), array([0.  , 0.25, 0.5 , 0.75]))
# ---
x = np.arange(24).reshape(2, 3, 4)
print(repr(x[..., 0]))
x[1, -1], x[0, ::2, 1], x[:, None, 0, :2].shape, x[0, 1, 2], x[-1, ::-2, -1]
# out: array([[ 0,  4,  8],
# out:        [12, 16, 20]])
# result: (array([20, 21, 22, 23]), array([1, 9]), (2, 1, 2), np.int64(6), array([23, 15]))
# ---
x[2]
# error: IndexError: index 2 is out of bounds for axis 0 with size 2
# at: 1:3
# ---
x[0, 0, 0, 0]
# error: IndexError: too many indices for array: array is 3-dimensional, but 4 were indexed
# ---
np.expand_dims(x, 4)
# error: AxisError: axis 4 is out of bounds for array of dimension 4
# at: 1:19
# ---
x[0][[True, False]]
# error: IndexError: boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 2
# ---
x.reshape(5, -1)
# error: ValueError: cannot reshape array of size 24 into shape (5,-1)
# ---
np.zeros(784).reshape(27, 27)
# error: ValueError: cannot reshape array of size 784 into shape (27,27)
# ---
np.arange(3) + np.arange(4)
# error: ValueError: operands could not be broadcast together with shapes (3,) (4,)
# at: 1:14
# ---
y = np.array([3, 1, 3, 0])
p = np.array([[0.1, 0.2, 0.3, 0.4], [0.0, 0.9, 0.1, 0.0], [0.2, 0.1, 0.1, 0.6], [0.7, 0.1, 0.1, 0.1]])
pred = np.argmax(p, axis=1)
pred, pred == y, (pred == y).mean(), (pred == y).sum(), p.max(), p.argmax()
# result: (array([3, 1, 3, 0]), array([ True,  True,  True,  True]), np.float64(1.0), np.int64(4), np.float64(0.9), np.int64(5))
# ---
p.sum(axis=0), p.mean(axis=1, keepdims=True).shape, np.max(p, axis=-1), np.min([3, 1, 2])
# result: (array([1. , 1.3, 0.6, 1.1]), (4, 1), array([0.4, 0.9, 0.6, 0.7]), np.int64(1))
# ---
print(repr(p[y == 3]))
p[[0, 3]].shape, y[y > 0]
# out: array([[0.1, 0.2, 0.3, 0.4],
# out:        [0.2, 0.1, 0.1, 0.6]])
# result: ((2, 4), array([3, 1, 3]))
# ---
u = np.array([0, 128, 255], dtype=np.uint8)
u / 255.0, (u + 1), u.astype('float32') * 2, -np.array([1.5]), 2 ** np.arange(4), 7 // np.array([2, -2]), np.arange(5) % 3
# result: (array([0.        , 0.50196078, 1.        ]), array([  1, 129,   0], dtype=uint8), array([  0., 256., 510.], dtype=float32), array([-1.5]), array([1, 2, 4, 8]), array([ 3, -4]), array([0, 1, 2, 0, 1]))
# ---
z = np.zeros((2, 3))
z[0] = 1
z[:, 2] = [7, 8]
z[z == 0] = -1
z.tolist(), [row.sum() for row in z]
# result: ([[1.0, 1.0, 7.0], [-1.0, -1.0, 8.0]], [np.float64(9.0), np.float64(6.0)])
# ---
np.expand_dims(np.zeros((5, 28, 28)), -1).shape, np.squeeze(np.zeros((1, 3, 1))).shape, np.zeros((2, 3)).T.shape, np.newaxis is None
# result: ((5, 28, 28, 1), (3,), (3, 2), True)
# ---
np.float32(0.1), np.uint8(200), x.dtype == np.int64, np.zeros(2).dtype == 'float64', str(np.zeros(2, np.float32).dtype), float(np.float32(0.1))
# result: (np.float32(0.1), np.uint8(200), True, True, 'float32', 0.10000000149011612)
# ---
np.uint8(300)
# error: OverflowError: Python integer 300 out of bounds for uint8
# ---
x.astype('complex')
# error: TypeError: data type 'complex' not understood
# ---
np.random.seed(0)
r1 = np.random.rand(3)
np.random.seed(0)
r2 = np.random.rand(3)
(r1 == r2).all() if False else (r1 == r2).sum(), r1.shape, np.random.randint(0, 10, size=(2, 2)).dtype, ((r1 >= 0) & True) if False else r1.min() >= 0
# result: (np.int64(3), (3,), dtype('int64'), np.True_)
# ---
from tensorflow import keras
print(keras.utils.to_categorical([0, 2, 1], num_classes=3))
keras.utils.to_categorical(np.array([1, 0])).shape
# out: [[1. 0. 0.]
# out:  [0. 0. 1.]
# out:  [0. 1. 0.]]
# result: (2, 2)
# ---
keras.utils.to_categorical([3], num_classes=3)
# error: IndexError: index 3 is out of bounds for axis 1 with size 3
# ---
[float(v) for v in np.array([0.5, 2.0])], [list(r) for r in np.arange(4).reshape(2, 2)], np.array([[1, 2], [3, 4]]).T.tolist()
# result: ([0.5, 2.0], [[np.int64(0), np.int64(1)], [np.int64(2), np.int64(3)]], [[1, 3], [2, 4]])
# ---
import numpy as np
int(np.array([3.7])), float(np.array([[2.5]])), int(np.arange(6).sum())
# result: (3, 2.5, 15)
# ---
int(np.array([1, 2]))
# error: TypeError: int() argument must be a string, a bytes-like object or a real number, not 'ndarray'
