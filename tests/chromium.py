"""Debian's Chromium, as every test that prints or browses starts it here.

The flags keep a headless Chromium from reaching for the network, which this
machine's closed network answers with refusals (DESIGN.md section 5).
"""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
