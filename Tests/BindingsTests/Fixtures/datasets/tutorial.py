import numpy as np
from tensorflow import keras
(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train.shape, y_train.shape, x_test.shape, y_test.shape, x_train.dtype, y_train.dtype, len(x_train)
# result: ((60000, 28, 28), (60000,), (10000, 28, 28), (10000,), dtype('uint8'), dtype('uint8'), 60000)
# ---
y_train[:5], x_train.max(), x_train.min(), y_train.max()
# result: (array([9, 0, 0, 3, 0], dtype=uint8), np.uint8(255), np.uint8(0), np.uint8(9))
# ---
x_train[0, 10, 10:15]
# result: array([  0,   0,   0, 193, 228], dtype=uint8)
# ---
x_train = x_train.reshape(-1, 28, 28, 1).astype('float32') / 255.0
x_train.shape, x_train.dtype, x_train.max(), x_train[:100].shape
# result: ((60000, 28, 28, 1), dtype('float32'), np.float32(1.0), (100, 28, 28, 1))
# ---
x_test4 = x_test[..., None]
x_test5 = np.expand_dims(x_test, -1)
x_test4.shape, x_test5.shape, (x_test4 == x_test5).all()
# result: ((10000, 28, 28, 1), (10000, 28, 28, 1), np.True_)
# ---
p = keras.utils.to_categorical(y_test[:50], 10)
pred = np.argmax(p, axis=1)
pred.shape, (pred == y_test[:50]).mean(), (pred == y_test[:50]).sum()
# result: ((50,), np.float64(1.0), np.int64(50))
# ---
[int((y_train == k).sum()) for k in range(10)] == [6000] * 10, x_train[y_train == 3].shape
# result: (True, (6000, 28, 28, 1))
# ---
print(repr(y_test))
# out: array([9, 2, 1, ..., 8, 1, 5], shape=(10000,), dtype=uint8)
