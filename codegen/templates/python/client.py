{{ header }}
"""The clients: :class:`Client` (blocking) and :class:`AsyncClient` (asyncio),
one attribute per service of the API."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

import httpx

from ._runtime import attempts as _at
from ._runtime import hooks as _hooks
from ._runtime import operation as _op
from ._runtime import retry as _retry
from ._runtime import transport as _tr
{{ services_import }}

if TYPE_CHECKING:
    from typing_extensions import Self

T = TypeVar("T")


class Client:
    """A blocking client for one tenant (``companyId``) of the API.

    {{ title }}.

    .. code-block:: python

{{ example }}

    Operations marked ``setsToken`` in the spec (``login``) store the token
    they return; later calls send it by access level. The client is safe to
    share between threads; close it (or use it in a ``with`` block) to
    release its connections.
    """
{% for s in services %}
    {{ s.attr }}: {{ s.class }}
{{ s.doc }}
{%- endfor %}

    def __init__(
        self,
        base_url: str,
        company_id: str{% if !company_required %} | None = None{% endif %},
        *,
        lang: str = _op.DEFAULT_LANG,
        version: str | None = None,
        token: str | None = None,
        admin_token: str | None = None,
        forwarded_for: str | None = None,
        timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
        max_retries: int | None = None,
        retry: _retry.RetryPolicy | None = None,
        on_request: _hooks.RequestHook | None = None,
        on_response: _hooks.ResponseHook | None = None,
    ) -> None:
        """Args:
            base_url: Scheme, host and port, e.g. ``https://gateway.example.com``.
            company_id: The ``companyId`` header: the white-label tenant.
            lang: The ``lang`` header: the language of messages.
            version: Overrides each operation's ``version`` header.
            token: The C-side customer token to start with (``login`` sets it).
            admin_token: The B-side admin token, sent on admin operations.
            forwarded_for: The ``X-Forwarded-For`` header, where an operation takes it.
            timeout: Seconds one attempt may take before it fails with ``ClientError``
                kind ``timeout`` (default 30, or ``http_client``'s own when you pass one).
            headers: Values of custom headers the spec declares, by name; each
                is sent to the operations that take it.
            http_client: An ``httpx.Client`` to send with (proxies, certificates,
                a mock transport); the client does not close it.
            max_retries: Retries after a failed attempt (default 2; 0 turns them
                off): connection errors, timeouts and HTTP 408, 429, 502, 503 and
                504 (whatever the body) are retried for read-only operations and
                calls made with ``idempotent=True``; any other call only when its
                request never reached the server (no connection was made). The
                wait before retry n is random in [0, min(8 s, 0.5 s * 2**(n-1))],
                or what ``Retry-After`` asks, up to 8 s; every attempt sends the
                same ``trace``. Overrides ``retry.max_retries``.
            retry: The backoff bounds, the jitter and the clock of retries
                (:class:`RetryPolicy`; tests make the waits instant with it).
            on_request: Called before each attempt with a :class:`RequestInfo`
                (operation, bizType, path, trace, attempt, headers with ``token``
                masked).
            on_response: Called after each attempt with a :class:`ResponseInfo`
                (also HTTP status, envelope ``code``, elapsed seconds, the error
                when no answer came, the wait before the next attempt).
        """
        self._settings = _op.Settings(
            base_url=base_url,
            company_id=company_id,
            lang=lang,
            version=version,
            token=token,
            admin_token=admin_token,
            forwarded_for=forwarded_for,
            headers=headers,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            on_request=on_request,
            on_response=on_response,
        )
        self._transport = _tr.SyncTransport(self._settings, http_client)
{%- for s in services %}
        self.{{ s.attr }} = {{ s.class }}(self._transport)
{%- endfor %}

    @property
    def base_url(self) -> str:
        """Scheme, host and port the client calls."""
        return self._settings.base_url

    @property
    def token(self) -> str | None:
        """The C-side customer token, sent on login and optional-token operations."""
        return self._settings.token

    @token.setter
    def token(self, value: str | None) -> None:
        self._settings.token = value

    @property
    def admin_token(self) -> str | None:
        """The B-side admin token, sent on admin operations."""
        return self._settings.admin_token

    @admin_token.setter
    def admin_token(self, value: str | None) -> None:
        self._settings.admin_token = value

    def with_response(self, call: Callable[[Client], T]) -> _at.Response[T]:
        """Makes one call and returns its data with the HTTP status, the response
        headers and the envelope's ``trace``, ``tm`` and ``bizCode``:

        .. code-block:: python

            answer = client.with_response(lambda c: c.third_ext.random_key())
            print(answer.status, answer.headers["content-type"], answer.tm, answer.data)
        """
        captured: list[_at.Meta] = []
        reset = _at.capture.set(captured)
        try:
            data = call(self)
        finally:
            _at.capture.reset(reset)
        return _at.response(data, captured)

    def close(self) -> None:
        """Releases the connections (not those of an ``http_client`` you passed)."""
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client({self._settings!r})"


class AsyncClient:
    """An asyncio client for one tenant (``companyId``) of the API.

    {{ title }}.

    The same services and methods as :class:`Client`, as coroutines:
    ``await client.<service>.<method>(...)``. Close it with ``await
    client.aclose()`` or use it in an ``async with`` block.
    """
{% for s in services %}
    {{ s.attr }}: {{ s.async_class }}
{{ s.doc }}
{%- endfor %}

    def __init__(
        self,
        base_url: str,
        company_id: str{% if !company_required %} | None = None{% endif %},
        *,
        lang: str = _op.DEFAULT_LANG,
        version: str | None = None,
        token: str | None = None,
        admin_token: str | None = None,
        forwarded_for: str | None = None,
        timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        max_retries: int | None = None,
        retry: _retry.RetryPolicy | None = None,
        on_request: _hooks.RequestHook | None = None,
        on_response: _hooks.ResponseHook | None = None,
    ) -> None:
        """The same arguments as :class:`Client`, with an ``httpx.AsyncClient``."""
        self._settings = _op.Settings(
            base_url=base_url,
            company_id=company_id,
            lang=lang,
            version=version,
            token=token,
            admin_token=admin_token,
            forwarded_for=forwarded_for,
            headers=headers,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            on_request=on_request,
            on_response=on_response,
        )
        self._transport = _tr.AsyncTransport(self._settings, http_client)
{%- for s in services %}
        self.{{ s.attr }} = {{ s.async_class }}(self._transport)
{%- endfor %}

    @property
    def base_url(self) -> str:
        """Scheme, host and port the client calls."""
        return self._settings.base_url

    @property
    def token(self) -> str | None:
        """The C-side customer token, sent on login and optional-token operations."""
        return self._settings.token

    @token.setter
    def token(self, value: str | None) -> None:
        self._settings.token = value

    @property
    def admin_token(self) -> str | None:
        """The B-side admin token, sent on admin operations."""
        return self._settings.admin_token

    @admin_token.setter
    def admin_token(self, value: str | None) -> None:
        self._settings.admin_token = value

    async def with_response(
        self, call: Callable[[AsyncClient], Awaitable[T]]
    ) -> _at.Response[T]:
        """Makes one call and returns its data with the HTTP status, the response
        headers and the envelope's metadata, as :meth:`Client.with_response`."""
        captured: list[_at.Meta] = []
        reset = _at.capture.set(captured)
        try:
            data = await call(self)
        finally:
            _at.capture.reset(reset)
        return _at.response(data, captured)

    async def aclose(self) -> None:
        """Releases the connections (not those of an ``http_client`` you passed)."""
        await self._transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncClient({self._settings!r})"
