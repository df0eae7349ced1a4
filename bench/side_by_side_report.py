"""Medians of the interleaved rounds of bench/side_by_side.sh, and the ratios."""

import json
import statistics
import sys
from pathlib import Path

PAIRS = {"brief": "detail", "list_page2": "index_page2", "rss": "feed"}


def main(out):
    out = Path(out)
    peer, ours = {}, {}
    for path in sorted(out.glob("peer-*.json")):
        for name, row in json.loads(path.read_text())["results"].items():
            peer.setdefault(name, []).append(row)
    for path in sorted(out.glob("ours-*.jsonl")):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            ours.setdefault((row["name"], row["cache"]), []).append(row)
    ceiling = {
        mode: statistics.median(r["rps"] for r in ours[("static_8k", mode)])
        for (name, mode) in ours
        if name == "static_8k"
    }
    print(
        "| page | cache | ours req/s (rounds) | peer req/s (rounds) | ratio | "
        "x ceiling | queries ours/peer | bytes ours/peer |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for (name, mode), rows in sorted(ours.items()):
        rps = statistics.median(r["rps"] for r in rows)
        runs = "/".join(f"{r['rps']:.0f}" for r in rows)
        peer_rows = peer.get(PAIRS.get(name), [])
        if peer_rows:
            peer_rps = statistics.median(r["rps"] for r in peer_rows)
            peer_runs = "/".join(f"{r['rps']:.0f}" for r in peer_rows)
            ratio = f"{rps / peer_rps:.2f}"
            peer_q = f"{peer_rows[0]['queries']}"
            peer_b = f"{peer_rows[0]['bytes']}"
        else:
            peer_rps, peer_runs, ratio, peer_q, peer_b = None, "-", "-", "-", "-"
        share = f"{rps / ceiling[mode]:.2f}" if mode in ceiling else "-"
        print(
            f"| {name} | {mode} | {rps:.1f} ({runs}) | "
            f"{'-' if peer_rps is None else f'{peer_rps:.1f}'} ({peer_runs}) | "
            f"{ratio} | {share} | {rows[0]['queries']}/{peer_q} | "
            f"{rows[0]['bytes']}/{peer_b} |"
        )


if __name__ == "__main__":
    main(sys.argv[1])
