"""Redis cache that fails fast: django-redis with IGNORE_EXCEPTIONS already turns a Redis failure
into a cache miss, but a hanging Redis still costs every cache call its socket timeout, several
per request. After a failure this backend skips Redis for `CACHE_BREAKER_SECONDS` (a circuit
breaker), so a request during an outage costs at most one timeout, then none, and Redis is tried
again once the pause is over.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

from django.conf import settings

logger = logging.getLogger(__name__)


class Breaker:
    """Shared by every thread's cache instance for one Redis location."""

    def __init__(self) -> None:
        self._open_until = 0.0
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self) -> None:
        seconds = float(getattr(settings, "CACHE_BREAKER_SECONDS", 5))
        with self._lock:
            if not self.is_open():
                logger.warning("Redis cache unavailable: bypassing it for %.0f s", seconds)
            self._open_until = time.monotonic() + seconds


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str) -> Breaker:
    with _breakers_lock:
        return _breakers.setdefault(location, Breaker())


class _GuardedClient:
    """Wraps django-redis's client: refuses at once while the breaker is open, trips it on a
    connection failure. RedisCache's own decorator then turns the refusal into a cache miss."""

    def __init__(self, client: Any, breaker: Breaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def guarded(*args: Any, **kwargs: Any) -> Any:
            if self._breaker.is_open():
                raise ConnectionInterrupted(connection=None)
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                self._breaker.trip()
                raise

        return guarded


class FailFastRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._breaker = breaker_for(str(server))

    @property
    def client(self) -> Any:
        return _GuardedClient(super().client, self._breaker)
