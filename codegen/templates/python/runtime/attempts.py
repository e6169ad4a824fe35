{{ header }}
{% raw %}"""One call across its attempts (the retry budget, the hooks, the waits),
and the raw answer (status, headers, envelope) for
:meth:`Client.with_response`. The rules of :mod:`.retry` decide.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any, Generic, NamedTuple, TypeVar

import httpx

from .errors import ClientError
from .hooks import MASK, Watch
from .model import ABSENT
from .operation import Operation, Prepared, Settings
from .retry import error_retryable, retry_after, status_retryable

T = TypeVar("T")


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