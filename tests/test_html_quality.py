"""An HTML validity and accessibility self-check of every public page.

html5lib in strict mode refuses markup a browser would have to repair; the
checks after it are the parts of WCAG a parser can see: one h1, a language,
landmarks, a skip link, alt text, labelled fields, unique ids, and a heading
order without jumps.
"""

from datetime import timedelta

import html5lib
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import make_author, make_brief, make_series
from tests.test_images import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    series = make_series("Korea Policy Series", slug="kps", theme="Reset")
    author = make_author("Ann Alpha", photo_alt="Ann Alpha")
    author.photo.save("ann.jpg", ContentFile(jpeg_bytes(500, 500)))
    other = make_author("Bob Beta")
    first = make_brief(
        "First brief",
        authors=[author, other],
        series=series,
        categories=["Trade"],
        body="## Executive Summary\n\nText.\n\n- **Point:** detail\n- Second",
        image_credit="Someone",
        published_at=timezone.now() - timedelta(days=2),
    )
    first.feature_image.save("f.jpg", ContentFile(jpeg_bytes(1200, 800)), save=False)
    first.feature_image_alt = "A harbour at dawn"
    first.save()
    make_brief("Second brief", authors=[author], series=series, categories=["Trade"])
    return first


def urls(first):
    year = f"{first.published_at:%Y}"
    month = f"{first.published_at:%m}"
    return [
        "/",
        first.get_absolute_url(),
        "/series/",
        "/series/kps/",
        "/authors/",
        "/authors/ann-alpha/",
        "/categories/trade/",
        f"/archive/{year}/",
        f"/archive/{year}/{month}/",
        "/search/",
        "/search/?q=brief",
        "/search/?q=nothing+matches+this",
        "/no-such-page/",
    ]


def parse_strict(content):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(content)


def landmark_name_problems(doc):
    """Landmarks of one kind that occur more than once need distinct names."""
    by_id = {el.get("id"): el for el in doc.iter() if el.get("id")}
    kinds = {}
    for el in doc.iter():
        kind = "search" if el.get("role") == "search" else el.tag
        if kind not in {"search", "nav", "aside"}:
            continue
        name = el.get("aria-label")
        if name is None and el.get("aria-labelledby") in by_id:
            name = "".join(by_id[el.get("aria-labelledby")].itertext()).strip()
        kinds.setdefault(kind, []).append(name)
    problems = []
    for kind, names in kinds.items():
        if len(names) > 1 and (None in names or len(set(names)) < len(names)):
            problems.append(f"{len(names)} {kind} landmarks without distinct names")
    return problems


def check_page(url, content):
    doc = parse_strict(content)
    problems = []
    html = doc if doc.tag == "html" else doc.find(".//html")
    if not html.get("lang"):
        problems.append("no lang on <html>")
    if len(doc.findall(".//h1")) != 1:
        problems.append(f"{len(doc.findall('.//h1'))} h1 elements")
    for landmark in ("header", "main", "footer", "nav"):
        if doc.find(f".//{landmark}") is None:
            problems.append(f"no <{landmark}>")
    main = doc.find(".//main")
    skip = doc.find(".//a[@class='skip-link']")
    if skip is None or main is None or skip.get("href") != "#" + main.get("id", ""):
        problems.append("no skip link to <main>")
    for img in doc.iter("img"):
        if img.get("alt") is None:
            problems.append(f"img without alt: {img.get('src')}")
        if not (img.get("width") and img.get("height")):
            problems.append(f"img without width/height: {img.get('src')}")
    ids = [el.get("id") for el in doc.iter() if el.get("id")]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate ids {duplicates}")
    labels = {label.get("for") for label in doc.iter("label")}
    for field in doc.iter("input"):
        if field.get("type") in {"hidden", "submit"}:
            continue
        if field.get("id") not in labels and not field.get("aria-label"):
            problems.append(f"unlabelled input {field.get('name')}")
    for link in doc.iter("a"):
        text = "".join(link.itertext()).strip()
        if not text and not link.get("aria-label") and link.find("img") is None:
            problems.append(f"empty link to {link.get('href')}")
    problems += landmark_name_problems(doc)
    levels = [
        int(el.tag[1]) for el in doc.iter() if el.tag in {f"h{n}" for n in range(1, 7)}
    ]
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"heading jumps from h{before} to h{after}")
    assert not problems, f"{url}: {problems}"


def test_every_public_page_is_valid_and_accessible(client, site):
    for url in urls(site):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        check_page(url, response.content)


def test_preview_page_is_valid(admin_client):
    draft = make_brief("A draft", status="draft")
    check_page("preview", admin_client.get(draft.get_absolute_url()).content)


def test_500_page_is_valid():
    from django.template.loader import get_template

    check_page("500", get_template("500.html").render().encode())


def test_print_stylesheet_keeps_the_disclosure_and_url():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    print_rules = css[css.index("@media print") :]
    assert ".print-url { display: block" in print_rules
    hidden = print_rules[: print_rules.index("display: none")]
    assert ".disclosure" not in hidden
    assert ".site-nav" in hidden


def test_no_external_resources(client, site):
    for url in urls(site)[:3]:
        doc = parse_strict(client.get(url).content)
        for el in doc.iter():
            for attr in ("src", "href"):
                value = el.get(attr) or ""
                if el.tag in {"link", "script", "img"} and value.startswith("http"):
                    assert value.startswith("http://testserver"), (url, value)


def test_reference_pages_are_valid(client, imported_reference):
    from briefs.models import Brief

    for brief in Brief.objects.published():
        check_page(
            brief.get_absolute_url(), client.get(brief.get_absolute_url()).content
        )


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([relative_luminance(a), relative_luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def site_css():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    return Path(finders.find("css/site.css")).read_text(encoding="utf-8")


def test_focus_ring_contrast_is_three_to_one():
    """WCAG 1.4.11: the focus indicator against the page it is drawn on."""
    import re

    css = site_css()
    dark_mode = "@media screen and (prefers-color-scheme: dark)"
    light_css, dark_css = css.split(dark_mode)
    colour = r"--([a-z-]+): (#[0-9a-f]{6});"
    light = dict(re.findall(colour, light_css))
    dark = {**light, **dict(re.findall(colour, dark_css.split("}")[0]))}
    assert ":focus-visible { outline: 3px solid var(--focus)" in css
    for palette in (light, dark):
        for background in ("paper", "band"):
            assert contrast(palette["focus"], palette[background]) >= 3, background
    assert ".site-header :focus-visible { outline-color: var(--focus-on-dark); }" in css
    assert contrast(light["focus-on-dark"], light["ink"]) >= 3
    # The dark mode's header is near-black, not the (light) ink.
    assert ".site-header { background: #0a0c0f; }" in dark_css
    assert contrast(dark["focus-on-dark"], "#0a0c0f") >= 3
    for text, background in (("ink", "paper"), ("muted", "band"), ("accent", "paper")):
        assert contrast(dark[text], dark[background]) >= 4.5, text


def test_disclosure_is_labelled_and_at_least_nine_tenths_of_body_text():
    css = site_css()
    rule = css[css.index(".disclosure {") :].split("}")[0]
    size = float(rule.split("font-size:")[1].split("em")[0])
    assert size >= 0.9 and "rem" not in rule.split("font-size:")[1].split(";")[0]
    assert "@page { margin:" in css


def test_print_leaves_out_links_that_mean_nothing_on_paper():
    css = site_css()
    print_rules = css[css.index("@media print") :]
    hidden = print_rules[: print_rules.index("display: none")]
    for selector in (".subscribe", ".author-bio__more", ".cite-bibtex"):
        assert selector in hidden, selector
