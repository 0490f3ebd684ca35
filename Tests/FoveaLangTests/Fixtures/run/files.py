# os, os.path and shutil on real files. CPython prints the same (test_fixtures_cpython.py).
import os
import shutil
base = '/tmp/fovea-fixture-files'
shutil.rmtree(base, ignore_errors=True)
os.makedirs(os.path.join(base, 'data', 'train'))
os.makedirs(os.path.join(base, 'data'), exist_ok=True)
print(sorted(os.listdir(base)), os.path.isdir(base + '/data/train'), os.path.exists(base + '/nope'))
# out: ['data'] True False
# ---
os.makedirs(base)
# error: FileExistsError: [Errno 17] File exists: '/tmp/fovea-fixture-files'
# ---
os.remove(base + '/nope.txt')
# error: FileNotFoundError: [Errno 2] No such file or directory: '/tmp/fovea-fixture-files/nope.txt'
# ---
copied = shutil.copyfile('/etc/hostname', os.path.join(base, 'data', 'host.txt'))
print(copied, os.path.isfile(copied), os.path.getsize(copied) == os.path.getsize('/etc/hostname'))
# out: /tmp/fovea-fixture-files/data/host.txt True True
# ---
shutil.copytree(base + '/data', base + '/backup')
print(sorted(os.listdir(base)), sorted(os.listdir(base + '/backup')))
# out: ['backup', 'data'] ['host.txt', 'train']
# ---
os.rename(base + '/backup/host.txt', base + '/backup/h.txt')
os.remove(base + '/backup/h.txt')
os.rmdir(base + '/backup/train')
os.listdir(base + '/backup')
# result: []
# ---
p = 'models/checkpoints/model.weights.h5'
os.path.basename(p), os.path.dirname(p), os.path.splitext(p), os.path.split(p)
# result: ('model.weights.h5', 'models/checkpoints', ('models/checkpoints/model.weights', '.h5'), ('models/checkpoints', 'model.weights.h5'))
# ---
os.path.join('a', 'b', 'c.png'), os.path.join('a/', 'b'), os.path.join('a', '/abs', 'x'), os.path.splitext('.bashrc'), os.sep
# result: ('a/b/c.png', 'a/b', '/abs/x', ('.bashrc', ''), '/')
# ---
shutil.rmtree(base)
os.path.exists(base), os.getenv('FOVEA_SURELY_UNSET', 'default'), 'PATH' in os.environ
# result: (False, 'default', True)
