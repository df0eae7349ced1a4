from django.conf import settings


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_publisher": settings.SITE_PUBLISHER,
        "site_description": settings.SITE_DESCRIPTION,
        "site_disclosure": settings.SITE_DISCLOSURE,
        "disclosure_position": settings.BRIEF_DISCLOSURE_POSITION,
    }
