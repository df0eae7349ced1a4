"""Small make_* helpers: the data a test needs, and nothing it does not name."""

import itertools
from datetime import timedelta

from django.utils import timezone

from briefs.models import Author, Brief, BriefAuthor, Disclosure, Series

_counter = itertools.count(1)

FARA_TEXT = (
    "KEI is registered under the FARA as an agent of the Korea Institute for "
    "International Economic Policy, a public corporation established by the "
    "government of the Republic of Korea. Additional information is available at "
    "the Department of Justice, Washington, D.C."
)


def make_disclosure(text=FARA_TEXT, **fields):
    existing = Disclosure.objects.filter(
        fingerprint=Disclosure.fingerprint_of(text)
    ).first()
    if existing:
        return existing
    return Disclosure.objects.create(text=text, label="FARA statement", **fields)


def make_author(name=None, **fields):
    name = name or f"Author Number{next(_counter)}"
    fields.setdefault("bio", f"{name} is a Fellow at the Institute.")
    return Author.objects.create(name=name, **fields)


def make_series(name="Korea Policy Series", **fields):
    n = next(_counter)
    fields.setdefault("slug", f"series-{n}")
    fields.setdefault("publication", "Korea Policy")
    fields.setdefault("volume", 3)
    fields.setdefault("issue", n)
    return Series.objects.create(name=name, **fields)


def make_brief(
    title=None,
    *,
    authors=None,
    categories=(),
    status=Brief.Status.PUBLISHED,
    published_at=None,
    disclosure=True,
    **fields,
):
    n = next(_counter)
    title = title or f"Brief number {n}"
    if published_at is None:
        published_at = timezone.now() - timedelta(days=n)
    fields.setdefault("body", f"## Executive Summary\n\nBody of {title}.")
    fields.setdefault("summary", f"Summary of {title}.")
    brief = Brief.objects.create(
        title=title,
        status=status,
        published_at=published_at,
        disclosure=make_disclosure() if disclosure is True else disclosure or None,
        **fields,
    )
    for order, author in enumerate(authors if authors is not None else [make_author()]):
        BriefAuthor.objects.create(brief=brief, author=author, order=order)
    if categories:
        brief.categories.set(list(categories))
    return brief
