"""Body source (Markdown) to the sanitized HTML that pages and feeds show."""

from urllib.parse import urljoin

import nh3
from markdown_it import MarkdownIt

from .links import safe_link

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "a",
    "blockquote", "br", "hr", "sup", "sub", "table", "thead", "tbody", "tr", "th",
    "td", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html, base_url=None):
    """The one sanitizer of body HTML, for pages and feeds.

    With `base_url`, links and image sources are made absolute, for feed readers
    that show items far from the site, where relative links break.
    """

    def check_link(tag, attribute, value):
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
_markdown = MarkdownIt("commonmark")


def render_body(source):
    if not source:
        return ""
    # Editors write "# Heading" by habit; the page title is the only h1.
    html = _markdown.render(source)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitize_html(html)
