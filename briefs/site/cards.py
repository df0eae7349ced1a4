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
# Private-use characters: never escaped, never in a rendered title or summary.
SNIPPET_MARKER = "\ue000search-snippet\ue000"


def card_name(brief_pk, heading_level):
    return f"card:{brief_pk}:{heading_level}"


def prepare(request, briefs, heading_level, byline):
    """Attach the cached cards of `briefs`; prefetch `byline` for the rest."""
    briefs = list(briefs)
    state = current_state(request)
    keys = {data_key(state, card_name(b.pk, heading_level)): b for b in briefs}
    found = cache.get_many(list(keys))
    missing = []
    for key, brief in keys.items():
        # None: looked up and not there, so rendering need not look again.
        brief.prepared_card = (heading_level, found.get(key))
        if key not in found:
            missing.append(brief)
    prefetch_related_objects(missing, byline)


def render(context, brief, heading_level):
    def render_card():
        template = context.template.engine.get_template(CARD_TEMPLATE)
        with context.push(brief=brief, heading_level=heading_level):
            return template.render(context)

    request = context.get("request")
    prepared = getattr(brief, "prepared_card", None)
    if prepared is not None and prepared[0] == heading_level:
        if prepared[1] is not None:
            return prepared[1]
        return keep_value(request, card_name(brief.pk, heading_level), render_card())
    if request is None or not brief.is_public:
        # A preview is no card readers see.
        return render_card()
    snippet = getattr(brief, "snippet", None)
    if not snippet:
        return cached_value(request, card_name(brief.pk, heading_level), render_card)
    # A search result's card is the same card with the query's snippet: kept
    # with a marker where the snippet goes.
    brief.snippet = SNIPPET_MARKER
    try:
        card = cached_value(
            request, card_name(brief.pk, heading_level) + ":search", render_card
        )
    finally:
        brief.snippet = snippet
    # The card is a rendered template; the snippet is escaped into it.
    filled = card.replace(SNIPPET_MARKER, conditional_escape(snippet))
    return mark_safe(filled)  # noqa: S308
