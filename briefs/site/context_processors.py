from django.conf import settings
from django.utils import timezone

from .caching import current_state


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_publisher": settings.SITE_PUBLISHER,
        "site_description": settings.SITE_DESCRIPTION,
        "site_disclosure": settings.SITE_DISCLOSURE,
        "disclosure_position": settings.BRIEF_DISCLOSURE_POSITION,
        # Lazily: only pages that print it pay for building it; views may override.
        "canonical_url": lambda: canonical_url(request),
        # For {% cache %} around parts that many pages share: kept until the
        # content changes or the next scheduled brief goes public.
        "content_key": lambda: current_state(request).key(),
        "content_seconds": lambda: current_state(request).seconds_left(timezone.now()),
    }


def canonical_url(request):
    """The page's own address: path plus page number, never tracking parameters."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url += f"?page={page}"
    return url
