# Binary files: open(path, 'rb'/'wb'/'ab') read and write bytes. CPython prints the same (test_fixtures_cpython.py).
import os
import shutil
base = '/tmp/fovea-fixture-binary'
shutil.rmtree(base, ignore_errors=True)
os.makedirs(base)
path = os.path.join(base, 'blob.bin')
with open(path, 'wb') as f:
    print(f.write(b'\x89PNG\r\n\x1a\n'), f.write(bytes(range(4))), f.tell())
# out: 8 4 12
# ---
with open(path, 'ab') as f:
    f.write(b'END')
with open(path, 'rb') as f:
    data = f.read()
data, len(data), os.path.getsize(path)
# result: (b'\x89PNG\r\n\x1a\n\x00\x01\x02\x03END', 15, 15)
# ---
f = open(path, 'rb')
first = f.read(4)
f.seek(-3, 2)
last = f.read()
pos = f.tell()
f.seek(1)
again = f.read(3)
f.close()
first, last, pos, again, f.closed
# result: (b'\x89PNG', b'END', 15, b'PNG', True)
# ---
with open(path, 'rb') as f:
    print(f.read(100) == data, f.read(), f.read(2))
# out: True b'' b''
# ---
with open(path, 'wb') as f:
    f.write('text')
# error: TypeError: a bytes-like object is required, not 'str'
# ---
with open(os.path.join(base, 'notes.txt'), 'w') as f:
    f.write(b'bytes')
# error: TypeError: write() argument must be str, not bytes
# ---
f = open(path, 'rb')
f.close()
f.read()
# error: ValueError: read of closed file
# ---
open(os.path.join(base, 'missing.bin'), 'rb')
# error: FileNotFoundError: [Errno 2] No such file or directory: '/tmp/fovea-fixture-binary/missing.bin'
# ---
open(path, 'rb', encoding='utf-8')
# error: ValueError: binary mode doesn't take an encoding argument
# ---
with open(path, 'wb') as f:
    f.write('é'.encode('utf-8'))
with open(path, 'rb') as f:
    raw = f.read()
with open(path) as f:
    text = f.read()
raw, raw.decode(), text
# result: (b'\xc3\xa9', 'é', 'é')
# ---
shutil.rmtree(base)
os.path.exists(base)
# result: False
