"""Progress for long loops, as the library's functions take it: `progress(iterable, *, label, length)`
is a context manager yielding the iterable (the CLI passes click's progress bar on stderr, quiet
when stderr is not a TTY; library callers pass nothing)."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
Progress = Callable[..., Any]


def advancing(items: Iterable[T], progress: Progress | None, *, label: str, length: int | None = None) -> Iterator[T]:
    """`items`, one by one, with `progress`'s bar following the iteration (just `items` without one)."""
    if progress is None:
        yield from items
        return
    with progress(items, label=label, length=length) as bar:
        yield from bar
