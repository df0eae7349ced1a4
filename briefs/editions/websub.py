"""WebSub publishing: tell the hub which feeds changed when a brief goes public."""

import logging
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from ..feeds.sections import feed_links

log = logging.getLogger(__name__)
PING_TIMEOUT = 5


def feeds_of(brief):
    """Every feed the brief appears in: site, series, authors, categories."""
    sections = [None]
    if brief.series_id:
        sections.append(brief.series)
    sections += brief.ordered_authors()
    sections += list(brief.categories.all())
    return [
        settings.SITE_URL + link.url for obj in sections for link in feed_links(obj)
    ]


def ping(feed_urls):
    """POST hub.mode=publish for the feeds (WebSub 6.1); False if the hub failed.

    A hub that is down must not stop publishing: the failure is logged and the
    hub's subscribers still poll the feeds.
    """
    hub = settings.WEBSUB_HUB_URL
    if not hub or not feed_urls:
        return True
    fields = [("hub.mode", "publish")] + [("hub.url", url) for url in feed_urls]
    request = urllib.request.Request(
        hub,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=PING_TIMEOUT) as response:  # noqa: S310
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError) as error:
        log.warning("WebSub hub %s not reached: %s", hub, error)
        return False
