# zipfile reading a real archive (written by CPython's zipfile: a folder, a deflated entry, a stored
# one, and one whose path tries to leave the target folder). CPython prints the same
# (test_fixtures_cpython.py runs this file through python3 too).
import os
import shutil
import zipfile
root = '/tmp/fovea-fixture-zip'
shutil.rmtree(root, ignore_errors=True)
os.makedirs(root)
archive = bytes.fromhex(
    '504b03041400000000000000215c00000000000000000000000005000000646174612f504b0304140000000800000021'
    '5cfacd97730a000000140000000f000000646174612f636174732f612e747874cb4dcd2f57c84521b800504b03041400'
    '000000000000215c7a7a6fed03000000030000000f000000646174612f726561646d652e74787468690a504b03041400'
    '000000000000215c1f08ea4602000000020000000d0000002e2e2f6573636170652e747874780a504b01021403140000'
    '0000000000215c000000000000000000000000050000000000000000000000800100000000646174612f504b01021403'
    '1400000008000000215cfacd97730a000000140000000f0000000000000000000000800123000000646174612f636174'
    '732f612e747874504b010214031400000000000000215c7a7a6fed03000000030000000f000000000000000000000080'
    '015a000000646174612f726561646d652e747874504b010214031400000000000000215c1f08ea460200000002000000'
    '0d000000000000000000000080018a0000002e2e2f6573636170652e747874504b05060000000004000400e8000000b7'
    '0000000000')
with open(root + '/archive.zip', 'wb') as f:
    f.write(archive)
print(zipfile.is_zipfile(root + '/archive.zip'), zipfile.is_zipfile(root))
# out: True False
# ---
with zipfile.ZipFile(root + '/archive.zip') as z:
    print(z.namelist())
    print(z.read('data/cats/a.txt'), z.read('data/readme.txt'))
    z.extractall(root + '/out')
print(sorted(os.listdir(root + '/out')), sorted(os.listdir(root + '/out/data')), open(root + '/out/data/cats/a.txt').read().split())
# out: ['data/', 'data/cats/a.txt', 'data/readme.txt', '../escape.txt']
# out: b'meow meow meow meow\n' b'hi\n'
# out: ['data', 'escape.txt'] ['cats', 'readme.txt'] ['meow', 'meow', 'meow', 'meow']
# ---
z = zipfile.ZipFile(root + '/archive.zip')
target = z.extract('data/readme.txt', root + '/one')
print(target, os.path.exists(target))
z.read('nope.txt')
# out: /tmp/fovea-fixture-zip/one/data/readme.txt True
# error: KeyError: "There is no item named 'nope.txt' in the archive"
# ---
with open(root + '/fake.zip', 'w') as f:
    f.write('not a zip')
try:
    zipfile.ZipFile(root + '/fake.zip')
except zipfile.BadZipFile as e:
    print('bad:', e)
# out: bad: File is not a zip file
