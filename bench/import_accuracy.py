"""How many of the realistic samples (tests/samples/) the importer gets right.

    .venv/bin/python bench/import_accuracy.py [--set NAME] [--text-only] [-v]

NAME is seen (the default), unseen, holdout, or fresh3 to fresh18.
Prints checks right / checks, and samples fully right / samples; -v lists each
failed check. PDF samples are printed with headless Chromium first. The sets:
"seen" is tests/samples/ (the corpus the parser was built on), "unseen" is
tests/samples/unseen/ (written afresh, scored before the fixes made for them),
"holdout" is tests/samples/holdout/ (scored once, before any fix for them),
"fresh3" is tests/samples/fresh3/ (a fresh set written by another session,
scored before any change: bench/fresh3-before.txt), "fresh4" is
tests/samples/fresh4/ (the same writer's second set, never read while the parser
was changed for fresh3, scored on first contact: bench/fresh4-before.txt) and
"fresh5" is tests/samples/fresh5/ (a third blind set: bench/fresh5-before.txt);
"fresh6" is tests/samples/fresh6/ (a fourth, by another writer:
bench/fresh6-before.txt); "fresh7" is tests/samples/fresh7/ (a fifth:
bench/fresh7-before.txt, scored with its PDFs on first contact) and "fresh8"
tests/samples/fresh8/ (a sixth: bench/fresh8-before.txt); "fresh9" is
tests/samples/fresh9/ (a seventh: bench/fresh9-before.txt) and "fresh10"
tests/samples/fresh10/ (an eighth, modelled on the publisher's typical pages
rather than on forms not seen yet: bench/fresh10-before.txt) and "fresh11"
tests/samples/fresh11/ (a ninth, the same brief: bench/fresh11-before.txt);
"fresh12" is tests/samples/fresh12/ (a tenth, the same brief:
bench/fresh12-before.txt), "fresh13" tests/samples/fresh13/ (an eleventh:
bench/fresh13-before.txt), "fresh14" tests/samples/fresh14/ (a twelfth:
bench/fresh14-before.txt), "fresh15" tests/samples/fresh15/ (a thirteenth:
bench/fresh15-before.txt), "fresh16" tests/samples/fresh16/ (a fourteenth:
bench/fresh16-before.txt), "fresh17" tests/samples/fresh17/ (a fifteenth:
bench/fresh17-before.txt) and "fresh18" tests/samples/fresh18/ (a sixteenth:
bench/fresh18-before.txt).
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.sample_checks import (  # noqa: E402
    SAMPLES,
    check_sample,
    chromium_available,
    pdf_samples,
    text_samples,
)

SETS = {
    "seen": SAMPLES,
    "unseen": SAMPLES / "unseen",
    "holdout": SAMPLES / "holdout",
    "fresh3": SAMPLES / "fresh3",
    "fresh4": SAMPLES / "fresh4",
    "fresh5": SAMPLES / "fresh5",
    "fresh6": SAMPLES / "fresh6",
    "fresh7": SAMPLES / "fresh7",
    "fresh8": SAMPLES / "fresh8",
    "fresh9": SAMPLES / "fresh9",
    "fresh10": SAMPLES / "fresh10",
    "fresh11": SAMPLES / "fresh11",
    "fresh12": SAMPLES / "fresh12",
    "fresh13": SAMPLES / "fresh13",
    "fresh14": SAMPLES / "fresh14",
    "fresh15": SAMPLES / "fresh15",
    "fresh16": SAMPLES / "fresh16",
    "fresh17": SAMPLES / "fresh17",
    "fresh18": SAMPLES / "fresh18",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=SETS, default="seen")
    parser.add_argument("--text-only", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    root = SETS[args.set]
    samples = text_samples(root)
    if not args.text_only and chromium_available():
        samples += pdf_samples(root)
    results = []
    with tempfile.TemporaryDirectory() as workdir:
        for sample in samples:
            result = check_sample(sample, Path(workdir))
            results.append(result)
            mark = "ok  " if result.fully_right else "FAIL"
            print(f"{mark} {result.name}: {result.right}/{len(result.checks)}")
            if args.verbose:
                for failure in result.failures():
                    print(f"       {failure}")
    right = sum(r.right for r in results)
    total = sum(len(r.checks) for r in results)
    full = sum(r.fully_right for r in results)
    print(f"checks right: {right}/{total} ({100 * right / total:.0f}%)")
    print(f"samples fully right: {full}/{len(results)}")


if __name__ == "__main__":
    main()
