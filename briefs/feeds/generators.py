"""Feed generators that carry what Django's stock ones leave out.

Every co-author (Atom: one <author> each; RSS: one dc:creator each), the full body
as HTML (Atom <content>, RSS content:encoded) and a feed-level updated time that
comes from the feed's validators, so the body matches its ETag byte for byte.
"""

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


def add_feature_image(handler, item):
    """Media RSS for the feature image, with its credit, in RSS and Atom alike.

    Readers show it as the item's picture; an RSS <enclosure> would need the
    file's byte length, and Atom's rel=enclosure is for downloads.
    """
    if not item.get("image_url"):
        return
    handler.startElement("media:content", {"url": item["image_url"], "medium": "image"})
    if item.get("image_credit"):
        handler.addQuickElement("media:credit", item["image_credit"])
    handler.endElement("media:content")


class FeedUpdatedMixin:
    def latest_post_date(self):
        return self.feed.get("updated") or super().latest_post_date()

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        # WebSub discovery (W3C): subscribers' hubs push new items at once.
        if settings.WEBSUB_HUB_URL:
            handler.addQuickElement(
                self.hub_element, attrs={"rel": "hub", "href": settings.WEBSUB_HUB_URL}
            )


class BriefRssFeed(FeedUpdatedMixin, Rss201rev2Feed):
    hub_element = "atom:link"

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": DC_NS,
            "xmlns:content": CONTENT_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author.name)
        handler.addQuickElement("content:encoded", item["content_html"])
        add_feature_image(handler, item)
        if item.get("doi_url"):
            handler.addQuickElement("dc:identifier", item["doi_url"])


class BriefAtomFeed(FeedUpdatedMixin, Atom1Feed):
    hub_element = "link"

    def root_attributes(self):
        return {
            **super().root_attributes(),
            "xmlns:media": MEDIA_NS,
            "xmlns:dc": DC_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        handler.addQuickElement("content", item["content_html"], {"type": "html"})
        add_feature_image(handler, item)
        if item.get("doi_url"):
            handler.addQuickElement("dc:identifier", item["doi_url"])
