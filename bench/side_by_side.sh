#!/usr/bin/env bash
# The product and the Wagtail peer, interleaved round by round on one machine.
#
#   bash shared/peers/wagtail/setup.sh        (once; builds the peer with 2,000 briefs)
#   DATABASE_URL=postgres://.../kei_bench_2k bash bench/side_by_side.sh
#
# Each round runs the peer's bench.sh with RUNS=1, then bench/throughput.sh with
# RUNS=1 on the peer's three pages (brief, list page 2, RSS) and the static-file
# ceiling, cache off and on. The database is filled with the peer's recipe if
# empty. The summary prints the median of the rounds for each and the ratios.
# Env: ROUNDS (3), PEER_DIR (../shared/peers/wagtail), CACHE_MODES ("off on"),
#      OUT (/tmp/kei-side-by-side)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
: "${DATABASE_URL:?set DATABASE_URL}"
ROUNDS="${ROUNDS:-3}"
PEER_DIR="${PEER_DIR:-$(pwd)/../shared/peers/wagtail}"
OUT="${OUT:-/tmp/kei-side-by-side}"
mkdir -p "$OUT"
rm -f "$OUT"/peer-*.json "$OUT"/ours-*.jsonl
for round in $(seq 1 "$ROUNDS"); do
  echo "[side-by-side] round $round/$ROUNDS: peer" >&2
  RUNS=1 bash "$PEER_DIR/bench.sh" > "$OUT/peer-$round.json"
  echo "[side-by-side] round $round/$ROUNDS: ours" >&2
  RUNS=1 RECIPE=wagtail-peer URL_NAMES="brief list_page2 rss static_8k" \
    CACHE_MODES="${CACHE_MODES:-off on}" bash bench/throughput.sh > "$OUT/ours-$round.jsonl"
done
.venv/bin/python bench/side_by_side_report.py "$OUT"
