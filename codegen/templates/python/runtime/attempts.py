{{ header }}
{% raw %}"""What happens around each attempt of a call: the retry policy, the hooks
that see every attempt, debug logging (logger ``customer_api``) and the raw
answer (status, headers, envelope) for :meth:`Client.with_response`.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from email.utils import parsedate_to_datetime
from typing import Any, Generic, NamedTuple, TypeVar

import httpx

T = TypeVar("T")

logger = logging.getLogger("customer_api")
"""Debug lines per attempt: bizType, trace, attempt, status, code, elapsed.
Tokens are masked; bodies (and so sensitive fields) are never logged."""

DEFAULT_MAX_RETRIES = 2
"""Retries after the first attempt, unless the client or the call says otherwise."""

RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})
"""HTTP statuses worth another attempt, when the body is not an envelope."""

BACKOFF_START = 0.5
BACKOFF_CAP = 8.0

MASK = "<redacted>"


class RequestInfo(NamedTuple):
    """What a ``on_request`` hook sees, before each attempt is sent."""

    operation: str
    """The operation's name in the spec, e.g. ``findCustomerInfo``."""
    biz_type: str
    trace: str
    attempt: int
    """1 for the first attempt, 2 for the first retry, ..."""
    headers: Mapping[str, str]
    """The request headers, ``token`` masked."""


class ResponseInfo(NamedTuple):
    """What a ``on_response`` hook sees, after each attempt."""

    operation: str
    biz_type: str
    trace: str
    attempt: int
    status: int | None
    """The HTTP status; ``None`` when no answer came back."""
    code: str | None
    """The envelope's ``code``; ``None`` when the answer is not an envelope."""
    elapsed: float
    """Seconds from sending to the whole answer."""


RequestHook = Callable[[RequestInfo], None]
ResponseHook = Callable[[ResponseInfo], None]


class Response(Generic[T]):
    """A successful answer with what came with it, from ``with_response``."""

    __slots__ = ("attempts", "biz_code", "data", "headers", "status", "tm", "trace")

    def __init__(
        self,
        *,
        data: T,
        status: int,
        headers: Mapping[str, str],
        trace: str | None,
        tm: int | None,
        biz_code: str | None,
        attempts: int,
    ) -> None:
        self.data = data
        """The decoded ``data``."""
        self.status = status
        """The HTTP status."""
        self.headers = headers
        """The response headers (case-insensitive)."""
        self.trace = trace
        """The trace id the server echoed."""
        self.tm = tm
        """The envelope's ``tm``."""
        self.biz_code = biz_code
        """The envelope's ``bizCode``."""
        self.attempts = attempts
        """How many attempts the call took."""

    def __repr__(self) -> str:
        return (
            f"Response(status={self.status!r}, trace={self.trace!r}, tm={self.tm!r}, "
            f"attempts={self.attempts!r}, data={self.data!r})"
        )


class Meta(NamedTuple):
    status: int
    headers: Mapping[str, str]
    envelope: Mapping[str, Any]
    attempts: int


capture: ContextVar[list[Meta] | None] = ContextVar("customer_api_capture", default=None)
"""Set by ``with_response``: the transport appends the answer's metadata."""


def response(data: T, captured: list[Meta]) -> Response[T]:
    """The answer of the call ``with_response`` ran, from what it captured."""
    if not captured:
        raise ValueError("with_response: the callable made no call through this client")
    meta = captured[-1]
    env = meta.envelope
    trace, tm, biz_code = env.get("trace"), env.get("tm"), env.get("bizCode")
    return Response(
        data=data,
        status=meta.status,
        headers=meta.headers,
        trace=trace if isinstance(trace, str) else None,
        tm=tm if isinstance(tm, int) and not isinstance(tm, bool) else None,
        biz_code=biz_code if isinstance(biz_code, str) else None,
        attempts=meta.attempts,
    )


def masked(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: MASK if k.lower() == "token" else v for k, v in headers.items()}


def retry_budget(read_only: bool, per_call: int | None, client: int | None) -> tuple[int, bool]:
    """Retries allowed, and whether the caller opted in (a per-call ``max_retries``)."""
    if per_call is not None:
        return max(per_call, 0), True
    budget = DEFAULT_MAX_RETRIES if client is None else max(client, 0)
    return budget, False


def may_retry_error(error: Exception, read_only: bool, opted_in: bool) -> bool:
    """A failure without an answer: retried for read-only operations (or when
    the caller opted in), and always when the request provably never left."""
    never_sent = isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout))
    if never_sent:
        return True
    return (read_only or opted_in) and isinstance(error, httpx.TransportError)


def may_retry_status(status: int, content: bytes, read_only: bool, opted_in: bool) -> bool:
    """A gateway's 408/429/502/503/504 page; an envelope is never retried."""
    if status not in RETRY_STATUSES or not (read_only or opted_in):
        return False
    return not content.lstrip().startswith(b"{") or b'"ok"' not in content


def delay(attempt: int, retry_after: str | None) -> float:
    """Seconds before the next attempt: ``Retry-After`` (seconds or an HTTP
    date) up to the cap, else exponential backoff from 0.5 s with full jitter."""
    if retry_after:
        seconds: float | None
        try:
            seconds = float(retry_after)
        except ValueError:
            try:
                seconds = parsedate_to_datetime(retry_after).timestamp() - time.time()
            except (TypeError, ValueError):
                seconds = None
        if seconds is not None:
            return min(max(seconds, 0.0), BACKOFF_CAP)
    return random.uniform(0.0, min(BACKOFF_CAP, BACKOFF_START * 2 ** (attempt - 1)))


def before(
    hook: RequestHook | None, name: str, biz_type: str, trace: str, attempt: int, headers: Mapping[str, str]
) -> None:
    if hook is None and not logger.isEnabledFor(logging.DEBUG):
        return
    shown = masked(headers)
    logger.debug("%s attempt %d trace %s headers %s", biz_type, attempt, trace, shown)
    if hook is not None:
        hook(RequestInfo(name, biz_type, trace, attempt, shown))


def after(
    hook: ResponseHook | None,
    name: str,
    biz_type: str,
    trace: str,
    attempt: int,
    status: int | None,
    code: str | None,
    elapsed: float,
) -> None:
    logger.debug(
        "%s attempt %d trace %s: HTTP %s, code %s, %.1f ms",
        biz_type,
        attempt,
        trace,
        status,
        code,
        elapsed * 1000,
    )
    if hook is not None:
        hook(ResponseInfo(name, biz_type, trace, attempt, status, code, elapsed))
{% endraw %}