"""Cards of briefs, rendered once per content version wherever they appear.

A brief's card looks the same on the home page, its categories, its authors, the
archives and other briefs' pages. A list page looks its cards up in one cache
read and fetches bylines only for the briefs whose card is not there yet.
"""

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .caching import cached_value, current_state, data_key, keep_value

CARD_TEMPLATE = "briefs/includes/brief_card.html"
# A series' table of contents lists its briefs as entries, not cards; they are
# kept the same way.
TOC_VARIANT = ":toc"
# Search results' cards carry a marker where each result's snippet goes.
SEARCH_VARIANT = ":search"
TOC_TEMPLATE = "briefs/includes/toc_entry.html"
# Private-use characters: never escaped, never in a rendered title or summary.
SNIPPET_MARKER = "\ue000search-snippet\ue000"


def card_name(brief_pk, heading_level):
    return f"card:{brief_pk}:{heading_level}"


def prepare(request, briefs, heading_level, byline, variant=""):
    """Attach the cached cards of `briefs`; prefetch `byline` for the rest.

    `variant` is SEARCH_VARIANT for search results, TOC_VARIANT for a series'
    contents.
    """
    briefs = list(briefs)
    state = current_state(request)
    keys = {
        data_key(state, card_name(b.pk, heading_level) + variant): b for b in briefs
    }
    found = cache.get_many(list(keys))
    missing = []
    for key, brief in keys.items():
        # None: looked up and not there, so rendering need not look again.
        brief.prepared_card = (heading_level, variant, found.get(key))
        if key not in found:
            missing.append(brief)
    prefetch_related_objects(missing, byline)


def render(context, brief, heading_level, variant=None):
    snippet = getattr(brief, "snippet", None)
    if variant is None:
        # A search result's card is the same card with the query's snippet:
        # kept with a marker where the snippet goes.
        variant = SEARCH_VARIANT if snippet else ""
    template_name = TOC_TEMPLATE if variant == TOC_VARIANT else CARD_TEMPLATE

    def render_card(shown_snippet=SNIPPET_MARKER):
        template = context.template.engine.get_template(template_name)
        with context.push(brief=brief, heading_level=heading_level):
            if not snippet:
                return template.render(context)
            brief.snippet = shown_snippet
            try:
                return template.render(context)
            finally:
                brief.snippet = snippet

    request = context.get("request")
    name = card_name(brief.pk, heading_level) + variant
    prepared = getattr(brief, "prepared_card", None)
    if prepared is not None and prepared[:2] == (heading_level, variant):
        card = prepared[2]
        if card is None:
            card = keep_value(request, name, render_card())
    elif request is None or not brief.is_public:
        # A preview is no card readers see.
        return render_card(snippet)
    else:
        card = cached_value(request, name, render_card)
    if not snippet:
        return card
    # The card is a rendered template; the snippet is escaped into it.
    filled = card.replace(SNIPPET_MARKER, conditional_escape(snippet))
    return mark_safe(filled)  # noqa: S308
