# tf tensors as TensorFlow 2.21's eager mode shows them and computes with them.
import numpy as np
import tensorflow as tf
t = tf.constant([1, 2, 3])
t
# result: <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 3], dtype=int32)>
# ---
print(t)
print(tf.constant(2.5))
print(tf.constant([[1, 2], [3, 4]]))
# out: tf.Tensor([1 2 3], shape=(3,), dtype=int32)
# out: tf.Tensor(2.5, shape=(), dtype=float32)
# out: tf.Tensor(
# out: [[1 2]
# out:  [3 4]], shape=(2, 2), dtype=int32)
# ---
tf.constant(2.5), tf.constant(0.1), tf.constant(3), tf.constant(True)
# result: (<tf.Tensor: shape=(), dtype=float32, numpy=2.5>, <tf.Tensor: shape=(), dtype=float32, numpy=0.10000000149011612>, <tf.Tensor: shape=(), dtype=int32, numpy=3>, <tf.Tensor: shape=(), dtype=bool, numpy=True>)
# ---
print(repr(tf.constant([[1., 2.], [3., 4.]])))
# out: <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
# out: array([[1., 2.],
# out:        [3., 4.]], dtype=float32)>
# ---
# Python floats give float32, numpy arrays keep their dtype.
tf.constant([1, 2.5]), tf.constant(np.array([1.5, 2.0])), tf.constant(np.arange(3)), tf.constant([1, 2], dtype=tf.float32)
# result: (<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1. , 2.5], dtype=float32)>, <tf.Tensor: shape=(2,), dtype=float64, numpy=array([1.5, 2. ])>, <tf.Tensor: shape=(3,), dtype=int64, numpy=array([0, 1, 2])>, <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>)
# ---
print(tf.constant(0, shape=(2, 3)))
print(tf.constant([1, 2, 3, 4], shape=(2, 2)))
# out: tf.Tensor(
# out: [[0 0 0]
# out:  [0 0 0]], shape=(2, 3), dtype=int32)
# out: tf.Tensor(
# out: [[1 2]
# out:  [3 4]], shape=(2, 2), dtype=int32)
# ---
tf.constant([1, 2, 3], shape=(2, 2))
# error: TypeError: Eager execution of tf.constant with unsupported shape. Tensor tf.Tensor([1 2 3], shape=(3,), dtype=int32) (converted from [1, 2, 3]) has 3 elements, but got `shape` (2, 2) with 4 elements).
# ---
tf.constant(1.5, dtype=tf.int32)
# error: TypeError: Cannot convert 1.5 to EagerTensor of dtype int32
# ---
tf.constant([[1, 2], [3]])
# error: ValueError: Can't convert non-rectangular Python sequence to Tensor.
# ---
tf.constant(None)
# error: ValueError: Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a Tensor.
# ---
x = tf.constant([[1., 2., 3.]])
x.shape, x.dtype, x.ndim
# result: (TensorShape([1, 3]), tf.float32, 2)
# ---
print(x.shape, x.dtype)
x.shape[0], x.shape[-1], x.shape[1:], x.shape.as_list(), x.shape == (1, 3), x.shape == [1, 3], len(x.shape), x.shape.rank
# out: (1, 3) <dtype: 'float32'>
# result: (1, 3, TensorShape([3]), [1, 3], True, True, 2, 2)
# ---
x.dtype.name, x.dtype == tf.float32, x.dtype == np.float32, x.dtype == 'float32', x.dtype is tf.float32, x.dtype.is_floating
# result: ('float32', True, True, True, True, True)
# ---
tf.float32, tf.float64, tf.int32, tf.int64, tf.uint8, tf.bool
# result: (tf.float32, tf.float64, tf.int32, tf.int64, tf.uint8, tf.bool)
# ---
print(tf.float32, tf.int32.name)
# out: <dtype: 'float32'> int32
# ---
# numpy() copies the values into a numpy array (a numpy scalar for shape ()), and numpy takes tensors.
x.numpy(), tf.constant(2.5).numpy(), np.array(x).shape, np.asarray(x).dtype, np.sum(x), np.argmax(x)
# result: (array([[1., 2., 3.]], dtype=float32), np.float32(2.5), (1, 3), dtype('float32'), np.float32(6.0), np.int64(2))
# ---
float(tf.constant(2.5)), int(tf.constant(3)), bool(tf.constant(True)), [10, 20, 30][tf.constant(1)]
# result: (2.5, 3, True, 20)
# ---
type(x), isinstance(x, tf.Tensor), isinstance(x, np.ndarray), type(x.shape), type(tf.float32)
# result: (<class 'tensorflow.python.framework.ops.EagerTensor'>, True, False, <class 'tensorflow.python.framework.tensor_shape.TensorShape'>, <class 'tensorflow.python.framework.dtypes.DType'>)
# ---
x.sum()
# error: AttributeError: 'tensorflow.python.framework.ops.EagerTensor' object has no attribute 'sum'
# ---
{tf.constant(1): 'one'}
# error: TypeError: Tensor is unhashable. Instead, use tensor.ref() as the key.
# ---
a = tf.constant([1., 2., 3.])
b = tf.constant([10., 20., 30.])
print(a + b)
print(a * 2, 2 * a)
print(a - 1, 1 - a)
print(a / 2, a ** 2, -a)
# out: tf.Tensor([11. 22. 33.], shape=(3,), dtype=float32)
# out: tf.Tensor([2. 4. 6.], shape=(3,), dtype=float32) tf.Tensor([2. 4. 6.], shape=(3,), dtype=float32)
# out: tf.Tensor([0. 1. 2.], shape=(3,), dtype=float32) tf.Tensor([ 0. -1. -2.], shape=(3,), dtype=float32)
# out: tf.Tensor([0.5 1.  1.5], shape=(3,), dtype=float32) tf.Tensor([1. 4. 9.], shape=(3,), dtype=float32) tf.Tensor([-1. -2. -3.], shape=(3,), dtype=float32)
# ---
# A numpy array takes the tensor's dtype, on either side (numpy leaves the operator to the tensor).
a + np.array([1., 1., 1.]), np.array([1., 1., 1.]) + a
# result: (<tf.Tensor: shape=(3,), dtype=float32, numpy=array([2., 3., 4.], dtype=float32)>, <tf.Tensor: shape=(3,), dtype=float32, numpy=array([2., 3., 4.], dtype=float32)>)
# ---
i = tf.constant([7, -7])
i // 2, i % 3, i / 2
# result: (<tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 3, -4], dtype=int32)>, <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>, <tf.Tensor: shape=(2,), dtype=float64, numpy=array([ 3.5, -3.5])>)
# ---
a > 1.5, a == 2.0, 2.0 <= a, a == None
# result: (<tf.Tensor: shape=(3,), dtype=bool, numpy=array([False,  True,  True])>, <tf.Tensor: shape=(3,), dtype=bool, numpy=array([False,  True, False])>, <tf.Tensor: shape=(3,), dtype=bool, numpy=array([False,  True,  True])>, False)
# ---
# == of shapes that do not broadcast is False; tensors format as numpy formats their values.
tf.constant([1.5, 2.25]) == tf.constant([1.5, 2.0, 3.0]), f"{tf.constant(2.5):.2f}", f"{tf.reduce_sum(a)}", f"{a}", "{}".format(t)
# result: (<tf.Tensor: shape=(), dtype=bool, numpy=False>, '2.50', '6.0', '[1. 2. 3.]', '[1 2 3]')
# ---
print(tf.constant([[1., 2.], [3., 4.]]) @ tf.constant([[1.], [1.]]))
print(abs(tf.constant([-1, 2])))
# out: tf.Tensor(
# out: [[3.]
# out:  [7.]], shape=(2, 1), dtype=float32)
# out: tf.Tensor([1 2], shape=(2,), dtype=int32)
# ---
# TensorFlow never promotes between dtypes.
a + tf.constant([1., 2., 3.], dtype=tf.float64)
# error: InvalidArgumentError: cannot compute AddV2 as input #1(zero-based) was expected to be a float tensor but is a double tensor [Op:AddV2] name: 
# at: 2:3
# ---
i + 1.5
# error: InvalidArgumentError: cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor but is a float tensor [Op:AddV2] name: 
# ---
i * 1.5
# error: TypeError: Cannot convert 1.5 to EagerTensor of dtype int32
# ---
a / tf.constant(2., dtype=tf.float64)
# error: TypeError: `x` and `y` must have the same dtype, got tf.float32 != tf.float64.
# ---
a + tf.constant([1., 2.])
# error: InvalidArgumentError: {{function_node __wrapped__AddV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} Incompatible shapes: [3] vs. [2] [Op:AddV2] name: 
# ---
try:
    tf.constant(1) + tf.constant(1.0)
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, isinstance(e, tf.errors.OpError))
    print(e)
# out: InvalidArgumentError True
# out: cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor but is a float tensor [Op:AddV2] name: 
# ---
m = tf.constant([[1, 2, 3], [4, 5, 6]])
m[0], m[1, 2], m[..., -1], m[tf.newaxis, 0].shape, m[-1, ::-1]
# result: (<tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 3], dtype=int32)>, <tf.Tensor: shape=(), dtype=int32, numpy=6>, <tf.Tensor: shape=(2,), dtype=int32, numpy=array([3, 6], dtype=int32)>, TensorShape([1, 3]), <tf.Tensor: shape=(3,), dtype=int32, numpy=array([6, 5, 4], dtype=int32)>)
# ---
print(m[:, 1:])
print(m[m > 3])
# out: tf.Tensor(
# out: [[2 3]
# out:  [5 6]], shape=(2, 2), dtype=int32)
# out: tf.Tensor([4 5 6], shape=(3,), dtype=int32)
# ---
m[5]
# error: InvalidArgumentError: {{function_node __wrapped__StridedSlice_device_/job:localhost/replica:0/task:0/device:CPU:0}} slice index 5 of dimension 0 out of bounds. [Op:StridedSlice] name: strided_slice/
# ---
m[1.5]
# error: TypeError: Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices, got 1.5
# ---
m[0] = 1
# error: TypeError: 'tensorflow.python.framework.ops.EagerTensor' object does not support item assignment
# ---
len(m), [int(v) for v in m[0]], list(tf.constant([1, 2]))
# result: (2, [1, 2, 3], [<tf.Tensor: shape=(), dtype=int32, numpy=1>, <tf.Tensor: shape=(), dtype=int32, numpy=2>])
# ---
for row in m:
    print(row)
# out: tf.Tensor([1 2 3], shape=(3,), dtype=int32)
# out: tf.Tensor([4 5 6], shape=(3,), dtype=int32)
# ---
for v in tf.constant(1):
    pass
# error: TypeError: Cannot iterate over a scalar tensor.
# ---
v = tf.Variable([1., 2.])
v
# result: <tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>
# ---
before = v.numpy()
v.assign([3., 4.])
# result: <tf.Variable 'UnreadVariable' shape=(2,) dtype=float32, numpy=array([3., 4.], dtype=float32)>
# ---
v.assign_add([1., 1.])
v.assign_sub([0.5, 0.5])
print(v.numpy(), before)
v.read_value(), v * 2, v[0]
# out: [3.5 4.5] [1. 2.]
# result: (<tf.Tensor: shape=(2,), dtype=float32, numpy=array([3.5, 4.5], dtype=float32)>, <tf.Tensor: shape=(2,), dtype=float32, numpy=array([7., 9.], dtype=float32)>, <tf.Tensor: shape=(), dtype=float32, numpy=3.5>)
# ---
v.name, v.shape, v.dtype, v.trainable, isinstance(v, tf.Variable), isinstance(v, tf.Tensor)
# result: ('Variable:0', TensorShape([2]), tf.float32, True, True, False)
# ---
print(tf.Variable(3, name='counter'))
# out: <tf.Variable 'counter:0' shape=() dtype=int32, numpy=3>
# ---
v.assign([1., 2., 3.])
# error: ValueError: Cannot assign value to variable ' Variable:0': Shape mismatch.The variable shape (2,), and the assigned value shape (3,) are incompatible.
# ---
print(tf.zeros((2, 3)))
tf.ones(3, dtype=tf.int32), tf.zeros_like(a), tf.fill([2], 7), tf.zeros(2, dtype='float64')
# out: tf.Tensor(
# out: [[0. 0. 0.]
# out:  [0. 0. 0.]], shape=(2, 3), dtype=float32)
# result: (<tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 1, 1], dtype=int32)>, <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 0., 0.], dtype=float32)>, <tf.Tensor: shape=(2,), dtype=int32, numpy=array([7, 7], dtype=int32)>, <tf.Tensor: shape=(2,), dtype=float64, numpy=array([0., 0.])>)
# ---
print(tf.ones_like(m))
tf.zeros(x.shape).shape, tf.ones(tf.shape(m)).shape
# out: tf.Tensor(
# out: [[1 1 1]
# out:  [1 1 1]], shape=(2, 3), dtype=int32)
# result: (TensorShape([1, 3]), TensorShape([2, 3]))
# ---
tf.range(5), tf.range(1, 10, 3), tf.range(0., 1., 0.25), tf.range(5, dtype=tf.float32)
# result: (<tf.Tensor: shape=(5,), dtype=int32, numpy=array([0, 1, 2, 3, 4], dtype=int32)>, <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 4, 7], dtype=int32)>, <tf.Tensor: shape=(4,), dtype=float32, numpy=array([0.  , 0.25, 0.5 , 0.75], dtype=float32)>, <tf.Tensor: shape=(5,), dtype=float32, numpy=array([0., 1., 2., 3., 4.], dtype=float32)>)
# ---
print(tf.reshape(tf.range(6), (2, 3)))
tf.reshape(tf.range(6), [-1, 2]).shape, tf.expand_dims(a, 0).shape, tf.expand_dims(a, -1).shape, tf.squeeze(tf.zeros((1, 3, 1))).shape, tf.squeeze(tf.zeros((1, 3, 1)), axis=2).shape
# out: tf.Tensor(
# out: [[0 1 2]
# out:  [3 4 5]], shape=(2, 3), dtype=int32)
# result: (TensorShape([3, 2]), TensorShape([1, 3]), TensorShape([3, 1]), TensorShape([3]), TensorShape([1, 3]))
# ---
tf.reshape(tf.range(6), (4,))
# error: InvalidArgumentError: {{function_node __wrapped__Reshape_device_/job:localhost/replica:0/task:0/device:CPU:0}} Input to reshape is a tensor with 6 values, but the requested shape has 4 [Op:Reshape] name: 
# ---
tf.cast(tf.constant([1.7, -2.7]), tf.int32), tf.cast([True, False], tf.float32), tf.cast(m, tf.float32).dtype
# result: (<tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 1, -2], dtype=int32)>, <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 0.], dtype=float32)>, tf.float32)
# ---
print(tf.concat([m, m], axis=1))
tf.concat([m, m], 0).shape, tf.stack([a, b]).shape, tf.stack([a, b], axis=1).shape, tf.shape(m)
# out: tf.Tensor(
# out: [[1 2 3 1 2 3]
# out:  [4 5 6 4 5 6]], shape=(2, 6), dtype=int32)
# result: (TensorShape([4, 3]), TensorShape([2, 3]), TensorShape([3, 2]), <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>)
# ---
tf.concat([a, tf.constant([1.], dtype=tf.float64)], 0)
# error: InvalidArgumentError: cannot compute ConcatV2 as input #1(zero-based) was expected to be a float tensor but is a double tensor [Op:ConcatV2] name: concat
# ---
tf.concat([m, tf.zeros((2, 2), dtype=tf.int32)], 0)
# error: InvalidArgumentError: {{function_node __wrapped__ConcatV2_N_2_device_/job:localhost/replica:0/task:0/device:CPU:0}} ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [2,2] [Op:ConcatV2] name: concat
# ---
# Reductions keep the dtype: the mean of int32 values is an int32.
tf.reduce_sum(m), tf.reduce_sum(m, axis=0), tf.reduce_mean(m), tf.reduce_mean(tf.cast(m, tf.float32)), tf.reduce_max(m, axis=1), tf.reduce_min(m), tf.reduce_sum(m, axis=[0, 1])
# result: (<tf.Tensor: shape=(), dtype=int32, numpy=21>, <tf.Tensor: shape=(3,), dtype=int32, numpy=array([5, 7, 9], dtype=int32)>, <tf.Tensor: shape=(), dtype=int32, numpy=3>, <tf.Tensor: shape=(), dtype=float32, numpy=3.5>, <tf.Tensor: shape=(2,), dtype=int32, numpy=array([3, 6], dtype=int32)>, <tf.Tensor: shape=(), dtype=int32, numpy=1>, <tf.Tensor: shape=(), dtype=int32, numpy=21>)
# ---
print(tf.reduce_sum(m, axis=1, keepdims=True))
# out: tf.Tensor(
# out: [[ 6]
# out:  [15]], shape=(2, 1), dtype=int32)
# ---
tf.reduce_sum(m, axis=2)
# error: InvalidArgumentError: {{function_node __wrapped__Sum_device_/job:localhost/replica:0/task:0/device:CPU:0}} Invalid reduction dimension (2 for input with 2 dimension(s) [Op:Sum] name: 
# ---
tf.argmax(tf.constant([[0.1, 0.9], [0.8, 0.2]]), axis=1), tf.argmax([3, 1, 4]), tf.math.argmax([3, 1, 4], output_type=tf.int32)
# result: (<tf.Tensor: shape=(2,), dtype=int64, numpy=array([1, 0])>, <tf.Tensor: shape=(), dtype=int64, numpy=2>, <tf.Tensor: shape=(), dtype=int32, numpy=2>)
# ---
tf.nn.relu([-1., 2.]), tf.nn.softmax([[1., 1.]]), tf.nn.sigmoid(tf.constant([0.])), tf.math.sigmoid(0.), tf.math.reduce_sum([1, 2])
# result: (<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>, <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[0.5, 0.5]], dtype=float32)>, <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.5], dtype=float32)>, <tf.Tensor: shape=(), dtype=float32, numpy=0.5>, <tf.Tensor: shape=(), dtype=int32, numpy=3>)
# ---
p = tf.nn.softmax(tf.constant([[1., 2., 3.], [1., 1., 1.]]))
p.shape, [round(float(s), 5) for s in tf.reduce_sum(p, axis=1)], tf.argmax(p, axis=1)
# result: (TensorShape([2, 3]), [1.0, 1.0], <tf.Tensor: shape=(2,), dtype=int64, numpy=array([2, 0])>)
# ---
tf.add([1, 2], 3), tf.multiply(a, 2), tf.maximum(a, 2.), tf.math.exp(0.), tf.square(i), tf.math.log(1.), tf.sqrt(4.)
# result: (<tf.Tensor: shape=(2,), dtype=int32, numpy=array([4, 5], dtype=int32)>, <tf.Tensor: shape=(3,), dtype=float32, numpy=array([2., 4., 6.], dtype=float32)>, <tf.Tensor: shape=(3,), dtype=float32, numpy=array([2., 2., 3.], dtype=float32)>, <tf.Tensor: shape=(), dtype=float32, numpy=1.0>, <tf.Tensor: shape=(2,), dtype=int32, numpy=array([49, 49], dtype=int32)>, <tf.Tensor: shape=(), dtype=float32, numpy=0.0>, <tf.Tensor: shape=(), dtype=float32, numpy=2.0>)
# ---
print(tf.math.confusion_matrix([0, 1, 2, 1], [0, 2, 2, 1]))
tf.math.confusion_matrix(np.array([0, 1]), np.array([1, 1]), num_classes=3).shape
# out: tf.Tensor(
# out: [[1 0 0]
# out:  [0 1 1]
# out:  [0 0 1]], shape=(3, 3), dtype=int32)
# result: TensorShape([3, 3])
# ---
tf.random.set_seed(42)
x1 = tf.random.uniform((2, 3))
x2 = tf.random.normal([2], mean=1.0, stddev=0.5)
tf.random.set_seed(42)
y1 = tf.random.uniform((2, 3))
y2 = tf.random.normal([2], mean=1.0, stddev=0.5)
bool(tf.reduce_all(x1 == y1)), bool(tf.reduce_all(x2 == y2)), x1.shape, x1.dtype, x2.dtype
# result: (True, True, TensorShape([2, 3]), tf.float32, tf.float32)
# ---
u = tf.random.uniform((1000,), minval=2, maxval=4)
r = tf.random.uniform((3,), maxval=10, dtype=tf.int32)
bool(tf.reduce_min(u) >= 2), bool(tf.reduce_max(u) < 4), r.dtype, bool(tf.reduce_all(r < 10))
# result: (True, True, tf.int32, True)
# ---
tf.random.uniform((3,), dtype=tf.int32)
# error: ValueError: Must specify maxval for integer dtype tf.int32
# ---
tf.convert_to_tensor([1, 2]), tf.convert_to_tensor(np.float32(1.5)), tf.convert_to_tensor(a) is a
# result: (<tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>, <tf.Tensor: shape=(), dtype=float32, numpy=1.5>, True)
# ---
tf.convert_to_tensor(a, dtype=tf.float64)
# error: ValueError: Tensor conversion requested dtype float64 for Tensor with dtype float32: <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 2., 3.], dtype=float32)>
# ---
# model(x) and layer(x) give float32 tf tensors, as Keras 3 on TensorFlow does; predict gives numpy arrays.
from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential([layers.Dense(2, activation='softmax', input_shape=(3,))])
y = model(np.ones((1, 3)))
z = model.layers[0](tf.constant([[1, 2, 3]]))
isinstance(y, tf.Tensor), y.dtype, y.shape, z.dtype, round(float(tf.reduce_sum(y)), 5), isinstance(model.predict(np.ones((1, 3)), verbose=0), np.ndarray)
# result: (True, tf.float32, TensorShape([1, 2]), tf.float32, 1.0, True)
# ---
# Not TensorFlow's behaviour but Fovea's convenience: numpy takes tf dtypes (real numpy raises TypeError).
np.array([1, 2]).astype(tf.float32), np.zeros(2, dtype=tf.int32)
# result: (array([1., 2.], dtype=float32), array([0, 0], dtype=int32))
