"""`page_all` over a paged operation (the spec's `paginate:`), against the
test double: lazy, in order, by the rules of the docs page "Retries,
pagination and hooks"; sync and async."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from customer_api import ApiError, AsyncClient, Client, ClientError, RetryPolicy
from customer_api.types import ApiKey
from support import Double, envelope, error_envelope

Answer = tuple[int, bytes, dict[str, str]]
GATEWAY_DOWN: Answer = (503, b"<html>Service Unavailable</html>", {})


def key(n: int) -> dict[str, Any]:
    return {"id": n, "customerId": 1, "companyId": 360, "apiKey": f"k{n}", "ipLimit": False}


def page(first: int, count: int, total: int | None, size: int = 10) -> Answer:
    data: dict[str, Any] = {"records": [key(n) for n in range(first, first + count)], "size": size}
    if total is not None:
        data["total"] = total
    return 200, json.dumps(envelope(data=data)).encode(), {}


def client(double: Double) -> Client:
    # Retries wait nothing.
    return Client(double.url, company_id="360", token="t", retry=RetryPolicy(sleep=lambda s: None))


async def no_wait(seconds: float) -> None:
    pass


def async_client(double: Double) -> AsyncClient:
    return AsyncClient(
        double.url, company_id="360", token="t", retry=RetryPolicy(async_sleep=no_wait)
    )


def asked(double: Double) -> list[dict[str, Any]]:
    """The request bodies the double got."""
    return [json.loads(body) for _, _, body in double.requests]


def serve(double: Double, *answers: Answer) -> None:
    double.answer(b"")
    double.script = list(answers)


def test_three_pages_yield_25_items_in_order_with_3_requests(double: Double) -> None:
    serve(double, page(1, 10, 25), page(11, 10, 25), page(21, 5, 25))
    items = client(double).customer_api_web_service.page_all(size=10, tag="x")
    assert not double.requests, "nothing is sent before the first item is asked for"
    first = next(items)
    assert isinstance(first, ApiKey) and first.id == 1 and len(double.requests) == 1
    rest = list(items)
    assert [k.id for k in [first, *rest]] == list(range(1, 26))
    assert [(b["current"], b["size"], b["tag"]) for b in asked(double)] == [
        (1, 10, "x"),
        (2, 10, "x"),
        (3, 10, "x"),
    ]


def test_a_failing_page_raises_after_the_items_before_it(double: Double) -> None:
    # Page 2 answers 503 on every attempt: retried, then the iterator's error.
    serve(double, page(1, 10, 25), GATEWAY_DOWN, GATEWAY_DOWN, GATEWAY_DOWN, page(11, 10, 25))
    got: list[int] = []
    with pytest.raises(ClientError) as info:
        for k in client(double).customer_api_web_service.page_all(size=10):
            got.append(k.id or 0)
    assert got == list(range(1, 11))
    assert info.value.kind == "status" and info.value.attempts == 3
    assert [b["current"] for b in asked(double)] == [1, 2, 2, 2]


def test_the_async_iterator_is_the_same(double: Double) -> None:
    async def main() -> None:
        async with async_client(double) as ac:
            serve(double, page(1, 10, 25), page(11, 10, 25), page(21, 5, 25))
            items = ac.customer_api_web_service.page_all(size=10)
            assert not double.requests
            ids = [k.id async for k in items]
            assert ids == list(range(1, 26)) and len(double.requests) == 3
            refused = json.dumps(error_envelope(code="BIZGEN_INTERNAL", msg="no")).encode()
            serve(double, page(1, 10, 25), (200, refused, {}))
            got: list[int] = []
            with pytest.raises(ApiError) as info:
                async for k in ac.customer_api_web_service.page_all(size=10):
                    got.append(k.id or 0)
            assert got == list(range(1, 11)) and info.value.code == "BIZGEN_INTERNAL"
            assert len(double.requests) == 2, "an error envelope is not retried"

    asyncio.run(main())


def test_without_a_total_it_stops_at_a_short_page(double: Double) -> None:
    serve(double, page(1, 10, None), page(11, 3, None))
    ids = [k.id for k in client(double).customer_api_web_service.page_all(size=10)]
    assert ids == list(range(1, 14)) and len(double.requests) == 2


def test_the_size_unset_is_the_first_pages_length(double: Double) -> None:
    serve(double, page(1, 4, None, size=4), page(5, 4, None, size=4), page(9, 0, None))
    ids = [k.id for k in client(double).customer_api_web_service.page_all()]
    assert ids == list(range(1, 9)) and len(double.requests) == 3
    assert "size" not in asked(double)[0], "an unset size is not sent"


def test_it_starts_at_the_given_page_and_counts_the_pages_before(double: Double) -> None:
    serve(double, page(11, 10, 25), page(21, 5, 25))
    ids = [k.id for k in client(double).customer_api_web_service.page_all(size=10, current=2)]
    assert ids == list(range(11, 26))
    assert [b["current"] for b in asked(double)] == [2, 3]


def test_an_empty_page_ends_even_below_the_total(double: Double) -> None:
    serve(double, page(1, 10, 50), page(11, 0, 50))
    ids = [k.id for k in client(double).customer_api_web_service.page_all(size=10)]
    assert ids == list(range(1, 11)) and len(double.requests) == 2


def test_the_one_page_method_stays_as_it_is(double: Double) -> None:
    serve(double, page(1, 10, 25))
    one = client(double).customer_api_web_service.page(size=10, current=1)
    assert one.total == 25 and one.records is not None and len(one.records) == 10
    assert len(double.requests) == 1
