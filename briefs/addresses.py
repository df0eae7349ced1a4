"""Public addresses, reversed once per process instead of once per link.

A list page links every brief, author, series and category it shows: reversing
the URLconf for each link (and asking the translation machinery for the active
language every time) was a fifth of the page's rendering. The address of a view
for given arguments never changes while the URLconf and the script prefix stay
the same, so they are part of the key and a change of URLconf empties it.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# Every brief, author, series and category of a large archive, and then some.
MAX_ADDRESSES = 50_000


def address(viewname, *args, **kwargs):
    named = tuple(sorted(kwargs.items()))
    return _address(viewname, args, named, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=MAX_ADDRESSES)
def _address(viewname, args, named, script_prefix, urlconf):
    return reverse(
        viewname, args=args or None, kwargs=dict(named) or None, urlconf=urlconf
    )


@receiver(setting_changed, dispatch_uid="addresses_forget")
def forget_addresses(setting=None, **kwargs):
    if setting == "ROOT_URLCONF":
        _address.cache_clear()
