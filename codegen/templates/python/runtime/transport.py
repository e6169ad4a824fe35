{{ header }}
{% raw %}"""One call on the wire, shared by :class:`~customer_api.Client` and
:class:`~customer_api.AsyncClient`: headers, the trace id, the token by access
level, the JSON body, and the envelope read whatever the HTTP status (gateways
answer errors with 200; a server in semantic-status mode answers 4xx/5xx with
the same envelope).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Generic, Literal, TypeVar

import httpx

from . import attempts as _at
from .errors import ApiError, ClientError
from .model import ABSENT, Codec, Model, ShapeError

T = TypeVar("T")

Access = Literal["guest", "login", "optional", "admin"]

DEFAULT_TIMEOUT = 30.0
"""Seconds before a call fails with :class:`ClientError` kind ``timeout``."""

DEFAULT_LANG = "en-US"


class Operation(Generic[T]):
    """What a client needs to know about one operation."""

    __slots__ = (
        "access",
        "admin",
        "biz_type",
        "clears_token",
        "data",
        "headers",
        "name",
        "path",
        "read_only",
        "sets_token",
        "token",
        "version",
    )

    def __init__(
        self,
        *,
        name: str,
        biz_type: str,
        path: str,
        access: Access,
        version: str,
        headers: tuple[tuple[str, bool], ...],
        token: Literal["required", "optional"] | None,
        data: Codec[T],
        sets_token: str | None = None,
        clears_token: bool = False,
        read_only: bool = False,
    ) -> None:
        self.name = name
        self.biz_type = biz_type
        self.path = path
        self.access = access
        self.version = version
        # (name, required) of every header besides content-type, trace and token.
        self.headers = headers
        # Whether the token header is required, optional, or not sent.
        self.token = token
        # Which token: the B-side admin one, or the C-side customer one.
        self.admin = access == "admin"
        self.data = data
        # The attribute of `data` that holds the new token (`setsToken`).
        self.sets_token = sets_token
        # The token is void after the call (`clearsToken`).
        self.clears_token = clears_token
        # A pure query (`readOnly`): safe to repeat, so retried by default.
        self.read_only = read_only


class Settings:
    """A client's configuration and its current tokens."""

    __slots__ = (
        "admin_token",
        "base_url",
        "company_id",
        "forwarded_for",
        "headers",
        "lang",
        "max_retries",
        "on_request",
        "on_response",
        "timeout",
        "token",
        "version",
    )

    def __init__(
        self,
        *,
        base_url: str,
        company_id: str | None,
        lang: str,
        version: str | None,
        token: str | None,
        admin_token: str | None,
        forwarded_for: str | None,
        headers: Mapping[str, str] | None,
        timeout: float | None,
        max_retries: int | None = None,
        on_request: _at.RequestHook | None = None,
        on_response: _at.ResponseHook | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.company_id = company_id
        self.lang = lang
        self.version = version
        self.token = token
        self.admin_token = admin_token
        self.forwarded_for = forwarded_for
        self.headers = {k.lower(): v for k, v in (headers or {}).items()}
        self.timeout = timeout
        self.max_retries = max_retries
        self.on_request = on_request
        self.on_response = on_response

    def __repr__(self) -> str:
        return (
            f"Settings(base_url={self.base_url!r}, company_id={self.company_id!r}, "
            f"lang={self.lang!r}, token={'<redacted>' if self.token else None}, "
            f"admin_token={'<redacted>' if self.admin_token else None})"
        )


def new_trace() -> str:
    """A fresh trace id: ``x-`` and a random UUID."""
    return f"x-{uuid.uuid4()}"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a finite decimal")
        return format(value, "f")
    if isinstance(value, Model):
        return value.to_dict()
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


class _Prepared:
    __slots__ = ("content", "headers", "timeout", "url")

    def __init__(
        self, url: str, headers: dict[str, str], content: bytes, timeout: float | None
    ) -> None:
        self.url = url
        self.headers = headers
        self.content = content
        self.timeout = timeout


class Transport:
    """The I/O-free half of a call: the request before it is sent, the answer after."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def prepare(
        self,
        op: Operation[Any],
        body: Mapping[str, Any],
        trace: str | None,
        headers: Mapping[str, str] | None,
        timeout: float | None,
    ) -> _Prepared:
        s = self.settings
        given = {k.lower(): (k, v) for k, v in (headers or {}).items()}
        trace_header = given.pop("trace", None)
        out = {
            "content-type": "application/json",
            "accept": "application/json",
            "trace": trace or (trace_header[1] if trace_header else new_trace()),
        }
        token_header = given.pop("token", None)
        if token_header is not None:
            out["token"] = token_header[1]
        elif op.token is not None:
            token = s.admin_token if op.admin else s.token
            if token is not None:
                out["token"] = token
            elif op.token == "required":
                which = (
                    "the B-side admin token: pass admin_token= or set client.admin_token"
                    if op.admin
                    else "the C-side customer token: call login first, or set client.token"
                )
                raise ClientError("missing_token", op.biz_type, f"needs {which} (nothing was sent)")
        for name, required in op.headers:
            override = given.pop(name.lower(), None)
            value = override[1] if override is not None else self._header_value(name, op)
            if value is None:
                if required:
                    raise ClientError(
                        "missing_header",
                        op.biz_type,
                        f"needs the header {name!r}: pass it to the client or per call "
                        "(nothing was sent)",
                    )
                continue
            out[name] = value
        for name, value in given.values():
            out[name] = value
        try:
            content = json.dumps(
                {k: v for k, v in body.items() if v is not ABSENT},
                default=_json_default,
                ensure_ascii=False,
                allow_nan=False,
                separators=(",", ":"),
            ).encode()
        except (TypeError, ValueError) as e:
            raise ClientError(
                "encode", op.biz_type, f"cannot write the request as JSON: {e}"
            ) from e
        return _Prepared(
            s.base_url + op.path, out, content, timeout if timeout is not None else s.timeout
        )

    def _header_value(self, name: str, op: Operation[Any]) -> str | None:
        s = self.settings
        key = name.lower()
        if key == "version":
            return s.version if s.version is not None else op.version
        if key == "companyid":
            return s.company_id
        if key == "lang":
            return s.lang
        if key == "x-forwarded-for":
            return s.forwarded_for
        return s.headers.get(key)

    def finish(
        self,
        op: Operation[T],
        status: int,
        content: bytes,
        *,
        trace: str = "",
        attempt: int = 1,
        elapsed: float = 0.0,
        headers: Mapping[str, str] | None = None,
    ) -> T:
        """Reads an answer: the envelope first, then ``data`` on success only."""
        s = self.settings

        def fail(message: str) -> ClientError:
            _at.after(s.on_response, op.name, op.biz_type, trace, attempt, status, None, elapsed)
            body = content[:512].decode("utf-8", "replace")
            return ClientError(
                "decode",
                op.biz_type,
                f"{message} (HTTP {status})",
                status=status,
                body=body,
                attempts=attempt,
            )

        try:
            envelope = json.loads(content)
        except ValueError as e:
            raise fail(f"the answer is not JSON: {e}") from None
        if not isinstance(envelope, dict) or "ok" not in envelope:
            raise fail("the answer is not a response envelope")
        code = envelope.get("code")
        code = code if isinstance(code, str) else str(code)
        if envelope.get("ok") is not True or envelope.get("fail") is True:
            _at.after(s.on_response, op.name, op.biz_type, trace, attempt, status, code, elapsed)
            msg, echoed = envelope.get("msg"), envelope.get("trace")
            raise ApiError(
                code=code,
                msg=msg if isinstance(msg, str) else "",
                data=envelope.get("data"),
                msg_params=envelope.get("msgParams"),
                trace=echoed if isinstance(echoed, str) else None,
                biz_type=op.biz_type,
                status=status,
            )
        try:
            data = op.data.decode(envelope.get("data"))
        except ShapeError as e:
            raise fail(f"`data` does not match the spec at {e.explain('/data')}") from None
        _at.after(s.on_response, op.name, op.biz_type, trace, attempt, status, code, elapsed)
        self._update_session(op, data)
        captured = _at.capture.get()
        if captured is not None:
            captured.append(_at.Meta(status, headers or {}, envelope, attempt))
        return data

    def _update_session(self, op: Operation[Any], data: Any) -> None:
        if op.clears_token:
            if op.admin:
                self.settings.admin_token = None
            else:
                self.settings.token = None
        elif op.sets_token is not None and data is not None:
            token = getattr(data, op.sets_token, None)
            if isinstance(token, str) and token:
                if op.admin:
                    self.settings.admin_token = token
                else:
                    self.settings.token = token


def _transport_error(op: Operation[Any], error: Exception, attempt: int) -> ClientError:
    if isinstance(error, httpx.TimeoutException):
        return ClientError(
            "timeout", op.biz_type, f"no answer in time: {error!r}", attempts=attempt
        )
    return ClientError(
        "transport", op.biz_type, f"the request failed: {error!r}", attempts=attempt
    )


class SyncTransport(Transport):
    """Sends calls with an :class:`httpx.Client`."""

    def __init__(self, settings: Settings, http: httpx.Client | None) -> None:
        super().__init__(settings)
        self.owns_http = http is None
        self.http = http if http is not None else httpx.Client(
            timeout=settings.timeout if settings.timeout is not None else DEFAULT_TIMEOUT
        )

    def call(
        self,
        op: Operation[T],
        body: Mapping[str, Any],
        *,
        trace: str | None,
        headers: Mapping[str, str] | None,
        timeout: float | None,
        max_retries: int | None = None,
    ) -> T:
        req = self.prepare(op, body, trace, headers, timeout)
        s = self.settings
        budget, opted_in = _at.retry_budget(op.read_only, max_retries, s.max_retries)
        sent_trace = req.headers["trace"]
        kwargs: dict[str, Any] = {"content": req.content, "headers": req.headers}
        if req.timeout is not None:
            kwargs["timeout"] = req.timeout
        attempt = 0
        while True:
            attempt += 1
            _at.before(s.on_request, op.name, op.biz_type, sent_trace, attempt, req.headers)
            start = time.monotonic()
            try:
                response = self.http.post(req.url, **kwargs)
            except (httpx.HTTPError, httpx.InvalidURL) as e:
                elapsed = time.monotonic() - start
                _at.after(s.on_response, op.name, op.biz_type, sent_trace, attempt, None, None, elapsed)
                if attempt <= budget and _at.may_retry_error(e, op.read_only, opted_in):
                    time.sleep(_at.delay(attempt, None))
                    continue
                raise _transport_error(op, e, attempt) from e
            elapsed = time.monotonic() - start
            status, content = response.status_code, response.content
            if attempt <= budget and _at.may_retry_status(status, content, op.read_only, opted_in):
                _at.after(s.on_response, op.name, op.biz_type, sent_trace, attempt, status, None, elapsed)
                time.sleep(_at.delay(attempt, response.headers.get("retry-after")))
                continue
            return self.finish(
                op,
                status,
                content,
                trace=sent_trace,
                attempt=attempt,
                elapsed=elapsed,
                headers=response.headers,
            )

    def close(self) -> None:
        if self.owns_http:
            self.http.close()


class AsyncTransport(Transport):
    """Sends calls with an :class:`httpx.AsyncClient`."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient | None) -> None:
        super().__init__(settings)
        self.owns_http = http is None
        self.http = http if http is not None else httpx.AsyncClient(
            timeout=settings.timeout if settings.timeout is not None else DEFAULT_TIMEOUT
        )

    async def call(
        self,
        op: Operation[T],
        body: Mapping[str, Any],
        *,
        trace: str | None,
        headers: Mapping[str, str] | None,
        timeout: float | None,
        max_retries: int | None = None,
    ) -> T:
        req = self.prepare(op, body, trace, headers, timeout)
        s = self.settings
        budget, opted_in = _at.retry_budget(op.read_only, max_retries, s.max_retries)
        sent_trace = req.headers["trace"]
        kwargs: dict[str, Any] = {"content": req.content, "headers": req.headers}
        if req.timeout is not None:
            kwargs["timeout"] = req.timeout
        attempt = 0
        while True:
            attempt += 1
            _at.before(s.on_request, op.name, op.biz_type, sent_trace, attempt, req.headers)
            start = time.monotonic()
            try:
                response = await self.http.post(req.url, **kwargs)
            except (httpx.HTTPError, httpx.InvalidURL) as e:
                elapsed = time.monotonic() - start
                _at.after(s.on_response, op.name, op.biz_type, sent_trace, attempt, None, None, elapsed)
                if attempt <= budget and _at.may_retry_error(e, op.read_only, opted_in):
                    await asyncio.sleep(_at.delay(attempt, None))
                    continue
                raise _transport_error(op, e, attempt) from e
            elapsed = time.monotonic() - start
            status, content = response.status_code, response.content
            if attempt <= budget and _at.may_retry_status(status, content, op.read_only, opted_in):
                _at.after(s.on_response, op.name, op.biz_type, sent_trace, attempt, status, None, elapsed)
                await asyncio.sleep(_at.delay(attempt, response.headers.get("retry-after")))
                continue
            return self.finish(
                op,
                status,
                content,
                trace=sent_trace,
                attempt=attempt,
                elapsed=elapsed,
                headers=response.headers,
            )

    async def aclose(self) -> None:
        if self.owns_http:
            await self.http.aclose()
{% endraw %}