"""`import_briefs --json`: one JSON shape for every file, written or dry run.

The command prints a list with one object per file:

    {
      "path": "exports/2024.txt",
      "status": "created" | "updated" | "unchanged" | "kept" | "refused"
                | "mixed" | "failed",
      "encoding": "UTF-8" | "UTF-8 with BOM" | "UTF-16-LE" | "UTF-16-BE"
                  | "Windows-1252" | "UTF-8 with stray Windows-1252 bytes"
                  | "PDF" | null (the file could not be read),
      "errors": ["one-line reason"],           # empty unless status is failed
      "warnings": ["..."],                      # every brief's, in order
      "briefs": [
        {
          "slug": "...", "title": "...", "action": "created" | ...,
          "published": "2024-03-05", "updated": "2024-03-06" | null,
          "authors": [{"name": "Jane Roe", "status": "new" | "existing",
                       "honorific": "Dr."}],
          "categories": [{"name": "Trade", "status": "new" | "existing"}],
          "series": "Korea Policy Series" | null,
          "disclosure_found": true,
          "image_credit": "Yonhap" | "",
          "placeholder_links": ["text of a (#) link"],
          "decisions": [{"kind": "joined paragraph", "text": "..."}],
          "warnings": ["..."]
        }
      ]
    }

`decisions` are the parser's repairs and guesses with the text they touched
(kinds: report.DECISION_KINDS); `warnings` holds every message of the brief,
decisions included, as the plain-text report prints them. "existing" means an
author or category that was in the database, or earlier in the same run,
before this file. Keys are always present; absent values are null, "" or [].
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"placeholder link \(#\)[^:]*:\s*(?P<text>.*)$")


def file_entry(report) -> dict:
    return {
        "path": report.path,
        "status": report.status,
        "encoding": report.encoding or None,
        "errors": [report.error] if report.error else [],
        "warnings": report.warnings,
        "briefs": [_brief_entry(outcome) for outcome in report.briefs],
    }


def _brief_entry(outcome) -> dict:
    entry = {
        "slug": outcome.slug,
        "title": outcome.title,
        "action": outcome.action,
        "published": None,
        "updated": None,
        "authors": [],
        "categories": [],
        "series": None,
        "disclosure_found": False,
        "image_credit": "",
        "placeholder_links": [],
        "decisions": [],
        "warnings": list(outcome.warnings),
    }
    fields = outcome.report
    if fields is None:
        return entry
    entry.update(
        published=fields.published.isoformat() if fields.published else None,
        updated=fields.updated.isoformat() if fields.updated else None,
        authors=[
            {"name": a.name, "status": a.status, "honorific": a.honorific}
            for a in fields.authors
        ],
        categories=[{"name": c.name, "status": c.status} for c in fields.categories],
        series=fields.series or None,
        disclosure_found=fields.disclosure_found,
        image_credit=fields.image_credit,
        decisions=[{"kind": kind, "text": text} for kind, text in fields.decisions],
    )
    entry["placeholder_links"] = [
        _literal(match.group("text"))
        for _, text in fields.decisions
        if (match := _PLACEHOLDER.search(text))
    ]
    return entry


def _literal(text: str) -> str:
    """The link text without the quotes repr() put around it in the warning."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text
