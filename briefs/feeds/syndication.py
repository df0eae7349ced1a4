"""RSS and Atom through Django's syndication framework, over prepared entries."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape

from .content import feed_tag_uri, tag_authority, xml_text
from .generators import BriefAtomFeed, BriefRssFeed


class BriefFeed(Feed):
    """One feed of one section; built per request around the already-found object.

    The view answers conditional requests first, so this class only ever renders.
    """

    feed_type = BriefRssFeed

    def __init__(self, section, entries, validators, feed_url):
        self.section = section
        self.entries = entries
        self.validators = validators
        self.feed_url_path = feed_url

    def items(self, obj):
        return self.entries

    def title(self, obj):
        return xml_text(self.section.title(obj))

    def subtitle(self, obj):
        return xml_text(self.section.description(obj))

    def description(self, obj):
        # Feed readers render an RSS channel description as HTML: escaped here
        # as well as by the XML writer, an author bio or series text stays text,
        # as the item descriptions do.
        return escape(xml_text(self.section.description(obj)))

    def link(self, obj):
        return self.section.link(obj)

    def feed_url(self, obj):
        return self.feed_url_path

    def author_name(self, obj):
        # Atom wants an author for every entry; the publisher covers unsigned ones.
        return settings.SITE_PUBLISHER

    def feed_copyright(self, obj):
        return f"© {settings.SITE_PUBLISHER}"

    def feed_guid(self, obj):
        return feed_tag_uri(self.section, obj, tag_authority(self.request))

    def feed_extra_kwargs(self, obj):
        return {"updated": self.validators.content_updated}

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.summary_html

    def item_guid(self, entry):
        return entry.id

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return entry.categories

    def item_enclosures(self, entry):
        # The PDF is rendered on its first request, not for a feed, so its size
        # is unknown here: RSS best practice for that is a length of 0.
        return [Enclosure(entry.pdf_url, "0", "application/pdf")]

    def item_extra_kwargs(self, entry):
        return {
            "doi_url": entry.doi_url,
            "authors": entry.authors,
            "content_html": entry.content_html,
            "image_url": entry.image_url,
            "image_credit": entry.image_credit,
        }

    def get_feed(self, obj, request):
        self.request = request
        return super().get_feed(obj, request)


class BriefAtomFeedView(BriefFeed):
    feed_type = BriefAtomFeed
