"""Cache backends: Django's Redis cache, where an unreachable Redis is a miss,
not a 500; Django's local-memory cache, bounded in bytes as well as entries.

The cache only ever holds what can be computed again (pages, feeds, navigation
counts keyed by the content version), so while Redis is down or restarting the
site renders every request itself: slower, never wrong, never an error page.
Reads answer "not there", writes are dropped, and one warning is logged every
few seconds rather than one per request.
"""

import logging
import time
from dataclasses import dataclass, field

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 10


class TolerantRedisCache(RedisCache):
    _last_warning = 0.0

    def _failed(self, operation, error):
        now = time.monotonic()
        if now - TolerantRedisCache._last_warning >= WARN_EVERY_SECONDS:
            TolerantRedisCache._last_warning = now
            logger.warning(
                "Redis cache %s failed, served as a miss: %s", operation, error
            )

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            self._failed("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            self._failed("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            self._failed("has_key", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            self._failed("add", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            self._failed("set", error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            self._failed("set_many", error)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            self._failed("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            self._failed("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except RedisError as error:
            self._failed("delete_many", error)


@dataclass
class _Budget:
    sizes: dict = field(default_factory=dict)
    total: int = 0


_budgets = {}


class BoundedLocMemCache(LocMemCache):
    """LocMemCache that also keeps its pickled values under MAX_BYTES.

    Entries range from a 1 KB card to a 160 KB feed, so a count alone bounds
    nothing: 2,000 feeds would hold 300 MB in every worker. Past the budget the
    least recently used entries go first, as LocMemCache culls them.
    """

    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self._max_bytes = int(options.get("MAX_BYTES", 12 * 1024 * 1024))
        self._budget = _budgets.setdefault(name, _Budget())

    @property
    def size_in_bytes(self):
        return self._budget.total

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        budget = self._budget
        budget.total -= budget.sizes.pop(key, 0)
        super()._set(key, value, timeout)
        budget.sizes[key] = len(value)
        budget.total += len(value)
        while budget.total > self._max_bytes and len(self._cache) > 1:
            oldest, _ = self._cache.popitem()
            del self._expire_info[oldest]
            budget.total -= budget.sizes.pop(oldest, 0)

    def _cull(self):
        super()._cull()
        budget = self._budget
        for key in [key for key in budget.sizes if key not in self._cache]:
            budget.total -= budget.sizes.pop(key)

    def _delete(self, key):
        deleted = super()._delete(key)
        if deleted:
            self._budget.total -= self._budget.sizes.pop(key, 0)
        return deleted

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._budget.sizes.clear()
            self._budget.total = 0
