"""The SDK against the mock on loopback: every operation once through
`Client` and `AsyncClient`, every paged operation's iterator, tokens by
access level, validation pointers."""

from __future__ import annotations

import asyncio
import re
from decimal import Decimal
from enum import Enum
from typing import Any

import httpx
import pytest
from customer_api import ABSENT, ApiError, AsyncClient, Client, ClientError, errors
from customer_api.types import ClientSource, DetailType, LoginType
from every_operation import ASYNC_CALLS, ASYNC_PAGED_CALLS, PAGED_CALLS, SYNC_CALLS

TRACE = re.compile(r"^x-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
LOGIN: dict[str, Any] = {
    "type": LoginType.PHONE,
    "device": ClientSource.H5,
    "login_name": "13429837442",
    "phone_area": "+86",  # required when the type is PHONE
    "is_third": False,
    "login_pwd": "dc483e80a7a0bd9ef71d8cf973673924",
}


def plain(value: Any) -> Any:
    """Decoded data as JSON data, nulls dropped: how it compares with an example."""
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    return value


def recorder() -> tuple[list[httpx.Request], httpx.Client]:
    sent: list[httpx.Request] = []
    return sent, httpx.Client(event_hooks={"request": [sent.append]})


def check_outcome(path: str, op: dict[str, Any], outcome: Any) -> None:
    expect = op["expect"]
    if "error" in expect:
        assert isinstance(outcome, ApiError), f"{path}: {outcome!r}"
        assert outcome.code == expect["error"], path
        return
    assert not isinstance(outcome, Exception), f"{path}: {outcome!r}"
    want = expect["data"]
    if op["none"]:
        assert outcome is None, path
    elif want not in (None, {}):
        assert plain(outcome) == plain(want), path


def check_request(path: str, op: dict[str, Any], req: httpx.Request, tokens: tuple[str, str]) -> None:
    token, admin = tokens
    assert req.url.path == path
    expected = {"guest": None, "login": token, "optional": token, "admin": admin}[op["access"]]
    assert req.headers.get("token") == expected, f"{path}: token header"
    assert req.headers["content-type"] == "application/json", path
    assert TRACE.match(req.headers["trace"]), req.headers["trace"]
    forwarded = "203.0.113.7" if op["forwardedFor"] else None
    assert req.headers.get("x-forwarded-for") == forwarded, path


def test_login_then_find_customer_info_with_the_stored_token(
    mock_url: str, tokens: tuple[str, str]
) -> None:
    sent, http = recorder()
    with Client(mock_url, company_id="360", http_client=http) as client:
        login = client.customer_web_api_service.login(**LOGIN)
        assert login.token == tokens[0], "the mock's login hands out the token it accepts"
        assert client.token == tokens[0], "login is setsToken: the client keeps the token"
        assert login.id == 1176
        info = client.customer_web_api_service.find_customer_info(trace="t-info")
        assert info.customer_no is not None
    assert "token" not in sent[0].headers, "login is a guest operation"
    assert sent[1].headers["token"] == tokens[0]
    assert sent[1].headers["trace"] == "t-info"
    assert "token='<redacted>'" in repr(login) and tokens[0] not in repr(login)
    http.close()


def test_every_operation_once_through_client(
    mock_url: str, tokens: tuple[str, str], operations: dict[str, Any]
) -> None:
    sent, http = recorder()
    client = Client(
        mock_url,
        company_id="360",
        lang="zh-CN",
        token=tokens[0],
        admin_token=tokens[1],
        forwarded_for="203.0.113.7",
        http_client=http,
    )
    assert len(SYNC_CALLS) == len(operations)
    accesses = set()
    for path, call in SYNC_CALLS:
        client.token, client.admin_token = tokens
        outcome: Any
        try:
            outcome = call(client)
        except ApiError as e:
            outcome = e
        check_outcome(path, operations[path], outcome)
        check_request(path, operations[path], sent[-1], tokens)
        accesses.add(operations[path]["access"])
    assert accesses == {"admin", "guest", "login", "optional"}
    assert len({r.headers["trace"] for r in sent}) == len(sent), "a fresh trace per call"
    http.close()


def test_every_operation_once_through_async_client(
    mock_url: str, tokens: tuple[str, str], operations: dict[str, Any]
) -> None:
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    async def main() -> None:
        http = httpx.AsyncClient(event_hooks={"request": [record]})
        async with AsyncClient(
            mock_url,
            company_id="360",
            token=tokens[0],
            admin_token=tokens[1],
            forwarded_for="203.0.113.7",
            http_client=http,
        ) as client:
            for path, call in ASYNC_CALLS:
                client.token, client.admin_token = tokens
                outcome: Any
                try:
                    outcome = await call(client)
                except ApiError as e:
                    outcome = e
                check_outcome(path, operations[path], outcome)
                check_request(path, operations[path], sent[-1], tokens)
        await http.aclose()

    asyncio.run(main())
    assert len(sent) == len(operations)


def test_every_paged_operation_iterates_through_client_and_async_client(
    mock_url: str, tokens: tuple[str, str], operations: dict[str, Any]
) -> None:
    """The mock answers its example page (all its items): the iterator yields
    them, after as many calls as the example's total asks for."""
    paged = {path for path, op in operations.items() if op["items"]}
    assert {path for path, _ in PAGED_CALLS} == paged and len(paged) == 3

    def expected(path: str) -> list[Any]:
        data = operations[path]["expect"]["data"]
        return list(data[operations[path]["items"]])

    client = Client(mock_url, company_id="360", token=tokens[0], admin_token=tokens[1])
    for path, walk in PAGED_CALLS:
        items = walk(client)
        assert isinstance(items, list) and items, path
        assert [plain(i) for i in items] == [plain(e) for e in expected(path)], path

    async def main() -> None:
        async with AsyncClient(
            mock_url, company_id="360", token=tokens[0], admin_token=tokens[1]
        ) as ac:
            for path, walk in ASYNC_PAGED_CALLS:
                items = await walk(ac)
                assert isinstance(items, list), path
                assert [plain(i) for i in items] == [plain(e) for e in expected(path)], path

    asyncio.run(main())

def test_optional_access_sends_a_token_only_when_the_client_has_one(
    mock_url: str, tokens: tuple[str, str]
) -> None:
    sent, http = recorder()
    client = Client(mock_url, company_id="360", http_client=http)
    client.third_ext.random_key()
    client.token = tokens[0]
    client.third_ext.random_key()
    assert [r.headers.get("token") for r in sent] == [None, tokens[0]]


def test_a_missing_token_fails_before_anything_is_sent(mock_url: str) -> None:
    sent, http = recorder()
    client = Client(mock_url, company_id="360", http_client=http)
    with pytest.raises(ClientError) as info:
        client.customer_web_api_service.find_customer_info()
    assert info.value.kind == "missing_token"
    with pytest.raises(ClientError) as admin:
        client.white_customer_admin_api_service.detail(type=DetailType.BASE_INFO, id="1", customer_no="1")
    assert admin.value.kind == "missing_token"
    assert "admin_token" in str(admin.value)

    async def main() -> None:
        async with AsyncClient(mock_url, company_id="360") as aclient:
            await aclient.customer_web_api_service.find_customer_info()

    with pytest.raises(ClientError, match="customer token"):
        asyncio.run(main())
    assert sent == []


def test_validation_errors_are_pointers(mock_url: str) -> None:
    client = Client(mock_url, company_id="360")
    with pytest.raises(ApiError) as info:
        client.customer_web_api_service.login(**{**LOGIN, "login_pwd": "not-an-md5"})
    e = info.value
    assert e.code == errors.BIZGEN_VALIDATION
    assert any(p == "/loginPwd" and reason for p, reason in e.violations), e.data
    assert "/loginPwd" in str(e)


def test_absent_arguments_are_not_sent(mock_url: str, tokens: tuple[str, str]) -> None:
    sent, http = recorder()
    client = Client(mock_url, company_id="360", token=tokens[0], http_client=http)
    client.customer_web_api_service.login(**LOGIN, verify_code=ABSENT, google_code=ABSENT)
    body = sent[-1].content
    assert b"verifyCode" not in body and b"googleCode" not in body
    assert b'"type":2' in body and b'"device":1' in body and b'"isThird":false' in body


def test_semantic_statuses_read_the_envelope_whatever_the_status(
    semantic_mock_url: str, tokens: tuple[str, str]
) -> None:
    client = Client(semantic_mock_url, company_id="360")
    assert client.customer_web_api_service.login(**LOGIN).token == tokens[0]
    with pytest.raises(ApiError) as info:
        client.customer_web_api_service.login(**{**LOGIN, "login_pwd": "not-an-md5"})
    assert info.value.code == errors.BIZGEN_VALIDATION and info.value.status >= 400
    client.token = "not-the-token"
    with pytest.raises(ApiError) as unauth:
        client.customer_web_api_service.find_customer_info()
    assert unauth.value.code == errors.BIZGEN_UNAUTHENTICATED and unauth.value.status == 401
