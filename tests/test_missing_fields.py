"""Every public page, feed, citation and the staff preview render for a brief that
lacks any combination of authors, categories, series, image, summary and (for a
draft) disclosure."""

import itertools
import json

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.base import ContentFile
from django.utils import timezone

from briefs.models import Brief
from tests.factories import make_brief, make_series
from tests.test_images import jpeg_bytes

pytestmark = pytest.mark.django_db

FIELDS = ("authors", "categories", "series", "image", "summary")
COMBINATIONS = list(itertools.product([True, False], repeat=len(FIELDS)))


def build(present: dict, **fields) -> Brief:
    brief = make_brief(
        "A brief with some fields",
        authors=None if present["authors"] else [],
        categories=["Trade"] if present["categories"] else (),
        series=make_series() if present["series"] else None,
        summary="A summary." if present["summary"] else "",
        **fields,
    )
    if present["image"]:
        brief.feature_image.save("photo.jpg", ContentFile(jpeg_bytes(900, 500)))
    return brief


def label(combination):
    return "-".join(
        f"{'with' if has else 'no'}_{name}"
        for name, has in zip(FIELDS, combination, strict=True)
    )


def public_urls(brief):
    day = timezone.localtime(brief.published_at)
    urls = [
        brief.get_absolute_url(),
        brief.get_absolute_url() + "cite.bib",
        brief.get_absolute_url() + "cite.ris",
        "/",
        "/series/",
        "/authors/",
        f"/archive/{day:%Y}/",
        f"/archive/{day:%Y}/{day:%m}/",
        "/search/?q=brief",
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/json/",
        "/sitemap.xml",
    ]
    if brief.series:
        urls += [brief.series.get_absolute_url(), brief.series.get_absolute_url()]
    for author in brief.authors.all():
        urls += [author.get_absolute_url(), author.get_absolute_url() + "feed/"]
    for tag in brief.categories.all():
        urls += [f"/categories/{tag.slug}/", f"/categories/{tag.slug}/feed/"]
    return urls


@pytest.mark.parametrize("combination", COMBINATIONS, ids=label)
def test_every_public_page_and_feed_renders(client, combination):
    brief = build(dict(zip(FIELDS, combination, strict=True)))
    for url in public_urls(brief):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(brief.get_absolute_url()).content.decode()
    assert brief.title in page
    ld = page.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(ld)
    assert len(data["author"]) == (1 if combination[0] else 0)


@pytest.mark.parametrize("combination", COMBINATIONS, ids=label)
def test_staff_preview_of_a_draft_without_disclosure_renders(client, combination):
    brief = build(
        dict(zip(FIELDS, combination, strict=True)),
        status=Brief.Status.DRAFT,
        disclosure=None,
    )
    editor = User.objects.create_user("editor", password="pw", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_brief"))
    client.force_login(editor)
    response = client.get(brief.get_absolute_url())
    assert response.status_code == 200
    assert "preview-banner" in response.content.decode()
    for suffix in ("cite.bib", "cite.ris"):
        assert client.get(brief.get_absolute_url() + suffix).status_code in (200, 404)


def test_citations_without_authors_lead_with_the_title(client):
    brief = build(dict.fromkeys(FIELDS, False))
    page = client.get(brief.get_absolute_url()).content.decode()
    assert "“A brief with some fields.”" in page
    bib = client.get(brief.get_absolute_url() + "cite.bib").content.decode()
    assert "author =" not in bib
    ris = client.get(brief.get_absolute_url() + "cite.ris").content.decode()
    assert "AU  -" not in ris
