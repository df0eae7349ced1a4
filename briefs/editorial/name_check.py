"""Proper names spelled almost alike across briefs: "Lee Jae Myung" and "Lee Jae Mung".

Names are runs of capitalised words. Two spellings are reported when they have the
same number of words and differ in exactly one word by one letter (two for long
words), which catches typos but not "North Korea" and "South Korea". Candidates are
grouped by the name with one word blanked out, so the check stays linear in the text.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

WORD = r"[A-Z][A-Za-z\u00c0-\u024f]+(?:[-'\u2019][A-Za-z\u00c0-\u024f]+)*"
NAME_RUN = re.compile(rf"{WORD}(?:\s+{WORD})+")
POSSESSIVE = re.compile(r"['\u2019]s$")
MAX_WORDS = 4
INFLECTIONS = {"s", "es", "n", "ns", "an", "ans", "ese", "i", "is"}


@dataclass
class Spelling:
    name: str
    briefs: list = field(default_factory=list)


@dataclass
class NamePair:
    first: Spelling
    second: Spelling


def names_in(text: str) -> set[str]:
    """Every run of two to MAX_WORDS capitalised words, possessives dropped."""
    found = set()
    for match in NAME_RUN.finditer(text or ""):
        words = [POSSESSIVE.sub("", word) for word in match.group().split()]
        for size in range(2, MAX_WORDS + 1):
            for start in range(len(words) - size + 1):
                found.add(" ".join(words[start : start + size]))
    return found


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(
                    previous[j] + 1,
                    current[j - 1] + 1,
                    previous[j - 1] + (char_a != char_b),
                )
            )
        previous = current
    return previous[-1]


def words_alike(a: str, b: str) -> bool:
    if a.casefold() == b.casefold():
        return a != b
    if min(len(a), len(b)) < 3:
        return False
    # A plural or a demonym is another word, not a typo ("Korea", "Koreas",
    # "Korean", "Koreans"; "Japan", "Japanese"; "Pakistan", "Pakistani").
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and long[len(short) :] in INFLECTIONS:
        return False
    allowed = 1 if max(len(a), len(b)) <= 7 else 2
    return edit_distance(a.casefold(), b.casefold()) <= allowed


def similar_pairs(names) -> set[tuple[str, str]]:
    buckets = defaultdict(set)
    for name in names:
        words = name.split()
        for position in range(len(words)):
            key = (
                len(words),
                position,
                tuple(words[:position] + words[position + 1 :]),
            )
            buckets[key].add(name)
    pairs = set()
    for (_, position, _), group in buckets.items():
        ordered = sorted(group)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                if words_alike(first.split()[position], second.split()[position]):
                    pairs.add((first, second))
    return pairs


def contained(pair, other) -> bool:
    return pair != other and pair[0] in other[0] and pair[1] in other[1]


def near_duplicate_names(briefs) -> list[NamePair]:
    """Pairs of spellings, each with the briefs that use it; longest names win.

    `briefs` are objects with title and body; "Jae Mung"/"Jae Myung" is left out
    when "Lee Jae Mung"/"Lee Jae Myung" is reported.
    """
    users = defaultdict(list)
    for brief in briefs:
        for name in names_in(f"{brief.title}\n{brief.body}"):
            users[name].append(brief)
    pairs = similar_pairs(users)
    kept = [p for p in pairs if not any(contained(p, other) for other in pairs)]
    return [
        NamePair(Spelling(a, users[a]), Spelling(b, users[b])) for a, b in sorted(kept)
    ]
