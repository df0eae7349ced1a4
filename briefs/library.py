"""The media library's records copied into what uses them, and crops for pages.

A brief's feature_image, feature_image_alt, image_credit and image_credit_url,
and an author's photo and photo_alt, are copies of the library record they point
at. The record is the one place an editor changes an image's alt text or credit;
saving it brings every brief and author that uses it up to date.
"""

from . import images
from .media_models import MediaImage

BRIEF_COPY = {
    "feature_image": "file",
    "feature_image_alt": "alt_text",
    "image_credit": "credit",
    "image_credit_url": "credit_url",
}
AUTHOR_COPY = {"photo": "file", "photo_alt": "alt_text"}
# Cards are 3:2 on wide screens (site.css); portraits are round, so square.
CARD_RATIO = (3, 2)
PORTRAIT_RATIO = (1, 1)


def _values(record, mapping):
    return {
        target: (record.file.name if source == "file" else getattr(record, source))
        for target, source in mapping.items()
    }


def copy_into_brief(brief) -> None:
    """Before a brief's save: its image columns from its library record."""
    if brief.image_id is not None:
        for name, value in _values(brief.image, BRIEF_COPY).items():
            setattr(brief, name, value)


def copy_into_author(author) -> None:
    if author.portrait_id is not None:
        for name, value in _values(author.portrait, AUTHOR_COPY).items():
            setattr(author, name, value)


def clear_brief_image(brief) -> None:
    """The editor took the image off the brief: its copies go too."""
    for name in BRIEF_COPY:
        setattr(brief, name, "")


def clear_author_portrait(author) -> None:
    for name in AUTHOR_COPY:
        setattr(author, name, "")


def spread(record: MediaImage) -> None:
    """After a record's save: every brief and author using it gets the new copy.

    An update, not a save of each brief: the text of the briefs is unchanged,
    so their versions and histories stay; the content version moves by itself
    (database triggers), so cached pages show the new alt text or credit.
    """
    from .models import Author, Brief

    Brief.objects.filter(image=record).update(**_values(record, BRIEF_COPY))
    Author.objects.filter(portrait=record).update(**_values(record, AUTHOR_COPY))


def focal_of(brief):
    """The focal point of a brief's image; the centre for an image not in the
    library (one set on the brief directly, as old tests and the demo do)."""
    if brief.image_id is not None and brief.image is not None:
        return brief.image.focal_point
    return images.CENTRE


def card_image(brief):
    if not brief.feature_image:
        return None
    return images.crops(brief.feature_image, focal_of(brief), CARD_RATIO)


def portrait_image(author):
    if not author.photo:
        return None
    focal = author.portrait.focal_point if author.portrait_id else images.CENTRE
    return images.crops(author.photo, focal, PORTRAIT_RATIO)


def thumbnail_of(record: MediaImage):
    """The small copy the admin's lists and pickers show."""
    return images.crops(record.file, record.focal_point, CARD_RATIO)


def prepare_crops(record: MediaImage) -> None:
    """Made when the record is saved, so no reader waits for Pillow."""
    images.crops(record.file, record.focal_point, CARD_RATIO)
    images.crops(record.file, record.focal_point, PORTRAIT_RATIO)
