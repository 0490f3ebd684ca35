# Bad arguments to plt give located errors, never a crash (Fovea's wording; see pyplot.py for
# the calls whose results CPython must give too).
import matplotlib.pyplot as plt
import numpy as np
plt.imshow(np.zeros((2, 2, 2, 2)))
# error: TypeError: Invalid shape (2, 2, 2, 2) for image data
# at: 5:12
# ---
plt.subplot(0, 0, 1)
# error: ValueError: Number of rows and columns must be positive integers, not 0 and 0
# ---
plt.subplot(1, 2)
# error: TypeError: subplot() takes 3 positional arguments (nrows, ncols, index) or one 3-digit number such as 235. Received 2 arguments
# ---
plt.plot([1, 2, 3], [1, 2])
# error: ValueError: x and y must have same first dimension, but have shapes (3,) and (2,)
# ---
plt.figure(figsize=(0, 1))
# error: ValueError: figure() expects a size (width, height) in inches, both positive. Received: figsize=(0, 1)
# ---
plt.close('all')
plt.colorbar()
# error: RuntimeError: No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).
# ---
plt.hist([1, 2, 3], bins=0)
# error: ValueError: `bins` must be positive, when an integer. Received: 0
# ---
plt.imshow(np.zeros((4, 4)), cmap='viridiss')
# error: ValueError: 'viridiss' is not a valid value for cmap; Fovea has 'viridis', 'plasma', 'inferno', 'magma', 'cividis', 'gray', 'binary', 'jet', 'hot', 'Greys', 'Blues', 'Reds', 'RdBu', 'coolwarm', 'bwr', 'seismic' (and each with _r)
# ---
plt.imshow(np.zeros((4, 4)), interpolation='bilinear')
# error: NotImplementedError: Fovea's imshow() draws pixels as squares only (interpolation='nearest'). Received: interpolation='bilinear'
# ---
plt.xlim(1, 1)
# error: ValueError: Attempting to set identical low and high xlims makes transformation singular
# ---
plt.legend(loc='top')
# error: ValueError: 'top' is not a valid value for loc; supported values are 'best', 'upper right', 'upper left', 'lower left', 'lower right', 'right', 'center left', 'center right', 'lower center', 'upper center', 'center'
# ---
plt.figure(figsize=(1000, 1000))
plt.plot([1, 2])
plt.savefig('/tmp/never-written.png')
# error: ValueError: Image size of 100000x100000 pixels is too large. It must be less than 2^15 in each direction.
# ---
plt.close('all')
plt.plot([1, 2]).errorbar
# error: AttributeError: 'list' object has no attribute 'errorbar'
# ---
ax = plt.gca()
ax.errorbar([1], [2])
# error: NotImplementedError: Fovea does not draw Axes.errorbar() yet
# ---
fig, axes = plt.subplots(1, 3)
axes[0, 1]
# error: IndexError: too many indices for array: array is 1-dimensional, but 2 were indexed
# ---
fig, axes = plt.subplots(2, 2)
axes[2, 0]
# error: IndexError: index 2 is out of bounds for axis with size 2
# ---
plt.xticks(rotation=45)
plt.yscale('log')
# error: NotImplementedError: Fovea draws linear axes only. Received: 'log'
# ---
plt.close('all')
plt.plot([1, 2])
plt.title('t', pad=12, fontsize=14)
plt.xlabel('x', labelpad=8)
plt.xticks(fontsize=8)
plt.legend(['one'], fontsize='small')
plt.tight_layout(pad=2.0)
plt.tight_layout(rect=[0, 0, 1, 0.95])
# error: NotImplementedError: Fovea does not support `rect` yet. Received: rect=[0, 0, 1, 0.95]
# ---
plt.savefig('/tmp/never-written.png', transparent=True)
# error: NotImplementedError: Fovea does not support `transparent` yet. Received: transparent=True
