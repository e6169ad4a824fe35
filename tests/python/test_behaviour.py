"""Retries, hooks, logging and raw access (issue 20's Python part), against
the test double."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable

import pytest
from customer_api import (
    ApiError,
    AsyncClient,
    Client,
    ClientError,
    RequestInfo,
    ResponseInfo,
)
from customer_api.types import ClientSource, LoginType
from support import Double, envelope, error_envelope

KEY = {"id": 7, "customerId": 1, "companyId": 360, "apiKey": "k", "ipLimit": False}
GATEWAY_DOWN = (503, b"<html>Service Unavailable</html>", {})


def ok(data: object) -> tuple[int, bytes, dict[str, str]]:
    return 200, json.dumps(envelope(data=data)).encode(), {}


def client(
    double: Double,
    *,
    max_retries: int | None = None,
    on_request: Callable[[RequestInfo], None] | None = None,
    on_response: Callable[[ResponseInfo], None] | None = None,
) -> Client:
    return Client(
        double.url,
        company_id="360",
        token="secret-token",
        max_retries=max_retries,
        on_request=on_request,
        on_response=on_response,
    )


def test_a_read_only_operation_is_retried_with_the_same_trace(double: Double) -> None:
    double.answer(b"")
    double.script = [GATEWAY_DOWN, GATEWAY_DOWN, ok(KEY)]
    key = client(double).customer_api_web_service.query_api(id=7)
    assert key.id == 7
    assert len(double.requests) == 3
    traces = {headers["trace"] for _, headers, _ in double.requests}
    assert len(traces) == 1, "every attempt sends the same trace"


def test_a_write_operation_is_not_retried(double: Double) -> None:
    double.answer(b"")
    double.script = [GATEWAY_DOWN, ok(None)]
    with pytest.raises(ClientError) as info:
        client(double).customer_web_api_service.bind_email(
            verify_code="1", email="a@b.c", send_token="s"
        )
    assert info.value.status == 503 and info.value.attempts == 1
    assert len(double.requests) == 1


def test_a_write_operation_is_retried_when_the_call_opts_in(double: Double) -> None:
    double.answer(b"")
    double.script = [GATEWAY_DOWN, ok(None)]
    client(double).customer_web_api_service.bind_email(
        verify_code="1", email="a@b.c", send_token="s", max_retries=1
    )
    assert len(double.requests) == 2


def test_an_envelope_is_never_retried(double: Double) -> None:
    double.answer(b"")
    body = json.dumps(error_envelope(code="BIZGEN_INTERNAL", msg="boom", data="x")).encode()
    double.script = [(503, body, {}), ok(KEY)]
    with pytest.raises(ApiError):
        client(double).customer_api_web_service.query_api(id=7)
    assert len(double.requests) == 1


def test_retry_after_is_waited_for(double: Double) -> None:
    double.answer(b"")
    double.script = [(429, b"slow down", {"Retry-After": "1"}), ok(KEY)]
    start = time.monotonic()
    client(double).customer_api_web_service.query_api(id=7)
    assert time.monotonic() - start >= 0.9
    assert len(double.requests) == 2


def test_max_retries_zero_makes_one_attempt_and_the_error_counts_attempts(
    double: Double,
) -> None:
    double.answer(b"")
    double.script = [GATEWAY_DOWN]
    with pytest.raises(ClientError) as once:
        client(double, max_retries=0).customer_api_web_service.query_api(id=7)
    assert once.value.attempts == 1 and len(double.requests) == 1
    double.answer(b"")
    double.script = [GATEWAY_DOWN, GATEWAY_DOWN]
    with pytest.raises(ClientError) as twice:
        client(double, max_retries=0).customer_api_web_service.query_api(id=7, max_retries=1)
    assert twice.value.attempts == 2 and "after 2 attempts" in str(twice.value)


def test_hooks_see_every_attempt_with_the_token_masked(double: Double) -> None:
    double.answer(b"")
    double.script = [GATEWAY_DOWN, ok(KEY)]
    requests: list[RequestInfo] = []
    responses: list[ResponseInfo] = []
    c = client(double, on_request=requests.append, on_response=responses.append)
    c.customer_api_web_service.query_api(id=7, trace="t-hook")
    assert [r.attempt for r in requests] == [1, 2]
    assert all(r.operation == "queryApi" and r.trace == "t-hook" for r in requests)
    assert all(r.headers["token"] == "<redacted>" for r in requests)
    assert [(r.status, r.code) for r in responses] == [(503, None), (200, "0")]
    assert all(r.elapsed >= 0 for r in responses)


def test_log_lines_never_hold_a_token_or_a_sensitive_field(
    double: Double, caplog: pytest.LogCaptureFixture
) -> None:
    double.answer(envelope(data={"token": "new-secret-token", "rToken": "refresh-secret"}))
    with caplog.at_level(logging.DEBUG, logger="customer_api"):
        c = client(double)
        c.customer_web_api_service.login(
            type=LoginType.PHONE,
            device=ClientSource.H5,
            login_name="13429837442",
            is_third=False,
            login_pwd="dc483e80a7a0bd9ef71d8cf973673924",
        )
        c.customer_web_api_service.find_customer_info()
    text = caplog.text
    assert "customer.app.CustomerWebApiService.login" in text and "attempt 1" in text
    for secret in ["secret-token", "new-secret-token", "refresh-secret", "dc483e80a7a0bd9e"]:
        assert secret not in text, secret


def test_raw_access_gives_status_headers_and_the_envelope(double: Double) -> None:
    big = 9007199254740993
    double.answer(envelope(data=KEY, tm=big, trace="t-raw", bizCode="US"))
    answer = client(double).with_response(lambda c: c.customer_api_web_service.query_api(id=7))
    assert answer.status == 200 and answer.headers["content-type"] == "application/json"
    assert answer.tm == big and answer.trace == "t-raw" and answer.biz_code == "US"
    assert answer.data.id == 7 and answer.attempts == 1

    async def main() -> None:
        async with AsyncClient(double.url, company_id="360", token="t") as ac:
            raw = await ac.with_response(lambda c: c.customer_api_web_service.query_api(id=7))
            assert raw.tm == big and raw.data.api_key == "k"

    asyncio.run(main())


def test_the_async_client_retries_too(double: Double) -> None:
    double.answer(b"")
    double.script = [GATEWAY_DOWN, ok(KEY)]

    async def main() -> None:
        async with AsyncClient(double.url, company_id="360", token="t") as ac:
            assert (await ac.customer_api_web_service.query_api(id=7)).id == 7

    asyncio.run(main())
    assert len(double.requests) == 2
