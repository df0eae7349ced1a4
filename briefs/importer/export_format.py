"""The blog export's format, defined once for read and parse.

A post runs from a "THE PENINSULA" line to a "Return to the Peninsula" line; its
head has a "Published <date>" line and labelled byline and category lines; its
paragraphs are told apart by where sentences end. The PDF reader writes the same
markers and needs the same tests to keep metadata lines and paragraph ends
together, so both stages take them from here.
"""

import re

# What the PDF reader writes around each post it recovers.
POST_START_TEXT = "THE PENINSULA"
POST_END_TEXT = "Return to the Peninsula"

POST_START = re.compile(r"^\s*THE\s+PENINSULA\s*$", re.IGNORECASE)
# The closing line is a link in the live page; exports keep it as plain text, as a
# Markdown link, or with an arrow in front.
POST_END = re.compile(
    r"^\s*[^\w\[]{0,3}\s*\[?\s*Return\s+to\s+(?:the\s+)?Peninsula\s*\]?"
    r"(?:\([^()]*\))?\s*$",
    re.IGNORECASE,
)

PUBLISHED_LINE = re.compile(r"^Published\b[\s:]*(?P<rest>.*)$", re.IGNORECASE)
AUTHOR_LINE = re.compile(r"^(?:Authors?|Author\(s\)|By)\s*:\s*(?P<rest>.*)$", re.I)
CATEGORY_LINE = re.compile(
    r"^(?:Categor(?:y|ies)|Topics?|Tags?)\s*:\s*(?P<rest>.*)$", re.I
)
# The site's own PDF edition (briefs/editions) prints the series above the title.
SERIES_LINE = re.compile(r"^Series\s*:\s*\S", re.IGNORECASE)

_OPTIONAL_TIME = (
    r"(?:\s*(?:,|at|\|)?\s*\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?"
)
# The forms a "Published" line's date comes in: "December 17, 2025", "17 December
# 2025", "2025-12-17", each with an optional time of day.
DATE_FORMS = [
    re.compile(
        r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,?\s+"
        r"(?P<year>\d{4})" + _OPTIONAL_TIME
    ),
    re.compile(
        r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?\s*,?\s+"
        r"(?P<year>\d{4})" + _OPTIONAL_TIME
    ),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _OPTIONAL_TIME),
]

# A sentence ends at ., ! or ?, perhaps followed by a closing quote or bracket.
_SENTENCE_END = r"[.!?][\"'”’)]?"
# ... at the end of a line or paragraph (the PDF reader's test of a line),
ENDS_SENTENCE = re.compile(_SENTENCE_END + r"\s*$")
# ... or inside a text, where the next sentence starts with a capital or a digit.
SENTENCE_END = re.compile(_SENTENCE_END + r"(?=\s+[\"'“‘(*]?[A-Z0-9]|\s*$)")


def is_header_line(text: str) -> bool:
    """A labelled line of a post's head: its own paragraph whatever the spacing."""
    published = PUBLISHED_LINE.match(text)
    if published:
        return any(form.match(published.group("rest")) for form in DATE_FORMS)
    return bool(AUTHOR_LINE.match(text) or CATEGORY_LINE.match(text))
