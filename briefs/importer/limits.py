"""Fits what the parser read to the columns it is stored in.

The parser knows nothing of the database, and SQLite does not enforce a
``max_length``: without this step a 351-character title passes every test and
fails on PostgreSQL with a DataError. The lengths are read from the models, so
this is the one place where the parser's output meets the columns' limits. Text
is shortened at a word boundary with a warning; a URL is never shortened (it
would point elsewhere) but dropped with a warning.
"""

from __future__ import annotations

from dataclasses import replace

from taggit.models import Tag

from ..models import Author, Brief, Series
from .records import ParsedAuthor, ParsedBrief, ParsedSeries

ELLIPSIS = "…"
# A word boundary this far back from the limit is used; further back, the text is
# cut mid-word rather than losing most of the room.
_WORD_BOUNDARY_REACH = 0.7


def max_length(model, field_name: str) -> int:
    return model._meta.get_field(field_name).max_length


def shorten(value: str, limit: int) -> str:
    """``value`` in at most ``limit`` characters, ending with an ellipsis if cut."""
    if len(value) <= limit:
        return value
    cut = value[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space >= _WORD_BOUNDARY_REACH * len(cut):
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + ELLIPSIS


def fit_text(value: str, limit: int, what: str, warnings: list[str]) -> str:
    if len(value) <= limit:
        return value
    warnings.append(
        f"{what} is {len(value)} characters, longer than the {limit} a brief "
        "can hold: shortened"
    )
    return shorten(value, limit)


def fit_url(value: str, limit: int, what: str, warnings: list[str]) -> str:
    if len(value) <= limit:
        return value
    warnings.append(f"{what} is over {limit} characters: dropped")
    return ""


def fit_source_name(name: str) -> str:
    """A source path for ``Brief.source_file``: the end, which names the file."""
    limit = max_length(Brief, "source_file")
    return name if len(name) <= limit else ELLIPSIS + name[-(limit - 1) :]


def fit_sort_name(sort_name: str) -> str:
    return shorten(sort_name, max_length(Author, "sort_name"))


def fit_brief(parsed: ParsedBrief) -> ParsedBrief:
    """``parsed`` with every field within its column, warnings added in place."""
    warnings = parsed.warnings
    parsed.title = fit_text(parsed.title, max_length(Brief, "title"), "title", warnings)
    parsed.image_credit = fit_text(
        parsed.image_credit,
        max_length(Brief, "image_credit"),
        "image credit",
        warnings,
    )
    parsed.image_credit_url = fit_url(
        parsed.image_credit_url,
        max_length(Brief, "image_credit_url"),
        "image credit link",
        warnings,
    )
    parsed.full_paper_url = fit_url(
        parsed.full_paper_url,
        max_length(Brief, "full_paper_url"),
        "full paper link",
        warnings,
    )
    parsed.authors = [_fit_author(author, warnings) for author in parsed.authors]
    parsed.categories = _fit_categories(parsed.categories, warnings)
    if parsed.series is not None:
        parsed.series = _fit_series(parsed.series, warnings)
    return parsed


def _fit_author(author: ParsedAuthor, warnings: list[str]) -> ParsedAuthor:
    name = fit_text(author.name, max_length(Author, "name"), "author name", warnings)
    return author if name == author.name else replace(author, name=name)


def _fit_categories(names: list[str], warnings: list[str]) -> list[str]:
    limit = max_length(Tag, "name")
    fitted: list[str] = []
    for name in names:
        name = fit_text(name, limit, "category", warnings)
        # Two long names can shorten to one.
        if name.casefold() not in {known.casefold() for known in fitted}:
            fitted.append(name)
    return fitted


def _fit_series(series: ParsedSeries, warnings: list[str]) -> ParsedSeries:
    fitted = replace(
        series,
        name=fit_text(series.name, max_length(Series, "name"), "series", warnings),
        publication=fit_text(
            series.publication,
            max_length(Series, "publication"),
            "series journal",
            warnings,
        ),
        theme=fit_text(
            series.theme, max_length(Series, "theme"), "series theme", warnings
        ),
    )
    return series if fitted == series else fitted
