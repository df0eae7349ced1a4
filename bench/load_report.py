"""One JSON line for one run of bench/load.sh, from wrk's output and gunicorn's log.

Client side (wrk, queueing included): requests/s, p50/p99, non-2xx responses and
socket errors by kind. Server side (gunicorn's access log, time inside the worker,
without the wait in the listen queue): requests, p50/p99 and the slowest request
per kind of URL, so a slow kind of page shows itself.
"""

import argparse
import json
import os
import re
from collections import defaultdict
from pathlib import Path

from wrk_report import ms


def parse_wrk(raw):
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", raw).group(1))}
    result["requests"] = int(re.search(r"(\d+) requests in", raw).group(1))
    for pct, key in (("50", "p50_ms"), ("90", "p90_ms"), ("99", "p99_ms")):
        found = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", raw, re.M)
        result[key] = ms(found.group(1)) if found else None
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", raw)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", raw
    )
    names = ("connect", "read", "write", "timeout")
    counts = map(int, sockets.groups()) if sockets else (0, 0, 0, 0)
    result["socket_errors"] = dict(zip(names, counts, strict=True))
    result["statuses"] = {
        code: int(n) for code, n in re.findall(r"^status (\d+) (\d+)$", raw, re.M)
    }
    return result


def kind(path):
    if "/feed" in path:
        return "feed"
    for prefix, name in (
        ("/briefs/", "brief"),
        ("/authors/", "author"),
        ("/categories/", "category"),
        ("/series/", "series"),
        ("/search/", "search"),
    ):
        if path.startswith(prefix):
            return name
    return "home" if path == "/" else "other"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def parse_access_log(path):
    """Lines `STATUS MILLISECONDS PATH` (gunicorn --access-logformat)."""
    times = defaultdict(list)
    statuses = defaultdict(lambda: defaultdict(int))
    for line in Path(path).read_text().splitlines():
        parts = line.split(" ", 2)
        if len(parts) != 3 or not parts[1].isdigit():
            continue
        name = kind(parts[2])
        times[name].append(int(parts[1]))
        statuses[name][parts[0]] += 1
    return {
        name: {
            "requests": len(values),
            "p50_ms": percentile(values, 0.5),
            "p99_ms": percentile(values, 0.99),
            "max_ms": max(values),
            "statuses": dict(statuses[name]),
        }
        for name, values in sorted(times.items())
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wrk", required=True)
    parser.add_argument("--access-log", required=True)
    parser.add_argument("--mix", required=True, help="load_urls.py's JSON summary")
    parser.add_argument("--cache", required=True)
    parser.add_argument("--briefs", type=int, required=True)
    parser.add_argument("--rss", default="")
    parser.add_argument("--loadavg-before", default="")
    parser.add_argument("--settings", default="{}")
    args = parser.parse_args()
    row = {"cache": args.cache, "briefs": args.briefs}
    row.update(json.loads(args.settings))
    row.update(parse_wrk(Path(args.wrk).read_text()))
    errors = row["non2xx"] + sum(row["socket_errors"].values())
    row["errors"] = errors
    row["load_average_before"] = [float(x) for x in args.loadavg_before.split()[:3]]
    row["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    row["worker_rss_mb"] = [int(x) for x in args.rss.split()]
    row["mix"] = json.loads(Path(args.mix).read_text())
    row["server"] = parse_access_log(args.access_log)
    print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
