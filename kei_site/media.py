"""Uploaded media answered by the application (settings.SERVE_MEDIA).

For a small site behind gunicorn alone. Only regular files inside MEDIA_ROOT are
served: no directory listing, no path that climbs out or hides in a dot folder. A
file is never run as a page: its type comes from its name among the image types
the uploads accept, anything else is a download, and a sandboxing policy rides on
every answer.
"""

import mimetypes
import posixpath
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

INLINE_TYPES = {
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "application/json",
}
CACHE_SECONDS = 60 * 60 * 24


def resolve(path):
    """The file under MEDIA_ROOT that `path` names, or None."""
    if "\x00" in path or "\\" in path:
        return None
    normal = posixpath.normpath(path).lstrip("/")
    parts = normal.split("/")
    if normal in {"", "."} or any(part in {"", ".", ".."} for part in parts):
        return None
    if any(part.startswith(".") for part in parts):
        return None
    root = Path(settings.MEDIA_ROOT).resolve()
    candidate = (root / normal).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


@require_safe
def serve_media(request, path):
    file = resolve(path) if settings.SERVE_MEDIA else None
    if file is None:
        raise Http404("No such file.")
    stat = file.stat()
    if not was_modified_since(
        request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime
    ):
        return HttpResponseNotModified()
    content_type, encoding = mimetypes.guess_type(file.name)
    inline = content_type in INLINE_TYPES and encoding is None
    response = FileResponse(
        file.open("rb"),
        content_type=content_type if inline else "application/octet-stream",
        as_attachment=not inline,
    )
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
