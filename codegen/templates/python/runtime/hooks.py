{{ header }}
{% raw %}"""What sees each attempt of a call: the ``on_request`` and ``on_response``
hooks and debug logging (the package's logger).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from .errors import ClientError

logger = logging.getLogger(__name__.rsplit(".", 2)[0])
"""The package's logger (``customer_api``): debug lines before and after
each attempt with bizType, trace, attempt, headers (``token`` masked), the
request on the first attempt (sensitive fields masked), status, code,
elapsed time and the wait before a retry. Response bodies are never logged."""

MASK = "<redacted>"
"""What replaces a token or a sensitive field in what the client shows."""


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
{% endraw %}