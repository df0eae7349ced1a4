"""Validators for conditional GET, so a 304 is answered before any rendering."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag


@dataclass(frozen=True)
class Validators:
    etag: str  # quoted, ready for the header
    last_modified: datetime | None

    @property
    def last_modified_timestamp(self):
        # HTTP dates have one-second resolution; compare at that resolution too.
        if self.last_modified is None:
            return None
        return int(self.last_modified.timestamp())


def make_etag(*parts):
    """A strong ETag over everything a representation is built from."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return quote_etag(digest[:32])


def precondition_response(request, validators, max_age):
    """The 304 (or 412) the request's preconditions call for, or None for a 200."""
    response = get_conditional_response(
        request,
        etag=validators.etag,
        last_modified=validators.last_modified_timestamp,
    )
    if response is not None and response.status_code == 304:
        apply_validators(response, validators, max_age)
    return response


def apply_validators(response, validators, max_age):
    response.headers["ETag"] = validators.etag
    if validators.last_modified is not None:
        response.headers["Last-Modified"] = http_date(
            validators.last_modified_timestamp
        )
    # Feed readers poll; a shared cache may serve them for a few minutes.
    patch_cache_control(response, public=True, max_age=max_age)
    return response
