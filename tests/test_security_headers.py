"""Content-Security-Policy and Permissions-Policy on the public site and the admin."""

import base64
import hashlib
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from taggit.models import Tag

from briefs.models import Author, Brief, Series
from tests.admin_client import client_for, editor, make_user


class InlineCode(HTMLParser):
    """Every <script> and <style> element and style="" attribute of a page."""

    def __init__(self):
        super().__init__()
        self.scripts = []  # (attributes, text)
        self.styles = []
        self.style_attributes = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.style_attributes.append((tag, attributes["style"]))
        if any(name.startswith("on") for name in attributes):
            self.style_attributes.append((tag, "event handler attribute"))
        if tag == "script":
            self._script = (attributes, [])
        elif tag == "style":
            self.styles.append(attributes)

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def inline_code(response):
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser


def policy(response):
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def sha256_source(text):
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


@pytest.fixture
def public_urls(imported_reference):
    brief = Brief.objects.published().first()
    return [
        "/",
        brief.get_absolute_url(),
        "/series/",
        Series.objects.first().get_absolute_url(),
        "/authors/",
        Author.objects.first().get_absolute_url(),
        f"/categories/{Tag.objects.first().slug}/",
        f"/archive/{brief.published_at.year}/",
        "/search/?q=alliance",
        "/subscribe/",
        "/no-such-page/",
    ]


@pytest.mark.django_db
def test_public_pages_run_no_inline_script_or_style(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        directives = policy(response)
        assert directives["default-src"] == ["'none'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in directives["script-src"], url
        assert "'unsafe-eval'" not in directives["script-src"], url
        found = inline_code(response)
        assert found.styles == [], url
        assert found.style_attributes == [], url
        for attributes, text in found.scripts:
            # Only data blocks, each allowed by its own hash.
            assert attributes.get("type") == "application/ld+json", url
            assert sha256_source(text) in directives["script-src"], url


@pytest.mark.django_db
def test_brief_page_json_ld_is_allowed_by_hash_and_nothing_else(client, public_urls):
    response = client.get(public_urls[1])
    (attributes, text), *others = inline_code(response).scripts
    assert others == []
    assert '"@type"' in text
    assert policy(response)["script-src"] == ["'self'", sha256_source(text)]
    # The same page twice is the same bytes: caches and conditional GET still work.
    assert client.get(public_urls[1]).content == response.content


@pytest.mark.django_db
def test_permissions_policy_denies_unused_features(client):
    header = client.get("/").headers["Permissions-Policy"]
    features = dict(item.split("=", 1) for item in header.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
    assert features["fullscreen"] == "(self)"


@pytest.mark.django_db
def test_admin_works_under_its_relaxed_policy(imported_reference):
    user = make_user(superuser=True)
    client = client_for(user)
    brief = Brief.objects.first()
    pages = [
        "/admin/",
        "/admin/briefs/brief/",
        f"/admin/briefs/brief/{brief.pk}/change/",
        "/admin/briefs/brief/add/",
        "/admin/briefs/author/",
        "/admin/briefs/brief/dashboard/",
        "/admin/briefs/brief/import/",
        f"/admin/briefs/brief/{brief.pk}/history/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], url
        # Inline styles are allowed here (django-simple-history's pages use them).
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"], url
        found = inline_code(response)
        for attributes, _text in found.scripts:
            if "src" in attributes:
                # The script is one of our static files, so 'self' loads it.
                src = attributes["src"]
                assert src.startswith("/static/") or src.startswith("/admin/"), src
                if src.startswith("/static/"):
                    assert finders.find(src.removeprefix("/static/")), src
                else:
                    assert client.get(src).status_code == 200, src
            else:
                # Django's own data blocks (JSON for its scripts), never code.
                assert attributes.get("type") == "application/json", (url, attributes)
    # Our own admin templates keep their styles in a file too.
    for url in (pages[2], "/admin/briefs/brief/dashboard/"):
        page = client.get(url).content.decode()
        assert "admin-editorial.css" in page
        assert "<style" not in page


@pytest.mark.django_db
def test_admin_relaxation_stays_in_the_admin(client):
    staff = client_for(editor())  # an editor on the public site: the strict policy
    assert policy(staff.get("/"))["style-src"] == ["'self'"]
    assert policy(client.get("/admin/login/"))["style-src"] == [
        "'self'",
        "'unsafe-inline'",
    ]


@pytest.mark.django_db
def test_feeds_and_sitemap_run_nothing_but_may_be_styled_by_the_browser(
    client, imported_reference
):
    for url in ("/sitemap.xml", "/feeds/rss/", "/feeds/json/", "/robots.txt"):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["script-src"] == ["'none'"], url
        assert directives["style-src"] == ["'unsafe-inline'"], url
        assert directives["default-src"] == ["'none'"], url


def test_images_from_object_storage_are_allowed_by_the_policy():
    from kei_site.settings.base import media_origins

    local = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media_origins("media/", local) == []
    assert media_origins("https://cdn.example.org/media/", local) == [
        "https://cdn.example.org"
    ]
    s3 = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {}}
    s3["OPTIONS"] = {"bucket_name": "peninsula", "region_name": "us-east-2"}
    assert media_origins("media/", s3) == [
        "https://peninsula.s3.amazonaws.com",
        "https://peninsula.s3.us-east-2.amazonaws.com",
    ]
    s3["OPTIONS"]["endpoint_url"] = "http://127.0.0.1:9000"
    assert media_origins("media/", s3) == ["http://127.0.0.1:9000"]
    s3["OPTIONS"]["custom_domain"] = "media.example.org"
    assert media_origins("media/", s3) == ["https://media.example.org"]
