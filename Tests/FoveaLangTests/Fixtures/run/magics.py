%who
# out: Interactive namespace is empty.
# ---
a = 1
b = 'x'
lst = [1, 2]
%who
# out: a	b	lst	
# ---
%whos
# out: Variable   Type    Data/Info
# out: ----------------------------
# out: a          int     1
# out: b          str     x
# out: lst        list    n=2
# ---
%reset
# out: Once deleted, variables cannot be recovered. Use %reset -f to clear the namespace without confirmation.
# ---
a
# result: 1
# ---
%reset -f
%who
# out: Interactive namespace is empty.
# ---
a
# error: NameError: name 'a' is not defined
# ---
%lsmagic
# out: Available line magics:
# out: %cd  %env  %load_ext  %lsmagic  %matplotlib  %pip  %pwd  %reset  %time  %timeit  %who  %whos
# out: 
# out: Available cell magics:
# out: %%time  %%timeit
# ---
%whoo
# error: UsageError: Line magic function `%whoo` not found.
# tb: did you mean '%who'?
# ---
%%nothing
x = 1
# error: UsageError: Cell magic `%%nothing` not found.
# ---
len?
# page: len(obj, /)
# page: Return the number of items in a container
# ---
undefined_thing?
# out: Object `undefined_thing` not found.
# ---
import math
math.sqrt?
# page: sqrt(x, /)
# ---
n = 42
n?
# page: Type: int
# page: Value: 42
# ---
def documented(v, w=2):
    """Multiply v by w."""
    return v * w
documented??
# page: documented(v, w=2)
# page: Multiply v by w.
# page: Source:
# page: def documented(v, w=2):
# ---
help(abs)
# out: abs(x, /)
# out: 
# out: Return the absolute value of a number: abs(-3) is 3.
# ---
help(documented)
# out: documented(v, w=2)
# out: 
# out: Multiply v by w.
# ---
help()
# out: Welcome to Fovea's help.
# out: 
# out: Fovea runs a subset of Python made for learning convolutional networks with Keras-style code.
# out: To read about something, pass it to help: help(print), help(len), help(math).
# out: In a cell, a name followed by ? shows the same text in the pager: print?  (name?? shows more).
# out: In the notebook, Shift+Tab inside a call's parentheses shows the signature of the function,
# out: and Tab completes names and attributes. %lsmagic lists the magics, such as %who and %time.
# ---
dir()
# result: ['documented', 'math', 'n']
