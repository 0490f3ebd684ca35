x = 3
y = 4.5
x + y
# result: 7.5
# ---
x * 2, x / 2, 7 // 2, -7 // 2, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1
# result: (6, 1.5, 3, -4, 2, -2, 1024, 0.5)
# ---
-7.5 // 2, -7.5 % 2, 7.0 // -2, 1 / 3, 0.1 + 0.2, 1e16, 1e-5, 100.0, 123456789.0 * 1000
# result: (-4.0, 0.5, -4.0, 0.3333333333333333, 0.30000000000000004, 1e+16, 1e-05, 100.0, 123456789000.0)
# ---
float('inf'), -float('inf'), float('nan'), 1e300 * 1e10, -0.0, 2.5e-7, 1.5e15, 12345678901234567.0
# result: (inf, -inf, nan, inf, -0.0, 2.5e-07, 1500000000000000.0, 1.2345678901234568e+16)
# ---
True + True, True and 0, 0 or 'x', None or [], not 3, 1 < 2 < 3, 3 > 2 > 2, 1 == 1.0, 'a' < 'b'
# result: (2, 0, 'x', [], False, True, False, True, True)
# ---
[1, 2.5, 'a', None, True], (1,), (), {'a': 1, 'b': [1, 2]}, [[], {}]
# result: ([1, 2.5, 'a', None, True], (1,), (), {'a': 1, 'b': [1, 2]}, [[], {}])
# ---
"it's", 'say "hi"', 'both \' and "', 'tab\there\n', 'é', '\x00'
# result: ("it's", 'say "hi"', 'both \' and "', 'tab\there\n', 'é', '\x00')
# ---
x
# result: 3
# ---
z = x * 10
print(z)
# out: 30
# ---
x = 5;
# ---
x
# result: 5
# ---
x;
# ---
None
# ---
x is None, x is not None, [] is [], 1 in [1, 2], 3 not in (1, 2), 'ab' in 'cabd', 2 in {2: 'x'}, 5 in range(0, 10, 5)
# result: (False, True, False, True, True, True, True, True)
# ---
a = b = [1]
a.append(2)
b
# result: [1, 2]
# ---
7
_
# result: [1, 2]
# ---
~5, -(-3), +2, 5 & 3, 5 | 3, 5 ^ 3, 1 << 10, -16 >> 2
# result: (-6, 3, 2, 1, 7, 6, 1024, -4)
# ---
1 if x > 3 else 2, 'yes' if [] else 'no'
# result: (1, 'no')
# ---
n = 10
n += 5
n -= 1
n *= 2
n //= 3
n **= 2
n %= 50
n
# result: 31
# ---
s = 'ab'
s *= 3
lst = [1]
alias = lst
lst += [2, 3]
s, alias, [0] * 3, 3 * 'x', [1, 2] + [3], (1,) + (2,)
# result: ('ababab', [1, 2, 3], [0, 0, 0], 'xxx', [1, 2, 3], (1, 2))
