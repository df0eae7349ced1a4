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

from briefs import person_names
from briefs.editions.identifiers import doi_url, orcid_url
from briefs.links import absolute_link


@dataclass(frozen=True)
class Name:
    given: str
    family: str
    suffix: str = ""
    # Korean, Japanese, Chinese order: family name written first, never inverted.
    family_first: bool = False
    # A team or publication byline ("KEI Staff"): one name, never split.
    organisation: bool = False

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


def split_name(full_name, sort_name=""):
    """Given names, surname and suffix of a byline name (briefs.person_names).

    Titles ("Dr.", "Ambassador"), degrees and parentheticals ("(Ret.)") are
    dropped, "Jr." and "III" become the suffix, particles stay with the
    surname, and an editor's sort name overrules the guess: "lee jae-myung"
    marks a family name written first, "van beethoven ludwig" puts the split
    after "Ludwig".
    """
    parts = person_names.split_name(full_name, sort_name)
    return Name(
        given=parts.given,
        family=parts.family,
        suffix=parts.suffix,
        family_first=parts.family_first,
        organisation=parts.organisation,
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


def _link(brief, url):
    """The DOI link when the brief has one (APA 7, Chicago 17), else the page."""
    return doi_url(brief.doi) or url


def apa(brief, url):
    url = _link(brief, url)
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
    url = _link(brief, url)
    names = _names(brief)
    day = _date(brief)
    when = f"{day:%B} {day.day}, {day.year}" if day else "n.d."
    # Only the first author is inverted; a brief without a byline has no lead.
    listed = [names[0].inverted] + [n.natural for n in names[1:]] if names else []
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
        ("doi", _tex(brief.doi)),
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
    if brief.doi:
        rows.append(("DO", brief.doi))
    if brief.summary:
        rows.append(("AB", " ".join(brief.summary.split())))
    if paper := absolute_link(brief.full_paper_url, url):
        rows.append(("L1", paper))
    rows.append(("ER", ""))
    # RIS wants CRLF line ends and exactly "TAG  - value".
    return "".join(f"{tag}  - {value}".rstrip() + "\r\n" for tag, value in rows)


def highwire_tags(brief, url, pdf_url=""):
    """Google Scholar's meta tags, as (name, content) pairs in their required order."""
    day = _date(brief)
    tags = [("citation_title", brief.title)]
    tags += [("citation_author", author.name) for author in brief.ordered_authors()]
    if day:
        tags.append(("citation_publication_date", f"{day:%Y/%m/%d}"))
    tags.append(("citation_publisher", settings.SITE_PUBLISHER))
    tags.append(("citation_technical_report_institution", settings.SITE_PUBLISHER))
    tags.append(("citation_abstract_html_url", url))
    if brief.doi:
        tags.append(("citation_doi", brief.doi))
    # Scholar indexes the PDF of this document, not the journal paper behind it.
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return tags


def highwire_html(brief, url):
    return format_html_join(
        "\n  ", '<meta name="{}" content="{}">', highwire_tags(brief, url)
    )


def _person(author, site_url):
    name = author_name(author)
    if name.organisation:
        team = {
            "@type": "Organization",
            "name": author.name,
            "url": site_url + author.get_absolute_url(),
        }
        if author.bio:
            team["description"] = author.bio
        return team
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
    if author.orcid:
        person["sameAs"] = orcid_url(author.orcid)
    return person


def json_ld(brief, url, site_url, image=None, pdf_url=""):
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
    revised = brief.revised_at()
    if revised:
        data["dateModified"] = timezone.localtime(revised).isoformat()
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
    if brief.doi:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "DOI",
            "value": brief.doi,
            "url": doi_url(brief.doi),
        }
        data["sameAs"] = doi_url(brief.doi)
    if pdf_url:
        data["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": pdf_url,
            "encodingFormat": "application/pdf",
        }
    if paper := absolute_link(brief.full_paper_url, url):
        data["associatedMedia"] = {"@type": "MediaObject", "contentUrl": paper}
    return data


def json_for_script(data):
    """JSON safe inside <script>: no "</script>" or "<!--" can close it early."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
