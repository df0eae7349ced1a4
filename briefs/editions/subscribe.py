"""Every feed in one place: the /subscribe/ page and the OPML 2.0 list of them all.

The same directory drives both: the site's feeds, then one group per public
series, author and category, each in RSS, Atom and JSON Feed.
"""

from dataclasses import dataclass
from email.utils import format_datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..feeds.sections import feed_links
from ..models import Author, Brief, Series

OPML_CONTENT_TYPE = "text/x-opml; charset=utf-8"


@dataclass(frozen=True)
class FeedGroup:
    heading: str
    name: str
    page_url: str
    feeds: list


def _absolute(request, links):
    return [
        {**vars(link), "url": request.build_absolute_uri(link.url)} for link in links
    ]


def directory(request):
    """[(kind label, [FeedGroup, ...]), ...] for every public section."""
    site = FeedGroup(
        "The whole site",
        settings.SITE_NAME,
        request.build_absolute_uri("/"),
        _absolute(request, feed_links()),
    )
    kinds = [
        ("Series", Series.objects.public().newest_first()),
        ("Authors", Author.objects.public().order_by("sort_name", "name")),
        ("Categories", Brief.objects.published().categories()),
    ]
    groups = [("Site", [site])]
    for label, objects in kinds:
        section_groups = []
        for obj in objects:
            links = feed_links(obj)
            section_groups.append(
                FeedGroup(
                    str(obj) if label == "Series" else obj.name,
                    obj.name,
                    request.build_absolute_uri(_page_of(obj, label)),
                    _absolute(request, links),
                )
            )
        groups.append((label, section_groups))
    return groups


def _page_of(obj, label):
    if label == "Categories":
        return f"/categories/{obj.slug}/"
    return obj.get_absolute_url()


@require_safe
def subscribe_view(request):
    return render(
        request,
        "editions/subscribe.html",
        {
            "groups": directory(request),
            "opml_url": request.build_absolute_uri("/feeds/opml/"),
        },
    )


@require_safe
def opml_view(request):
    body = render_to_string(
        "editions/feeds.opml",
        {
            "groups": directory(request),
            "site_name": settings.SITE_NAME,
            "created": format_datetime(timezone.now()),
            "owner": settings.SITE_PUBLISHER,
            "docs": "https://opml.org/spec2.opml",
            "self_url": request.build_absolute_uri(request.path),
        },
    )
    response = HttpResponse(body, content_type=OPML_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="peninsula-feeds.opml"'
    return response
