"""Response headers that limit what a page may do, and the client address for axes."""

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse

HTML_TYPES = ("text/html", "application/xhtml+xml")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with the admin's relaxation added under /admin/ only.

    A feed, sitemap or citation file is no page of ours: the browser shows it in
    its own viewer, which styles it inline. Those answers get a policy that runs
    no script at all but lets the viewer style.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type and content_type not in HTML_TYPES:
            parts.replace = {
                **(parts.replace or {}),
                **settings.CONTENT_SECURITY_POLICY_NON_HTML_REPLACE,
            }
        elif request.path_info.startswith(admin_prefix()):
            parts.update = merge_directives(
                parts.update, settings.CONTENT_SECURITY_POLICY_ADMIN_UPDATE
            )
        return parts


def admin_prefix():
    return reverse("admin:index")


def merge_directives(first, second):
    merged = {key: list(values) for key, values in (first or {}).items()}
    for key, values in second.items():
        merged.setdefault(key, [])
        merged[key] += [value for value in values if value not in merged[key]]
    return merged


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header from settings.PERMISSIONS_POLICY."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = permissions_policy(settings.PERMISSIONS_POLICY)
        if header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = header
        return response


def permissions_policy(features):
    def allowlist(origins):
        return " ".join(
            origin if origin in {"self", "*"} else f'"{origin}"' for origin in origins
        )

    return ", ".join(
        f"{feature}=({allowlist(origins)})" for feature, origins in features.items()
    )


def client_ip(request):
    """The address to throttle logins by.

    Behind a reverse proxy REMOTE_ADDR is the proxy's, and the client's is the last
    X-Forwarded-For entry, the one the proxy itself appended; earlier entries come
    from the client and can be forged.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")


class ClientLoginAxesBackend(AxesStandaloneBackend):
    """django-axes for the test settings: Django's test Client.login() authenticates
    without a request, which axes refuses outright; such a login has no address to
    throttle, so it is passed on to the next backend. Sign-ins through the login
    page are throttled exactly as in production."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
