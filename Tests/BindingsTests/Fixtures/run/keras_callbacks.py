from tensorflow import keras
from tensorflow.keras import layers, models
keras.utils.set_random_seed(5)
x = [[[[1.0 if (r < 2) == (i % 2 == 0) else 0.0] for c in range(4)] for r in range(4)] for i in range(32)]
y = [i % 2 for i in range(32)]
model = models.Sequential([layers.Flatten(input_shape=(4, 4, 1)), layers.Dense(2, activation='softmax')])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
seen = []
snap = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(model.layers[1].get_weights()[1].tolist()))
es = keras.callbacks.EarlyStopping(monitor='loss', min_delta=10, patience=2, verbose=1, restore_best_weights=True)
h = model.fit(x, y, epochs=10, batch_size=8, verbose=0, callbacks=[snap, es])
print(len(h.history['loss']), es.stopped_epoch, es.best_epoch, model.layers[1].get_weights()[1].tolist() == seen[0], seen[0] != seen[-1])
# out: Epoch 3: early stopping
# out: Restoring model weights from the end of the best epoch: 1.
# out: 3 2 0 True True
# ---
h = model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[keras.callbacks.EarlyStopping(patience=1)])
len(h.history['loss'])
# err: UserWarning: Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: accuracy,loss
# err: UserWarning: Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: accuracy,loss
# result: 2
# ---
model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[keras.callbacks.EarlyStopping(monitor='f1')])
# error: ValueError: EarlyStopping callback received monitor=f1 but Keras isn't able to automatically determine whether that metric should be maximized or minimized. Pass `mode='max'` in order to do early stopping based on the highest metric value, or pass `mode='min'` in order to use the lowest value.
# ---
model.optimizer.learning_rate = 0.05
def schedule(epoch, lr):
    return lr * 0.5
model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[keras.callbacks.LearningRateScheduler(schedule, verbose=1)])
model.optimizer.learning_rate
# out: 
# out: Epoch 1: LearningRateScheduler setting learning rate to 0.02500000037252903.
# out: 
# out: Epoch 2: LearningRateScheduler setting learning rate to 0.012500000186264515.
# result: 0.012500000186264515
# ---
model.fit(x, y, epochs=1, verbose=0, callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch: 1)])
# error: ValueError: The output of the `schedule` function should be a float. Got: 1
# ---
model.optimizer.learning_rate = 0.01
rl = keras.callbacks.ReduceLROnPlateau(monitor='loss', factor=0.5, patience=1, min_delta=10, verbose=1)
h = model.fit(x, y, epochs=3, batch_size=8, verbose=0, callbacks=[rl])
# out: 
# out: Epoch 2: ReduceLROnPlateau reducing learning rate to 0.004999999888241291.
# out: 
# out: Epoch 3: ReduceLROnPlateau reducing learning rate to 0.0024999999441206455.
# ---
keras.callbacks.ReduceLROnPlateau(factor=1.5)
# error: ValueError: ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.5
# ---
log = '/tmp/fovea-fixture-training-log.csv'
model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[keras.callbacks.CSVLogger(log)])
model.fit(x, y, epochs=1, batch_size=8, verbose=0, callbacks=[keras.callbacks.CSVLogger(log, append=True)])
rows = open(log, newline='').read().split('\r\n')
print(rows[0], len(rows), [r.split(',')[0] for r in rows[1:4]], float(rows[1].split(',')[2]) > 0)
# out: epoch,accuracy,loss 5 ['0', '1', '0'] True
# ---
calls = []
lam = keras.callbacks.LambdaCallback(on_train_begin=lambda logs: calls.append('begin'),
                                     on_batch_end=lambda batch, logs: calls.append(batch),
                                     on_train_end=lambda logs: calls.append('end'))
model.fit(x, y, epochs=1, batch_size=16, verbose=0, callbacks=[lam])
calls, isinstance(lam, keras.callbacks.Callback), isinstance(keras.callbacks.TerminateOnNaN(), keras.callbacks.Callback)
# result: (['begin', 0, 1, 'end'], True, True)
# ---
keras.callbacks.LambdaCallback(on_step_end=print)
# error: TypeError: LambdaCallback got an unexpected keyword argument 'on_step_end'
# ---
model.optimizer.learning_rate = 0.01
h = model.fit(x, y, epochs=3, batch_size=8, verbose=0,
              callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr if epoch == 0 else lr / 2)])
list(h.history.keys()), h.history['learning_rate']
# result: (['accuracy', 'loss', 'learning_rate'], [0.009999999776482582, 0.004999999888241291, 0.0024999999441206455])
# ---
rl = keras.callbacks.ReduceLROnPlateau(monitor='loss', factor=0.5, patience=1, min_delta=10)
h = model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[rl])
h.history['learning_rate']
# result: [0.0024999999441206455, 0.0024999999441206455]
# ---
class AddGap(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        logs['gap'] = 1.0 - logs['accuracy']
        logs['note'] = 'not a number'
seen_by_next = []
h = model.fit(x, y, epochs=2, batch_size=8, verbose=0,
              callbacks=[AddGap(), keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: seen_by_next.append('gap' in logs))])
list(h.history.keys()), len(h.history['gap']), seen_by_next
# result: (['accuracy', 'loss', 'gap'], 2, [True, True])
# ---
class QuietEarlyStopping(keras.callbacks.EarlyStopping):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
    def on_train_end(self, logs=None):
        print("stopped at", self.stopped_epoch + 1)
        super().on_train_end(logs)
es = QuietEarlyStopping(monitor='loss', min_delta=10, patience=1, verbose=1)
h = model.fit(x, y, epochs=10, batch_size=8, verbose=0, callbacks=[es])
len(h.history['loss']), es.patience, isinstance(es, keras.callbacks.EarlyStopping), isinstance(es, keras.callbacks.Callback)
# out: stopped at 2
# out: Epoch 2: early stopping
# result: (2, 1, True, True)
# ---
class Halve(keras.callbacks.LearningRateScheduler):
    def __init__(self):
        super().__init__(lambda epoch, lr: 0.004, verbose=0)
h = model.fit(x, y, epochs=1, batch_size=8, verbose=0, callbacks=[Halve()])
h.history['learning_rate']
# result: [0.004000000189989805]
# ---
class NoSchedule(keras.callbacks.LearningRateScheduler):
    pass
NoSchedule()
# error: TypeError: LearningRateScheduler() missing 1 required positional argument: 'schedule'
