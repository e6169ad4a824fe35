{{ header }}
{% raw %}"""One call on the wire, shared by :class:`~customer_api.Client` and
:class:`~customer_api.AsyncClient`: headers, the trace id, the token by access
level, the JSON body, retries (:mod:`.attempts`), and the envelope read
whatever the HTTP status (gateways answer errors with 200; a server in
semantic-status mode answers 4xx/5xx with the same envelope); and the
iterators over paged operations (:mod:`.paging`). What it sends comes
from :mod:`.operation`.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal, TypeVar

import httpx

from . import attempts as _at
from .errors import ApiError, ClientError
from .model import ABSENT, Model, ShapeError
from .operation import DEFAULT_TIMEOUT, Operation, Prepared, Settings
from .paging import Cursor, Paginate, page_of
from .retry import RETRY_STATUSES

T = TypeVar("T")


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
    ) -> Prepared:
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
                raise ClientError(
                    "missing_token", op.biz_type, f"needs {which} (nothing was sent)", attempts=0
                )
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
                        attempts=0,
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
                "encode", op.biz_type, f"cannot write the request as JSON: {e}", attempts=0
            ) from e
        return Prepared(
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
        attempts: int = 1,
        headers: Mapping[str, str] | None = None,
    ) -> T:
        """Reads the last answer: the envelope first, then ``data`` on success only."""

        def fail(message: str) -> ClientError:
            body = content[:512].decode("utf-8", "replace")
            if status in RETRY_STATUSES:
                # A gateway's error page or throttling answer: an HTTP failure.
                kind: Literal["status", "decode"] = "status"
                message = f"HTTP {status} without a response envelope"
            else:
                kind = "decode"
                message = f"{message} (HTTP {status})"
            return ClientError(
                kind, op.biz_type, message, status=status, body=body, attempts=attempts
            )

        try:
            envelope = json.loads(content)
        except ValueError as e:
            raise fail(f"the answer is not JSON: {e}") from None
        if not isinstance(envelope, dict) or "ok" not in envelope:
            raise fail("the answer is not a response envelope")
        if envelope.get("ok") is not True or envelope.get("fail") is True:
            code = envelope.get("code")
            msg, echoed = envelope.get("msg"), envelope.get("trace")
            raise ApiError(
                code=code if isinstance(code, str) else str(code),
                msg=msg if isinstance(msg, str) else "",
                data=envelope.get("data"),
                msg_params=envelope.get("msgParams"),
                trace=echoed if isinstance(echoed, str) else None,
                biz_type=op.biz_type,
                status=status,
                attempts=attempts,
            )
        try:
            data = op.data.decode(envelope.get("data"))
        except ShapeError as e:
            raise ClientError(
                "decode",
                op.biz_type,
                f"`data` does not match the spec at {e.explain('/data')} (HTTP {status})",
                status=status,
                body=content[:512].decode("utf-8", "replace"),
                attempts=attempts,
            ) from None
        self._update_session(op, data)
        captured = _at.capture.get()
        if captured is not None:
            captured.append(_at.Meta(status, headers or {}, envelope, attempts))
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


def _paginate(op: Operation[Any]) -> Paginate:
    if op.paginate is None:
        raise TypeError(f"{op.biz_type} does not page")
    return op.paginate


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
        idempotent: bool = False,
    ) -> T:
        req = self.prepare(op, body, trace, headers, timeout)
        c = _at.Call(op, self.settings, req, body, max_retries, idempotent)
        attempt = 0
        while True:
            attempt += 1
            c.watch.before(attempt)
            start = time.monotonic()
            try:
                response = self.http.post(c.url, **c.kwargs)
            except (httpx.HTTPError, httpx.InvalidURL) as e:
                failure, wait = c.failed(attempt, e, time.monotonic() - start)
                if wait is None:
                    raise failure from e
                c.policy.sleep(wait)
                continue
            wait = c.answered(attempt, response, time.monotonic() - start)
            if wait is None:
                return self.finish(
                    op,
                    response.status_code,
                    response.content,
                    attempts=attempt,
                    headers=response.headers,
                )
            c.policy.sleep(wait)

    def page_all(
        self,
        op: Operation[Any],
        body: Mapping[str, Any],
        *,
        trace: str | None,
        headers: Mapping[str, str] | None,
        timeout: float | None,
        max_retries: int | None = None,
        idempotent: bool = False,
    ) -> Iterator[Any]:
        """Every item of a paged operation, one call per page, fetched when
        the previous page is used up."""
        paginate = _paginate(op)
        cursor = Cursor.of(paginate, body)
        while cursor.next is not None:
            data = self.call(
                op,
                {**body, paginate.page: cursor.next},
                trace=trace,
                headers=headers,
                timeout=timeout,
                max_retries=max_retries,
                idempotent=idempotent,
            )
            items, total = page_of(paginate, data)
            cursor.advance(len(items), total)
            yield from items

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
        idempotent: bool = False,
    ) -> T:
        req = self.prepare(op, body, trace, headers, timeout)
        c = _at.Call(op, self.settings, req, body, max_retries, idempotent)
        attempt = 0
        while True:
            attempt += 1
            c.watch.before(attempt)
            start = time.monotonic()
            try:
                response = await self.http.post(c.url, **c.kwargs)
            except (httpx.HTTPError, httpx.InvalidURL) as e:
                failure, wait = c.failed(attempt, e, time.monotonic() - start)
                if wait is None:
                    raise failure from e
                await c.policy.async_sleep(wait)
                continue
            wait = c.answered(attempt, response, time.monotonic() - start)
            if wait is None:
                return self.finish(
                    op,
                    response.status_code,
                    response.content,
                    attempts=attempt,
                    headers=response.headers,
                )
            await c.policy.async_sleep(wait)

    async def page_all(
        self,
        op: Operation[Any],
        body: Mapping[str, Any],
        *,
        trace: str | None,
        headers: Mapping[str, str] | None,
        timeout: float | None,
        max_retries: int | None = None,
        idempotent: bool = False,
    ) -> AsyncIterator[Any]:
        """Every item of a paged operation, as :meth:`SyncTransport.page_all`."""
        paginate = _paginate(op)
        cursor = Cursor.of(paginate, body)
        while cursor.next is not None:
            data = await self.call(
                op,
                {**body, paginate.page: cursor.next},
                trace=trace,
                headers=headers,
                timeout=timeout,
                max_retries=max_retries,
                idempotent=idempotent,
            )
            items, total = page_of(paginate, data)
            cursor.advance(len(items), total)
            for item in items:
                yield item

    async def aclose(self) -> None:
        if self.owns_http:
            await self.http.aclose()
{% endraw %}
