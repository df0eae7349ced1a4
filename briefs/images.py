"""Responsive renditions of uploaded images, made once with Pillow, and upload checks.

Each original `briefs/photo.jpg` gets smaller copies `renditions/briefs/photo-480w.jpg`
and so on, plus a small JSON manifest with every size, so a page can write `srcset`,
`width` and `height` without opening an image. The manifest is read through the
cache, so rendering a list of cards costs no file access after the first time.
"""

import json
import logging
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (360, 720, 1080, 1600)
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# Larger than any photo a newsroom uploads, far below a decompression bomb.
MAX_PIXELS = 40_000_000
CACHE_SECONDS = 60 * 60 * 24
MANIFEST_VERSION = 1


def max_upload_bytes():
    return settings.IMAGE_UPLOAD_MAX_BYTES


def validate_image_upload(file):
    """A real JPEG/PNG/WebP/GIF under the size limit; for the admin's image fields."""
    limit = max_upload_bytes()
    if file.size > limit:
        raise ValidationError(
            "The image is %(size)s; the limit is %(limit)s.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "The file is not an image we can read.", code="invalid_image"
        ) from error
    finally:
        file.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "Upload a JPEG, PNG, WebP or GIF image (this one is %(format)s).",
            code="image_format",
            params={"format": image_format},
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            "The image is %(w)s×%(h)s pixels; please upload a smaller one.",
            code="image_dimensions",
            params={"w": width, "h": height},
        )


def _manifest_name(original_name):
    return f"renditions/{original_name}.json"


def _rendition_name(original_name, width, extension):
    path = PurePosixPath(original_name)
    return f"renditions/{path.parent}/{path.stem}-{width}w{extension}"


def _cache_key(original_name):
    return f"rendition:{MANIFEST_VERSION}:{original_name}"


def _encode(image, image_format):
    buffer = BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(
            buffer, "JPEG", quality=82, optimize=True, progressive=True
        )
    elif image_format == "WEBP":
        image.save(buffer, "WEBP", quality=80)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def build_renditions(original_name, storage=default_storage):
    """Write the resized copies and the manifest; return the manifest."""
    with storage.open(original_name, "rb") as handle, Image.open(handle) as source:
        source_format = source.format
        image = ImageOps.exif_transpose(source)
        image.load()
    width, height = image.size
    # GIF animation and palette quirks are not worth keeping in a still rendition.
    out_format = source_format if source_format in {"JPEG", "WEBP"} else "PNG"
    if out_format == "PNG" and image.mode not in {"RGB", "RGBA", "L", "LA"}:
        image = image.convert("RGBA")
    extension = {"JPEG": ".jpg", "WEBP": ".webp", "PNG": ".png"}[out_format]
    sizes = []
    for target in RENDITION_WIDTHS:
        if target >= width:
            break
        resized = image.resize(
            (target, max(1, round(height * target / width))), Image.Resampling.LANCZOS
        )
        name = _rendition_name(original_name, target, extension)
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(_encode(resized, out_format)))
        sizes.append({"name": saved, "width": resized.width, "height": resized.height})
    sizes.append({"name": original_name, "width": width, "height": height})
    manifest = {"version": MANIFEST_VERSION, "sizes": sizes}
    manifest_name = _manifest_name(original_name)
    if storage.exists(manifest_name):
        storage.delete(manifest_name)
    storage.save(manifest_name, ContentFile(json.dumps(manifest).encode()))
    return manifest


def _read_manifest(original_name, storage):
    manifest_name = _manifest_name(original_name)
    if not storage.exists(manifest_name):
        return None
    with storage.open(manifest_name, "rb") as handle:
        manifest = json.loads(handle.read())
    return manifest if manifest.get("version") == MANIFEST_VERSION else None


def renditions(field_file, storage=default_storage):
    """{"src", "srcset", "width", "height", "url"} for an image field, or None.

    None when there is no image or the file cannot be read: the page then shows
    its image-less design instead of a broken image.
    """
    if not field_file:
        return None
    name = field_file.name
    key = _cache_key(name)
    info = cache.get(key)
    if info is None:
        try:
            manifest = _read_manifest(name, storage) or build_renditions(name, storage)
        except (OSError, UnidentifiedImageError, ValueError) as error:
            logger.warning("No renditions for %s: %s", name, error)
            return None
        info = _describe(manifest, storage)
        cache.set(key, info, CACHE_SECONDS)
    return info


def _describe(manifest, storage):
    sizes = manifest["sizes"]
    largest = sizes[-1]
    # The middle size is a sensible `src` for browsers without srcset support.
    fallback = next((s for s in sizes if s["width"] >= 720), largest)
    # Link previews want about 1200 px; an original can be many megabytes.
    shared = [s for s in sizes if s["width"] <= 1600][-1:] or [largest]
    return {
        "src": storage.url(fallback["name"]),
        "srcset": ", ".join(f"{storage.url(s['name'])} {s['width']}w" for s in sizes),
        "width": largest["width"],
        "height": largest["height"],
        "url": storage.url(shared[0]["name"]),
        "url_width": shared[0]["width"],
        "url_height": shared[0]["height"],
        "sizes": [
            {"url": storage.url(s["name"]), "width": s["width"], "height": s["height"]}
            for s in sizes
        ],
    }


def prepare(field_file):
    """Make the renditions now (on save), so no reader waits for Pillow."""
    if not field_file:
        return
    cache.delete(_cache_key(field_file.name))
    renditions(field_file)


# -- crops around a focal point (cards, portraits) ---------------------------------

CROP_WIDTHS = (240, 480, 720)
CENTRE = (0.5, 0.5)


def crop_box(width, height, focal, ratio):
    """The largest box of `ratio` (w, h) in the image that keeps `focal` central.

    The box is moved as little as needed to stay inside the image, so a subject
    near an edge stays in the crop, only off centre.
    """
    ratio_w, ratio_h = ratio
    if width * ratio_h > height * ratio_w:
        box_w, box_h = max(1, round(height * ratio_w / ratio_h)), height
    else:
        box_w, box_h = width, max(1, round(width * ratio_h / ratio_w))
    focal_x = min(max(float(focal[0]), 0.0), 1.0)
    focal_y = min(max(float(focal[1]), 0.0), 1.0)
    left = min(max(round(focal_x * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal_y * height - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def _crop_tag(focal, ratio):
    return f"crop-{ratio[0]}x{ratio[1]}-{focal[0]:.3f}-{focal[1]:.3f}"


def build_crops(original_name, focal, ratio, storage=default_storage):
    """Write copies cropped to `ratio` around `focal`, and their manifest."""
    with storage.open(original_name, "rb") as handle, Image.open(handle) as source:
        source_format = source.format
        image = ImageOps.exif_transpose(source)
        image.load()
    out_format = source_format if source_format in {"JPEG", "WEBP"} else "PNG"
    if out_format == "PNG" and image.mode not in {"RGB", "RGBA", "L", "LA"}:
        image = image.convert("RGBA")
    extension = {"JPEG": ".jpg", "WEBP": ".webp", "PNG": ".png"}[out_format]
    cropped = image.crop(crop_box(image.width, image.height, focal, ratio))
    tag = _crop_tag(focal, ratio)
    path = PurePosixPath(original_name)
    sizes = []
    for target in CROP_WIDTHS:
        if target >= cropped.width:
            break
        resized = cropped.resize(
            (target, max(1, round(cropped.height * target / cropped.width))),
            Image.Resampling.LANCZOS,
        )
        name = f"renditions/{path.parent}/{path.stem}-{tag}-{target}w{extension}"
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(_encode(resized, out_format)))
        sizes.append({"name": saved, "width": resized.width, "height": resized.height})
    # The crop at full size too, as renditions keep the original.
    name = f"renditions/{path.parent}/{path.stem}-{tag}{extension}"
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(_encode(cropped, out_format)))
    sizes.append({"name": saved, "width": cropped.width, "height": cropped.height})
    manifest = {"version": MANIFEST_VERSION, "sizes": sizes}
    manifest_name = f"renditions/{original_name}.{tag}.json"
    if storage.exists(manifest_name):
        storage.delete(manifest_name)
    storage.save(manifest_name, ContentFile(json.dumps(manifest).encode()))
    return manifest


def crops(field_file, focal=CENTRE, ratio=(3, 2), storage=default_storage):
    """Like renditions(), for the image cropped to `ratio` around `focal`."""
    if not field_file:
        return None
    name = field_file.name
    focal = (round(float(focal[0]), 3), round(float(focal[1]), 3))
    tag = _crop_tag(focal, ratio)
    key = f"{_cache_key(name)}:{tag}"
    info = cache.get(key)
    if info is None:
        try:
            manifest = _read_manifest(f"{name}.{tag}", storage) or build_crops(
                name, focal, ratio, storage
            )
        except (OSError, UnidentifiedImageError, ValueError) as error:
            logger.warning("No crops for %s: %s", name, error)
            return None
        info = _describe(manifest, storage)
        cache.set(key, info, CACHE_SECONDS)
    return info
