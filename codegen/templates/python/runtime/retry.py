{{ header }}
{% raw %}"""The retry policy and its rules.

The rules are the ones every SDK of this API follows (the docs page
"Retries, pagination and hooks"): connection errors, timeouts and HTTP 408,
429, 502, 503 and 504 (whatever the body) are retried for read-only
operations and calls marked ``idempotent``, any other call only when the
request provably never left (no connection was made). Before retry ``n`` the
client waits a random time in ``[0, min(max_backoff, initial_backoff *
2**(n-1))]``, or what ``Retry-After`` asks (seconds or an HTTP date), capped
at ``max_backoff``.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from email.utils import parsedate_to_datetime

import httpx

RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})
"""HTTP statuses worth another attempt, whatever the body: a gateway timed
out or was overloaded, or the request was throttled."""


class RetryPolicy:
    """How many times calls are retried and how long they wait in between.

    The jitter and the clock are injectable, so that tests can make the waits
    deterministic (``jitter=lambda bound: bound``) or instant, and record
    them (``sleep=waits.append``).
    """

    __slots__ = ("async_sleep", "initial_backoff", "jitter", "max_backoff", "max_retries", "sleep")

    def __init__(
        self,
        *,
        max_retries: int = 2,
        initial_backoff: float = 0.5,
        max_backoff: float = 8.0,
        jitter: Callable[[float], float] | None = None,
        sleep: Callable[[float], None] | None = None,
        async_sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        """Args:
        max_retries: Retries after the first attempt (0 turns retries off).
        initial_backoff: The bound of the first retry's wait, in seconds; it
            doubles for each further retry.
        max_backoff: The longest wait in seconds, also for ``Retry-After``.
        jitter: Picks a wait from its bound (default: uniformly in ``[0, bound]``).
        sleep: Waits for :class:`Client` (default :func:`time.sleep`).
        async_sleep: Waits for :class:`AsyncClient` (default :func:`asyncio.sleep`).
        """
        self.max_retries = max(max_retries, 0)
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff
        self.jitter: Callable[[float], float] = jitter or _full_jitter
        self.sleep: Callable[[float], None] = sleep or time.sleep
        self.async_sleep: Callable[[float], Awaitable[None]] = async_sleep or asyncio.sleep

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        """The same policy with at most ``max_retries`` retries."""
        return RetryPolicy(
            max_retries=max_retries,
            initial_backoff=self.initial_backoff,
            max_backoff=self.max_backoff,
            jitter=self.jitter,
            sleep=self.sleep,
            async_sleep=self.async_sleep,
        )

    def backoff_bound(self, retry: int) -> float:
        """The bound of the wait before retry ``retry`` (1-based):
        ``min(max_backoff, initial_backoff * 2**(retry-1))``."""
        return min(self.max_backoff, self.initial_backoff * 2.0 ** min(max(retry - 1, 0), 64))

    def delay(self, retry: int, retry_after: float | None) -> float:
        """The wait before retry ``retry``: ``Retry-After`` (capped) when the
        answer gave one, else the jittered backoff."""
        if retry_after is not None:
            return min(retry_after, self.max_backoff)
        return min(max(self.jitter(self.backoff_bound(retry)), 0.0), self.max_backoff)

    def __repr__(self) -> str:
        return (
            f"RetryPolicy(max_retries={self.max_retries!r}, "
            f"initial_backoff={self.initial_backoff!r}, max_backoff={self.max_backoff!r})"
        )


def _full_jitter(bound: float) -> float:
    return random.uniform(0.0, bound)


def retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds: whole seconds, or an HTTP date (the wait
    until then, 0 when it has passed); ``None`` when absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit() and text.isascii():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:  # Python < 3.10 returns None for some unreadable dates.
        return None
    return max(when.timestamp() - time.time(), 0.0)


def never_sent(error: Exception) -> bool:
    """Whether a failed request provably never left: no connection was made
    (connection refused, DNS failure, connection timeout)."""
    return isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout))


def error_retryable(error: Exception, safe: bool) -> bool:
    """Whether an attempt without an answer may be repeated: ``safe`` is a
    read-only operation or a call marked idempotent."""
    if isinstance(error, (httpx.UnsupportedProtocol, httpx.LocalProtocolError)):
        return False  # the request itself is wrong: it would fail again
    return never_sent(error) or (safe and isinstance(error, httpx.TransportError))


def status_retryable(status: int, safe: bool) -> bool:
    """Whether an answer with this status may be repeated (only when
    ``safe``: the server may have acted on the request)."""
    return safe and status in RETRY_STATUSES
{% endraw %}