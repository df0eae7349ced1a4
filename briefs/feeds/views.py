"""The one view behind every feed URL: find the section, answer 304 early, render."""

import hashlib

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from briefs.feeds.conditional import apply_validators, precondition_response
from briefs.site import surrogate
from briefs.site.caching import cached_value

from .content import build_entries, tag_authority
from .jsonfeed import json_feed_response
from .sections import FORMATS, SECTIONS
from .syndication import BriefAtomFeedView, BriefFeed
from .validators import feed_validators

RENDERERS = {"rss": BriefFeed, "atom": BriefAtomFeedView}


def digest(*parts):
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def max_age():
    return settings.FEED_CACHE_SECONDS


def requested_format(request, fmt):
    """The RSS URL also serves ?format=atom and ?format=json (docs/architecture.md)."""
    if fmt != "rss" or "format" not in request.GET:
        return fmt
    asked = request.GET["format"]
    if asked not in FORMATS:
        raise Http404("Unknown feed format.")
    return asked


def feed_context(request):
    """Values outside the database that the rendered feed shows."""
    return (
        tag_authority(request),
        settings.SITE_NAME,
        settings.SITE_PUBLISHER,
        settings.LANGUAGE_CODE,
    )


@require_safe
def feed(request, section, fmt, slug=None):
    section = SECTIONS[section]
    fmt = requested_format(request, fmt)
    obj = section.get_object(slug)
    if obj is not None:
        surrogate.declare(request, surrogate.section_key(section.key, obj.pk))
    limit = settings.FEED_ITEMS

    # The self link names the URL this document is served at, query string and
    # all: the W3C validator checks it against the document's location.
    feed_url = request.get_full_path()

    # Validators and entries are the same for every request until the content
    # changes: computed once per content version (and address), then reused.
    absolute_url = request.build_absolute_uri(feed_url)
    context = feed_context(request)
    identity = section.identity(obj)
    validators = cached_value(
        request,
        "feed-validators:" + digest(identity, fmt, absolute_url, limit, context),
        lambda: feed_validators(
            section, obj, fmt, absolute_url, limit, context=context
        ),
    )
    not_modified = precondition_response(request, validators, max_age())
    if not_modified is not None:
        return not_modified

    site = request.build_absolute_uri("/")
    entries = cached_value(
        request,
        "feed-entries:" + digest(identity, site, limit, context),
        lambda: build_entries(section, obj, request, limit),
    )
    if fmt == "json":
        response = json_feed_response(section, obj, request, entries, feed_url)
    else:
        generator = RENDERERS[fmt](section, entries, validators, feed_url)
        document = generator.get_feed(obj, request)
        response = HttpResponse(content_type=document.content_type)
        document.write(response, "utf-8")
    return apply_validators(response, validators, max_age())
