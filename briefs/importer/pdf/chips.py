"""A byline printed as author chips: "By", then each author's name over a role.

Modern templates show the authors as a row of cards (a portrait, the name, the
role under it) after a small "By" set between the two rows. Read line by line,
the names of all the chips run together on one line and their roles on the
next, with the "By" on a line of its own between them. Here the row is read as
one byline, "By Lena Hartwig, Kang Min-jae"; the roles go (the bios give them).
"""

from __future__ import annotations

from .lines import baseline_groups, on_one_baseline

_BY_WORDS = {"By", "BY", "Authors", "AUTHORS", "Authors:", "By:"}
# Chips sit further apart than words: this many times the text size.
_CHIP_GAP_SHARE = 2.0
# How far above and below the "By" the chip's two rows reach, in text sizes.
_ROW_REACH = 2.5


def chips_as_byline(words: list[dict], page: int, notes: list[str]) -> list[dict]:
    for by in [word for word in words if word["text"] in _BY_WORDS]:
        if any(on_one_baseline(word, by) for word in words if word is not by):
            continue
        near = [
            word
            for word in words
            if word is not by
            and word["x0"] > by["x1"]
            and by["top"] - _ROW_REACH * by["size"] <= word["top"]
            and word["bottom"] <= by["bottom"] + _ROW_REACH * by["size"]
        ]
        rows = [sorted(row, key=lambda w: w["x0"]) for row in baseline_groups(near)]
        if len(rows) != 2:
            continue
        names, roles = rows
        if not (names[0]["bottom"] < by["bottom"] and roles[0]["top"] > by["top"]):
            continue
        name_chips, role_chips = _chips(names), _chips(roles)
        if len(name_chips) != len(role_chips) or not all(
            abs(name[0]["x0"] - role[0]["x0"]) <= by["size"]
            for name, role in zip(name_chips, role_chips, strict=True)
        ):
            continue
        return _as_byline(words, by, name_chips, roles, page, notes)
    return words


def _chips(row: list[dict]) -> list[list[dict]]:
    chips = [[row[0]]]
    for before, word in zip(row, row[1:], strict=False):
        if word["x0"] - before["x1"] > _CHIP_GAP_SHARE * word["size"]:
            chips.append([word])
        else:
            chips[-1].append(word)
    return chips


def _as_byline(words, by, name_chips, roles, page, notes) -> list[dict]:
    first = name_chips[0][0]
    moved_by = {**by, "top": first["top"], "bottom": first["bottom"]}
    commas = {id(chip[-1]) for chip in name_chips[:-1]}
    dropped = {id(word) for word in roles}
    result = []
    for word in words:
        if word is by:
            result.append(moved_by)
        elif id(word) in dropped:
            continue
        elif id(word) in commas:
            result.append({**word, "text": word["text"] + ","})
        else:
            result.append(word)
    role_text = " | ".join(" ".join(w["text"] for w in chip) for chip in _chips(roles))
    notes.append(
        f"read the author chips on page {page + 1} as a byline; dropped their "
        f"roles: {role_text[:80]!r}"
    )
    return result
