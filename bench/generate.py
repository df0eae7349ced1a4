"""Generated exports for benchmarks: many distinct posts in the reference format."""

import random

FIRST = ["Ann", "Bruce", "Chae", "Daniel", "Eun", "Frank", "Gi", "Hana", "Ivan", "Ji"]
LAST = ["Lee", "Kim", "Park", "Smith", "Snyder", "Goto", "Cha", "Jung", "Moon", "Yoon"]
CATEGORIES = ["Indo-Pacific", "Japan", "Trade", "Security", "Energy", "China"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
DISCLOSURE = (
    "KEI is registered under the FARA as an agent of the Korea Institute for "
    "International Economic Policy, a public corporation established by the "
    "government of the Republic of Korea. Additional information is available at "
    "the Department of Justice, Washington, D.C."
)
SENTENCE = (
    "The alliance faces questions about trade, security and the cost of "
    "stationing forces on the peninsula, and both capitals weigh their options."
)


def post(number: int, rng: random.Random) -> str:
    names = [
        f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 3))
    ]
    names = list(dict.fromkeys(names))
    label = "Authors" if len(names) > 1 else "Author"
    cats = ", ".join(f"[{c}](#)" for c in rng.sample(CATEGORIES, rng.randint(1, 3)))
    body = "\n\n".join(
        " ".join([SENTENCE] * rng.randint(2, 5)) for _ in range(rng.randint(4, 9))
    )
    bios = " ".join(f"{n} is Fellow at Institute {number}." for n in names)
    return f"""THE PENINSULA

Korea Policy Series: Generated Brief Number {number} on the Alliance

Published {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2025)}

{label}: {", ".join(f"[{n}](#)" for n in names)}

Category: {cats}

Executive Summary

{body}

Conclusion

{SENTENCE}

{bios} All views are the authors' own.

Feature image from the [Archive {number}](#).

{DISCLOSURE}

Return to the Peninsula
"""


def export_files(total_posts: int, posts_per_file: int, seed: int = 7):
    """Yield (file name, text) pairs holding total_posts distinct posts."""
    rng = random.Random(seed)
    for start in range(0, total_posts, posts_per_file):
        posts = [
            post(n, rng) for n in range(start, min(start + posts_per_file, total_posts))
        ]
        yield f"export_{start // posts_per_file:04d}.txt", "\n\n".join(posts)
