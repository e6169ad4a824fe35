{{ header }}
{% raw %}"""The two errors a call raises.

:class:`ApiError` when the server answered with an error envelope,
:class:`ClientError` when no usable answer came back.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

ClientErrorKind = Literal[
    "transport", "timeout", "status", "decode", "encode", "missing_token", "missing_header"
]
"""Why a call failed without an answer from the API (:attr:`ClientError.kind`)."""


class Violation(NamedTuple):
    """One violation of a request, as bizgen servers report them."""

    pointer: str
    """JSON pointer into the request: ``/loginName`` (the body is the root), ``/headers/token``."""
    reason: str
    """Why the value was refused."""


class ApiError(Exception):
    """The server answered with an error envelope (``ok: false``), whatever the HTTP status.

    Compare :attr:`code` with the constants of :mod:`customer_api.errors`.
    """

    code: str
    """The error code, e.g. ``CUSTOMER_API_0000511``."""
    msg: str
    """The message, in the language of the request."""
    data: Any
    """The envelope's ``data``: often the bizType as a string, a list of
    violations for ``BIZGEN_VALIDATION``, or ``None``."""
    msg_params: Any
    """Parameters of the message template, usually ``None``."""
    trace: str | None
    """The trace id the server echoed."""
    biz_type: str
    """The bizType of the operation called."""
    status: int
    """The HTTP status of the answer (200 on gateways that always answer 200)."""
    attempts: int
    """How many attempts the call made (more than 1 when earlier ones were retried)."""

    def __init__(
        self,
        *,
        code: str,
        msg: str,
        data: Any = None,
        msg_params: Any = None,
        trace: str | None = None,
        biz_type: str = "",
        status: int = 200,
        attempts: int = 1,
    ) -> None:
        super().__init__(f"{code}: {msg}" if msg else code)
        self.code = code
        self.msg = msg
        self.data = data
        self.msg_params = msg_params
        self.trace = trace
        self.biz_type = biz_type
        self.status = status
        self.attempts = attempts

    @property
    def violations(self) -> list[Violation]:
        """The request's violations when ``data`` lists them (``BIZGEN_VALIDATION``), else empty."""
        if not isinstance(self.data, list):
            return []
        return [
            Violation(item["pointer"], item["reason"])
            for item in self.data
            if isinstance(item, dict)
            and isinstance(item.get("pointer"), str)
            and isinstance(item.get("reason"), str)
        ]

    def __str__(self) -> str:
        text = super().__str__()
        pointers = [v.pointer for v in self.violations]
        if pointers:
            text += f" ({', '.join(pointers)})"
        if self.attempts > 1:
            text += f" (after {self.attempts} attempts)"
        return f"{self.biz_type}: {text}" if self.biz_type else text

    def __repr__(self) -> str:
        return (
            f"ApiError(code={self.code!r}, msg={self.msg!r}, data={self.data!r}, "
            f"trace={self.trace!r}, status={self.status!r}, attempts={self.attempts!r})"
        )


class ClientError(Exception):
    """A call failed without an answer from the API; :attr:`kind` says how.

    - ``transport``: the request did not reach the server or the answer did not come back;
    - ``timeout``: no answer in time;
    - ``status``: HTTP 408, 429, 502, 503 or 504 without an envelope (a gateway's
      error page), after the retries the call allowed;
    - ``decode``: the answer is not an envelope, or ``data`` does not have the spec's shape;
    - ``encode``: the request cannot be written as JSON;
    - ``missing_token``: the operation needs a token the client does not have (nothing was sent);
    - ``missing_header``: a header the operation requires has no value (nothing was sent).
    """

    kind: ClientErrorKind
    """How the call failed."""
    biz_type: str
    """The bizType of the operation called."""
    status: int | None
    """The HTTP status, when an answer came back (``status``, ``decode``)."""
    body: str | None
    """The start of the body, when an answer came back (``status``, ``decode``)."""
    attempts: int
    """How many attempts were made, retries included: 0 when nothing was sent
    (``encode``, ``missing_token``, ``missing_header``)."""

    def __init__(
        self,
        kind: ClientErrorKind,
        biz_type: str,
        message: str,
        *,
        status: int | None = None,
        body: str | None = None,
        attempts: int = 1,
    ) -> None:
        after = f" (after {attempts} attempts)" if attempts > 1 else ""
        super().__init__(f"{biz_type}: {message}{after}")
        self.attempts = attempts
        self.kind = kind
        self.biz_type = biz_type
        self.status = status
        self.body = body
{% endraw %}