"""How to cite a brief: APA, Chicago, BibTeX, RIS, and the metadata crawlers read.

Everything is generated from the model, so a corrected title or author order is
corrected in every format at once. Functions take the brief and its absolute URL.
"""

import json
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html, format_html_join


@dataclass(frozen=True)
class Name:
    given: str
    family: str
    suffix: str = ""
    # Korean, Japanese, Chinese order: family name written first, never inverted.
    family_first: bool = False

    @property
    def natural(self):
        """The name as it is written in a byline (without honorifics)."""
        parts = (
            [self.family, self.given]
            if self.family_first
            else [self.given, self.family]
        )
        text = " ".join(p for p in parts if p)
        return f"{text} {self.suffix}" if self.suffix else text

    @property
    def inverted(self):
        """ "Family, Given, Suffix" (Chicago's first author, RIS)."""
        if self.family_first or not self.given:
            return self.natural
        text = f"{self.family}, {self.given}"
        return f"{text}, {self.suffix}" if self.suffix else text

    @property
    def ris(self):
        """RIS's "Lastname, Firstname, Suffix", whatever the written order."""
        return ", ".join(p for p in (self.family, self.given, self.suffix) if p)

    @property
    def initials(self):
        # "Jae-myung" gives "J.-M.", as APA asks for hyphenated given names, and
        # "J.R.R." gives "J. R. R.".
        parts = []
        for word in self.given.split():
            pieces = [p for p in word.split("-") if p.strip(".")]
            if len(pieces) > 1:
                parts.append("-".join(_initial(p) for p in pieces))
            else:
                parts.extend(_initial(p) for p in word.split(".") if p)
        return " ".join(parts)

    @property
    def apa(self):
        if not self.given:
            return self.family
        text = f"{self.family}, {self.initials}"
        return f"{text}, {self.suffix}" if self.suffix else text

    @property
    def bibtex(self):
        """BibTeX's "von Last, Jr, First"; a one-word name is braced whole."""
        family = _tex(self.family)
        if not self.given:
            return "{" + family + "}"
        if self.suffix:
            return f"{family}, {_tex(self.suffix)}, {_tex(self.given)}"
        return f"{family}, {_tex(self.given)}"


def _initial(piece):
    letters = [ch for ch in piece if ch.isalpha()]
    return f"{letters[0].upper()}." if letters else ""


# Lower-case words that belong to the surname ("van Beethoven", "de la Cruz").
PARTICLES = frozenset(
    {"al", "bin", "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos"}
    | {"du", "el", "la", "le", "ten", "ter", "van", "von", "zu"}
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Titles before a name are not part of it; short forms only with their full stop.
TITLES = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx"})
TITLES_WITH_STOP = frozenset(
    {"amb", "gen", "adm", "hon", "rep", "sen", "lt", "col", "maj", "capt", "gov"}
)
LONG_TITLES = frozenset(
    {"ambassador", "professor", "general", "admiral", "senator", "governor"}
)


def _is_title(word):
    bare = word.rstrip(".").casefold()
    return (
        bare in TITLES
        or bare in LONG_TITLES
        or (bare in TITLES_WITH_STOP and word.endswith("."))
    )


def _sort_key(text):
    return " ".join(text.replace(",", " ").casefold().split())


def split_name(full_name, sort_name=""):
    """Given names, surname and suffix of a byline name.

    Titles ("Dr.", "Ambassador") and parentheticals ("(Ret.)") are dropped,
    "Jr." and "III" become the suffix, and lower-case particles stay with the
    surname. An editor's sort name overrules the guess: "lee jae-myung" for
    "Lee Jae-myung" marks a family name written first, "van beethoven ludwig"
    puts the split after "Ludwig".
    """
    words = re.sub(r"\s*\(.*?\)\s*", " ", full_name).replace(",", " ").split()
    suffix = ""
    if len(words) > 2 and words[-1].rstrip(".").casefold() in SUFFIXES:
        suffix = words.pop()
    while len(words) > 2 and _is_title(words[0]):
        words.pop(0)
    if len(words) < 2:
        return Name(
            given="", family=" ".join(words) or full_name.strip(), suffix=suffix
        )
    key = _sort_key(sort_name)
    default_key = _sort_key(" ".join(words[-1:] + words[:-1]))
    if key and key != default_key:
        if key.startswith(_sort_key(" ".join(words))):
            return Name(
                given=" ".join(words[1:]),
                family=words[0],
                suffix=suffix,
                family_first=True,
            )
        for start in range(1, len(words)):
            if key.startswith(_sort_key(" ".join(words[start:] + words[:start]))):
                return Name(
                    given=" ".join(words[:start]),
                    family=" ".join(words[start:]),
                    suffix=suffix,
                )
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1
    return Name(
        given=" ".join(words[:start]), family=" ".join(words[start:]), suffix=suffix
    )


def author_name(author):
    return split_name(author.name, author.sort_name)


def _names(brief):
    return [author_name(author) for author in brief.ordered_authors()]


def _date(brief):
    if brief.published_at is None:
        return None
    return timezone.localtime(brief.published_at).date()


def _join(items, conjunction):
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        sep = "," if conjunction == "&" else ""
        return f"{items[0]}{sep} {conjunction} {items[1]}"
    return ", ".join(items[:-1]) + f", {conjunction} {items[-1]}"


def _end(text):
    """Append a full stop unless the text already ends a sentence."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def apa(brief, url):
    names = _names(brief)
    day = _date(brief)
    when = f"{day.year}, {day:%B} {day.day}" if day else "n.d."
    authors = _join([n.apa for n in names], "&")
    series = f" {_end(brief.series.name)}" if brief.series else ""
    lead = f"{authors} " if authors else ""
    return format_html(
        "{}({}). <i>{}</i>{} {}. {}",
        lead,
        when,
        _end(brief.title),
        series,
        settings.SITE_PUBLISHER,
        url,
    )


def chicago(brief, url):
    names = _names(brief)
    day = _date(brief)
    when = f"{day:%B} {day.day}, {day.year}" if day else "n.d."
    listed = [names[0].inverted] + [n.natural for n in names[1:]]
    if len(listed) == 2:
        # The comma closes an inverted name; "Lee Jae-myung and ..." has none.
        comma = "," if names[0].inverted != names[0].natural else ""
        authors = f"{listed[0]}{comma} and {listed[1]}"
    else:
        authors = _join(listed, "and")
    lead = format_html("{} ", _end(authors)) if authors else ""
    series = format_html(" <i>{}</i>.", brief.series.name) if brief.series else ""
    return format_html(
        "{}“{}”{} {}, {}. {}.",
        lead,
        _end(brief.title),
        series,
        settings.SITE_PUBLISHER,
        when,
        url,
    )


_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def _tex(text):
    return text.translate(_BIBTEX_SPECIAL)


def _ascii(text):
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def bibtex_key(brief):
    names = _names(brief)
    day = _date(brief)
    stop = {"a", "an", "the", "of", "on", "in", "and", "for", "to", "korea", "policy"}
    words = [w for w in re.findall(r"[A-Za-z]+", brief.title) if w.lower() not in stop]
    parts = [
        _ascii(names[0].family) if names else "kei",
        str(day.year) if day else "nd",
        _ascii(words[0]) if words else str(brief.pk),
    ]
    return "".join(parts)


def bibtex(brief, url):
    names = _names(brief)
    day = _date(brief)
    fields = [
        ("author", " and ".join(n.bibtex for n in names)),
        # Double braces keep the title's capitals ("U.S.-South Korea") as written.
        ("title", "{" + _tex(brief.title) + "}"),
        ("institution", _tex(settings.SITE_PUBLISHER)),
        ("series", _tex(brief.series.name) if brief.series else ""),
        ("year", str(day.year) if day else ""),
        ("month", f"{day:%b}".lower() if day else ""),
        ("date", day.isoformat() if day else ""),
        ("url", url),
        ("type", "Policy brief"),
    ]
    lines = []
    for key, value in fields:
        if not value:
            continue
        if key == "month":
            lines.append(f"  {key} = {value}")
        else:
            lines.append(f"  {key} = {{{value}}}")
    return f"@techreport{{{bibtex_key(brief)},\n" + ",\n".join(lines) + "\n}\n"


def ris(brief, url):
    day = _date(brief)
    rows = [("TY", "RPRT")]
    rows += [("AU", n.ris) for n in _names(brief)]
    rows.append(("TI", brief.title))
    if brief.series:
        rows.append(("T2", brief.series.name))
    if day:
        rows += [("PY", str(day.year)), ("DA", f"{day:%Y/%m/%d}")]
    rows += [("PB", settings.SITE_PUBLISHER), ("UR", url)]
    if brief.summary:
        rows.append(("AB", " ".join(brief.summary.split())))
    if brief.full_paper_url:
        rows.append(("L1", brief.full_paper_url))
    rows.append(("ER", ""))
    # RIS wants CRLF line ends and exactly "TAG  - value".
    return "".join(f"{tag}  - {value}".rstrip() + "\r\n" for tag, value in rows)


def highwire_tags(brief, url):
    """Google Scholar's meta tags, as (name, content) pairs in their required order."""
    day = _date(brief)
    tags = [("citation_title", brief.title)]
    tags += [("citation_author", author.name) for author in brief.ordered_authors()]
    if day:
        tags.append(("citation_publication_date", f"{day:%Y/%m/%d}"))
    tags.append(("citation_publisher", settings.SITE_PUBLISHER))
    tags.append(("citation_technical_report_institution", settings.SITE_PUBLISHER))
    tags.append(("citation_abstract_html_url", url))
    if brief.full_paper_url:
        tags.append(("citation_pdf_url", brief.full_paper_url))
    return tags


def highwire_html(brief, url):
    return format_html_join(
        "\n  ", '<meta name="{}" content="{}">', highwire_tags(brief, url)
    )


def _person(author, site_url):
    name = author_name(author)
    person = {
        "@type": "Person",
        "name": author.name,
        "familyName": name.family,
        "url": site_url + author.get_absolute_url(),
    }
    if name.given:
        person["givenName"] = name.given
    if name.suffix:
        person["honorificSuffix"] = name.suffix
    if author.bio:
        person["description"] = author.bio
    return person


def json_ld(brief, url, site_url, image=None):
    """schema.org Report for the brief; `image` is a rendition dict or None."""
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": brief.title[:110],
        "name": brief.title,
        "inLanguage": "en",
        "author": [_person(author, site_url) for author in brief.ordered_authors()],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_PUBLISHER,
            "url": site_url + "/",
        },
        "keywords": [tag.name for tag in brief.categories.all()],
    }
    if brief.summary:
        data["description"] = brief.summary
    if brief.published_at:
        data["datePublished"] = timezone.localtime(brief.published_at).isoformat()
    if brief.updated_at:
        data["dateModified"] = timezone.localtime(brief.updated_at).isoformat()
    if brief.series:
        series = brief.series
        part_of = {
            "@type": "CreativeWorkSeries",
            "name": series.name,
            "url": site_url + series.get_absolute_url(),
        }
        if series.publication and series.volume and series.issue:
            part_of = {
                "@type": "PublicationIssue",
                "issueNumber": str(series.issue),
                "name": series.name,
                "url": site_url + series.get_absolute_url(),
                "isPartOf": {
                    "@type": "PublicationVolume",
                    "volumeNumber": str(series.volume),
                    "isPartOf": {"@type": "Periodical", "name": series.publication},
                },
            }
        data["isPartOf"] = part_of
    if image:
        image_url = image["url"]
        if image_url.startswith("/"):
            image_url = site_url + image_url
        data["image"] = {
            "@type": "ImageObject",
            "url": image_url,
            "width": image["url_width"],
            "height": image["url_height"],
            **({"caption": brief.feature_image_alt} if brief.feature_image_alt else {}),
            **({"creditText": brief.image_credit} if brief.image_credit else {}),
        }
    if brief.image_credit:
        data["creditText"] = brief.image_credit
    if brief.full_paper_url:
        data["associatedMedia"] = {
            "@type": "MediaObject",
            "contentUrl": brief.full_paper_url,
        }
    return data


def json_for_script(data):
    """JSON safe inside <script>: no "</script>" or "<!--" can close it early."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
