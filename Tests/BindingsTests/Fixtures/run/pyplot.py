import matplotlib.pyplot as plt
import numpy as np
lines = plt.plot([1, 2, 3], 'r--', label='loss')
len(lines), type(lines[0]).__name__, lines[0].get_label(), plt.gcf()
# result: (1, 'Line2D', 'loss', <Figure size 640x480 with 1 Axes>)
# ---
plt.close('all')
plt.gcf()
# result: <Figure size 640x480 with 0 Axes>
# ---
plt.close('all')
fig, axes = plt.subplots(2, 3, figsize=(9, 6))
fig, axes.shape, type(axes[0, 1]).__name__, len(axes.flat), len(axes.ravel()), len(list(axes))
# result: (<Figure size 900x600 with 6 Axes>, (2, 3), 'Axes', 6, 6, 2)
# ---
axes[0, 0].set_title('Loss')
axes[0, 0].set_xlabel('epoch')
axes[0, 0]
# result: <Axes: title={'center': 'Loss'}, xlabel='epoch'>
# ---
fig, ax = plt.subplots()
ax
# result: <Axes: >
# ---
fig, axes = plt.subplots(1, 3)
axes.shape, axes[-1] is axes[2]
# result: ((3,), True)
# ---
fig, axes = plt.subplots(1, 1, squeeze=False)
axes.shape
# result: (1, 1)
# ---
plt.close('all')
plt.title('Accuracy'), plt.xlabel('epoch'), plt.ylabel('accuracy')
# result: (Text(0.5, 1.0, 'Accuracy'), Text(0.5, 0, 'epoch'), Text(0, 0.5, 'accuracy'))
# ---
plt.xlim(0, 10), plt.ylim((0.0, 1.0)), [float(v) for v in plt.xlim()]
# result: ((0.0, 10.0), (0.0, 1.0), [0.0, 10.0])
# ---
plt.close('all')
bars = plt.bar(range(10), np.arange(10) / 10, color="#777777")
bars[3].set_color('red')
bars, len(bars), float(bars[3].get_height())
# result: (<BarContainer object of 10 artists>, 10, 0.3)
# ---
n, bins, patches = plt.hist([1, 2, 2, 3, 3, 3], bins=3)
n, bins, patches
# result: (array([1., 2., 3.]), array([1.        , 1.66666667, 2.33333333, 3.        ]), <BarContainer object of 3 artists>)
# ---
plt.close('all')
im = plt.imshow(np.arange(16).reshape(4, 4), cmap='gray')
type(im).__name__, [float(v) for v in im.get_clim()], [float(v) for v in plt.gca().get_xlim()], [float(v) for v in plt.gca().get_ylim()]
# result: ('AxesImage', [0.0, 15.0], [-0.5, 3.5], [3.5, -0.5])
# ---
im = plt.imshow(np.arange(16).reshape(4, 4), cmap='gray')
cb = plt.colorbar(im)
type(cb).__name__, len(plt.gcf().axes), [float(v) for v in plt.axis('off')]
# result: ('Colorbar', 2, [-0.5, 3.5, 3.5, -0.5])
# ---
plt.cm.jet(0.5), plt.cm.gray(0), plt.cm.binary(255)
# result: ((np.float64(0.4901960784313725), np.float64(1.0), np.float64(0.4775458570524984), np.float64(1.0)), (np.float64(0.0), np.float64(0.0), np.float64(0.0), np.float64(1.0)), (np.float64(0.0), np.float64(0.0), np.float64(0.0), np.float64(1.0)))
# ---
plt.cm.viridis(np.arange(3)).shape
# result: (3, 4)

# ---
plt.subplot(2, 3, 7)
# error: ValueError: num must be an integer with 1 <= num <= 6, not 7
# ---
plt.plot([1, 2], 'q')
# error: ValueError: 'q' is not a valid format string (unrecognized character 'q')
# ---
plt.plot([1, 2], color='reed')
# error: ValueError: 'reed' is not a valid value for color: supported inputs are (r, g, b) and (r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', ... strings for colors of the color cycle; and pairs combining one of the above with an alpha value
