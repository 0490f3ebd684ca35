from tensorflow import keras
from tensorflow.keras import layers, models
keras.utils.set_random_seed(5)
x = [[[[1.0 if (r < 2) == (i % 2 == 0) else 0.0] for c in range(4)] for r in range(4)] for i in range(32)]
y = [i % 2 for i in range(32)]
model = models.Sequential([layers.Flatten(input_shape=(4, 4, 1)), layers.Dense(2, activation='softmax')])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
class Recorder(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.events = []
    def on_train_begin(self, logs=None):
        self.events.append("begin")
    def on_epoch_end(self, epoch, logs=None):
        self.events.append((epoch, sorted(logs.keys())))
    def on_train_batch_end(self, batch, logs=None):
        self.batches = batch + 1
    def on_train_end(self, logs=None):
        self.events.append("end")
r = Recorder()
h = model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[r])
r.events, r.batches, r.model is model, isinstance(r, keras.callbacks.Callback)
# result: (['begin', (0, ['accuracy', 'loss']), (1, ['accuracy', 'loss']), 'end'], 4, True, True)
# ---
class StopEarly(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        if epoch == 1:
            self.model.stop_training = True
h = model.fit(x, y, epochs=10, batch_size=8, verbose=0, callbacks=[StopEarly()])
len(h.history['loss']), h.epoch
# result: (2, [0, 1])
# ---
class Broken(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        raise ValueError("stop here")
model.fit(x, y, epochs=3, verbose=0, callbacks=[Broken()])
# error: ValueError: stop here
# at: 3:9
# ---
class MyLayer(keras.layers.Layer):
    pass
# error: NotImplementedError: Fovea cannot subclass keras.layers.Layer: its layers and models are written in Swift
# at: 1:15
# tb: help: build the model from Fovea's layers
