{{ header }}
{{ doc }}

from . import errors, types
from ._client import AsyncClient, Client
from ._runtime.attempts import RequestInfo, Response, ResponseInfo, RetryPolicy
from ._runtime.errors import ApiError, ClientError, ClientErrorKind, Violation
from ._runtime.model import ABSENT, Absent

__version__ = {{ version }}

__all__ = [
    "ABSENT",
    "Absent",
    "ApiError",
    "AsyncClient",
    "Client",
    "ClientError",
    "ClientErrorKind",
    "RequestInfo",
    "Response",
    "ResponseInfo",
    "RetryPolicy",
    "Violation",
    "errors",
    "types",
]
