from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from briefs import links
from briefs.addresses import address as public_address

register = template.Library()


@register.simple_tag
def address(viewname, *args):
    """A public URL, reversed once per process (briefs.addresses)."""
    return public_address(viewname, *args)


@register.simple_tag(takes_context=True)
def brief_card(context, brief, heading_level=2):
    """A brief's card, rendered once per content version (briefs.site.cards)."""
    from briefs.site import cards

    return cards.render(context, brief, heading_level)


@register.simple_tag(takes_context=True)
def toc_entry(context, brief):
    """A brief's entry in its series' contents, kept like a card."""
    from briefs.site import cards

    return cards.render(context, brief, 0, cards.TOC_VARIANT)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """This page's URL for another page number, keeping the other parameters (q)."""
    request = context["request"]
    params = request.GET.copy()
    # Page 1 is the list's own URL, so there is one address per page.
    if int(number) == 1:
        params.pop("page", None)
    else:
        params["page"] = number
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@register.filter
def safe_link(url):
    """The link target if readers may follow it, else "" (briefs.links)."""
    return links.safe_link(url)


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)


@register.simple_tag
def responsive_image(
    info, alt="", sizes="100vw", css_class="", loading="lazy", priority=False
):
    """An <img> with srcset and intrinsic size, so the layout never shifts.

    `info` comes from briefs.images.renditions; an empty alt marks a decorative
    image, which is right for a photo next to the name it shows.
    """
    if not info:
        return ""
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        '{} loading="{}" decoding="async"{}>',
        info["src"],
        info["srcset"],
        sizes,
        info["width"],
        info["height"],
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
        "eager" if priority else loading,
        mark_safe(' fetchpriority="high"') if priority else "",
    )


@register.filter
def card_image(brief):
    """A card's 3:2 crop of the brief's image, around its focal point."""
    from briefs.library import card_image

    return card_image(brief)


@register.filter
def portrait(author):
    """A square crop of the author's photo, around its focal point."""
    from briefs.library import portrait_image

    return portrait_image(author)


@register.filter
def thumbnail(field_file):
    """Renditions of an image field (for cards and author photos)."""
    from briefs.images import renditions

    return renditions(field_file)
