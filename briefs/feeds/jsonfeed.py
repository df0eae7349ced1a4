"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) with the same entries."""

from django.conf import settings
from django.http import JsonResponse

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
CONTENT_TYPE = "application/feed+json; charset=utf-8"


def _author(author):
    return {"name": author.name, "url": author.url}


def _item(entry):
    item = {
        "id": entry.id,
        "url": entry.link,
        "title": entry.title,
        "content_html": entry.content_html,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "tags": entry.categories,
    }
    # An item without authors inherits the feed's (the publisher); an empty
    # list would say it has none.
    if entry.authors:
        item["authors"] = [_author(author) for author in entry.authors]
    if entry.summary_text:
        item["summary"] = entry.summary_text
    if entry.image_url:
        item["image"] = entry.image_url
    if entry.pdf_url:
        item["attachments"] = [{"url": entry.pdf_url, "mime_type": "application/pdf"}]
    if entry.doi_url:
        # JSON Feed has no identifier field; "_" names an extension.
        item["_doi"] = {"url": entry.doi_url}
    return item


def json_feed_response(section, obj, request, entries, feed_url):
    document = {
        "version": JSON_FEED_VERSION,
        "title": section.title(obj),
        "home_page_url": request.build_absolute_uri(section.link(obj)),
        "feed_url": request.build_absolute_uri(feed_url),
        "description": section.description(obj),
        "language": settings.LANGUAGE_CODE,
        "authors": [
            {
                "name": settings.SITE_PUBLISHER,
                "url": request.build_absolute_uri("/"),
            }
        ],
        "items": [_item(entry) for entry in entries],
    }
    if settings.WEBSUB_HUB_URL:
        document["hubs"] = [{"type": "WebSub", "url": settings.WEBSUB_HUB_URL}]
    return JsonResponse(
        document,
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
