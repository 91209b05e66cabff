"""Items joined into groups, pair by pair (a union-find): statements that share their
claims, claims that describe one occurrence of an event."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class Joined(Generic[T]):
    def __init__(self, items: Iterable[T]) -> None:
        self._parent: dict[T, T] = {item: item for item in items}

    def root(self, item: T) -> T:
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]  # halve the path as we go
            item = parent[item]
        return item

    def join(self, a: T, b: T) -> None:
        self._parent[self.root(b)] = self.root(a)
