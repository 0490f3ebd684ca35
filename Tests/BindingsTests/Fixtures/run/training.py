from tensorflow import keras
from tensorflow.keras import layers, models
keras.utils.set_random_seed(5)
x = [[[[1.0 if (r < 2) == (i % 2 == 0) else 0.0] for c in range(4)] for r in range(4)] for i in range(32)]
y = [i % 2 for i in range(32)]
model = models.Sequential([layers.Flatten(input_shape=(4, 4, 1)), layers.Dense(2, activation='softmax')])
model.fit(x, y)
# error: ValueError: You must call `compile()` before using the model.
# at: 7:1
# tb: = help: model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
# ---
model.compile(optimizer='adamw', loss='sparse_categorical_crossentropy')
# error: ValueError: The optimizer 'adamw' is not supported by Fovea yet. Supported optimizers: 'adam', 'sgd', 'rmsprop'.
# at: 1:15
# ---
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics='accuracy')
# error: ValueError: Expected `metrics` argument to be a list, tuple, or dict. Received instead: metrics=accuracy of type <class 'str'>
# at: 1:73
# ---
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
h = model.fit(x, y, epochs=20, batch_size=8, verbose=0)
sorted(h.history.keys()), h.epoch[-1], len(h.history['loss']), h.history['loss'][-1] < h.history['loss'][0]
# result: (['accuracy', 'loss'], 19, 20, True)
# ---
result = model.evaluate(x, y, verbose=0)
len(result), result[1] == 1.0, model.optimizer.name, model.optimizer.iterations
# result: (2, True, 'adam', 80)
# ---
model.evaluate(x, y, verbose=0, return_dict=True)['accuracy']
# result: 1.0
# ---
h = model.fit(x, y, epochs=2, validation_split=0.25, verbose=0)
list(h.history.keys()), h.params['steps']
# result: (['accuracy', 'loss', 'val_accuracy', 'val_loss'], 1)
# ---
model.fit(x, y[:10])
# error: ValueError: Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. 'x' sizes: 32, 'y' sizes: 10
# at: 1:14
# ---
model.fit(x, y, verbose=3)
# error: ValueError: verbose must be 'auto', 0, 1 or 2. Received: verbose=3
# ---
model.fit(x, y, callbacks=[1])
# error: TypeError: Expected a keras.callbacks.Callback in callbacks, received 1 of type int
# ---
keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True).get_config()['nesterov']
# result: 'True'
# ---
keras.losses.SparseCategoricalCrossentropy(from_logits=True)
# result: <keras.losses.SparseCategoricalCrossentropy name=sparse_categorical_crossentropy>
# ---
keras.losses.MeanSquaredError(reduction='sum')
# error: ValueError: Fovea computes losses with reduction='sum_over_batch_size' (the mean over the batch) only. Received: reduction='sum'
# ---
xn = [[[[float('nan')] for c in range(4)] for r in range(4)] for i in range(4)]
h = model.fit(xn, y[:4], epochs=2, verbose=0)
h.history
# err: Warning: the loss became nan at epoch 1, step 1 of 1; training stopped before that step changed the weights. Try a smaller learning rate, or check the data for values that are not numbers.
# result: {}
