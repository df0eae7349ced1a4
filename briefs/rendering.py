"""Body source (Markdown) to the sanitized HTML that pages and feeds show."""

import re
from urllib.parse import urljoin

import nh3
from markdown_it import MarkdownIt

from .importer.body import NOTES_HEADINGS
from .links import safe_link

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "a",
    "blockquote", "br", "hr", "sup", "sub", "table", "thead", "tbody", "tr", "th",
    "td", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "th": {"scope"},
    "li": {"id"},
    "sup": {"id"},
}
# Only the ids and classes the notes section uses survive: nothing an import or
# an editor writes can clobber the page's own ids or style it.
_NOTE_ID = re.compile(r"(?:note|ref)-\d{1,3}")
_NOTE_CLASSES = {"note-ref", "note-back"}


URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html, base_url=None):
    """The one sanitizer of body HTML, for pages and feeds.

    With `base_url`, links and image sources are made absolute, for feed readers
    that show items far from the site, where relative links break.
    """

    def check_link(tag, attribute, value):
        if attribute == "id":
            return value if _NOTE_ID.fullmatch(value) else None
        if attribute == "class":
            return value if value in _NOTE_CLASSES else None
        if attribute not in ("href", "src"):
            return value
        if value.lower().startswith("mailto:"):
            return value
        # nh3 keeps protocol-relative "//host" targets; briefs.links does not.
        kept = safe_link(value)
        if not kept:
            return None
        return urljoin(base_url, kept) if base_url else kept

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=check_link,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    )


# CommonMark, through markdown-it-py: a precise spec for editors, and about four
# times faster than Python-Markdown, which matters when the importer renders
# hundreds of briefs a second. Raw HTML passes the parser and is left to nh3.
_markdown = MarkdownIt("commonmark").enable("table")

# The notes section the importer writes: a heading such as "Notes" followed by an
# ordered list. Its items get ids, the "[n]" markers in the text link to them and
# each note links back.
_NOTES_SECTION = re.compile(
    rf"<h([2-4])>(?:{'|'.join(map(re.escape, sorted(NOTES_HEADINGS)))})</h\1>\s*"
    r"<ol(?: start=\"(?P<start>\d+)\")?>(?P<items>.*?)</ol>",
    re.IGNORECASE | re.DOTALL,
)
_NOTE_MARKER = re.compile(r"\[(?P<number>\d{1,3})\]")


def link_notes(html):
    """ "[n]" markers -> links to the notes list, and back-links from each note."""
    section = _NOTES_SECTION.search(html)
    if section is None:
        return html
    first = int(section.group("start") or 1)
    items = re.findall(r"<li>(.*?)</li>", section.group("items"), re.DOTALL)
    numbers = set(range(first, first + len(items)))
    linked = set()

    def marker(match):
        number = int(match.group("number"))
        if number not in numbers:
            return match.group()
        anchor = f' id="ref-{number}"' if number not in linked else ""
        linked.add(number)
        return (
            f'<sup{anchor}><a class="note-ref" href="#note-{number}">{number}</a></sup>'
        )

    before = _NOTE_MARKER.sub(marker, html[: section.start()])
    notes = []
    for number, item in enumerate(items, start=first):
        back = (
            f' <a class="note-back" href="#ref-{number}" title="Back to the text">↩</a>'
            if number in linked
            else ""
        )
        notes.append(f'<li id="note-{number}">{item}{back}</li>')
    start_attr = f' start="{first}"' if first != 1 else ""
    heading = html[section.start() : section.start("items")]
    heading = re.sub(r"<ol[^>]*>$", f"<ol{start_attr}>", heading)
    rebuilt = heading + "\n".join(notes) + "</ol>"
    return before + rebuilt + html[section.end() :]


def render_body(source):
    if not source:
        return ""
    # Editors write "# Heading" by habit; the page title is the only h1.
    html = _markdown.render(source)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitize_html(link_notes(html))
