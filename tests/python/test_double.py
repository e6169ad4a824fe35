"""The SDK against a test double, for what the mock cannot produce: int64
beyond 2^53, `tm` as a big number, unknown fields and enum codes, error
envelopes with string `data`, semantic statuses, a 502 HTML page, broken
bodies, timeouts and refused connections."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Callable
from decimal import Decimal

import pytest
from customer_api import ApiError, AsyncClient, Client, ClientError, RetryPolicy, errors
from customer_api.types import (
    Account,
    ClientSource,
    DetailType,
    LoginResult,
    LoginType,
    OpenAccountType,
)
from support import Double, envelope, error_envelope

BIG = 9007199254740993  # 2^53 + 1: a float would make it ...992
NO_WAIT = RetryPolicy(sleep=lambda seconds: None)  # retries, without the waits


def client(
    double: Double, *, lang: str = "en-US", version: str | None = None, timeout: float | None = None
) -> Client:
    return Client(
        double.url,
        company_id="360",
        token="tok",
        admin_token="adm",
        lang=lang,
        version=version,
        timeout=timeout,
        retry=NO_WAIT,
    )


def login(c: Client) -> LoginResult:
    return c.customer_web_api_service.login(
        type=LoginType.PHONE,
        device=ClientSource.H5,
        login_name="13429837442",
        phone_area="+86",
        is_third=False,
        login_pwd="dc483e80a7a0bd9ef71d8cf973673924",
    )


def test_int64_beyond_2_53_both_ways_and_tm_as_a_big_number(double: Double) -> None:
    raw = (
        f'{{"code":"0","msg":"Success","trace":"t","tm":{BIG},"ok":true,"fail":false,'
        f'"data":{{"id":{BIG},"customerId":-{BIG},"companyId":360,"apiKey":"k",'
        '"ipLimit":false,"updateTime":1654081061854}}'
    )
    double.answer(raw.encode())
    key = client(double).customer_api_web_service.query_api(id=BIG)
    assert f'"id":{BIG}'.encode() in double.last[2]
    assert key.id == BIG and key.customer_id == -BIG and key.company_id == 360
    assert key.update_time == 1654081061854
    assert float(BIG) != BIG, "a float would have lost it"


def test_an_error_envelope_whose_data_is_a_string(double: Double) -> None:
    double.answer(
        error_envelope(
            code="CUSTOMER_API_0000511",
            msg="Verification code is not correct",
            data="customer.app.CustomerWebApiService.bindEmail",
            trace="t-err",
        )
    )
    with pytest.raises(ApiError) as info:
        client(double).customer_web_api_service.bind_email(
            verify_code="1", email="a@b.c", send_token="s"
        )
    e = info.value
    assert e.code == errors.CUSTOMER_API_0000511
    assert e.msg == "Verification code is not correct"
    assert e.data == "customer.app.CustomerWebApiService.bindEmail"
    assert e.msg_params is None and e.trace == "t-err" and e.status == 200
    assert e.violations == [] and e.biz_type.endswith("bindEmail")


def test_validation_pointers_on_a_semantic_status(double: Double) -> None:
    violations = [
        {"pointer": "/loginName", "reason": "required field is missing"},
        {"pointer": "/headers/companyId", "reason": "required header is missing"},
    ]
    double.answer(
        error_envelope(code="BIZGEN_VALIDATION", msg="Request validation failed", data=violations),
        status=400,
    )
    with pytest.raises(ApiError) as info:
        login(client(double))
    assert info.value.status == 400
    assert info.value.violations == [
        ("/loginName", "required field is missing"),
        ("/headers/companyId", "required header is missing"),
    ]
    assert info.value.violations[0].pointer == "/loginName"


def test_unknown_fields_and_an_unknown_enum_code_are_kept(double: Double) -> None:
    double.answer(
        envelope(
            data={
                "id": 1176,
                "registerSource": 99,
                "openAccountType": 42,
                "brandNewField": {"nested": [1, 2]},
                "token": "tok-2",
                "phone": None,
            }
        )
    )
    c = client(double)
    result = login(c)
    assert result.register_source == 99 and result.register_source is not None
    assert not result.register_source.is_known
    assert isinstance(result.register_source, ClientSource)
    assert result.open_account_type == OpenAccountType(42)
    assert result.unknown_fields == {"brandNewField": {"nested": [1, 2]}}
    assert result.phone is None and result.id == 1176
    assert c.token == "tok-2", "login stores the token it returned"
    assert ClientSource.H5.is_known


def test_null_in_an_optional_field_reads_as_none(double: Double) -> None:
    double.answer(envelope(data={"accountId": 1031717, "currency": None, "balance": "12.50"}))
    account = client(double).customer_web_api_service.query_account_by_id(account_id=1031717)
    assert isinstance(account, Account)
    assert account.account_id == 1031717 and account.currency is None
    assert "currency" not in account.to_dict()
    assert account.balance == Decimal("12.50") and account.to_dict()["balance"] == "12.50"


def test_headers(double: Double) -> None:
    double.answer(envelope(data=None))
    client(double, lang="zh-CN").customer_web_api_service.bind_email(
        verify_code="1", email="a@b.c", send_token="s", trace="t-given", headers={"X-Extra": "1"}
    )
    h = double.last[1]
    assert h["version"] == "0.0.1" and h["companyid"] == "360" and h["lang"] == "zh-CN"
    assert h["trace"] == "t-given" and h["token"] == "tok" and h["x-extra"] == "1"
    assert h["content-type"] == "application/json"
    body = json.loads(double.last[2])
    assert body == {"verifyCode": "1", "email": "a@b.c", "sendToken": "s"}
    client(double, version="9.9.9").customer_web_api_service.bind_email(
        verify_code="1", email="a@b.c", send_token="s", headers={"lang": "en-GB"}
    )
    assert double.last[1]["version"] == "9.9.9" and double.last[1]["lang"] == "en-GB"


def test_admin_operations_send_the_admin_token(double: Double) -> None:
    double.answer(envelope(data=None))
    c = client(double)
    for path, call in ADMIN_CALLS:
        try:
            call(c)
        except ClientError as e:
            assert e.kind == "decode", e
        assert double.last[0] == path
        assert double.last[1]["token"] == "adm"


def test_decode_failures_say_where(double: Double) -> None:
    double.answer(envelope(data={"id": "fourteen"}))
    with pytest.raises(ClientError) as info:
        client(double).customer_api_web_service.query_api(id=14)
    assert info.value.kind == "decode" and "/data/id" in str(info.value)
    double.answer(b"<html>Bad gateway</html>", status=502)
    with pytest.raises(ClientError) as page:
        client(double).customer_api_web_service.query_api(id=14, max_retries=0)
    assert page.value.kind == "status" and page.value.status == 502
    assert page.value.body == "<html>Bad gateway</html>"
    double.answer(b'{"code":"0","ok":true,"data":{"id":1')
    with pytest.raises(ClientError, match="not JSON"):
        client(double).customer_api_web_service.query_api(id=14)


def test_timeout_and_refused_connections(double: Double) -> None:
    double.hang = True
    with pytest.raises(ClientError) as info:
        client(double, timeout=0.2).customer_web_api_service.find_customer_info()
    assert info.value.kind == "timeout" and info.value.attempts == 3, "a read-only call"
    with pytest.raises(ClientError) as per_call:
        client(double).customer_web_api_service.find_customer_info(timeout=0.2)
    assert per_call.value.kind == "timeout"
    double.hang = False
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    refused = Client(f"http://127.0.0.1:{port}", company_id="360", token="t", retry=NO_WAIT)
    with pytest.raises(ClientError) as transport:
        refused.customer_web_api_service.find_customer_info()
    assert transport.value.kind == "transport" and transport.value.attempts == 3


def test_async_client_against_the_double(double: Double) -> None:
    double.answer(error_envelope(code="CUSTOMER_API_0000133", msg="set", data="x"))

    async def main() -> None:
        async with AsyncClient(double.url, company_id="360", token="tok") as c:
            with pytest.raises(ApiError) as info:
                await c.customer_web_api_service.find_customer_info()
            assert info.value.code == errors.CUSTOMER_API_0000133

    asyncio.run(main())


ADMIN_CALLS: list[tuple[str, Callable[[Client], object]]] = [
    (
        "/openapi-b/customer.admin.WhiteCustomerAdminApiService.detail",
        lambda c: c.white_customer_admin_api_service.detail(
            type=DetailType.BASE_INFO, id="1", customer_no="1"
        ),
    ),
]
