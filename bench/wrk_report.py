"""Turns the wrk outputs of bench/throughput.sh into one JSON line per URL.

Same parsing and median rule as shared/peers/wagtail/bench.sh: per URL, the round
with the median requests/s is reported, with every round's figure in rps_runs.
"""

import argparse
import json
import re
from pathlib import Path

UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return round(float(match.group(1)) * UNIT[match.group(2)], 3)


def parse(path):
    raw = Path(path).read_text()
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", raw).group(1))}
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        result[key] = ms(re.search(rf"^\s+{pct}%\s+(\S+)", raw, re.M).group(1))
    result["requests"] = int(re.search(r"(\d+) requests in", raw).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", raw)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), "
        r"timeout (\d+)",
        raw,
    )
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    result["socket_errors"] = sum(map(int, sockets.groups())) if sockets else 0
    result["timeouts"] = int(sockets.group(4)) if sockets else 0
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--mode", required=True)
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--rss", required=True)
    parser.add_argument("--urls", nargs="+", required=True)
    args = parser.parse_args()
    queries = {}
    for line in Path(args.queries).read_text().splitlines():
        row = json.loads(line)
        queries[row["name"]] = row
    rss = [int(x) for x in Path(args.rss).read_text().split()]
    for entry in args.urls:
        name, path = entry.split("|", 1)
        runs = [
            parse(Path(args.results) / f"wrk-{name}-{args.mode}-{i}.txt")
            for i in range(1, args.runs + 1)
        ]
        median = sorted(runs, key=lambda r: r["rps"])[(len(runs) - 1) // 2]
        body = Path(args.results) / f"{name}-{args.mode}.body"
        known = queries.get(name, {})
        row = {
            "name": name,
            "url": path,
            "cache": args.mode,
            "briefs": next(iter(queries.values()))["briefs"],
            "rps": median["rps"],
            "rps_runs": [r["rps"] for r in runs],
            "p50_ms": median["p50_ms"],
            "p99_ms": median["p99_ms"],
            "queries": known.get("queries", 0),
            "bytes": body.stat().st_size if body.exists() else 0,
            "errors": sum(r["non2xx"] + r["socket_errors"] for r in runs),
            "timeouts": sum(r["timeouts"] for r in runs),
            "worker_rss_mb": rss,
        }
        if name == "rss_304":
            # wrk counts a 304 among "non-2xx or 3xx"; here it is the answer sought.
            row["errors"] = sum(r["socket_errors"] for r in runs)
            row["queries"] = None
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
