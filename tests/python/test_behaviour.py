"""Retries, hooks, logging and raw access (issue 20's Python part), against
the test double, by the rules of the docs page "Retries, pagination and
hooks". Waits are recorded rather than slept, unless a test measures them."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from customer_api import (
    ApiError,
    AsyncClient,
    Client,
    ClientError,
    RequestInfo,
    ResponseInfo,
    RetryPolicy,
)
from customer_api.types import ClientSource, LoginType
from support import Double, envelope, error_envelope

TOKEN = "tok-3f9a27c1"
KEY = {"id": 7, "customerId": 1, "companyId": 360, "apiKey": "k", "ipLimit": False}
Answer = tuple[int, bytes, dict[str, str]]
GATEWAY_DOWN: Answer = (503, b"<html>Service Unavailable</html>", {})


def ok(data: object) -> Answer:
    return 200, json.dumps(envelope(data=data)).encode(), {}


def failed(code: str, status: int = 200) -> Answer:
    return status, json.dumps(error_envelope(code=code, msg="no", data="x")).encode(), {}


def client(
    double: Double,
    waits: list[float] | None = None,
    *,
    max_retries: int | None = None,
    on_request: Callable[[RequestInfo], None] | None = None,
    on_response: Callable[[ResponseInfo], None] | None = None,
) -> Client:
    """A client of the double. Its waits are recorded in `waits` at the
    bound of the jitter, and take no time; with `waits=None` they are real."""
    retry = None if waits is None else RetryPolicy(jitter=lambda bound: bound, sleep=waits.append)
    return Client(
        double.url,
        company_id="360",
        token=TOKEN,
        retry=retry,
        max_retries=max_retries,
        on_request=on_request,
        on_response=on_response,
    )


def script(double: Double, *answers: Answer) -> None:
    double.answer(b"")
    double.script = list(answers)


def refused_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_a_read_only_call_succeeds_on_the_third_attempt_with_one_trace(double: Double) -> None:
    script(double, GATEWAY_DOWN, GATEWAY_DOWN, ok(KEY))
    waits: list[float] = []
    answer = client(double, waits).with_response(
        lambda c: c.customer_api_web_service.query_api(id=7)
    )
    assert answer.data.id == 7 and answer.attempts == 3 and answer.status == 200
    assert len(double.requests) == 3
    traces = [headers["trace"] for _, headers, _ in double.requests]
    assert len(set(traces)) == 1, f"every attempt sends the same trace: {traces}"
    # Full jitter at its bound: 0.5 s, then 1 s.
    assert waits == [0.5, 1.0]


def test_a_write_answering_503_is_seen_once(double: Double) -> None:
    script(double, GATEWAY_DOWN, ok(None))
    with pytest.raises(ClientError) as info:
        client(double, []).customer_web_api_service.bind_email(
            verify_code="1", email="a@b.c", send_token="s"
        )
    assert info.value.kind == "status" and info.value.status == 503
    assert info.value.attempts == 1 and len(double.requests) == 1
    # A per-call budget alone does not make a write safe to repeat.
    script(double, GATEWAY_DOWN, ok(None))
    with pytest.raises(ClientError):
        client(double, []).customer_web_api_service.bind_email(
            verify_code="1", email="a@b.c", send_token="s", max_retries=3
        )
    assert len(double.requests) == 1


def test_a_write_marked_idempotent_is_retried(double: Double) -> None:
    script(double, GATEWAY_DOWN, ok(None))
    waits: list[float] = []
    client(double, waits).customer_web_api_service.bind_email(
        verify_code="1", email="a@b.c", send_token="s", idempotent=True
    )
    assert len(double.requests) == 2 and waits == [0.5]


def test_a_write_that_never_left_is_retried_and_the_error_counts_attempts() -> None:
    waits: list[float] = []
    seen: list[ResponseInfo] = []
    c = Client(
        refused_url(),
        company_id="360",
        token=TOKEN,
        retry=RetryPolicy(sleep=waits.append),
        on_response=seen.append,
    )
    with pytest.raises(ClientError) as info:
        c.customer_web_api_service.bind_email(verify_code="1", email="a@b.c", send_token="s")
    assert info.value.kind == "transport" and info.value.attempts == 3
    assert "after 3 attempts" in str(info.value)
    assert [(r.attempt, r.status, r.error is not None) for r in seen] == [
        (1, None, True),
        (2, None, True),
        (3, None, True),
    ]
    assert [r.retry_in is not None for r in seen] == [True, True, False] and len(waits) == 2


def test_status_decides_an_envelope_on_503_is_retried(double: Double) -> None:
    script(double, failed("BIZGEN_INTERNAL", 503), ok(KEY))
    assert client(double, []).customer_api_web_service.query_api(id=7).id == 7
    assert len(double.requests) == 2
    # The last attempt's envelope is the error, with its status and attempts.
    script(double, *[failed("BIZGEN_INTERNAL", 503)] * 3)
    with pytest.raises(ApiError) as info:
        client(double, []).customer_api_web_service.query_api(id=7)
    assert info.value.code == "BIZGEN_INTERNAL" and info.value.status == 503
    assert info.value.attempts == 3 and "after 3 attempts" in str(info.value)


def test_an_error_envelope_on_200_ends_the_call_and_counts_attempts(double: Double) -> None:
    script(double, failed("BIZGEN_INTERNAL"), ok(KEY))
    with pytest.raises(ApiError) as once:
        client(double, []).customer_api_web_service.query_api(id=7)
    assert once.value.attempts == 1 and len(double.requests) == 1
    script(double, GATEWAY_DOWN, failed("BIZGEN_INTERNAL"), ok(KEY))
    with pytest.raises(ApiError) as after_retry:
        client(double, []).customer_api_web_service.query_api(id=7)
    assert after_retry.value.attempts == 2 and len(double.requests) == 2


def test_retry_after_is_waited_for(double: Double) -> None:
    script(double, (429, b"slow down", {"Retry-After": "1"}), ok(KEY))
    start = time.monotonic()
    client(double).customer_api_web_service.query_api(id=7)
    assert time.monotonic() - start >= 0.9
    assert len(double.requests) == 2


def test_retry_after_replaces_the_backoff_up_to_the_cap(double: Double) -> None:
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=5), usegmt=True)
    script(
        double,
        (503, b"", {"Retry-After": "60"}),
        (503, b"", {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
        ok(KEY),
    )
    waits: list[float] = []
    client(double, waits, max_retries=3).customer_api_web_service.query_api(id=7)
    assert waits == [8.0, 0.0], "capped at 8 s; a date in the past: no wait"
    script(double, (503, b"", {"Retry-After": later}), ok(KEY))
    waits.clear()
    client(double, waits).customer_api_web_service.query_api(id=7)
    assert 3.0 < waits[0] <= 5.0, waits
    # An unreadable value falls back to the backoff.
    script(double, (503, b"", {"Retry-After": "soon"}), ok(KEY))
    waits.clear()
    client(double, waits).customer_api_web_service.query_api(id=7)
    assert waits == [0.5]


def test_the_backoff_doubles_from_half_a_second_up_to_eight() -> None:
    policy = RetryPolicy()
    assert [policy.backoff_bound(n) for n in range(1, 8)] == [0.5, 1, 2, 4, 8, 8, 8]
    assert policy.backoff_bound(10_000) == 8.0
    for n in range(1, 50):
        assert 0.0 <= policy.delay(n % 6 + 1, None) <= policy.backoff_bound(n % 6 + 1)


def test_max_retries_zero_makes_one_attempt(double: Double) -> None:
    script(double, GATEWAY_DOWN, ok(KEY))
    with pytest.raises(ClientError) as once:
        client(double, [], max_retries=0).customer_api_web_service.query_api(id=7)
    assert once.value.attempts == 1 and len(double.requests) == 1
    script(double, GATEWAY_DOWN, ok(KEY))
    with pytest.raises(ClientError):
        client(double, []).customer_api_web_service.query_api(id=7, max_retries=0)
    assert len(double.requests) == 1
    # Per call, more than the client's.
    script(double, GATEWAY_DOWN, GATEWAY_DOWN)
    with pytest.raises(ClientError) as twice:
        client(double, [], max_retries=0).customer_api_web_service.query_api(id=7, max_retries=1)
    assert twice.value.attempts == 2 and "after 2 attempts" in str(twice.value)


def test_nothing_sent_counts_no_attempt(double: Double) -> None:
    double.answer(envelope(data=KEY))
    with pytest.raises(ClientError) as info:
        Client(double.url, company_id="360").customer_api_web_service.query_api(id=7)
    assert info.value.kind == "missing_token" and info.value.attempts == 0
    assert not double.requests


def test_hooks_see_every_attempt_with_the_token_masked(double: Double) -> None:
    script(double, GATEWAY_DOWN, ok(KEY))
    requests: list[RequestInfo] = []
    responses: list[ResponseInfo] = []
    c = client(double, [], on_request=requests.append, on_response=responses.append)
    c.customer_api_web_service.query_api(id=7, trace="t-hook")
    assert [r.attempt for r in requests] == [1, 2]
    for r in requests:
        assert r.operation == "queryApi" and r.trace == "t-hook"
        assert r.biz_type == "customer.app.CustomerApiWebService.queryApi"
        assert r.path.endswith("/customer.app.CustomerApiWebService.queryApi")
        assert r.headers["token"] == "<redacted>" and TOKEN not in repr(r)
    assert [(r.attempt, r.status, r.code) for r in responses] == [(1, 503, None), (2, 200, "0")]
    assert [r.retry_in for r in responses] == [0.5, None]
    assert all(r.elapsed >= 0 and r.error is None and r.trace == "t-hook" for r in responses)
    # The sent header has the real token.
    assert all(headers["token"] == TOKEN for _, headers, _ in double.requests)


def test_log_lines_never_hold_a_token_or_a_sensitive_field(
    double: Double, caplog: pytest.LogCaptureFixture
) -> None:
    double.answer(envelope(data={"token": "new-secret-token", "rToken": "refresh-secret"}))
    with caplog.at_level(logging.DEBUG, logger="customer_api"):
        c = client(double, [])
        c.customer_web_api_service.login(
            type=LoginType.PHONE,
            device=ClientSource.H5,
            login_name="13429837442",
            phone_area="+86",
            is_third=False,
            login_pwd="dc483e80a7a0bd9ef71d8cf973673924",
        )
        c.customer_web_api_service.find_customer_info()
        script(double, GATEWAY_DOWN, ok(KEY))
        c.customer_api_web_service.query_api(id=7)
    text = caplog.text
    assert "customer.app.CustomerWebApiService.login: sending attempt 1" in text
    assert "'loginName': '13429837442'" in text and "'loginPwd': '<redacted>'" in text
    assert "queryApi: answered attempt 1" in text and "HTTP 503" in text and "retry in" in text
    for secret in [TOKEN, "new-secret-token", "refresh-secret", "dc483e80a7a0bd9e"]:
        assert secret not in text, secret
    # The fields, for structured handlers, are on the records too.
    records = [r for r in caplog.records if r.name == "customer_api"]
    assert records and all(hasattr(r, "trace") and hasattr(r, "attempt") for r in records)
    for record in records:
        assert TOKEN not in repr(vars(record)) and "dc483e80" not in repr(vars(record))


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


def test_the_async_client_follows_the_same_rules(double: Double) -> None:
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    policy = RetryPolicy(jitter=lambda bound: bound, async_sleep=record)

    async def main() -> None:
        async with AsyncClient(double.url, company_id="360", token="t", retry=policy) as ac:
            script(double, GATEWAY_DOWN, GATEWAY_DOWN, ok(KEY))
            assert (await ac.customer_api_web_service.query_api(id=7)).id == 7
            assert len(double.requests) == 3
            script(double, GATEWAY_DOWN, ok(None))
            with pytest.raises(ClientError) as write:
                await ac.customer_web_api_service.bind_email(
                    verify_code="1", email="a@b.c", send_token="s"
                )
            assert write.value.kind == "status" and len(double.requests) == 1
            script(double, GATEWAY_DOWN, ok(None))
            await ac.customer_web_api_service.bind_email(
                verify_code="1", email="a@b.c", send_token="s", idempotent=True
            )
            assert len(double.requests) == 2

    asyncio.run(main())
    assert waits == [0.5, 1.0, 0.5]
