# csv.writer and csv.reader over real files. CPython prints the same (test_fixtures_cpython.py).
import csv
import os
path = '/tmp/fovea-fixture-history.csv'
with open(path, 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['epoch', 'loss', 'note'])
    w.writerows([[1, 0.5, 'ok'], [2, 0.25, 'has, comma'], [3, None, 'say "hi"']])
with open(path) as f:
    text = f.read()
text
# result: 'epoch,loss,note\n1,0.5,ok\n2,0.25,"has, comma"\n3,,"say ""hi"""\n'
# ---
with open(path, newline='') as f:
    rows = list(csv.reader(f))
os.remove(path)
rows
# result: [['epoch', 'loss', 'note'], ['1', '0.5', 'ok'], ['2', '0.25', 'has, comma'], ['3', '', 'say "hi"']]
# ---
list(csv.reader(['a;b', 'c;d'], delimiter=';'))
# result: [['a', 'b'], ['c', 'd']]
