# with, open() and json, as a tutorial writes its results. CPython prints the same
# (test_fixtures_cpython.py).
import json
import os
path = '/tmp/fovea-fixture-results.csv'
with open(path, 'w') as f:
    f.write('epoch,loss\n')
    for epoch, loss in enumerate([0.9, 0.5, 0.25]):
        f.write(f'{epoch},{loss}\n')
print(f.closed, os.path.getsize(path))
# out: True 30
# ---
with open(path) as f:
    header = f.readline()
    rows = [line.strip().split(',') for line in f]
print(repr(header), rows)
# out: 'epoch,loss\n' [['0', '0.9'], ['1', '0.5'], ['2', '0.25']]
# ---
with open(path, 'a') as f:
    n = f.write('3,0.125\n')
with open(path) as f:
    text = f.read()
n, text.count('\n'), text.splitlines()[-1]
# result: (8, 5, '3,0.125')
# ---
f = open(path)
first = f.read(5)
rest = f.readlines()
f.close()
first, len(rest), rest[0]
# result: ('epoch', 5, ',loss\n')
# ---
f.read()
# error: ValueError: I/O operation on closed file.
# ---
open('/tmp/fovea-no-such-dir/x.txt')
# error: FileNotFoundError: [Errno 2] No such file or directory: '/tmp/fovea-no-such-dir/x.txt'
# ---
try:
    with open(path) as f:
        raise KeyError('inside')
except KeyError as e:
    print('closed after an error:', f.closed, repr(e))
# out: closed after an error: True KeyError('inside')
# ---
with 42:
    pass
# error: TypeError: 'int' object does not support the context manager protocol
# ---
config = {'epochs': 5, 'lr': 0.001, 'layers': [32, 64], 'name': 'cnn', 'augment': None, 'ok': True}
json.dumps(config)
# result: '{"epochs": 5, "lr": 0.001, "layers": [32, 64], "name": "cnn", "augment": null, "ok": true}'
# ---
print(json.dumps({'b': [1, 2], 'a': {'x': 'é'}}, indent=2, sort_keys=True))
# out: {
# out:   "a": {
# out:     "x": "\u00e9"
# out:   },
# out:   "b": [
# out:     1,
# out:     2
# out:   ]
# out: }
# ---
with open('/tmp/fovea-fixture-config.json', 'w') as f:
    json.dump(config, f)
with open('/tmp/fovea-fixture-config.json') as f:
    back = json.load(f)
os.remove('/tmp/fovea-fixture-config.json')
os.remove(path)
back == config, back['layers'], json.loads('[1, 2.5, "x", {"k": false}]')
# result: (True, [32, 64], [1, 2.5, 'x', {'k': False}])
# ---
json.dumps({1: 'one', 2.5: 'x'}), json.dumps((1, 2)), json.dumps('tab\there "q"')
# result: ('{"1": "one", "2.5": "x"}', '[1, 2]', '"tab\\there \\"q\\""')
