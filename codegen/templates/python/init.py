{{ header }}
{{ doc }}

from . import errors, types
from ._client import AsyncClient, Client
from ._runtime.attempts import Response
from ._runtime.errors import ApiError, ClientError, ClientErrorKind, Violation
from ._runtime.hooks import RequestInfo, ResponseInfo
from ._runtime.model import ABSENT, Absent
from ._runtime.retry import RetryPolicy

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
