{{ header }}
{% raw %}"""What a client knows about one operation, about itself, and about one
request ready to send.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, Literal, TypeVar

from .hooks import RequestHook, ResponseHook
from .model import Codec
from .paging import Paginate
from .retry import RetryPolicy

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
        "paginate",
        "path",
        "read_only",
        "sensitive",
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
        sensitive: frozenset[str] = frozenset(),
        paginate: Paginate | None = None,
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
        # Request fields (wire names) the spec marks sensitive: masked in logs.
        self.sensitive = sensitive
        # How the operation pages (`paginate`), if it does.
        self.paginate = paginate


class Settings:
    """A client's configuration and its current tokens."""

    __slots__ = (
        "admin_token",
        "base_url",
        "company_id",
        "forwarded_for",
        "headers",
        "lang",
        "on_request",
        "on_response",
        "retry",
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
        retry: RetryPolicy | None = None,
        on_request: RequestHook | None = None,
        on_response: ResponseHook | None = None,
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
        policy = retry if retry is not None else RetryPolicy()
        # `max_retries` overrides the policy's, as it does per call.
        self.retry = policy if max_retries is None else policy.with_max_retries(max_retries)
        self.on_request = on_request
        self.on_response = on_response

    def __repr__(self) -> str:
        return (
            f"Settings(base_url={self.base_url!r}, company_id={self.company_id!r}, "
            f"lang={self.lang!r}, token={'<redacted>' if self.token else None}, "
            f"admin_token={'<redacted>' if self.admin_token else None}, "
            f"retry={self.retry!r})"
        )


class Prepared:
    """A request ready to send."""

    __slots__ = ("content", "headers", "timeout", "url")

    def __init__(
        self, url: str, headers: dict[str, str], content: bytes, timeout: float | None
    ) -> None:
        self.url = url
        self.headers = headers
        self.content = content
        self.timeout = timeout
{% endraw %}