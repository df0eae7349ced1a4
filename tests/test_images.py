"""Feature images and author photos: renditions, srcset, sizes, credits, checks."""

from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from briefs import images
from briefs.models import Brief
from tests.factories import make_author, make_brief

pytestmark = pytest.mark.django_db


def jpeg_bytes(width=1800, height=1000, image_format="JPEG"):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (20, 80, 140)).save(buffer, image_format)
    return buffer.getvalue()


@pytest.fixture
def illustrated():
    brief = make_brief("Illustrated", image_credit="ROK Armed Forces")
    brief.feature_image.save("photo.jpg", ContentFile(jpeg_bytes()), save=False)
    brief.feature_image_alt = "Soldiers at a ceremony"
    brief.save()
    return brief


def test_renditions_made_on_save(illustrated, settings):
    root = settings.MEDIA_ROOT / "renditions" / "briefs"
    names = sorted(p.name for p in root.iterdir())
    assert "photo-360w.jpg" in names and "photo-1600w.jpg" in names
    with Image.open(root / "photo-720w.jpg") as small:
        assert small.size == (720, 400)


def test_detail_page_srcset_size_and_credit(client, illustrated):
    html = client.get(illustrated.get_absolute_url()).content.decode()
    assert 'srcset="/media/renditions/briefs/photo-360w.jpg 360w' in html
    assert "/media/briefs/photo.jpg 1800w" in html
    assert 'width="1800" height="1000"' in html
    assert 'alt="Soldiers at a ceremony"' in html
    assert "<figcaption>Feature image: ROK Armed Forces</figcaption>" in html


def test_image_in_open_graph_twitter_and_json_ld(client, illustrated):
    import json
    import re

    html = client.get(illustrated.get_absolute_url()).content.decode()
    og = "http://testserver/media/renditions/briefs/photo-1600w.jpg"
    assert f'<meta property="og:image" content="{og}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{og}">' in html
    block = re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1)
    image = json.loads(block)["image"]
    assert image["url"] == og and image["creditText"] == "ROK Armed Forces"
    assert (image["width"], image["height"]) == (1600, 889)


def test_cards_show_a_thumbnail(client, illustrated):
    html = client.get("/").content.decode()
    assert 'class="brief-card__image"' in html and 'loading="lazy"' in html


def test_brief_without_image_has_no_empty_figure(client):
    brief = make_brief("Plain", image_credit="Someone")
    html = client.get(brief.get_absolute_url()).content.decode()
    assert "<figure" not in html and "<img" not in html
    assert "Feature image: Someone" in html
    assert 'content="summary"' in html


def test_missing_file_degrades_to_no_image(client, illustrated, settings):
    (settings.MEDIA_ROOT / illustrated.feature_image.name).unlink()
    for path in (settings.MEDIA_ROOT / "renditions").rglob("*.json"):
        path.unlink()
    cache.clear()
    response = client.get(illustrated.get_absolute_url())
    assert response.status_code == 200
    assert "<img" not in response.content.decode()


def test_small_image_is_served_as_is(settings):
    brief = make_brief("Small")
    brief.feature_image.save("tiny.png", ContentFile(jpeg_bytes(300, 200, "PNG")))
    info = images.renditions(brief.feature_image)
    assert info["srcset"] == "/media/briefs/tiny.png 300w"
    assert (info["width"], info["height"]) == (300, 200)


def test_author_photo_on_author_and_brief_pages(client):
    author = make_author("Pictured Person", photo_alt="Pictured Person smiling")
    author.photo.save("face.jpg", ContentFile(jpeg_bytes(800, 800)))
    brief = make_brief("By pictured", authors=[author])
    html = client.get(author.get_absolute_url()).content.decode()
    assert 'alt="Pictured Person smiling"' in html and 'width="800"' in html
    html = client.get(brief.get_absolute_url()).content.decode()
    assert 'class="author-bio__photo"' in html


def test_query_count_does_not_grow_with_images(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for i in range(n):
            brief = make_brief(f"Pictured {n}-{i}")
            brief.feature_image.save(f"p{n}{i}.jpg", ContentFile(jpeg_bytes(900, 600)))

    add(5)
    client.get("/")
    with CaptureQueriesContext(connection) as five:
        client.get("/")
    # Counted now: a later request clears the connection's query log.
    expected = len(five)
    add(30)
    client.get("/")
    with django_assert_num_queries(expected):
        client.get("/")


def upload(content, name="up.jpg"):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_upload_validation_accepts_a_real_image():
    images.validate_image_upload(upload(jpeg_bytes(400, 300)))


def test_upload_validation_refuses_non_images():
    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(upload(b"%PDF-1.4 not an image"))
    assert error.value.code == "invalid_image"


def test_upload_validation_refuses_large_files(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(upload(jpeg_bytes(400, 300) + b"\0" * 2000))
    assert error.value.code == "image_too_large"


def test_upload_validation_refuses_other_formats():
    buffer = BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "BMP")
    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(upload(buffer.getvalue(), "x.bmp"))
    assert error.value.code == "image_format"


def test_model_validation_runs_the_upload_check(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    brief = Brief(title="Checked", slug="checked")
    brief.feature_image = upload(jpeg_bytes(400, 300) + b"\0" * 2000)
    with pytest.raises(ValidationError) as error:
        brief.clean_fields(
            exclude=[f.name for f in Brief._meta.fields if f.name != "feature_image"]
        )
    assert "feature_image" in error.value.message_dict
