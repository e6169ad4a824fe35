{{ header }}
{% raw %}"""Iterating over every item of a paged operation (the spec's ``paginate:``).

The rules, shared by every SDK of this API: the first page is the request's
page number (1 when unset); the page size is the request's (or, when unset,
the length of the first page); after each page the iterator stops when the
page is empty, when the total is known and ``(first - 1) * size + items so
far >= total``, or, without a total, when the page is shorter than the page
size. The next page is fetched only when the previous one is used up; a page
that fails (after its retries) raises where the iteration is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple


class Paginate(NamedTuple):
    """How an operation pages."""

    page: str
    """The request field (wire name) with the 1-based page number."""
    size: str
    """The request field (wire name) with the page size."""
    items: str
    """The attribute of the decoded ``data`` with the page's items."""
    total: str | None
    """The attribute of the decoded ``data`` with the number of items of all pages."""


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class Cursor:
    """Where an iteration is: which page comes next, if any."""

    __slots__ = ("first", "next", "seen", "size")

    def __init__(self, first: int | None, size: int | None) -> None:
        """An iteration from page ``first`` (default 1) with the request's size."""
        self.first = max(first if first is not None else 1, 1)
        self.size = size if size is not None and size > 0 else None
        self.seen = 0
        self.next: int | None = self.first
        """The page to fetch next; ``None`` when the iteration is over."""

    @classmethod
    def of(cls, paginate: Paginate, body: Mapping[str, Any]) -> Cursor:
        """The cursor of a request: its page number and page size."""
        return cls(_number(body.get(paginate.page)), _number(body.get(paginate.size)))

    def advance(self, length: int, total: int | None) -> None:
        """Takes in the page just fetched: its length and the answer's total."""
        page = self.next
        if page is None:
            return
        if page == self.first and self.size is None:
            self.size = length
        self.seen += length
        size = self.size or 0
        if length == 0:
            done = True
        elif total is not None:
            done = (self.first - 1) * size + self.seen >= total
        else:
            done = length < size
        self.next = None if done else page + 1


def page_of(paginate: Paginate, data: object) -> tuple[list[Any], int | None]:
    """The items and the total of one answer's ``data`` (``None``: an empty page)."""
    items = getattr(data, paginate.items, None) if data is not None else None
    total = getattr(data, paginate.total, None) if paginate.total and data is not None else None
    return (list(items) if isinstance(items, list) else []), _number(total)
{% endraw %}