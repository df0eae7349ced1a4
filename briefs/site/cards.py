"""Cards of briefs, rendered once per content version wherever they appear.

A brief's card looks the same on the home page, its categories, its authors, the
archives and other briefs' pages. A list page looks its cards up in one cache
read and fetches bylines only for the briefs whose card is not there yet.
"""

from django.core.cache import cache
from django.db.models import prefetch_related_objects

from .caching import cached_value, current_state, data_key

CARD_TEMPLATE = "briefs/includes/brief_card.html"


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
        if key in found:
            brief.prepared_card = (heading_level, found[key])
        else:
            missing.append(brief)
    prefetch_related_objects(missing, byline)


def render(context, brief, heading_level):
    prepared = getattr(brief, "prepared_card", None)
    if prepared is not None and prepared[0] == heading_level:
        return prepared[1]

    def render_card():
        template = context.template.engine.get_template(CARD_TEMPLATE)
        with context.push(brief=brief, heading_level=heading_level):
            return template.render(context)

    request = context.get("request")
    if request is None or getattr(brief, "snippet", None) or not brief.is_public:
        # A search result's card carries its own snippet; a preview is no card
        # readers see.
        return render_card()
    return cached_value(request, card_name(brief.pk, heading_level), render_card)
