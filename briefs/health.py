"""/healthz: whether this instance can reach its database, for load balancers."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe


@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # Any database error here means "do not send me traffic"; the reason is for
        # the operator reading the probe's log.
        response = JsonResponse(
            {
                "status": "unavailable",
                "database": "unreachable",
                "error": type(error).__name__,
            },
            status=503,
        )
        response["Retry-After"] = "5"
    else:
        response = JsonResponse({"status": "ok", "database": "ok"})
    add_never_cache_headers(response)
    return response
