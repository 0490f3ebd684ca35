# pathlib.Path: joining, taking apart, and real files. CPython prints the same (test_fixtures_cpython.py).
from pathlib import Path
import pathlib
p = Path('data') / 'train' / 'cat.01.jpg'
p, str(p), p.name, p.stem, p.suffix, p.suffixes, p.parent, p.parts
# result: (PosixPath('data/train/cat.01.jpg'), 'data/train/cat.01.jpg', 'cat.01.jpg', 'cat.01', '.jpg', ['.01', '.jpg'], PosixPath('data/train'), ('data', 'train', 'cat.01.jpg'))
# ---
Path('a//b/./c/'), Path(), Path('/'), Path('/').parent, Path('a').parent, Path('/x', 'y').parts, Path('a') / '/abs', 'top' / Path('x')
# result: (PosixPath('a/b/c'), PosixPath('.'), PosixPath('/'), PosixPath('/'), PosixPath('.'), ('/', 'x', 'y'), PosixPath('/abs'), PosixPath('top/x'))
# ---
p.with_suffix('.png'), p.with_suffix(''), p.with_name('dog.jpg'), Path('a').joinpath('b', 'c.txt'), Path('x.tar.gz').stem
# result: (PosixPath('data/train/cat.01.png'), PosixPath('data/train/cat.01'), PosixPath('data/train/dog.jpg'), PosixPath('a/b/c.txt'), 'x.tar')
# ---
Path('a/b') == Path('a') / 'b', Path('a') == 'a', len({Path('a'), Path('a/'), Path('b')}), sorted([Path('b'), Path('a/b'), Path('a.b')]), Path('a') < Path('b')
# result: (True, False, 2, [PosixPath('a/b'), PosixPath('a.b'), PosixPath('b')], True)
# ---
isinstance(p, Path), isinstance(p, pathlib.PurePath), type(p).__name__, f'{p}', Path.cwd() == Path('.').absolute(), Path.home().is_absolute()
# result: (True, True, 'PosixPath', 'data/train/cat.01.jpg', True, True)
# ---
import os
import shutil
base = Path('/tmp/fovea-fixture-pathlib')
shutil.rmtree(base, ignore_errors=True)
(base / 'data' / 'cats').mkdir(parents=True)
(base / 'data' / 'dogs').mkdir(parents=True, exist_ok=True)
(base / 'data' / 'dogs').mkdir(exist_ok=True)
print(base.exists(), base.is_dir(), base.is_file(), (base / 'nope').exists())
# out: True True False False
# ---
(base / 'data').mkdir()
# error: FileExistsError: [Errno 17] File exists: '/tmp/fovea-fixture-pathlib/data'
# ---
(base / 'x' / 'y').mkdir()
# error: FileNotFoundError: [Errno 2] No such file or directory: '/tmp/fovea-fixture-pathlib/x/y'
# ---
for name in ['cats/c1.jpg', 'cats/c2.png', 'dogs/d1.jpg', 'readme.txt']:
    print((base / 'data' / name).write_text(name.upper()))
# out: 11
# out: 11
# out: 11
# out: 10
# ---
data = base / 'data'
[x.name for x in sorted(data.glob('*/*.jpg'))], sorted(x.name for x in data.iterdir())
# result: (['c1.jpg', 'd1.jpg'], ['cats', 'dogs', 'readme.txt'])
# ---
sorted(data.glob('**/*.jpg')) == sorted(data.rglob('*.jpg')), len(list(data.glob('**'))), sorted(p.name for p in data.glob('*/c?.*')), sorted(p.name for p in data.glob('[cd]*'))
# result: (True, 3, ['c1.jpg', 'c2.png'], ['cats', 'dogs'])
# ---
f = data / 'readme.txt'
f.read_text(), f.write_bytes(b'\x89PNG'), f.read_bytes(), f.stat().st_size
# result: ('README.TXT', 4, b'\x89PNG', 4)
# ---
f.write_text(b'x')
# error: TypeError: data must be str, not bytes
# ---
f.write_bytes('x')
# error: TypeError: memoryview: a bytes-like object is required, not 'str'
# ---
f.unlink()
f.exists(), (base / 'data' / 'x' / '..' / 'cats').resolve() == (base / 'data' / 'cats'), Path('rel').absolute() == Path.cwd() / 'rel'
# result: (False, True, True)
# ---
f.unlink()
# error: FileNotFoundError: [Errno 2] No such file or directory: '/tmp/fovea-fixture-pathlib/data/readme.txt'
# ---
# Paths wherever a path is accepted: open(), os, os.path, shutil.
with open(data / 'notes.txt', 'w') as out:
    out.write('hello')
with open(data / 'notes.txt') as inp:
    text = inp.read()
shutil.copy(data / 'notes.txt', data / 'copy.txt')
text, os.path.exists(data / 'copy.txt'), os.path.join(data, 'x'), os.fspath(data / 'x'), os.fspath('s'), sorted(os.listdir(data / 'cats'))
# result: ('hello', True, '/tmp/fovea-fixture-pathlib/data/x', '/tmp/fovea-fixture-pathlib/data/x', 's', ['c1.jpg', 'c2.png'])
# ---
with (data / 'notes.txt').open() as f:
    first = f.read()
with (data / 'blob.bin').open('wb') as f:
    n = f.write(b'\x00\x01')
first, n, (data / 'blob.bin').read_bytes()
# result: ('hello', 2, b'\x00\x01')
# ---
os.fspath(3)
# error: TypeError: expected str, bytes or os.PathLike object, not int
# ---
Path('a') / 3
# error: TypeError: unsupported operand type(s) for /: 'PosixPath' and 'int'
# ---
Path('.').with_suffix('.x')
# error: ValueError: PosixPath('.') has an empty name
# ---
Path('a').with_suffix('x')
# error: ValueError: Invalid suffix 'x'
# ---
shutil.rmtree(base)
base.exists()
# result: False
