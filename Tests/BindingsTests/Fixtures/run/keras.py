import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers, models
from tensorflow.keras.layers import Conv2D, MaxPooling2D
from keras import layers as klayers
from keras.models import Sequential
import keras
keras.layers.Conv2D is layers.Conv2D, tf.keras.layers.Dense is klayers.Dense, keras.Sequential is Sequential
# result: (True, True, True)
# ---
Conv2D(0, (3, 3))
# error: ValueError: Conv2D expects a positive number of filters. Received: filters=0
# at: 1:8
# ---
Conv2D(32, (3, 3), padding='vaild')
# error: ValueError: Invalid padding: 'vaild'. Expected one of 'valid', 'same'
# at: 1:20
# tb: = help: Did you mean 'valid'?
# ---
layers.Dense(10, activation='relus')
# error: ValueError: Could not interpret activation function identifier: 'relus'. Expected one of 'linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'leaky_relu', 'relu6', 'swish', 'silu', 'gelu'
# at: 1:18
# tb: = help: Did you mean 'relu'?
# ---
Conv2D(32, '3')
# error: TypeError: Conv2D() argument 'kernel_size' must be an int or a tuple of ints, such as 3 or (3, 3). Received: kernel_size='3'
# at: 1:12
# ---
layers.Dropout(1.5)
# error: ValueError: Invalid value received for argument `rate`. Expected a float value between 0 and 1 (0 included, 1 excluded). Received: rate=1.5
# at: 1:16
# ---
keras.backend.clear_session()
m = models.Sequential([Conv2D(8, (3, 3), input_shape=(5, 5, 1)), Conv2D(8, (5, 5))])
# error: ValueError: Computed output size would be negative: the kernel (5, 5) is larger than the input (3, 3) of conv2d_1; use padding='same' or a smaller kernel_size. Full shape received: (None, 3, 3, 8)
# at: 2:23
# ---
keras.backend.clear_session()
model = Sequential()
model.add(Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))
model.add(layers.Flatten())
model.add(layers.Dense(64, activation='relu'))
[l.name for l in model.layers], model.output_shape, model.count_params()
# result: (['conv2d', 'flatten', 'dense'], (None, 64), 1384832)
# ---
model.add(layers.Conv2D(64, (3, 3), activation='relu'))
# error: ValueError: Input 0 of layer "conv2d_1" is incompatible with the layer: expected ndim=4 (batch, height, width, channels), found ndim=2. Full shape received: (None, 64)
# at: 1:11
# tb: = help: The layer before it, "dense" (Dense), outputs (None, 64), which has no height, width and channels: put convolution and pooling layers before Flatten and Dense.
# ---
len(model.layers), model.output_shape, model.count_params()
# result: (3, (None, 64), 1384832)
# ---
model.add(layers.Dense)
# error: TypeError: The added layer must be an instance of class Layer. Received: layer=<class 'keras.layers.Dense'> (of type type)
# at: 1:11
# tb: = help: call the class to make a layer: model.add(Dense(...))
# ---
model.add(layers.Dense(10, activation='softmax'))
last = model.pop()
last.name, len(model.layers), model.get_layer(index=0).name, model.get_layer('dense').count_params()
# result: ('dense_1', 3, 'conv2d', 1384512)
# ---
model.layers[0] is model.get_layer('conv2d'), [w.shape for w in model.layers[0].get_weights()]
# result: (True, [(3, 3, 1, 32), (32,)])
# ---
x = layers.Dense(4)
x.output_shape
# error: AttributeError: The layer dense_2 has never been called and thus has no defined output_shape.
# at: 2:3
# ---
keras.backend.clear_session()
layers.Dense(3).name, layers.Dense(3).name, models.Sequential().name, layers.BatchNormalization().name, layers.ReLU().name
# result: ('dense', 'dense_1', 'sequential', 'batch_normalization', 're_lu')
# ---
keras.utils.set_random_seed(7)
a = models.Sequential([layers.Dense(3, input_shape=(2,))]).layers[0].get_weights()[0].tolist()
keras.utils.set_random_seed(7)
b = models.Sequential([layers.Dense(3, input_shape=(2,))]).layers[0].get_weights()[0].tolist()
a == b, all(abs(v) <= (6 / 5) ** 0.5 for row in a for v in row)
# result: (True, True)
# ---
net = models.Sequential([layers.Dense(5, activation='softmax', input_shape=(3,))])
p = net.predict([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
p.shape, round(sum(p[0].tolist()), 5), round(sum(p[1].tolist()), 5)
# result: ((2, 5), 1.0, 1.0)
# ---
Dense(3)
# error: NameError: name 'Dense' is not defined
# at: 1:1
# tb: = help: 'Dense' comes from an import: add `from tensorflow.keras.layers import Dense` first
# ---
import tensorflow.keras.wrappers
# error: ImportError: No module named 'tensorflow.keras.wrappers'
# ---
net.predict([[0.0, 0.0, 0.0]]).shape, layers.Dense(2, input_shape=(1,), use_bias=False)
# result: ((1, 5), <Dense name=dense_5, built=False>)
# ---
keras.activations.relu([[-1.5, 0.25, 2.0]]).numpy().tolist()
# result: [[0.0, 0.25, 2.0]]
# ---
# Calling a model or layer gives a tf tensor (its shape a TensorShape); predict gives a numpy array.
net([[1.0, 2.0, 3.0]]).shape, net.layers[0]([[1.0, 2.0, 3.0]], training=False).shape, net([[1.0, 2.0, 3.0]]).numpy().tolist() == net.predict([[1.0, 2.0, 3.0]]).tolist()
# result: (TensorShape([1, 5]), TensorShape([1, 5]), True)
# ---
net([1.0, 2.0])
# error: ValueError: Input 0 of layer "sequential_3" is incompatible with the layer: expected shape=(None, 3), found shape=(2,)
# at: 1:1
# ---
# Dropout(seed=) drops the same values for the same seed; at inference it is the identity.
import numpy as np
from tensorflow.keras import layers
d1 = layers.Dropout(0.5, seed=7)
d2 = layers.Dropout(0.5, seed=7)
ones = np.ones((4, 8))
(d1(ones, training=True).numpy() == d2(ones, training=True).numpy()).all(), np.sum(d1(ones))
# result: (np.True_, np.float32(32.0))
# ---
!pip install tensorflow numpy
# out: Fovea provides tensorflow, numpy itself: nothing to install.
# ---
%pip install -U keras tensorflow-cpu==2.15 seaborn
# out: Fovea provides keras, tensorflow itself: nothing to install.
# error: ModuleNotFoundError: Fovea runs no Python packages, so seaborn cannot be installed
