"""The compliance panel at the top of the brief form: what a reader's page needs.

Each item is present or missing, with the form field to go to. It reads the
saved brief; the publish checks in editorial.workflow stay the rule.
"""

from dataclasses import dataclass

from briefs.models import Disclosure


@dataclass
class Item:
    label: str
    present: bool
    anchor: str
    note: str = ""


def panel(brief) -> list[Item]:
    authors = brief.ordered_authors()
    without_bio = [author.name for author in authors if not author.bio.strip()]
    image = bool(brief.feature_image)
    return [
        Item("Disclosure", brief.disclosure_id is not None, "id_disclosure"),
        Item(
            "Authors with bios",
            bool(authors) and not without_bio,
            "brief_authors-group",
            "no author"
            if not authors
            else ("no bio: " + ", ".join(without_bio))
            if without_bio
            else "",
        ),
        Item("Summary", bool(brief.summary.strip()), "id_summary"),
        Item(
            "Image alt text and credit",
            not image or bool(brief.feature_image_alt and brief.image_credit),
            "id_image",
            "no feature image" if not image else "",
        ),
        Item("Categories", bool(list(brief.categories.all())), "id_categories"),
        Item("Series", brief.series_id is not None, "id_series"),
    ]


def active_disclosure():
    """The preset a new brief starts with: the one active disclosure, if one."""
    active = list(Disclosure.objects.filter(is_active=True)[:2])
    return active[0] if len(active) == 1 else None
