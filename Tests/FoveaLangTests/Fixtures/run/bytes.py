# bytes: literals, repr, indexing, slicing, codecs. CPython prints the same (test_fixtures_cpython.py).
header = b'\x89PNG\r\n\x1a\n'
header, len(header), header[0], header[1:4], header[-1]
# result: (b'\x89PNG\r\n\x1a\n', 8, 137, b'PNG', 10)
# ---
b"it's", b'say "hi"', b'\\', b'\t\x00\x7f\xff', rb'\n', b'a' b'b', b'\u00e9'
# result: (b"it's", b'say "hi"', b'\\', b'\t\x00\x7f\xff', b'\\n', b'ab', b'\\u00e9')
# ---
print(list(b'AB'), [b for b in b'hi'], b'PNG' in header, 80 in header, b'x' in header)
# out: [65, 66] [104, 105] True True False
# ---
b'ab' + b'cd', b'ab' * 3, b'ab' == b'ab', b'ab' == 'ab', b'ab' < b'b', sorted([b'b', b'a'])
# result: (b'abcd', b'ababab', True, False, True, [b'a', b'b'])
# ---
d = {b'key': 1}
d[b'k' + b'ey'], hash(b'ab') == hash(b'a' + b'b'), len({b'a', b'a', 'a'})
# result: (1, True, 2)
# ---
bytes(3), bytes([1, 2, 255]), bytes('é', 'utf-8'), bytes(), bytes(range(3)), bytes(b'xy')
# result: (b'\x00\x00\x00', b'\x01\x02\xff', b'\xc3\xa9', b'', b'\x00\x01\x02', b'xy')
# ---
'é€'.encode(), 'é'.encode('latin-1'), b'\xc3\xa9'.decode(), b'caf\xe9'.decode('latin-1'), b'abc'.decode(encoding='ascii')
# result: (b'\xc3\xa9\xe2\x82\xac', b'\xe9', 'é', 'café', 'abc')
# ---
header.hex(), bytes.fromhex('89 50 4e'), header.startswith(b'\x89PNG'), header.endswith((b'x', b'\n')), isinstance(header, bytes)
# result: ('89504e470d0a1a0a', b'\x89PN', True, True, True)
# ---
b'a,b,,c'.split(b','), b'-'.join([b'a', b'b']), b'  x \n'.strip(), b'abcabc'.find(b'c'), b'abcabc'.count(b'ab'), b'aXa'.replace(b'a', b'yy')
# result: ([b'a', b'b', b'', b'c'], b'a-b', b'x', 2, 2, b'yyXyy')
# ---
str(b'hi'), f'{b"x"}', type(b'').__name__
# result: ("b'hi'", "b'x'", 'bytes')
# ---
b'\xff\xfe'.decode()
# error: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte
# ---
b'ok\xe2\x82'.decode('utf-8')
# error: UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 2-3: unexpected end of data
# ---
b'\xe2\x28\xa1'.decode()
# error: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte
# ---
b'caf\xc3\xa9'.decode('ascii')
# error: UnicodeDecodeError: 'ascii' codec can't decode byte 0xc3 in position 3: ordinal not in range(128)
# ---
'naïve'.encode('ascii')
# error: UnicodeEncodeError: 'ascii' codec can't encode character '\xef' in position 2: ordinal not in range(128)
# ---
'€€'.encode('latin-1')
# error: UnicodeEncodeError: 'latin-1' codec can't encode characters in position 0-1: ordinal not in range(256)
# ---
b'\xff'.decode('utf-8', 'replace'), b'a\xffb'.decode(errors='ignore'), 'é'.encode('ascii', 'replace')
# result: ('�', 'ab', b'?')
# ---
try:
    b'\xff'.decode()
except ValueError as e:
    print(type(e).__name__, isinstance(e, UnicodeError))
# out: UnicodeDecodeError True
# ---
'x'.encode('klingon')
# error: LookupError: unknown encoding: klingon
# ---
b'ab' + 'cd'
# error: TypeError: can't concat str to bytes
# ---
b'abc'[5]
# error: IndexError: index out of range
# ---
bytes('abc')
# error: TypeError: string argument without an encoding
# ---
bytes([256])
# error: ValueError: bytes must be in range(0, 256)
# ---
'a' in b'abc'
# error: TypeError: a bytes-like object is required, not 'str'
# ---
b'abc'.startswith('a')
# error: TypeError: startswith first arg must be bytes or a tuple of bytes, not str
