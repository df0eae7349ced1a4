"""The media library and the byline in a real browser: set an image's focal point
by clicking on it, pick the image for a brief from the library and see the card's
crop keep the subject; drag a co-author above another and see the byline follow."""

import urllib.request
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image
from playwright.sync_api import expect

from briefs import images
from briefs.media_models import MediaImage
from briefs.models import Brief
from tests.browser.test_desk_writing import desk_editor  # noqa: F401
from tests.browser.test_editor_journey import log_in
from tests.factories import make_author, make_brief

SUBJECT = (0.85, 0.5)
RED = (220, 20, 20)


def picture_with_a_subject():
    """Blue, with a red subject far to the right: a centred crop would miss it."""
    canvas = Image.new("RGB", (1500, 600), (20, 80, 200))
    x, y = round(SUBJECT[0] * 1500), round(SUBJECT[1] * 600)
    canvas.paste(RED, (x - 60, y - 60, x + 60, y + 60))
    buffer = BytesIO()
    canvas.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def colour_at(url, where):
    """The size of the image at `url`, and its colour at `where` (fractions)."""
    with urllib.request.urlopen(url) as response:
        data = response.read()
    with Image.open(BytesIO(data)) as crop:
        rgb = crop.convert("RGB")
        spot = (round(rgb.width * where[0]), round(rgb.height * where[1]))
        return rgb.size, rgb.getpixel(spot)


def test_pick_an_image_from_the_library_with_a_focal_point_and_see_the_crop(
    desk_editor,  # noqa: F811
    live_server,
    page,
    watch,
    shoot,
):
    page.set_viewport_size({"width": 1280, "height": 900})
    image = MediaImage(alt_text="A red buoy in the harbour", credit="Port of Busan")
    image.file.save("buoy.jpg", ContentFile(picture_with_a_subject()), save=False)
    image.save()
    brief = make_brief("The harbour brief")
    base = live_server.url
    log_in(page, base, *desk_editor)

    # The library lists the image with its thumbnail.
    page.goto(base + "/admin/briefs/mediaimage/")
    expect(page.locator("img.desk-thumb")).to_have_count(1)
    shoot("library-list")
    page.get_by_role("link", name="A red buoy in the harbour").click()

    # Click on the subject: the focal point moves there, the previews follow.
    stage = page.locator(".desk-focal__image")
    expect(stage).to_be_visible()
    box = stage.bounding_box()
    stage.click(position={"x": box["width"] * SUBJECT[0], "y": box["height"] * 0.5})
    focal_x = float(page.locator("#id_focal_x").input_value())
    assert abs(focal_x - SUBJECT[0]) < 0.02
    shoot("focal-point-set")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    image.refresh_from_db()
    assert abs(image.focal_x - SUBJECT[0]) < 0.02

    # Pick it for the brief from the thumbnails in its form.
    page.goto(f"{base}/admin/briefs/brief/{brief.pk}/change/")
    page.locator(".desk-library__filter").fill("buoy")
    choice = page.locator(".desk-library__item", has_text="A red buoy")
    expect(choice.locator("img")).to_be_visible()
    choice.click()
    expect(choice).to_have_class("desk-library__item desk-library__item--chosen")
    shoot("picked-from-library")
    page.get_by_role("button", name="Save (stays published)").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    brief = Brief.objects.get(pk=brief.pk)
    assert brief.image_id == image.pk
    assert brief.feature_image_alt == "A red buoy in the harbour"

    # The home page card is a 3:2 crop around the subject, not the centre.
    page.goto(base + "/")
    card = page.locator(".brief-card", has_text="The harbour brief")
    thumb = card.locator(".brief-card__image img")
    expect(thumb).to_be_visible()
    thumb.scroll_into_view_if_needed()
    shoot("card-crop")
    source = thumb.evaluate("img => img.currentSrc")
    assert "crop-3x2-0.85" in source
    # 1500x600 to 3:2 is 900 px wide; a centred crop (300-1200) misses the
    # subject at 1275 px; the focal crop is moved right as far as it goes.
    left, _, right, _ = images.crop_box(1500, 600, (focal_x, 0.5), (3, 2))
    assert (left, right) == (600, 1500)
    (width, height), colour = colour_at(source, ((1275 - left) / 900, 0.5))
    assert abs(width / height - 1.5) < 0.01
    assert colour[0] > 180 and colour[2] < 90, colour  # red, the subject

    # The brief page keeps the whole image, with its alt text and credit.
    page.goto(base + brief.get_absolute_url())
    expect(page.locator(".feature-image img")).to_have_attribute(
        "alt", "A red buoy in the harbour"
    )
    expect(page.locator("body")).to_contain_text("Port of Busan")
    watch.assert_clean()


def test_reorder_co_authors_by_drag_and_drop_and_see_the_byline(
    desk_editor,  # noqa: F811
    live_server,
    page,
    watch,
    shoot,
):
    page.set_viewport_size({"width": 1280, "height": 900})
    brief = make_brief(
        "Two voices",
        authors=[make_author("Ann First"), make_author("Bo Second")],
    )
    base = live_server.url
    log_in(page, base, *desk_editor)
    page.goto(base + brief.get_absolute_url())
    expect(page.locator("article .meta").first).to_contain_text("Ann First")

    page.goto(f"{base}/admin/briefs/brief/{brief.pk}/change/")
    rows = page.locator("#brief_authors-group tbody tr.has_original")
    expect(rows).to_have_count(2)
    expect(page.locator("input[name='brief_authors-0-order']")).to_be_hidden()
    shoot("byline-before")
    second = rows.nth(1).locator("td.original p")
    first = rows.nth(0).locator("td.original p")
    second.drag_to(first, target_position={"x": 5, "y": 2})
    expect(rows.nth(0)).to_contain_text("Bo Second")
    shoot("byline-dragged")
    page.get_by_role("button", name="Save (stays published)").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    brief = Brief.objects.get(pk=brief.pk)
    assert [a.name for a in brief.ordered_authors()] == ["Bo Second", "Ann First"]

    page.goto(base + brief.get_absolute_url())
    byline = page.locator("article .meta").first
    expect(byline).to_contain_text("Bo Second")
    text = byline.inner_text()
    assert text.index("Bo Second") < text.index("Ann First")
    shoot("byline-on-the-page")
    watch.assert_clean()
