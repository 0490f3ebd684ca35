import tensorflow as tf
from tensorflow import keras
print(tf.__version__, keras.__version__ == tf.keras.__version__)
print(tf.config.list_physical_devices('GPU'), tf.config.list_physical_devices())
print("Num GPUs Available: ", len(tf.config.list_physical_devices('GPU')))
# out: 2.21.0+fovea.0.1.0 True
# out: [] [PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]
# out: Num GPUs Available:  0
# ---
major, minor = [int(p) for p in tf.__version__.split('+')[0].split('.')[:2]]
keras.__version__.startswith("3."), major == 2 and minor >= 4
# result: (True, True)
# ---
@tf.function
def double(x):
    return x * 2
@tf.function(jit_compile=True)
def inc(x):
    return x + 1
double(3), inc(3)
# result: (6, 4)
# ---
with tf.GradientTape() as tape:
    pass
# error: NotImplementedError: Fovea does not provide tf.GradientTape: its layers compute their gradients in Swift, inside fit
# at: 1:6
# tb: help: train with model.compile(...) and model.fit(...)
# ---
import os
os.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'
tf.get_logger().setLevel('ERROR')
tf.autograph.set_verbosity(0)
tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
import logging
tf.get_logger() is logging.getLogger('tensorflow'), tf.get_logger().level
# result: (True, 40)
