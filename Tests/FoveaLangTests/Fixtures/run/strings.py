s = 'Hello, World'
s[0], s[-1], s[1:5], s[::-1], s[::2], s[-5:], s[100:], len(s)
# result: ('H', 'd', 'ello', 'dlroW ,olleH', 'Hlo ol', 'World', '', 12)
# ---
s.upper(), s.lower(), s.title(), 'hello world'.capitalize(), s.swapcase()
# result: ('HELLO, WORLD', 'hello, world', 'Hello, World', 'Hello world', 'hELLO, wORLD')
# ---
'  pad  '.strip(), '  pad  '.lstrip(), '  pad  '.rstrip(), 'xxhixx'.strip('x'), '--a-'.lstrip('-')
# result: ('pad', 'pad  ', '  pad', 'hi', 'a-')
# ---
'a b  c'.split(), 'a,b,,c'.split(','), 'a,b,c'.split(',', 1), '  x  y '.split(), ''.split(), ''.split(',')
# result: (['a', 'b', 'c'], ['a', 'b', '', 'c'], ['a', 'b,c'], ['x', 'y'], [], [''])
# ---
'-'.join(['a', 'b', 'c']), ''.join('xyz'), ', '.join(str(i) for i in range(3))
# result: ('a-b-c', 'xyz', '0, 1, 2')
# ---
'aaa'.replace('a', 'b'), 'aaa'.replace('a', 'b', 2), 'abc'.replace('', '-'), 'hello'.replace('l', '')
# result: ('bbb', 'bba', '-a-b-c-', 'heo')
# ---
s.startswith('Hell'), s.endswith(('x', 'ld')), s.find('o'), s.find('z'), s.rfind('o'), s.index('W'), s.count('l'), 'aaaa'.count('aa')
# result: (True, True, 4, -1, 8, 7, 3, 2)
# ---
'123'.isdigit(), '12a'.isdigit(), 'abc'.isalpha(), 'a1'.isalnum(), '  '.isspace(), 'ABC'.isupper(), 'abc'.islower(), ''.isdigit()
# result: (True, False, True, True, True, True, True, False)
# ---
'42'.zfill(5), '-42'.zfill(5), 'ab'.center(6, '*'), 'ab'.center(5), 'ab'.ljust(4, '.'), 'ab'.rjust(4), 'abc'.center(2)
# result: ('00042', '-0042', '**ab**', '  ab ', 'ab..', '  ab', 'abc')
# ---
'{} and {}'.format(1, 'two'), '{1}{0}'.format('a', 'b'), '{name}: {val:.2f}'.format(name='pi', val=3.14159), '{{literal}} {:>5}|'.format('x'), '{!r}'.format('q')
# result: ('1 and two', 'ba', 'pi: 3.14', '{literal}     x|', "'q'")
# ---
'line1\nline2\n'.splitlines(), 'a' + 'b', 'ab' * 0, 'x' in 'xyz', 'abc' < 'abd', 'Z' < 'a'
# result: (['line1', 'line2'], 'ab', '', True, True, True)
# ---
'%d items cost %.2f (%s) %r %5.1f%% [%-4s] [%04d]' % (3, 9.5, 'ok', 'q', 12.345, 'ab', 7)
# result: "3 items cost 9.50 (ok) 'q'  12.3% [ab  ] [0007]"
# ---
for ch in 'héllo':
    print(ch, end='|')
print()
# out: h|é|l|l|o|
# ---
print('tab\tsep', 'new\nline', sep='')
# out: tab	sepnew
# out: line
# ---
str(3), str(2.50), str(None), str([1, 'a']), repr('x'), str('x'), len('日本語'), '日本語'[1]
# result: ('3', '2.5', 'None', "[1, 'a']", "'x'", 'x', 3, '本')
