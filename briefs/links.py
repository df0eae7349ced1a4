"""Which link targets may reach readers: http, https and site-relative paths.

A target from an import or a form can be anything a browser follows:
`javascript:` and `vbscript:` run script when clicked, `data:` and `file:` open
what the page chose, and a protocol-relative `//host` leaves the site under a
trusted-looking link. Targets are checked where they are written (the importer,
the model validators behind the admin) and filtered again wherever they are
rendered (pages, metadata, citations, feeds), so a row written around both,
from the shell or an old import, is still harmless.
"""

import re
from urllib.parse import urljoin, urlsplit

SCHEMES = ("http", "https")
# Browsers drop these anywhere in a URL before reading its scheme, so
# "java\tscript:" is "javascript:".
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")


def safe_link(url) -> str:
    """The target if readers may follow it, else ""."""
    if not url:
        return ""
    url = str(url).strip()
    squeezed = _IGNORED_BY_BROWSERS.sub("", url)
    if squeezed.startswith("#"):
        return url  # a place on the same page (a note, a heading)
    if squeezed.startswith("/"):
        # Site-relative, but not "//host" or "/\host" (which browsers read alike).
        return url if squeezed[1:2] not in ("/", "\\") else ""
    try:
        parts = urlsplit(squeezed)
    except ValueError:
        return ""
    if parts.scheme.lower() in SCHEMES and parts.netloc and url == squeezed:
        return url
    return ""


def absolute_link(url, base_url) -> str:
    """A safe target made absolute against `base_url` (feeds, metadata), or ""."""
    kept = safe_link(url)
    return urljoin(base_url, kept) if kept else ""


# A Markdown link, its target allowed one level of parentheses ("alert(1)").
_MARKDOWN_LINK = re.compile(
    r"\[(?P<text>[^\[\]]*)\]\(\s*<?(?P<target>[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+\"[^\"]*\")?\s*\)"
)


def drop_unsafe_markdown_links(text: str) -> tuple[str, list[str]]:
    """Markdown with every link readers may not follow reduced to its text.

    Returns the text and the targets dropped, for the importer's warnings.
    """
    dropped = []

    def reduce(match):
        target = match.group("target")
        if not target or target == "#" or safe_link(target):
            return match.group(0)
        dropped.append(target)
        return match.group("text")

    return _MARKDOWN_LINK.sub(reduce, text or ""), dropped


def validate_public_link(value) -> None:
    """Model validator: an http(s) URL or a site-relative path, nothing else."""
    # Django only here, so that the importer's pure parser may use this module.
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    if not safe_link(value):
        raise ValidationError(
            "Enter an http:// or https:// address, or a path on this site.",
            code="unsafe_link",
        )
    if not str(value).startswith(("/", "#")):
        URLValidator(schemes=list(SCHEMES))(value)
