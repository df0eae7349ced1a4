"""Page furniture inside a post: lines a reader's page shows around the text.

Print and PDF buttons, share bars, comment counts, newsletter boxes, cookie
banners, breadcrumbs and "related posts" lists come along when a page is saved
or copied. None of them is the writer's text. Recognised by the form of a whole
line (never a phrase inside a paragraph), and each one dropped is reported.
"""

from __future__ import annotations

import re

from .export_format import HEAD_CHROME_LINES, is_about_label
from .text import reduce_links
from .trailer import mentions_fara

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
_PLAYED = rf"{_CLOCK}(?:\s*/\s*{_CLOCK})?"
# Buttons: "Print", "Print this page", "Download PDF", "Download (PDF)".
_BUTTON = (
    r"(?:Print|Email|E-mail|Save|Download|View)(?:\s+(?:this|the|as|a))?"
    r"(?:\s+(?:page|post|article|brief|PDF|\(PDF\)|version|report)){0,2}"
)
_FURNITURE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # ... one or several in a row: "Print This Post | Email This Post".
        rf"{_BUTTON}(?:\s*[|·•/]\s*{_BUTTON})*",
        r"PDF(?:\s+version)?|Printer[- ]friendly(?:\s+version)?",
        # Comments: "Comments (3)", "3 Comments", "Leave a reply", "No comments yet".
        r"(?:Comments?|Responses?|Replies)\s*\(\d+\)|\d+\s+(?:Comments?|Responses?)",
        r"(?:Leave|Post|Add|Write)\s+a\s+(?:comment|reply|response)"
        r"|(?:No|View|Show|Hide)\s+comments?(?:\s+yet)?|Comments?(?:\s+are\s+closed)?",
        # A comment form: its notice and its button ("Your email address will
        # not be published. Required fields are marked *", "Post Comment").
        r"Your\s+email\s+(?:address\s+)?will\s+not\s+be\s+published\.?"
        r"(?:\s*Required\s+fields\s+are\s+marked\s*\*?)?"
        r"|Required\s+fields\s+are\s+marked\s*\*?"
        r"|(?:Post|Submit|Send)\s+(?:a\s+|your\s+)?(?:Comment|Reply)",
        # WordPress's like button: "Like this:", "Be the first to like this.",
        # "3 bloggers like this.", "Like Loading...".
        r"(?:Like\s+this:?\s*)?(?:Be\s+the\s+first\s+to\s+like\s+this(?:\s+post)?\.?"
        r"|\d+\s+bloggers?\s+likes?\s+this(?:\s+post)?\.?|Like\s+Loading\.*)"
        r"|Like\s+this:?",
        # "Back to top", "Continue reading", "Tweet", "Like".
        r"Back\s+to\s+top|Tweet|Like|Follow\s+us(?:\s+on\s+\w+)?",
        # An audio player: "Listen to this article  00:00 / 06:12", "Audio
        # version (12:34)", "Play audio", or the player's clock alone.
        r"(?:Listen\s+to\s+(?:this|the)\s+(?:article|story|post|brief|page)"
        r"|Listen(?:\s+now)?|(?:Audio|Listen)\s+version|Play\s+(?:the\s+)?audio"
        r"|Play\s+(?:this\s+)?(?:article|story))"
        rf"(?:\s*[:|·•–—-]?\s*(?:\(?{_PLAYED}\)?|\(?\d+\s+min(?:utes?)?\)?))?",
        rf"\(?{_PLAYED}\)?",
        # An advertising slot's label and the line under it: "Advertisement",
        # "Sponsored", "Continue reading below", "Story continues below",
        # "Article continues after advertisement".
        r"Advertisement|Advert|Ad|Sponsored(?:\s+content)?|Paid\s+content",
        r"(?:Continue|Keep)\s+reading(?:\s+(?:below|the\s+(?:main\s+)?story))?"
        r"|(?:The\s+)?(?:Story|Article|Text|Post)\s+continues"
        r"(?:\s+(?:below|after\s+(?:the\s+)?(?:advertisement|ad)))?",
        # The editing system's banner on a copy saved before publication:
        # "DRAFT – NOT FOR PUBLICATION (last edited by ...)", "Preview: ...".
        r"(?-i:DRAFT|PREVIEW|UNPUBLISHED|EMBARGOED)"
        r"(?:\s*[–—:|-]\s*[^.!?]{0,100}|\s*\([^()]{0,80}\))?"
        r"|[^.!?]{0,40}\b(?:not\s+for\s+(?:publication|distribution)"
        r"|do\s+not\s+(?:publish|distribute))\b[^.!?]{0,60}"
        r"|\(?(?:Last\s+)?(?:edited|saved)\s+by\s+[\w.@-]+\)?",
        # A view counter: "Views: 1,284", "1,284 views", "Read 312 times".
        r"(?:Views?|Page\s+views|Hits|Reads)\s*:?\s*[\d,.]+[kK]?"
        r"|[\d,.]+[kK]?\s+(?:views|reads)|Read\s+[\d,]+\s+times",
        # An image's file name shown for its missing picture:
        # "ulsan-shipyard-cranes-1200x675", "DSC_0042.jpg".
        r"(?-i:[\w]+(?:[-_][\w]+)*(?:-\d{2,4}x\d{2,4}|\.(?:jpe?g|png|gif|webp|tiff?)))",
        # Links to the posts either side: "« Older Title   Newer Title »",
        # "← Previous post", "Next post →".
        # Titles may ask a question or abbreviate ("U.S."); the arrow says it.
        r"[«‹←]\s*[^«»]{2,250}[»›→]?|[^«»]{2,250}[»›→]"
        r"|(?:Previous|Next|Older|Newer)\s+(?:post|entry|article)s?",
        # A blog's tagline under its name: "A blog of the Korea Economic
        # Institute of America".
        r"(?:A|The)\s+(?:blog|publication|newsletter|commentary\s+series)\s+"
        r"(?:of|from|by)\s+[^.!?]{3,80}",
        # A language switcher: "This post is also available in: 한국어 (Korean)".
        r"(?:This\s+(?:post|page|article|entry)\s+is\s+)?also\s+available\s+in\s*:?"
        r"\s*[^.!?]{1,80}|(?:Read\s+(?:this|it)\s+in|Also\s+in)\s*:?\s*[^.!?]{1,40}",
        # Breadcrumbs: "Home > Commentary > The Peninsula".
        r"Home\s*(?:[>›»/|]\s*[^>›»/|]{1,60}){1,5}",
        # The site's own notice: "© 2024 Korea Economic Institute of America.
        # All rights reserved.", "Copyright 2016 KEI".
        # The footer may add the address and the software: "© 2015 Korea
        # Economic Institute of America · 1800 K Street NW, ... · Proudly
        # powered by WordPress".
        r"(?:Copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)\s+"
        r"[^!?]{2,250}"
        r"|(?:Copyright\s*|©\s*)[^.!?]{2,80}\.\s+All\s+rights\s+reserved\.?",
    )
]
# A newsletter box's call ("Sign up for Korea View", "Subscribe to our
# newsletter"): short, capitalised, no sentence. The box's other lines go with it.
_SIGN_UP = re.compile(
    r"(?:Sign\s+up|Subscribe|Never\s+miss)\b[^.!?]{0,70}!?"
    r"|(?:Join|Get)\s+(?:our|the)\s+[^.!?]{0,40}\b(?:newsletter|mailing\s+list|"
    r"briefing|updates)\b[^.!?]{0,40}!?"
)
# A cookie banner: the site speaking of its own cookies.
_COOKIES = re.compile(
    r"\b(?:we|this\s+(?:web)?site)\s+uses?\s+cookies|\bour\s+use\s+of\s+cookies"
    r"|\bcookies\s+help\s+us|\baccept\s+(?:all\s+)?cookies",
    re.IGNORECASE,
)
# "Related posts", "You may also like": a list of other posts' titles follows.
_RELATED = re.compile(
    r"^(?:Related(?:\s+(?:posts?|articles?|content|reading|briefs?))?"
    r"|You\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)"
    r"|(?:More|Also)\s+(?:from|on|in)\s+.{1,40}|Recommended(?:\s+for\s+you)?"
    r"|Further\s+reading|Read\s+next|Most\s+(?:read|popular))\s*:?$",
    re.IGNORECASE,
)
# A site strip ("Korea Economic Institute of America — keia.org — Commentary"):
# the site's name, its bare domain and a section, between separators. A page
# pins it to the top of the screen, and a print lays it over the text.
_STRIP_SEPARATOR = re.compile(r"\s+[—–|·•]\s+")
_BARE_DOMAIN = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}", re.I)
_STRIP_PART_LIMIT = 60
_BOX_LINE_LIMIT = 300
_BOX_LINES = 6
_RELATED_TITLE_LIMIT = 120
# A list item's marker: "- ", "* ", "• ", "1. ".
_LISTED = re.compile(r"^\s*(?:[-*•›]|\d{1,2}[.)])\s+")


def is_furniture(line: str) -> bool:
    text = _bare(line)
    if not text:
        return False
    return (
        any(p.fullmatch(text) for p in _FURNITURE)
        or any(p.match(text) for p in HEAD_CHROME_LINES)
        or is_site_strip(text)
        or _is_navigation(text)
    )


# The words of a site's menu bar ("HOME ABOUT CONTRIBUTORS KEI.ORG SUBSCRIBE").
_MENU_WORDS = frozenset(
    {"home", "about", "contact", "subscribe", "donate", "events", "search", "menu"}
    | {"contributors", "archive", "archives", "blog", "podcasts", "podcast"}
    | {"experts", "research", "publications", "support", "newsletter", "topics"}
    | {"commentary", "programs", "media", "press", "careers", "login", "us"}
)
_MENU_MIN_WORDS = 3
# A menu bar is one short line; paragraphs need not be split into words.
_MENU_LINE_LIMIT = 120


def _is_navigation(text: str) -> bool:
    if len(text) > _MENU_LINE_LIMIT:
        return False
    words = [w for w in re.split(r"[\s|·•/]+", text) if w]
    if len(words) < _MENU_MIN_WORDS or any(w[-1:] in ".!?," for w in words):
        return False
    known = sum(w.casefold() in _MENU_WORDS for w in words)
    capitalised = all(w[:1].isupper() or _BARE_DOMAIN.fullmatch(w) for w in words)
    return capitalised and known >= 2 and known * 2 >= len(words)


def is_site_strip(text: str) -> bool:
    parts = _STRIP_SEPARATOR.split(text)
    if not 2 <= len(parts) <= 5:
        return False
    if any(len(part) > _STRIP_PART_LIMIT or part[-1:] in ".!?" for part in parts):
        return False
    return any(_BARE_DOMAIN.fullmatch(part) for part in parts)


def drop_furniture(lines: list[str], warnings: list[str]) -> list[str]:
    """The lines without the page's furniture. A dropped line takes its blank
    line with it: the text either side is then as far apart as before the page
    put the furniture there, and a paragraph broken around it heals."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        run_end = _run_end(lines, index)
        if line and _is_box(lines[index:run_end]):
            _report(warnings, lines[index:run_end])
            index = _past_its_blank(kept, lines, run_end)
            continue
        form_end = _comment_form_end(lines, index) if line else None
        if form_end is not None:
            _report(warnings, [text for text in lines[index:form_end] if text])
            index = _past_its_blank(kept, lines, form_end)
            continue
        if line and _RELATED.match(_bare(line)):
            end = _related_end(lines, index + 1)
            _report(warnings, [text for text in lines[index:end] if text])
            index = end
            continue
        toc_end = _contents_box_end(lines, index) if line else None
        if toc_end is not None:
            _report(warnings, [text for text in lines[index:toc_end] if text])
            index = _past_its_blank(kept, lines, toc_end)
            continue
        if line and is_furniture(line):
            _report(warnings, [line])
            index = _past_its_blank(kept, lines, index + 1)
            continue
        button = _TWEET_BUTTON.search(line)
        if button:
            # A pull quote's "Click To Tweet" button, copied after the quote.
            warnings.append(f"dropped page furniture: {button.group().strip()!r}")
            line = line[: button.start()]
        kept.append(line)
        index += 1
    return kept


# A table of contents box over the text: its label, perhaps a "Toggle" or
# "[hide]" control, then the post's own headings as a list.
_CONTENTS_LABEL = re.compile(
    r"(?:Table\s+of\s+contents|Contents|On\s+this\s+page|In\s+this\s+"
    r"(?:article|brief|post|paper)|Jump\s+to(?:\s+section)?)\s*:?",
    re.IGNORECASE,
)
_CONTENTS_CONTROL = re.compile(r"\[?(?:Toggle|Hide|Show|hide|show)\]?", re.I)
_CONTENTS_ENTRY = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+(?P<text>\S.*)$")


def _contents_box_end(lines: list[str], start: int) -> int | None:
    """Where a contents box that starts here ends: only when every entry is a
    line of the post further down (the headings it lists)."""
    if not _CONTENTS_LABEL.fullmatch(lines[start].strip()):
        return None
    index = start + 1
    while index < len(lines) and (
        not lines[index] or _CONTENTS_CONTROL.fullmatch(lines[index].strip())
    ):
        index += 1
    entries: list[str] = []
    while index < len(lines) and (entry := _CONTENTS_ENTRY.match(lines[index])):
        entries.append(_bare(entry["text"]).casefold())
        index += 1
    later = {_bare(line).casefold() for line in lines[index:] if line}
    if len(entries) < 2 or any(entry not in later for entry in entries):
        return None
    return index


_TWEET_BUTTON = re.compile(
    r"(?<=[\"”’.!?])\s*(?:Click\s+to\s+Tweet|Tweet\s+this(?:\s+quote)?)\s*$", re.I
)


def _past_its_blank(kept: list[str], lines: list[str], index: int) -> int:
    if kept and not kept[-1] and index < len(lines) and not lines[index]:
        return index + 1
    return index


def _bare(line: str) -> str:
    """The line as a reader sees it: no link targets, emphasis or bullets."""
    text = reduce_links(line, keep_real_targets=False)
    return text.strip().strip("*_").strip().lstrip("-•› ").strip()


def _run_end(lines: list[str], start: int) -> int:
    end = start
    while end < len(lines) and lines[end]:
        end += 1
    return end


def _is_box(run: list[str]) -> bool:
    """A few short lines with no blank between them, one a sign-up call, or a
    cookie notice: the box the page drew around them."""
    if not run or len(run) > _BOX_LINES or any(len(t) > _BOX_LINE_LIMIT for t in run):
        return False
    texts = [_bare(line) for line in run]
    return any(_SIGN_UP.fullmatch(t) or _COOKIES.search(t) for t in texts)


def _related_end(lines: list[str], start: int) -> int:
    """Past the other posts' titles: short lines that end no sentence, up to
    two blank lines in a row (however many stand between the label and the
    first title), all set as the first is (items or plain lines) and none the
    label over the bios; the blank lines after the list stay."""
    end = start
    index = start
    while index < len(lines) and not lines[index]:
        index += 1
    listed = index < len(lines) and _is_listed(lines[index])
    while index < len(lines):
        text = _bare(lines[index])
        if not text:
            if index + 1 < len(lines) and not lines[index + 1]:
                break
            index += 1
            continue
        if len(text) > _RELATED_TITLE_LIMIT or text[-1] in ".!:;":
            break
        if _is_listed(lines[index]) != listed or is_about_label(lines[index]):
            break
        index += 1
        end = index
    return end


# A comment form: its heading, then its fields' labels ("Name *", "Website")
# and notices, up to its button.
_COMMENT_FORM_START = re.compile(
    r"(?:Leave|Post|Add|Write)\s+a\s+(?:comment|reply|response)", re.IGNORECASE
)
_COMMENT_FORM_BUTTON = re.compile(
    r"(?:Post|Submit|Send)\s+(?:a\s+|your\s+)?(?:Comment|Reply)|Submit", re.IGNORECASE
)
_COMMENT_FORM_LINES = 14
_COMMENT_FORM_LINE_LIMIT = 100


def _comment_form_end(lines: list[str], start: int) -> int | None:
    """Past a comment form's button, when the form's heading opens at `start`
    and only short lines (labels, notices) stand between them."""
    if not _COMMENT_FORM_START.fullmatch(_bare(lines[start])):
        return None
    for index in range(start + 1, min(len(lines), start + _COMMENT_FORM_LINES)):
        text = _bare(lines[index])
        if len(text) > _COMMENT_FORM_LINE_LIMIT:
            return None
        if _COMMENT_FORM_BUTTON.fullmatch(text):
            return index + 1
    return None


def _is_listed(line: str) -> bool:
    return bool(_LISTED.match(line))


def _report(warnings: list[str], lines: list[str]) -> None:
    shown = " / ".join(line[:40] for line in lines[:3])
    more = f" (+{len(lines) - 3} lines)" if len(lines) > 3 else ""
    warnings.append(f"dropped page furniture: {shown!r}{more}")


# A comments section's heading: "4 Responses to “Title”", "12 Comments",
# "One thought on “Title”", "Comments", "Join the discussion"; or, with no
# comment yet, the form's "Leave a Reply".
_COMMENTS_HEADING = re.compile(
    r"(?:\d+|One|No)\s+(?:Responses?|Comments?|Replies|Thoughts?)"
    r"(?:\s+(?:to|on)\b.*)?|Comments|Discussion|Join\s+the\s+(?:discussion|conversation)"
    r"|(?:Leave|Post|Add|Write)\s+a\s+(?:comment|reply|response)",
    re.IGNORECASE,
)


def without_comments_and_after(lines: list[str], warnings: list[str]) -> list[str]:
    """A page's post that no closing line ends: cut where its comments begin.

    A blog's template sets its comments, then the comment form, then the site's
    footer, after everything of the post's own; with no "Return to the
    Peninsula" line to end the post, its comments heading does.
    """
    for index, line in enumerate(lines):
        if line and _COMMENTS_HEADING.fullmatch(_bare(line)):
            # The site's footer may carry the FARA statement for every page:
            # it stays, with what follows it.
            statement = next(
                (
                    i
                    for i in range(len(lines) - 1, index, -1)
                    if mentions_fara(lines[i])
                ),
                len(lines),
            )
            dropped = [text for text in lines[index:statement] if text]
            if dropped:
                _report(warnings, dropped)
            return lines[:index] + [""] + lines[statement:]
    return lines
