# datetime.now(), strftime and the time between two datetimes. CPython prints the same
# (test_fixtures_cpython.py).
from datetime import datetime
import datetime as dt
start = datetime.now()
stamp = start.strftime('%Y%m%d-%H%M%S')
len(stamp), stamp[8], type(start).__name__, start.year >= 2024, isinstance(start, dt.datetime)
# result: (15, '-', 'datetime', True, True)
# ---
elapsed = datetime.now() - start
elapsed.total_seconds() >= 0, type(elapsed).__name__, str(elapsed).startswith('0:00:'), isinstance(elapsed, dt.timedelta)
# result: (True, 'timedelta', True, True)
# ---
start <= datetime.now(), len(start.isoformat()) in (19, 26), 1 <= start.month <= 12, start.isoformat(' ')[10]
# result: (True, True, True, ' ')
