"""One form for stored text: LF line endings, no spaces at line ends or the end.

Browsers post a textarea with CRLF line endings, and pasted text brings trailing
spaces; stored as sent, each admin save of an unchanged brief would differ from
the imported text (LF, as the importer reads it), showing as a rewrite in the
history and changing the import fingerprint. Every writer that goes through a
model's save() gets the same form; the importer's text is already in it.

CommonMark's two-space hard line break is given up by this; a backslash at the
end of the line makes the same break and survives.
"""

import re

from django.db import models

_LINE_END_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


def tidy_text(value):
    if not isinstance(value, str) or not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    # The admin's form strips the end of a value too; so does every other writer.
    return _LINE_END_SPACE.sub("", value).rstrip()


def text_fields(model):
    """The concrete text columns of a model (CharField, TextField and kin)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]


def tidy_text_fields(instance) -> None:
    for field in text_fields(type(instance)):
        setattr(instance, field.attname, tidy_text(getattr(instance, field.attname)))
