nums = [3, 1, 2]
nums.append(5)
nums.extend([0, 4])
nums.insert(1, 9)
nums
# result: [3, 9, 1, 2, 5, 0, 4]
# ---
nums.pop(), nums.pop(0), nums.index(2), nums.count(1), nums
# result: (4, 3, 2, 1, [9, 1, 2, 5, 0])
# ---
nums.remove(9)
nums.sort()
nums
# result: [0, 1, 2, 5]
# ---
nums.sort(reverse=True)
nums.reverse()
c = nums.copy()
c.clear()
nums, c
# result: ([0, 1, 2, 5], [])
# ---
words = ['banana', 'Apple', 'cherry', 'fig']
words.sort(key=len)
words, sorted(words, key=lambda w: w.lower()), sorted(words, key=len, reverse=True)
# result: (['fig', 'Apple', 'banana', 'cherry'], ['Apple', 'banana', 'cherry', 'fig'], ['banana', 'cherry', 'Apple', 'fig'])
# ---
m = [[1, 2], [3, 4]]
m[1][0] = 30
m[0] += [9]
m, m[-1][-1], m[0][1:]
# result: ([[1, 2, 9], [30, 4]], 4, [2, 9])
# ---
l = list(range(10))
l[2:5] = ['a']
del l[0]
del l[-2:]
l, l[::3], l[::-2]
# result: ([1, 'a', 5, 6, 7], [1, 6], [7, 5, 1])
# ---
l2 = [0, 1, 2, 3, 4, 5]
l2[::2] = ['x', 'y', 'z']
l2
# result: ['x', 1, 'y', 3, 'z', 5]
# ---
t = (1, 2, 3, 2)
t[1], t[-1], t[1:3], t.count(2), t.index(3), len(t), t + (4,), t * 2
# result: (2, 2, (2, 3), 2, 2, 4, (1, 2, 3, 2, 4), (1, 2, 3, 2, 1, 2, 3, 2))
# ---
d = {'a': 1, 'b': 2}
d['c'] = 3
d['a'] = 10
del d['b']
d, len(d), 'a' in d, 'b' in d, list(d), d.get('z'), d.get('z', 0), d.get('a')
# result: ({'a': 10, 'c': 3}, 2, True, False, ['a', 'c'], None, 0, 10)
# ---
d.keys(), d.values(), d.items(), list(d.items())
# result: (dict_keys(['a', 'c']), dict_values([10, 3]), dict_items([('a', 10), ('c', 3)]), [('a', 10), ('c', 3)])
# ---
d.update({'x': 1}, y=2)
d.pop('x'), d.pop('nope', None), d.setdefault('a', 0), d.setdefault('n', []), d
# result: (1, None, 10, [], {'a': 10, 'c': 3, 'y': 2, 'n': []})
# ---
e = d.copy()
e.clear()
for k in d:
    print(k, d[k])
e
# out: a 10
# out: c 3
# out: y 2
# out: n []
# result: {}
# ---
{1: 'int', True: 'bool', 1.0: 'float', (1, 2): 'tuple', None: 'none'}
# result: {1: 'float', (1, 2): 'tuple', None: 'none'}
# ---
r = range(2, 20, 3)
r, len(r), r[1], r[-1], list(r), r[1:3], 8 in r, 9 in r, range(5), list(range(5, 0, -2)), len(range(10**15))
# result: (range(2, 20, 3), 6, 5, 17, [2, 5, 8, 11, 14, 17], range(5, 11, 3), True, False, range(0, 5), [5, 3, 1], 1000000000000000)
# ---
a, b = 1, 2
a, b = b, a
(c, d2), e2 = [3, 4], 5
first, *rest = [1, 2, 3, 4]
*init, last = 'abc'
a, b, c, d2, e2, first, rest, init, last
# result: (2, 1, 3, 4, 5, 1, [2, 3, 4], ['a', 'b'], 'c')
# ---
for i, (k, v) in enumerate({'p': 1, 'q': 2}.items()):
    print(i, k, v)
# out: 0 p 1
# out: 1 q 2
# ---
st = {3, 1, 3, 2}
st.add(5)
st.discard(1)
len(st), 3 in st, 1 in st, set(), {1, 2} | {3}, {1, 2} & {2, 3}, {1, 2} - {2}
# result: (3, True, False, set(), {1, 2, 3}, {2}, {1})
# ---
[1, 2] == [1, 2], (1, 2) == [1, 2], {'a': 1} == {'a': 1}, [1, [2]] < [1, [3]], (1, 2) < (1, 2, 0), [3] > [2, 9]
# result: (True, False, True, True, True, True)
