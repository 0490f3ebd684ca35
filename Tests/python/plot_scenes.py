"""The plt scenes that Fovea and matplotlib's Agg backend both draw, for the comparison test
and `make bench-plot`. Each is Python that runs unchanged in both; `images` and `curve` are
defined by SETUP (numpy only)."""

SETUP = """
import numpy as np
import matplotlib.pyplot as plt
rng = np.random.default_rng(0)
images = (rng.random((25, 28, 28)) * 255).astype(np.uint8)
labels = [int(v) for v in rng.integers(0, 10, 25)]
names = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']
epochs = np.arange(600)
curve = 1.0 / (1.0 + 0.02 * epochs)
val = curve + 0.05
"""

SCENES = {
    "grid": """
plt.figure(figsize=(10, 10))
for i in range(25):
    plt.subplot(5, 5, i + 1)
    plt.xticks([])
    plt.yticks([])
    plt.grid(False)
    plt.imshow(images[i], cmap=plt.cm.binary)
    plt.xlabel(names[labels[i]])
""",
    "curve": """
plt.plot(epochs, curve, label='accuracy')
plt.plot(epochs, val, label='val_accuracy')
plt.xlabel('Epoch')
plt.ylabel('Accuracy')
plt.ylim([0.0, 1.1])
plt.legend(loc='lower right')
""",
    "bars": """
thisplot = plt.bar(range(10), [0.05, 0.1, 0.02, 0.5, 0.08, 0.05, 0.04, 0.06, 0.05, 0.05], color="#777777")
plt.ylim([0, 1])
thisplot[3].set_color('red')
thisplot[1].set_color('blue')
plt.xticks(range(10))
""",
    "colorbar": """
im = plt.imshow(images[0] / 255.0)
plt.colorbar(im)
plt.title('First image')
""",
    "subplots": """
fig, axes = plt.subplots(2, 3, figsize=(9, 6))
for k, ax in enumerate(axes.flat):
    ax.plot(curve[: 100 * (k + 1)])
    ax.set_title('panel %d' % k)
fig.tight_layout()
""",
    "confusion": """
cm = (np.arange(100).reshape(10, 10) * 7) % 23
plt.figure(figsize=(6, 6))
plt.imshow(cm, cmap='Blues')
for i in range(10):
    for j in range(10):
        plt.text(j, i, str(cm[i, j]), ha='center', va='center', color='black')
plt.xticks(range(10), names, rotation=90)
plt.yticks(range(10), names)
plt.xlabel('Predicted')
plt.ylabel('True')
""",
    "shapes": """
plt.fill_between(epochs, curve - 0.05, curve + 0.05, alpha=0.3, label='band')
plt.plot(epochs, curve, label='mean')
plt.axhline(0.5, color='k', linestyle='--')
plt.axvline(300, color='gray')
plt.legend()
""",
    "barh": """
plt.barh(names, np.arange(10) + 1, color='tab:green')
plt.title('Horizontal')
""",
}

AXES = {"grid": 25, "curve": 1, "bars": 1, "colorbar": 2, "subplots": 6, "confusion": 1, "shapes": 1, "barh": 1}
