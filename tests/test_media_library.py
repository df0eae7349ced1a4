"""The media library: records reused by briefs and authors, focal-point crops,
the pickers and the upload in the brief form, and the data migration."""

import importlib
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from briefs import images, library
from briefs.media_models import MediaImage
from briefs.models import Author, Brief
from tests.admin_client import client_for, contributor, editor, form_data
from tests.factories import make_author, make_brief

pytestmark = pytest.mark.django_db


def picture(width=1200, height=600, spot=None, image_format="JPEG"):
    """A blue picture with, optionally, a red square centred on `spot` (x, y)."""
    canvas = Image.new("RGB", (width, height), (20, 80, 200))
    if spot is not None:
        x, y = round(spot[0] * width), round(spot[1] * height)
        canvas.paste((220, 20, 20), (x - 40, y - 40, x + 40, y + 40))
    buffer = BytesIO()
    canvas.save(buffer, image_format, quality=95)
    return buffer.getvalue()


def record(name="harbour.jpg", focal=(0.5, 0.5), **fields):
    image = MediaImage(focal_x=focal[0], focal_y=focal[1], **fields)
    image.file.save(name, ContentFile(picture(spot=focal)), save=False)
    image.save()
    return image


def change_url(obj):
    return reverse(f"admin:briefs_{obj._meta.model_name}_change", args=[obj.pk])


# -- crops -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("focal", "box"),
    [
        ((0.5, 0.5), (400, 0, 800, 400)),
        ((0.0, 0.5), (0, 0, 400, 400)),
        ((1.0, 0.5), (800, 0, 1200, 400)),
        ((0.9, 0.1), (800, 0, 1200, 400)),
        ((0.3, 0.5), (160, 0, 560, 400)),
    ],
)
def test_crop_box_keeps_the_focal_point_in_view(focal, box):
    # 1200x400 cropped square: 400x400, centred on the point, kept inside.
    assert images.crop_box(1200, 400, focal, (1, 1)) == box


def test_crop_box_of_a_tall_image_moves_down():
    assert images.crop_box(600, 1200, (0.5, 0.9), (3, 2)) == (0, 800, 600, 1200)


def test_card_crops_are_made_around_the_focal_point(settings):
    image = record(focal=(0.85, 0.5), alt_text="A harbour")
    brief = make_brief("Harbour", image=image)
    info = library.card_image(brief)
    assert info["width"] / info["height"] == pytest.approx(1.5, abs=0.01)
    largest = info["sizes"][-1]["url"].removeprefix(settings.MEDIA_URL)
    with Image.open(settings.MEDIA_ROOT / largest) as crop:
        # The red square (the subject, at 85% across) is in the crop's middle band.
        r, g, b = crop.convert("RGB").getpixel(
            (round(crop.width * 0.5), crop.height // 2)
        )
    # 1200x600 to 3:2 is 900x600; the subject at 1020 px sits at 720 of 900.
    left, _, right, _ = images.crop_box(1200, 600, (0.85, 0.5), (3, 2))
    assert (left, right) == (300, 1200)
    with Image.open(settings.MEDIA_ROOT / largest) as crop:
        subject_x = round((1020 - left) / 900 * crop.width)
        assert crop.convert("RGB").getpixel((subject_x, crop.height // 2))[0] > 180
    assert (r, g, b) != (0, 0, 0)


def test_moving_the_focal_point_makes_a_new_crop():
    image = record(focal=(0.2, 0.5))
    first = library.thumbnail_of(image)["src"]
    image.focal_x = 0.8
    image.save()
    assert library.thumbnail_of(image)["src"] != first


# -- records copied into what uses them -------------------------------------------


def test_a_brief_takes_its_image_alt_and_credit_from_the_record():
    image = record(alt_text="Cranes at dusk", credit="Port of Busan")
    brief = make_brief("Port", image=image)
    brief.refresh_from_db()
    assert brief.feature_image.name == image.file.name
    assert (brief.feature_image_alt, brief.image_credit) == (
        "Cranes at dusk",
        "Port of Busan",
    )


def test_one_record_serves_many_briefs_and_authors_and_an_edit_reaches_all(client):
    image = record(alt_text="Old alt", credit="Old credit")
    briefs = [make_brief(f"Uses it {n}", image=image) for n in range(2)]
    author = make_author("Min Photo", portrait=image)
    author.refresh_from_db()
    assert author.photo.name == image.file.name and author.photo_alt == "Old alt"
    image.alt_text, image.credit = "New alt", "New credit"
    image.save()
    for brief in briefs:
        brief.refresh_from_db()
        assert (brief.feature_image_alt, brief.image_credit) == (
            "New alt",
            "New credit",
        )
        page = client.get(brief.get_absolute_url()).content.decode()
        assert 'alt="New alt"' in page and "New credit" in page
    assert Author.objects.get(pk=author.pk).photo_alt == "New alt"


def test_a_used_image_cannot_be_deleted():
    image = record()
    make_brief(image=image)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        image.delete()


def test_public_pages_and_feeds_show_the_library_image(client):
    image = record(alt_text="Harbour cranes", credit="Port of Busan", focal=(0.8, 0.5))
    brief = make_brief("Library brief", image=image)
    page = client.get(brief.get_absolute_url()).content.decode()
    assert 'alt="Harbour cranes"' in page and "Port of Busan" in page
    home = client.get("/").content.decode()
    assert "crop-3x2-0.800-0.500" in home
    feed = client.get("/feeds/rss/").content.decode()
    assert image.file.name in feed


# -- the admin -------------------------------------------------------------------


def test_library_list_shows_thumbnails_and_use():
    image = record(alt_text="Cranes")
    make_brief(image=image)
    page = (
        client_for(editor())
        .get(reverse("admin:briefs_mediaimage_changelist"))
        .content.decode()
    )
    assert 'class="desk-thumb"' in page and "crop-3x2" in page
    assert "1 brief" in page and "Cranes" in page


def test_the_focal_point_is_set_on_the_record_page():
    image = record(alt_text="Cranes")
    client = client_for(editor())
    page = client.get(change_url(image))
    text = page.content.decode()
    assert 'class="desk-focal"' in text and "admin-desk/focal.js" in text
    data = form_data(page)
    data.update(focal_x="0.25", focal_y="0.75")
    data.pop("file", None)
    assert client.post(change_url(image), data).status_code == 302
    image.refresh_from_db()
    assert image.focal_point == (0.25, 0.75)
    data.update(focal_x="1.5")
    refused = client.post(change_url(image), data)
    assert refused.status_code == 200 and "less than or equal to 1" in (
        refused.content.decode()
    )


def test_library_uploads_keep_the_image_checks():
    client = client_for(editor())
    page = client.get(reverse("admin:briefs_mediaimage_add"))
    data = form_data(page)
    data["file"] = SimpleUploadedFile("fake.jpg", b"not an image", "image/jpeg")
    response = client.post(reverse("admin:briefs_mediaimage_add"), data)
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    # The checks of migration 0003 (size, format, pixels) are the field's too.
    field = MediaImage._meta.get_field("file")
    assert images.validate_image_upload in field.validators
    assert not MediaImage.objects.exists()


def test_the_brief_form_picks_from_the_library_with_thumbnails():
    image = record(alt_text="Cranes", credit="Port")
    brief = make_brief("Pick one", status=Brief.Status.DRAFT)
    client = client_for(contributor())
    page = client.get(change_url(brief))
    text = page.content.decode()
    assert 'class="desk-library"' in text and "crop-3x2" in text
    assert "No image" in text
    data = form_data(page)
    data.update(image=str(image.pk), _workflow="draft")
    assert client.post(change_url(brief), data).status_code == 302
    brief.refresh_from_db()
    assert brief.image == image and brief.feature_image_alt == "Cranes"

    # Taking the image off takes its copies off too.
    data = form_data(client.get(change_url(brief)))
    data.update(image="", _workflow="draft")
    assert client.post(change_url(brief), data).status_code == 302
    brief.refresh_from_db()
    assert brief.image is None and not brief.feature_image
    assert brief.feature_image_alt == "" and brief.image_credit == ""


def test_a_new_upload_in_the_brief_form_joins_the_library():
    brief = make_brief("Upload here", status=Brief.Status.DRAFT)
    user = contributor()
    client = client_for(user)
    data = form_data(client.get(change_url(brief)))
    data.update(
        new_image=SimpleUploadedFile("new.png", picture(image_format="PNG")),
        new_image_alt="A new picture",
        new_image_credit="Staff",
        _workflow="draft",
    )
    assert client.post(change_url(brief), data).status_code == 302
    brief.refresh_from_db()
    image = MediaImage.objects.get()
    assert brief.image == image and image.uploaded_by == user
    assert image.alt_text == "A new picture" and brief.image_credit == "Staff"


def test_a_new_upload_needs_alt_text_and_a_real_image():
    brief = make_brief("Upload here", status=Brief.Status.DRAFT)
    client = client_for(editor())
    data = form_data(client.get(change_url(brief)))
    data.update(
        new_image=SimpleUploadedFile("new.png", picture(image_format="PNG")),
        _workflow="draft",
    )
    response = client.post(change_url(brief), data)
    assert response.status_code == 200
    assert "Describe the new image" in response.content.decode()
    data.update(
        new_image=SimpleUploadedFile("bad.png", b"nope"), new_image_alt="Something"
    )
    response = client.post(change_url(brief), data)
    assert "Upload a valid image" in response.content.decode()
    assert not MediaImage.objects.exists()


def test_an_author_portrait_comes_from_the_library():
    image = record(alt_text="Min at a desk", focal=(0.5, 0.2))
    author = make_author("Min Portrait")
    client = client_for(editor())
    page = client.get(change_url(author))
    data = form_data(page)
    assert 'name="photo"' not in page.content.decode()
    data.update(portrait=str(image.pk))
    assert client.post(change_url(author), data).status_code == 302
    author.refresh_from_db()
    assert author.photo.name == image.file.name
    info = library.portrait_image(author)
    assert info["width"] == info["height"]


def test_changing_an_image_on_a_live_brief_is_for_editors():
    image = record()
    make_brief("Live", image=image)
    assert client_for(contributor()).post(change_url(image), {}).status_code == 403


# -- the data migration ------------------------------------------------------------


def test_existing_images_become_library_records(settings):
    migration = importlib.import_module("briefs.migrations.0017_desk3_media_library")
    first = make_brief("With image", feature_image_alt="Alt", image_credit="Credit")
    first.feature_image.save("old.jpg", ContentFile(picture()), save=True)
    twin = make_brief("Same file", feature_image_alt="Alt", image_credit="Credit")
    Brief.objects.filter(pk=twin.pk).update(feature_image=first.feature_image.name)
    author = make_author("Old Photo", photo_alt="Her")
    author.photo.save("face.jpg", ContentFile(picture()), save=True)
    credit_only = make_brief("Credit only", image_credit="Someone")
    MediaImage.objects.all().delete()
    Brief.objects.update(image=None)

    from django.apps import apps

    migration.into_library(apps, None)

    made = MediaImage.objects.order_by("pk")
    assert made.count() == 2  # one per file and details: the twin shares
    first.refresh_from_db()
    twin.refresh_from_db()
    assert first.image == twin.image
    assert (first.image.alt_text, first.image.credit) == ("Alt", "Credit")
    assert Author.objects.get(pk=author.pk).portrait.alt_text == "Her"
    credit_only.refresh_from_db()
    assert credit_only.image is None and credit_only.image_credit == "Someone"
    # The history knows the record too, so a revert keeps the image.
    record_ = first.history.exclude(feature_image="").first()
    assert record_.image_id == first.image_id
