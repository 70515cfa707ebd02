"""Shared pieces of the generator: the unit tree's Node, the run's Figures, cached text folding."""

from dataclasses import dataclass, field
from functools import cache

from guongsang.common.text import fold, person_sort_key


@dataclass
class Node:
    id: int
    name: str
    kind: str
    path: str
    depth: int
    code: str = ""
    short_name: str = ""
    children: list = field(default_factory=list)
    body: "Node | None" = None  # the province-level body (depth 2) it belongs to


@dataclass
class Figures:
    units: int = 0
    people: int = 0
    households: int = 0
    title_records: int = 0
    phases: list = field(default_factory=list)


@cache
def cached_fold(text: str) -> str:
    return fold(text)


@cache
def cached_person_sort_key(full_name: str) -> str:
    return person_sort_key(full_name)
