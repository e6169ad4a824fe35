{{ header }}
{% raw %}"""What happens around each attempt of a call: the retry policy, the hooks
that see every attempt, debug logging (the package's logger) and the raw
answer (status, headers, envelope) for :meth:`Client.with_response`.

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
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

import httpx

from .errors import ClientError
from .model import ABSENT

if TYPE_CHECKING:
    from .transport import Operation, Prepared, Settings

T = TypeVar("T")

logger = logging.getLogger(__name__.rsplit(".", 2)[0])
"""The package's logger (``customer_api``): debug lines before and after
each attempt with bizType, trace, attempt, headers (``token`` masked), the
request on the first attempt (sensitive fields masked), status, code,
elapsed time and the wait before a retry. Response bodies are never logged."""

RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})
"""HTTP statuses worth another attempt, whatever the body: a gateway timed
out or was overloaded, or the request was throttled."""

MASK = "<redacted>"
"""What replaces a token or a sensitive field in what the client shows."""


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


class RequestInfo(NamedTuple):
    """What an ``on_request`` hook sees, before each attempt is sent."""

    operation: str
    """The operation's name in the spec, e.g. ``findCustomerInfo``."""
    biz_type: str
    path: str
    trace: str
    """The call's trace id: the same on every attempt."""
    attempt: int
    """1 for the first attempt, 2 for the first retry, ..."""
    headers: Mapping[str, str]
    """The request headers as sent, ``token`` masked as ``<redacted>``."""


class ResponseInfo(NamedTuple):
    """What an ``on_response`` hook sees, after each attempt."""

    operation: str
    biz_type: str
    path: str
    trace: str
    attempt: int
    status: int | None
    """The HTTP status; ``None`` when no answer came back."""
    code: str | None
    """The envelope's ``code``; ``None`` when the answer is not an envelope."""
    elapsed: float
    """Seconds from sending to the end of the body (or the failure)."""
    error: ClientError | None
    """Why no answer came, when none did."""
    retry_in: float | None
    """The wait in seconds before the next attempt, when one follows."""


RequestHook = Callable[[RequestInfo], None]
ResponseHook = Callable[[ResponseInfo], None]


def masked(headers: Mapping[str, str]) -> dict[str, str]:
    """The headers as hooks and the logger see them: ``token`` masked."""
    return {k: MASK if k.lower() == "token" else v for k, v in headers.items()}


class Watch:
    """The hooks and the debug lines of one call, attempt by attempt."""

    __slots__ = ("about", "headers", "on_request", "on_response", "request")

    def __init__(
        self,
        *,
        operation: str,
        biz_type: str,
        path: str,
        trace: str,
        headers: Mapping[str, str],
        request: Callable[[], object],
        on_request: RequestHook | None,
        on_response: ResponseHook | None,
    ) -> None:
        self.about = (operation, biz_type, path, trace)
        self.headers = masked(headers)
        # The request as it may be logged (sensitive fields masked), made on demand.
        self.request = request
        self.on_request = on_request
        self.on_response = on_response

    @property
    def wants_code(self) -> bool:
        """Whether someone looks at the envelope's ``code`` (it costs a parse)."""
        return self.on_response is not None or logger.isEnabledFor(logging.DEBUG)

    def before(self, attempt: int) -> None:
        info = RequestInfo(*self.about, attempt, self.headers)
        if self.on_request is not None:
            self.on_request(info)
        if logger.isEnabledFor(logging.DEBUG):
            fields: dict[str, Any] = {**info._asdict()}
            text = "%s: sending attempt %d, trace %s, headers %r"
            args: list[Any] = [info.biz_type, attempt, info.trace, info.headers]
            if attempt == 1:
                fields["request"] = self.request()
                text += ", request %r"
                args.append(fields["request"])
            logger.debug(text, *args, extra=fields)

    def after(
        self,
        attempt: int,
        *,
        status: int | None,
        code: str | None,
        elapsed: float,
        error: ClientError | None,
        retry_in: float | None,
    ) -> None:
        info = ResponseInfo(*self.about, attempt, status, code, elapsed, error, retry_in)
        if self.on_response is not None:
            self.on_response(info)
        if logger.isEnabledFor(logging.DEBUG):
            fields = info._asdict()
            fields["elapsed_ms"] = elapsed * 1000
            fields["retry_in_ms"] = None if retry_in is None else retry_in * 1000
            fields["error"] = None if error is None else str(error)
            wait = "" if retry_in is None else f", retry in {retry_in * 1000:.0f} ms"
            if error is not None:
                logger.debug(
                    "%s: failed attempt %d, trace %s, %.1f ms: %s%s",
                    info.biz_type,
                    attempt,
                    info.trace,
                    elapsed * 1000,
                    error,
                    wait,
                    extra=fields,
                )
            else:
                logger.debug(
                    "%s: answered attempt %d, trace %s: HTTP %s, code %s, %.1f ms%s",
                    info.biz_type,
                    attempt,
                    info.trace,
                    status,
                    code,
                    elapsed * 1000,
                    wait,
                    extra=fields,
                )


def _shown(op: Operation[Any], body: Mapping[str, Any]) -> dict[str, Any]:
    """The request as it may be logged: sensitive fields masked (nested models
    mask theirs in ``repr``), absent ones left out."""
    return {
        k: MASK if k in op.sensitive and v is not None else v
        for k, v in body.items()
        if v is not ABSENT
    }


def _envelope_code(content: bytes) -> str | None:
    """The envelope's ``code``, if the body is an envelope (for hooks and logs)."""
    try:
        parsed = json.loads(content)
    except ValueError:
        return None
    code = parsed.get("code") if isinstance(parsed, dict) else None
    return code if isinstance(code, str) else None


def _failure(biz_type: str, error: Exception, attempt: int) -> ClientError:
    if isinstance(error, httpx.TimeoutException):
        return ClientError("timeout", biz_type, f"no answer in time: {error!r}", attempts=attempt)
    return ClientError("transport", biz_type, f"the request failed: {error!r}", attempts=attempt)


class Call:
    """One call across its attempts: the prepared request, the retry budget
    and the hooks. The sync and async transports share it; only their
    sending and sleeping differ."""

    __slots__ = ("biz_type", "budget", "kwargs", "policy", "safe", "url", "watch")

    def __init__(
        self,
        op: Operation[Any],
        settings: Settings,
        request: Prepared,
        body: Mapping[str, Any],
        max_retries: int | None,
        idempotent: bool,
    ) -> None:
        self.biz_type = op.biz_type
        self.policy = settings.retry
        self.budget = self.policy.max_retries if max_retries is None else max(max_retries, 0)
        # Repeating is safe: a read-only operation, or the caller says so.
        self.safe = op.read_only or idempotent
        self.url = request.url
        self.kwargs: dict[str, Any] = {"content": request.content, "headers": request.headers}
        if request.timeout is not None:
            self.kwargs["timeout"] = request.timeout
        self.watch = Watch(
            operation=op.name,
            biz_type=op.biz_type,
            path=op.path,
            trace=request.headers["trace"],
            headers=request.headers,
            request=lambda: _shown(op, body),
            on_request=settings.on_request,
            on_response=settings.on_response,
        )

    def failed(
        self, attempt: int, error: Exception, elapsed: float
    ) -> tuple[ClientError, float | None]:
        """An attempt without an answer: the error, and the wait before the
        next attempt (``None``: the error ends the call)."""
        failure = _failure(self.biz_type, error, attempt)
        wait = None
        if attempt <= self.budget and error_retryable(error, self.safe):
            wait = self.policy.delay(attempt, None)
        self.watch.after(
            attempt, status=None, code=None, elapsed=elapsed, error=failure, retry_in=wait
        )
        return failure, wait

    def answered(self, attempt: int, response: httpx.Response, elapsed: float) -> float | None:
        """An attempt with an answer: the wait before the next attempt
        (``None``: this answer ends the call)."""
        status = response.status_code
        wait = None
        if attempt <= self.budget and status_retryable(status, self.safe):
            wait = self.policy.delay(attempt, retry_after(response.headers.get("retry-after")))
        code = _envelope_code(response.content) if self.watch.wants_code else None
        self.watch.after(
            attempt, status=status, code=code, elapsed=elapsed, error=None, retry_in=wait
        )
        return wait


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
{% endraw %}