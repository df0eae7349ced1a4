"""Uploaded media served by kei_site.media.serve_media: files inside MEDIA_ROOT only."""

import pytest
from django.core.files.base import ContentFile
from django.utils.http import http_date

from tests.factories import make_brief
from tests.test_images import jpeg_bytes

SECRET = "not-for-the-public-7f3a"


@pytest.fixture
def media(settings):
    root = settings.MEDIA_ROOT
    (root / "briefs").mkdir(parents=True)
    (root / "briefs" / "photo.jpg").write_bytes(jpeg_bytes(120, 80))
    (root / "briefs" / "page.html").write_text("<script>alert(1)</script>")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "secret.jpg").write_bytes(SECRET.encode())
    # A secret beside MEDIA_ROOT, to climb to.
    (root.parent / "secret.txt").write_text(SECRET)
    return root


@pytest.mark.django_db
def test_feature_image_url_answers_with_the_file(client):
    brief = make_brief("Illustrated")
    brief.feature_image.save("photo.jpg", ContentFile(jpeg_bytes(400, 300)))
    response = client.get(brief.feature_image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == brief.feature_image.read()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "max-age=" in response["Cache-Control"]
    assert "Last-Modified" in response


def test_unchanged_file_is_not_sent_again(client, media):
    first = client.get("/media/briefs/photo.jpg")
    again = client.get(
        "/media/briefs/photo.jpg", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert again.status_code == 304
    stale = client.get("/media/briefs/photo.jpg", HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert stale.status_code == 200


def test_anything_but_an_image_is_a_download_never_a_page(client, media):
    response = client.get("/media/briefs/page.html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "path",
    [
        "/media/",
        "/media/briefs/",
        "/media/briefs",
        "/media/../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/briefs/%2e%2e/%2e%2e/secret.txt",
        "/media/briefs/..%2f..%2fsecret.txt",
        "/media/briefs/..%5c..%5csecret.txt",
        "/media//etc/passwd",
        "/media/%2fetc/passwd",
        "/media/.hidden/secret.jpg",
        "/media/briefs/photo.jpg%00.html",
        "/media/briefs/missing.jpg",
    ],
)
def test_no_listing_no_climbing_no_hidden_files(client, media, path):
    response = client.get(path)
    assert response.status_code == 404, path
    assert SECRET.encode() not in response.content


def test_a_link_out_of_media_root_is_refused(client, media):
    (media / "briefs" / "escape.jpg").symlink_to(media.parent / "secret.txt")
    assert client.get("/media/briefs/escape.jpg").status_code == 404


def test_only_reads(client, media):
    assert client.head("/media/briefs/photo.jpg").status_code == 200
    assert client.post("/media/briefs/photo.jpg").status_code == 405
