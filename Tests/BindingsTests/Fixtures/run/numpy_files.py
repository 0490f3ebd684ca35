# numpy's files: np.save/np.load (.npy), np.savez/np.savez_compressed (.npz, an NpzFile that is a
# mapping and a context manager), np.savetxt/np.loadtxt. CPython with real numpy prints the same
# (test_fixtures_cpython.py runs this file through python3 too), so the .npy bytes are numpy's.
import os
import shutil
import numpy as np
root = '/tmp/fovea-fixture-npy'
shutil.rmtree(root, ignore_errors=True)
os.makedirs(root)
np.save(root + '/a', np.array([[1.5, 2.0], [3.0, -4.25]], dtype=np.float32))
print(sorted(os.listdir(root)))
data = open(root + '/a.npy', 'rb').read()
print(len(data), data[:10], data[10:75])
print(data[75:128])
print(data[128:])
# out: ['a.npy']
# out: 144 b'\x93NUMPY\x01\x00v\x00' b"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }      "
# out: b'                                                    \n'
# out: b'\x00\x00\xc0?\x00\x00\x00@\x00\x00@@\x00\x00\x88\xc0'
# ---
print(repr(np.load(root + '/a.npy')))
# out: array([[ 1.5 ,  2.  ],
# out:        [ 3.  , -4.25]], dtype=float32)
# ---
for name, a in [('i', np.arange(5)), ('u', np.array([0, 255], dtype=np.uint8)), ('b', np.array([True, False])),
                ('d', np.linspace(0, 1, 3)), ('s', np.array(7.5)), ('n', np.arange(12, dtype=np.int32).reshape(2, 3, 2))]:
    np.save(root + '/' + name + '.npy', a)
    back = np.load(root + '/' + name + '.npy')
    print(name, back.dtype, back.shape, (back == a).all(), os.path.getsize(root + '/' + name + '.npy'))
# out: i int64 (5,) True 168
# out: u uint8 (2,) True 130
# out: b bool (2,) True 130
# out: d float64 (3,) True 152
# out: s float64 () True 136
# out: n int32 (2, 3, 2) True 176
# ---
print(open(root + '/s.npy', 'rb').read()[6:11], len(open(root + '/s.npy', 'rb').read()))
print(open(root + '/n.npy', 'rb').read()[10:68])
# out: b'\x01\x00v\x00{' 136
# out: b"{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3, 2"
# ---
x = np.arange(6).reshape(2, 3)
np.savez(root + '/pair', x, y=np.array([0.5, 1.5]))
with np.load(root + '/pair.npz') as data:
    print(data.files, sorted(data), len(data), 'y' in data, 'z' in data)
    print(data['arr_0'], data['y'], data['y'].dtype)
# out: ['y', 'arr_0'] ['arr_0', 'y'] 2 True False
# out: [[0 1 2]
# out:  [3 4 5]] [0.5 1.5] float64
# ---
np.savez_compressed(root + '/big.npz', images=np.zeros((50, 8, 8), dtype=np.uint8), labels=np.arange(50))
big = np.load(root + '/big.npz')
print(big['images'].shape, big['labels'][-3:], os.path.getsize(root + '/big.npz') < 3200 + 400)
print([k for k, v in big.items()], list(big.keys()))
big['z']
# out: (50, 8, 8) [47 48 49] True
# out: ['images', 'labels'] ['images', 'labels']
# error: KeyError: 'z is not a file in the archive'
# ---
with open(root + '/two.npy', 'wb') as f:
    np.save(f, np.arange(3))
    np.save(f, np.ones((2, 2), dtype=np.float32))
with open(root + '/two.npy', 'rb') as f:
    first = np.load(f)
    second = np.load(f)
with open(root + '/s.npz', 'wb') as f:
    np.savez(f, a=np.arange(2))
print(sorted(os.listdir(root))[-3:], np.load(root + '/s.npz')['a'])
first, second.tolist(), second.dtype
# out: ['s.npz', 'two.npy', 'u.npy'] [0 1]
# result: (array([0, 1, 2]), [[1.0, 1.0], [1.0, 1.0]], dtype('float32'))
# ---
np.load(root + '/missing.npy')
# error: FileNotFoundError: [Errno 2] No such file or directory: '/tmp/fovea-fixture-npy/missing.npy'
# ---
np.savetxt(root + '/t.csv', np.array([[1.0, 2.5], [3.0, 4.0]]), delimiter=',', fmt='%.2f', header='a,b')
print(open(root + '/t.csv').read())
np.loadtxt(root + '/t.csv', delimiter=',').tolist()
# out: # a,b
# out: 1.00,2.50
# out: 3.00,4.00
# out: 
# result: [[1.0, 2.5], [3.0, 4.0]]
# ---
np.savetxt(root + '/v.txt', np.arange(3))
print(repr(open(root + '/v.txt').read()))
np.loadtxt(root + '/v.txt', dtype=int)
# out: '0.000000000000000000e+00\n1.000000000000000000e+00\n2.000000000000000000e+00\n'
# error: ValueError: could not convert string '0.000000000000000000e+00' to int64 at row 0, column 1.
# ---
with open(root + '/w.txt', 'w') as f:
    f.write('x y z\n1 2 3 # first\n\n4 5 6\n')
a = np.loadtxt(root + '/w.txt', skiprows=1, usecols=(0, 2))
b, c = np.loadtxt(root + '/w.txt', skiprows=1, unpack=True, dtype=np.int64)[:2]
a.tolist(), b, c, np.loadtxt(root + '/w.txt', skiprows=1, usecols=1, dtype=np.float32)
# result: ([[1.0, 3.0], [4.0, 6.0]], array([1, 4]), array([2, 5]), array([2., 5.], dtype=float32))
# ---
np.savetxt(root + '/f.txt', np.ones((2, 2)), fmt=['%d', '%.1f'])
print(repr(open(root + '/f.txt').read()))
np.savetxt(root + '/f.txt', np.ones((2, 2, 2)))
# out: '1 1.0\n1 1.0\n'
# error: ValueError: Expected 1D or 2D array, got 3D array instead
# ---
with open(root + '/r.csv', 'w') as f:
    f.write('1,2,3\n4,5\n')
np.loadtxt(root + '/r.csv', delimiter=',')
# error: ValueError: the number of columns changed from 3 to 2 at row 2; use `usecols` to select a subset and avoid this error
