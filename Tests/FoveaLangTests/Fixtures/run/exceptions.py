# try/except/else/finally and raise, over Python's exception hierarchy. Every cell prints what
# CPython prints (test_fixtures_cpython.py runs this file through python3 too).
try:
    [1, 2][5]
except IndexError as e:
    print('caught', type(e).__name__, e)
# out: caught IndexError list index out of range
# ---
try:
    {}['k']
except LookupError:
    print('a KeyError is a LookupError')
# out: a KeyError is a LookupError
# ---
try:
    1 / 0
except (ValueError, ZeroDivisionError) as e:
    print(type(e).__name__, isinstance(e, ArithmeticError), isinstance(e, Exception))
# out: ZeroDivisionError True True
# ---
def check(n):
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    return n
try:
    check(-3)
except ValueError as e:
    print(e, e.args)
# out: n must be >= 0, got -3 ('n must be >= 0, got -3',)
# ---
log = []
def f(x):
    try:
        log.append('try')
        return 10 / x
    except ZeroDivisionError:
        log.append('except')
        return None
    else:
        log.append('else')
    finally:
        log.append('finally')
print(f(2), f(0), log)
# out: 5.0 None ['try', 'finally', 'try', 'except', 'finally']
# ---
for i in range(3):
    try:
        if i == 1:
            continue
        print('body', i)
    finally:
        print('finally', i)
# out: body 0
# out: finally 0
# out: finally 1
# out: body 2
# out: finally 2
# ---
try:
    try:
        int('x')
    except ValueError:
        print('inner')
        raise
except Exception as e:
    print('outer', type(e).__name__)
# out: inner
# out: outer ValueError
# ---
try:
    raise KeyError
except KeyError as e:
    print(repr(e), e.args)
# out: KeyError() ()
# ---
e = RuntimeError('boom', 2)
print(repr(e), str(e), isinstance(e, Exception), issubclass(RuntimeError, Exception) if False else True)
# out: RuntimeError('boom', 2) ('boom', 2) True True
# ---
try:
    x = 1
except ValueError:
    x = 2
else:
    x = x + 10
x
# result: 11
# ---
try:
    undefined_name
except NameError as err:
    print('NameError:', err)
# out: NameError: name 'undefined_name' is not defined
# ---
raise ValueError('shown to the learner')
# error: ValueError: shown to the learner
# at: 1:1
# ---
def g():
    raise TypeError('from a function')
g()
# error: TypeError: from a function
# ---
try:
    raise ValueError('first')
finally:
    print('cleanup runs')
# out: cleanup runs
# error: ValueError: first
# ---
raise 42
# error: TypeError: exceptions must derive from BaseException
# ---
raise
# error: RuntimeError: No active exception to reraise
# ---
try:
    pass
except 3:
    pass
print('a handler that is never tried is never evaluated')
# out: a handler that is never tried is never evaluated
# ---
try:
    1 / 0
except 3:
    pass
# error: TypeError: catching classes that do not inherit from BaseException is not allowed
# ---
try:
    raise ValueError('x')
except ValueError as e:
    pass
e
# error: NameError: name 'e' is not defined
# ---
assert 1 + 1 == 3, 'arithmetic is broken'
# error: AssertionError: arithmetic is broken
# ---
try:
    assert False, 'checked'
except AssertionError as e:
    print('assert caught:', e)
# out: assert caught: checked
# ---
try:
    open("no/such/file.csv")
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename, e.args)
    print(e)
# out: 2 No such file or directory no/such/file.csv (2, 'No such file or directory')
# out: [Errno 2] No such file or directory: 'no/such/file.csv'
# ---
e = OSError(13, "Permission denied", "secret.txt")
print(e, e.args, e.errno, e.filename)
print(OSError(5, "Input/output error").filename, OSError("plain").errno)
# out: [Errno 13] Permission denied: 'secret.txt' (13, 'Permission denied') 13 secret.txt
# out: None None
# ---
ValueError("x").errno
# error: AttributeError: 'ValueError' object has no attribute 'errno'
