"""Hooks through which later apps feed the engine without the engine importing them.

The exemplars app knows which collectives are recognised exemplars; it registers a provider
in its AppConfig.ready():

    from guongsang.plans.engine.hooks import register_recognised_collectives
    register_recognised_collectives(lambda year: {unit ids recognised in or before year})

With no provider, the leader rule falls back to its `collective_set` criteria set, else it
asks for a person's judgement.
"""

import contextlib
from collections.abc import Callable, Iterator

Provider = Callable[[int], set[int]]
_providers: list[Provider] = []


def register_recognised_collectives(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def has_recognised_collectives() -> bool:
    return bool(_providers)


def recognised_collectives(year: int) -> set[int]:
    """The ids of units recognised as exemplary collectives for `year` (union of providers)."""
    units: set[int] = set()
    for provider in _providers:
        units |= set(provider(year))
    return units


@contextlib.contextmanager
def providers_replaced(*providers: Provider) -> Iterator[None]:
    """Only these providers (none: no provider) while the block runs — for tests and tools."""
    saved = list(_providers)
    _providers[:] = list(providers)
    try:
        yield
    finally:
        _providers[:] = saved
