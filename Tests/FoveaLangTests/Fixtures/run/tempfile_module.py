# tempfile's scratch folders. CPython prints the same (test_fixtures_cpython.py).
import tempfile, os
d = tempfile.mkdtemp(prefix="run-", suffix=".d")
print(os.path.isdir(d), os.path.basename(d).startswith("run-"), d.endswith(".d"), os.path.dirname(d) == tempfile.gettempdir())
os.rmdir(d)
# out: True True True True
# ---
with tempfile.TemporaryDirectory() as t:
    path = os.path.join(t, "x.txt")
    with open(path, "w") as f:
        f.write("hi")
    print(os.listdir(t))
print(os.path.exists(t))
# out: ['x.txt']
# out: False
# ---
holder = tempfile.TemporaryDirectory(prefix="keep-")
print(os.path.isdir(holder.name), os.path.basename(holder.name).startswith("keep-"))
holder.cleanup()
print(os.path.exists(holder.name))
# out: True True
# out: False
