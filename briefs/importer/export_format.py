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

# Also with the kind of piece beside it, in the site's capitals: "COMMENTARY ·
# THE PENINSULA", "THE PENINSULA | ANALYSIS".
_SECTION_LABEL = r"(?-i:[A-Z][A-Z&'’ -]{2,30})"
POST_START = re.compile(
    rf"^\s*(?:{_SECTION_LABEL}\s*[·|•—–/]\s*(?-i:THE\s+PENINSULA)"
    # The old blog's masthead sets the publisher's letters before its name.
    r"|(?:KEI\s+)?THE\s+PENINSULA"
    rf"(?:(?<=THE PENINSULA)\s*[·|•—–/]\s*{_SECTION_LABEL})?)\s*$",
    re.IGNORECASE,
)
# The closing line is a link in the live page; exports keep it as plain text, as a
# Markdown link, or with an arrow in front.
POST_END = re.compile(
    r"^\s*[^\w\[]{0,3}\s*\[?\s*Return\s+to\s+(?:the\s+)?Peninsula\s*\]?"
    r"(?:\([^()]*\))?\s*$",
    re.IGNORECASE,
)

# Older posts say "Posted on March 4, 2013"; other templates "Date: ...",
# "Publication date: ...", "First published ...". Only "Published" is taken
# without a date after it (header.posted_without_date).
PUBLISHED_LINE = re.compile(
    # "Posted in ...", "Posted under ...", "Posted by ..." are other fields.
    r"^(?:(?:First|Originally)\s+(?:published|posted)|Published"
    r"|(?:Publication|Publish|Release|Posting)\s+date|Date\s+(?:published|posted)"
    r"|Dated|Date"
    r"|Posted(?!\s+(?:in|under|by)\b))(?:\s+on\b)?[\s:]*(?P<rest>.*)$",
    re.IGNORECASE,
)
# Peer institutes' templates label the byline "Experts:", "Contributors:",
# "Written by:" or "Analysts:".
AUTHOR_LINE = re.compile(
    r"^(?:Authors?|Author\(s\)|By|Experts?|Contributors?|Contributed\s+by"
    r"|Written\s+by|Authored\s+by|Posted\s+by|Words\s+by|Writers?|Analysts?)"
    r"\s*:\s*(?P<rest>.*)$",
    re.I,
)
# Older posts file themselves "Posted in North Korea, Missiles" without a colon;
# other templates sort by "Regions:", "Issues:", "Subjects:", "Posted under:",
# Blogger by "Labels:".
CATEGORY_LINE = re.compile(
    r"^(?:(?:Categor(?:y|ies)|Topics?|Tags?|Tagged(?:\s+(?:with|as))?|Filed\s+under"
    r"|Posted\s+under|Regions?|Countr(?:y|ies)|Issues?|Subjects?|Themes?|Keywords?"
    r"|Labels?"
    r"|Programs?|Sections?|(?:Related|Key|Main)\s+(?:topics|subjects|issues|themes)"
    r"|(?:Focus|Research|Issue|Subject|Policy)\s+areas?)\s*:"
    # An old theme's "Tags. KORUS FTA, Trade" (a full stop for the colon).
    r"|(?:Tags?|Categor(?:y|ies)|Topics?)\.(?=\s+\S)"
    # WordPress's "This entry was posted in X, Y and tagged Z. Bookmark the
    # permalink." under the post.
    r"|(?:This\s+(?:entry|post|article)\s+was\s+)?(?:Posted|Filed)\s+in\b:?)"
    r"\s*(?P<rest>.*)$",
    re.I,
)
# What a byline may say the piece is, or how it came: "Commentary by", "Guest
# post by", "Authored by", "Posted by", "Reviewed by" (a book review's writer).
BYLINE_KINDS = (
    r"(?:Analysis|Commentary|Interview|Essay|Opinion|Op-?Ed|Guest\s+(?:post|column)"
    r"|Column|Story|Reported|Reviewed|Authored|Written|Words|Posted|Text)"
)
# Older posts sign "By [Name](#) and [Name](#)" without a colon; "Analysis by
# [Name](#)", "Commentary by [Name](#)" say what the piece is as well.
BY_LINE = re.compile(
    r"^(?:" + BYLINE_KINDS + r"\s+)?By\s+(?P<rest>\[.*)$",
    re.I,
)
# "Last updated March 6, 2024", "Updated: 2019-05-02", "Revised on ...".
# "Edited on ...", "Corrected April 9, 2019", "This article was updated on ...",
# "Correction, February 12, 2026: <what was wrong>": the same line in other words.
UPDATED_LINE = re.compile(
    # "(Updated March 6, 2024)": the same line in parentheses.
    r"^\(?(?:This\s+(?:article|post|brief|page|story)\s+(?:was|has\s+been)\s+)?"
    r"(?:(?:(?:Last|Page|Post|Article|Story)\s+)?"
    r"(?:Updated|Modified|Revised|Edited|Corrected|Reviewed)(?:\s+on)?\b[\s:]*"
    r"|Update\s*:\s*"
    # "Correction, February 12, 2026: ...", "Clarification (May 2, 2019): ...",
    # "Update (March 3, 2016): ...".
    r"|(?:Correction|Clarification|Update)\s*[,:(]\s*)(?P<rest>.+?)\)?$",
    re.I,
)
# The buttons of the early 2010s: "Tweet", "Like", "Pin it", "Google+", "+1".
_OLD_SHARE_BUTTONS = (
    r"Tweet|Like|Pin(?:\s+it)?|Pinterest|Tumblr|Google\s*\+|\+1|StumbleUpon|Digg"
)
# One button of a share bar: "Share this:", "Twitter", "Facebook", "Copy link".
SHARE_BUTTON = re.compile(
    r"^(?:Share(?:\s+this(?:\s+(?:post|page|article))?)?\s*:?|Facebook|Twitter|"
    rf"X|LinkedIn|Email|E-mail|Print|WhatsApp|Reddit|Copy\s+link|{_OLD_SHARE_BUTTONS})$",
    re.I,
)
# Lines of a post's head that are page furniture, not content.
HEAD_CHROME_LINES = [
    # "Correction appended": the correction itself is in the body.
    re.compile(
        r"^(?:Corrections?|Clarifications?|Updates?)\s+(?:appended|added|below)\.?$",
        re.I,
    ),
    # "5 min read", "Reading time: 7 minutes", "Estimated reading time 4 min".
    re.compile(
        r"^(?:(?:Estimated\s+)?reading\s+time\s*:?\s*)?(?:about\s+)?\d{1,3}\s*"
        r"(?:-\s*)?(?:min(?:ute)?s?\.?)(?:\s+read)?\.?$",
        re.I,
    ),
    # A share bar: "Share: Facebook Twitter LinkedIn Email Print".
    re.compile(
        r"^(?:Share(?:\s+this(?:\s+(?:post|page|article))?)?\s*:?\s*)?"
        # ... each with its count ("Tweet 27 · Like 41 · Share").
        r"(?:(?:Facebook|Twitter|X|LinkedIn|Email|E-mail|Print|WhatsApp|Reddit|"
        rf"Copy\s+link|Share|{_OLD_SHARE_BUTTONS})(?:\s+\d[\d,.]*[kK]?)?"
        r"\s*[|·•,]?\s*){2,}$",
        re.I,
    ),
    # ... or its parts one to a line ("Share this:", "Twitter", "Facebook").
    SHARE_BUTTON,
]
# "Editor's note: ..." is for readers; it opens the body wherever the head had it.
EDITORS_NOTE = re.compile(r"^[*_]*Editor['’]?s\s+note\b", re.I)
# The site's own PDF edition (briefs/editions) prints the series above the title.
SERIES_LINE = re.compile(r"^Series\s*:\s*\S", re.IGNORECASE)

# "at 10:30 a.m. ET", "| 10:30 AM KST", "10 a.m.", "@ 14:05", "T10:30:00+09:00".
_OPTIONAL_TIME = (
    r"(?:\s*(?:,|at|\||@|T)?\s*\d{1,2}"
    r"(?::\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?|\s*[AaPp]\.?[Mm]\.?)"
    r"(?:\s*(?:\(?[A-Z]{2,4}\)?|Z|[+-]\d{2}:?\d{2}))?)?"
)
# "Tuesday, May 8, 2012": older posts name the day of the week first.
_OPTIONAL_WEEKDAY = (
    r"(?i:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
)
# The forms a "Published" line's date comes in: "December 17, 2025", "17 December
# 2025", "2025-12-17" (or 2025/12/17, 2025.12.17), "12/17/2025", each with an
# optional day of the week and time of day.
DATE_FORMS = [
    re.compile(
        _OPTIONAL_WEEKDAY
        + r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,?\s+"
        r"(?P<year>\d{4})" + _OPTIONAL_TIME
    ),
    re.compile(
        _OPTIONAL_WEEKDAY
        + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?\s*,?\s+"
        r"(?P<year>\d{4})" + _OPTIONAL_TIME
    ),
    # "5th of March 2024", "5-Mar-2024".
    re.compile(
        _OPTIONAL_WEEKDAY
        + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+of\s+|-)(?P<month>[A-Za-z]{3,9})"
        r"\.?(?:\s*,?\s+|-)(?P<year>\d{4})" + _OPTIONAL_TIME
    ),
    re.compile(
        r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
        + _OPTIONAL_TIME
    ),
    # "05.03.2024": a European site writes the day first, between dots.
    re.compile(
        _OPTIONAL_WEEKDAY
        + r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})"
        + _OPTIONAL_TIME
    ),
    # "12/18/2015": a US site writes the month first.
    re.compile(
        _OPTIONAL_WEEKDAY
        + r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"
        + _OPTIONAL_TIME
    ),
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
    updated = UPDATED_LINE.match(text)
    if updated:
        return any(form.match(updated.group("rest")) for form in DATE_FORMS)
    return bool(
        AUTHOR_LINE.match(text)
        or CATEGORY_LINE.match(text)
        or BY_LINE.match(text)
        or any(pattern.match(text) for pattern in HEAD_CHROME_LINES)
    )


# A caption with its credit run in at the end: "Managers drive back across the
# border. Photo: Yonhap", "... (Photo: Yonhap)", "... [Photo: Yonhap]", "... |
# Image: Daily NK".
CAPTION_WITH_CREDIT = re.compile(
    r"^(?P<caption>[^\n]{10,200}?[.!?])\s+(?:[|·•–—]\s+)?[(\[]?(?P<credit>(?:(?:Photo"
    r"|Photograph|Image|Credit|Photo\s+credit)\s*:|(?:Photo|Photograph|Image|Picture)"
    r"\s+by)\s*[^.!?:()\[\]]{2,80})[)\]]?\.?$",
    re.IGNORECASE,
)

# The labels of a page's fields set apart from the text, each in capitals over
# its value ("WRITTEN BY" / "Prof. Jane Roe", "DATE" / "2 July 2016", "TOPICS" /
# "Trade" / "Europe"), and the export line each makes.
FIELD_LABELS = {
    "WRITTEN BY": "Author:",
    "BY": "Author:",
    "AUTHOR": "Author:",
    "AUTHORS": "Author:",
    "EXPERTS": "Author:",
    "CONTRIBUTORS": "Author:",
    "DATE": "Published",
    "PUBLISHED": "Published",
    "TOPICS": "Topics:",
    "TAGS": "Topics:",
    "CATEGORIES": "Topics:",
    "REGIONS": "Topics:",
    "ISSUES": "Topics:",
}


# "About the author", "About the Authors:", "Author bio" over (or before) a bio.
ABOUT_LABEL = re.compile(
    r"(?:#+\s*)?[*_]*(?:About\s+the\s+(?:authors?|contributors?|writers?|experts?"
    r"|analysts?|scholars?|reviewers?)|"
    r"Authors?['’]?\s+bios?|Contributors?)[*_]*\s*:?\s*[*_]*",
    re.IGNORECASE,
)


def is_about_label(text: str) -> bool:
    return ABOUT_LABEL.fullmatch(text) is not None


# A label of tags rather than categories: a post with both is filed under its
# categories; its tags are keywords.
TAGS_LABEL = re.compile(
    r"^(?:Tags?|Tagged(?:\s+(?:with|as))?|Keywords?|Labels?)\b", re.I
)
