"""Schemathesis hooks for bizgen's OpenAPI exports: how to generate the
spec's own string formats that no regular expression can state. bizgen
servers check them, so a fuzzer that sends arbitrary text for them would
only see its "valid" requests rejected. Loaded with
SCHEMATHESIS_HOOKS=schemathesis_hooks (this folder on PYTHONPATH)."""

import json

import schemathesis
from hypothesis import strategies as st


# Named functions, not lambdas: Hypothesis parses a lambda's source to
# describe it, and CPython 3.11's parser is not safe across the threads of
# `--workers 2`.
def _containers(inner):
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)


def _text_of(value):
    return json.dumps(value)


# `json-text`: a string that itself holds JSON (`thirdIntactMsg`).
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    _containers,
    max_leaves=6,
)
schemathesis.openapi.format("json-text", _JSON.map(_text_of))
