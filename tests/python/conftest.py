"""Fixtures of the Python SDK's tests, run by tests/tests/python.rs.

The Rust test starts the mock on loopback and passes:

- BIZGEN_MOCK_URL: the mock;
- BIZGEN_SEMANTIC_MOCK_URL: the mock answering errors with 4xx/5xx statuses;
- BIZGEN_TOKEN, BIZGEN_ADMIN_TOKEN: the tokens the mock accepts;
- BIZGEN_PY_OPERATIONS: per operation path, its access level and what the
  mock answers;

and puts on PYTHONPATH the package and `every_operation.py`, a typed module
that calls every operation once. The test double below answers what the mock
cannot.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from support import Double


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run these tests through `cargo test --test python`")
    return value


@pytest.fixture(scope="session")
def mock_url() -> str:
    return env("BIZGEN_MOCK_URL")


@pytest.fixture(scope="session")
def semantic_mock_url() -> str:
    return env("BIZGEN_SEMANTIC_MOCK_URL")


@pytest.fixture(scope="session")
def tokens() -> tuple[str, str]:
    return env("BIZGEN_TOKEN"), env("BIZGEN_ADMIN_TOKEN")


@pytest.fixture(scope="session")
def operations() -> dict[str, Any]:
    with open(env("BIZGEN_PY_OPERATIONS"), encoding="utf-8") as f:
        ops: dict[str, Any] = json.load(f)
    return ops


@pytest.fixture(scope="session")
def double() -> Iterator[Double]:
    d = Double()
    yield d
    d.close()
