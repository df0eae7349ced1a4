"""Summarise a bench/faults.sh run: status codes per second, recovery, the 503 seen.

Run by bench/faults.sh with its work folder; prints figures, asserts nothing.
"""

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path


def read(path):
    rows = []
    for line in path.read_text().splitlines():
        ms, _, rest = line.partition(" ")
        rows.append((int(ms), rest))
    return rows


def per_second(name, rows, events):
    codes = sorted({code for _, code in rows})
    seconds = defaultdict(Counter)
    for ms, code in rows:
        seconds[ms // 1000][code] += 1
    marks = defaultdict(list)
    for ms, text in events:
        marks[ms // 1000].append(text)
    print(f"== {name}: responses per second by status")
    print("   s " + " ".join(f"{code:>5}" for code in codes))
    for second in range(max(seconds) + 1):
        counts = " ".join(f"{seconds[second][code]:>5}" for code in codes)
        note = "  <- " + "; ".join(marks[second]) if marks[second] else ""
        print(f"{second:>4} {counts}{note}")
    total = Counter(code for _, code in rows)
    print("   total: " + ", ".join(f"{code} x{n}" for code, n in sorted(total.items())))
    return total


def when(events, label):
    return next((ms for ms, text in events if text.startswith(label)), None)


def phase(rows, begin, end, since, name):  # since: (ms, label)
    """The failures between `begin` and `end`, and when pages came back."""
    failures = [ms for ms, code in rows if begin <= ms < end and code != "200"]
    if not failures:
        print(f"{name}: no failed request")
        return
    back = next((ms for ms, code in rows if ms > max(failures) and code == "200"), None)
    again = "never" if back is None else f"{back - since[0]} ms after '{since[1]}'"
    print(
        f"{name}: non-200 from +{min(failures) - begin} ms to +{max(failures) - begin}"
        f" ms after the command; 200 again {again}"
    )


def main(work):
    work = Path(work)
    events = read(work / "events.log")
    for ms, text in events:
        print(f"{ms / 1000:6.2f} s  {text}")
    home = read(work / "home.log")
    health = read(work / "health.log")
    totals = per_second("GET /", home, events) + per_second(
        "GET /healthz", health, events
    )
    other = sum(n for code, n in totals.items() if code not in {"200", "503"})
    print(f"responses other than 200 or 503: {other}")
    restart = when(events, "pg_ctlcluster")
    stop = next((ms for ms, text in events if text.endswith(" stop")), None)
    start = next((ms for ms, text in events if text.endswith(" start")), None)
    if None not in (restart, stop, start):
        for name, rows in (("GET /", home), ("GET /healthz", health)):
            phase(rows, restart, stop, (restart, "restart"), f"{name} restart")
            end = max(ms for ms, _ in rows) + 1
            phase(rows, stop, end, (start, "start"), f"{name} stop")
    headers = work / "outage.headers"
    if headers.exists() and headers.read_text():
        status = headers.read_text().splitlines()[0].strip()
        retry = re.search(r"(?im)^retry-after:\s*(\S+)", headers.read_text())
        title = re.search(r"<title>(.*?)</title>", (work / "outage.html").read_text())
        print(f"during the stop: {status}, Retry-After "
              f"{retry.group(1) if retry else 'missing'}, "
              f"page '{title.group(1) if title else '?'}'")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1])
