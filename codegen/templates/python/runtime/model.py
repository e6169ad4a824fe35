{{ header }}
{% raw %}"""What the generated types are built on.

- :data:`ABSENT`: a field left out, which is not ``None`` (JSON ``null``);
- :class:`Model`: the base of the generated dataclasses: wire names, unknown
  fields kept, sensitive fields masked in ``repr``;
- :class:`OpenIntEnum`, :class:`OpenStrEnum`: enums that keep codes this
  version does not know;
- codecs: read JSON values into those types, with the JSON pointer of
  whatever does not match.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar, cast

if TYPE_CHECKING:
    from typing_extensions import Self

T = TypeVar("T")
M = TypeVar("M", bound="Model")
E = TypeVar("E", bound=enum.Enum)

REDACTED: Final = "<redacted>"


class Absent(enum.Enum):
    """The type of :data:`ABSENT`."""

    ABSENT = "ABSENT"

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT: Final = Absent.ABSENT
"""A field left out of a request: not sent at all, unlike ``None``, which sends ``null``."""


class ShapeError(Exception):
    """A JSON value does not have the shape the spec gives it."""

    def __init__(self, expected: str, value: object) -> None:
        super().__init__(expected)
        self.expected = expected
        self.found = _describe(value)
        self.path: list[str] = []

    def pointer(self, root: str) -> str:
        """The JSON pointer of the value, below ``root``."""
        segments = "".join(
            "/" + s.replace("~", "~0").replace("/", "~1") for s in reversed(self.path)
        )
        return root + segments

    def explain(self, root: str) -> str:
        """``/data/id: expected an int64, found a string``."""
        return f"{self.pointer(root)}: expected {self.expected}, found {self.found}"


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class Codec(Generic[T]):
    """Reads one JSON value (as :func:`json.loads` gives it) into a Python value."""

    __slots__ = ()

    def decode(self, value: object) -> T:
        raise NotImplementedError


class _Str(Codec[str]):
    __slots__ = ()

    def decode(self, value: object) -> str:
        if isinstance(value, str):
            return value
        raise ShapeError("a string", value)


class _Int(Codec[int]):
    __slots__ = ("high", "low", "what")

    def __init__(self, bits: int, what: str) -> None:
        self.low = -(1 << (bits - 1))
        self.high = (1 << (bits - 1)) - 1
        self.what = what

    def decode(self, value: object) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            if self.low <= value <= self.high:
                return value
            raise ShapeError(f"{self.what} (within {self.low}..{self.high})", value)
        raise ShapeError(self.what, value)


class _Bool(Codec[bool]):
    __slots__ = ()

    def decode(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        raise ShapeError("a boolean", value)


class _Decimal(Codec[Decimal]):
    __slots__ = ()

    def decode(self, value: object) -> Decimal:
        if isinstance(value, str) and value == value.strip():
            try:
                number = Decimal(value)
            except InvalidOperation:
                pass
            else:
                if number.is_finite():
                    return number
        raise ShapeError('a decimal number in a string (such as "12.50")', value)


class _Json(Codec[Any]):
    __slots__ = ()

    def decode(self, value: object) -> Any:
        return value


class _Nothing(Codec[None]):
    """``data`` of an operation that returns nothing: ``null``, ``{}`` or anything else."""

    __slots__ = ()

    def decode(self, value: object) -> None:
        return None


class _Nullable(Codec[Any]):
    __slots__ = ("inner",)

    def __init__(self, inner: Codec[Any]) -> None:
        self.inner = inner

    def decode(self, value: object) -> Any:
        return None if value is None else self.inner.decode(value)


def nullable(inner: Codec[T]) -> Codec[T | None]:
    """``null`` or the inner shape."""
    return _Nullable(inner)


class ListOf(Codec[list[T]]):
    """A JSON array of the inner shape."""

    __slots__ = ("item",)

    def __init__(self, item: Codec[T]) -> None:
        self.item = item

    def decode(self, value: object) -> list[T]:
        if not isinstance(value, list):
            raise ShapeError("an array", value)
        decode = self.item.decode
        out: list[T] = []
        for index, element in enumerate(value):
            try:
                out.append(decode(element))
            except ShapeError as e:
                e.path.append(str(index))
                raise
        return out


class MapOf(Codec[dict[str, T]]):
    """A JSON object with values of the inner shape."""

    __slots__ = ("value",)

    def __init__(self, value: Codec[T]) -> None:
        self.value = value

    def decode(self, value: object) -> dict[str, T]:
        if not isinstance(value, dict):
            raise ShapeError("an object", value)
        decode = self.value.decode
        out: dict[str, T] = {}
        for key, element in value.items():
            try:
                out[key] = decode(element)
            except ShapeError as e:
                e.path.append(key)
                raise
        return out


class EnumOf(Codec[E]):
    """A code of an :class:`OpenIntEnum` or :class:`OpenStrEnum`; unknown codes are kept."""

    __slots__ = ("enum", "int_codes")

    def __init__(self, enum_type: type[E]) -> None:
        self.enum = enum_type
        self.int_codes = issubclass(enum_type, int)

    def decode(self, value: object) -> E:
        if self.int_codes:
            if not isinstance(value, int) or isinstance(value, bool):
                raise ShapeError(f"an integer code of {self.enum.__name__}", value)
        elif not isinstance(value, str):
            raise ShapeError(f"a string code of {self.enum.__name__}", value)
        return self.enum(value)


class ModelOf(Codec[M]):
    """An object of a generated type."""

    __slots__ = ("model",)

    def __init__(self, model: type[M]) -> None:
        self.model = model

    def decode(self, value: object) -> M:
        return self.model._decode(value)


STRING: Final[Codec[str]] = _Str()
INT32: Final[Codec[int]] = _Int(32, "an int32")
INT64: Final[Codec[int]] = _Int(64, "an int64")
TIMESTAMP: Final[Codec[int]] = _Int(64, "a timestamp (epoch milliseconds)")
BOOL: Final[Codec[bool]] = _Bool()
DECIMAL: Final[Codec[Decimal]] = _Decimal()
JSON: Final[Codec[Any]] = _Json()
NOTHING: Final[Codec[None]] = _Nothing()


class Field:
    """How one attribute of a :class:`Model` is written on the wire."""

    __slots__ = ("attr", "codec", "keeps_absent", "nullable", "required", "sensitive", "wire")

    def __init__(
        self,
        attr: str,
        wire: str,
        codec: Codec[Any],
        *,
        required: bool = False,
        nullable: bool = False,
        sensitive: bool = False,
        keeps_absent: bool = False,
    ) -> None:
        self.attr = attr
        self.wire = wire
        self.codec = codec
        self.required = required
        self.nullable = nullable
        self.sensitive = sensitive
        # An optional, nullable field of a type sent in requests: absent
        # reads as ABSENT, so that it can be told from null.
        self.keeps_absent = keeps_absent


_MISSING: Final = object()


class _Layout:
    __slots__ = ("fields", "wire_names")

    def __init__(self, fields: tuple[Field, ...]) -> None:
        self.fields = fields
        self.wire_names = frozenset(f.wire for f in fields)


_LAYOUTS: dict[type, _Layout] = {}


class Model:
    """The base of every generated type (a dataclass).

    Attributes have Python names; :meth:`to_dict` and :meth:`from_dict` use
    the wire names. Fields the server sent that this version does not know
    are kept in :attr:`unknown_fields`.
    """

    @staticmethod
    def _wire_fields() -> tuple[Field, ...]:
        """The fields in spec order (generated per type)."""
        return ()

    @classmethod
    def _layout(cls) -> _Layout:
        layout = _LAYOUTS.get(cls)
        if layout is None:
            layout = _LAYOUTS[cls] = _Layout(cls._wire_fields())
        return layout

    @classmethod
    def _decode(cls, value: object) -> Self:
        if not isinstance(value, dict):
            raise ShapeError(f"an object ({cls.__name__})", value)
        layout = cls._layout()
        self = cls.__new__(cls)
        attrs = self.__dict__
        for f in layout.fields:
            raw = value.get(f.wire, _MISSING)
            if raw is None or raw is _MISSING:
                if f.required and (raw is _MISSING or not f.nullable):
                    error = ShapeError("a value" if raw is _MISSING else "not null", raw)
                    if raw is _MISSING:
                        error.found = "nothing"
                    error.path.append(f.wire)
                    raise error
                attrs[f.attr] = ABSENT if raw is _MISSING and f.keeps_absent else None
                continue
            try:
                attrs[f.attr] = f.codec.decode(raw)
            except ShapeError as e:
                e.path.append(f.wire)
                raise
        if len(value) > len(layout.fields) or any(k not in layout.wire_names for k in value):
            unknown = {k: v for k, v in value.items() if k not in layout.wire_names}
            if unknown:
                attrs["_unknown_fields"] = unknown
        return self

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Reads a JSON object with wire names (as the server sends it).

        Raises :class:`ValueError` when it does not have the spec's shape.
        """
        try:
            return cls._decode(dict(data))
        except ShapeError as e:
            raise ValueError(e.explain("")) from None

    @property
    def unknown_fields(self) -> Mapping[str, Any]:
        """Fields the server sent that this version of the spec does not know, by wire name."""
        unknown: Mapping[str, Any] = self.__dict__.get("_unknown_fields", {})
        return unknown

    def to_dict(self) -> dict[str, Any]:
        """The JSON object with wire names: decimals as strings, enums as codes,
        nested types as objects; absent fields left out."""
        out: dict[str, Any] = {}
        attrs = self.__dict__
        for f in self._layout().fields:
            value = attrs.get(f.attr, ABSENT)
            if value is ABSENT or (value is None and not f.nullable and not f.required):
                continue
            out[f.wire] = to_json(value)
        return out

    def __repr__(self) -> str:
        attrs = self.__dict__
        parts = []
        for f in self._layout().fields:
            value = attrs.get(f.attr, ABSENT)
            if value is ABSENT:
                continue
            shown = repr(REDACTED if f.sensitive and value is not None else value)
            parts.append(f"{f.attr}={shown}")
        return f"{type(self).__name__}({', '.join(parts)})"


def to_json(value: Any) -> Any:
    """A value as plain JSON data: decimals as strings, enums as codes, models as objects."""
    if value is None or isinstance(value, (bool, str, int, float)) and not isinstance(
        value, enum.Enum
    ):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def _unknown_member(enum_type: type[E], base: Any, value: Any) -> E:
    member = cast(E, base.__new__(enum_type, value))
    member._name_ = f"UNKNOWN({value!r})"
    member._value_ = value
    return member


class OpenIntEnum(enum.IntEnum):
    """An integer-coded enum that keeps codes this version does not know:
    ``LoginType(99)`` is a member whose :attr:`is_known` is ``False``."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return _unknown_member(cls, int, value)
        return None

    @property
    def is_known(self) -> bool:
        """Whether the code is one the spec lists."""
        return type(self)._value2member_map_.get(self._value_) is self


class OpenStrEnum(str, enum.Enum):
    """A string-coded enum that keeps codes this version does not know;
    ``str()`` of a member is its code."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            return _unknown_member(cls, str, value)
        return None

    def __str__(self) -> str:
        return str(self._value_)

    @property
    def is_known(self) -> bool:
        """Whether the code is one the spec lists."""
        return type(self)._value2member_map_.get(self._value_) is self
{% endraw %}