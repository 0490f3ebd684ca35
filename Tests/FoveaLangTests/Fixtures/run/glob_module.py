# glob.glob over real folders, as tutorials find their images. CPython prints the same
# (test_fixtures_cpython.py runs this file through python3 too).
import glob
import os
import shutil
root = '/tmp/fovea-fixture-glob'
shutil.rmtree(root, ignore_errors=True)
for folder in ['cats', 'dogs', 'dogs/puppies', '.cache']:
    os.makedirs(os.path.join(root, folder))
for name in ['cats/a.png', 'cats/b.jpg', 'dogs/c.png', 'dogs/puppies/d.png', '.cache/e.png', '.hidden.png', 'top.png']:
    open(os.path.join(root, name), 'w').close()
print(sorted(glob.glob(root + '/*/*.png')))
print(sorted(glob.glob('*.png', root_dir=root)), sorted(glob.glob('.*.png', root_dir=root)))
# out: ['/tmp/fovea-fixture-glob/cats/a.png', '/tmp/fovea-fixture-glob/dogs/c.png']
# out: ['top.png'] ['.hidden.png']
# ---
print(sorted(glob.glob('**/*.png', root_dir=root, recursive=True)))
print(sorted(glob.glob('**/*.png', root_dir=root)))
# out: ['cats/a.png', 'dogs/c.png', 'dogs/puppies/d.png', 'top.png']
# out: ['cats/a.png', 'dogs/c.png']
# ---
here = os.getcwd()
os.chdir(root)
print(sorted(glob.glob('dogs/*')), sorted(glob.iglob('cats/[ab].*')), glob.glob('nothing/*'), glob.escape('a*b?[c]'))
os.chdir(here)
# out: ['dogs/c.png', 'dogs/puppies'] ['cats/a.png', 'cats/b.jpg'] [] a[*]b[?][[]c]
