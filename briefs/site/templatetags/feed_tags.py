"""Feed discovery: <link rel="alternate"> in <head> and visible "Subscribe" links."""

from django import template

from briefs.feeds.sections import feed_links

register = template.Library()


def _absolute(request, links):
    if request is None:
        return links
    return [
        {**vars(link), "url": request.build_absolute_uri(link.url)} for link in links
    ]


@register.inclusion_tag("feeds/alternate_links.html", takes_context=True)
def feed_alternate_links(context, obj=None):
    """The site's feeds always; a series', author's or category's own feeds too."""
    links = feed_links()
    if obj is not None:
        links += feed_links(obj)
    return {"feeds": _absolute(context.get("request"), links)}


@register.inclusion_tag("briefs/includes/feed_links.html", takes_context=True)
def subscribe_links(context, obj=None):
    """Links a reader can copy into a feed reader: the section's, or the site's."""
    links = feed_links(obj) if obj is not None else []
    return {
        "feeds": _absolute(context.get("request"), links or feed_links()),
        "section_feeds": bool(links),
    }
