"""Results derived from a corpus's frames, kept while those frames live.

The frames of a loaded corpus are shared read-only by every session (pages/ui/data.py), so
what every query derives from them alone (actor -> type, the events' actors in one column, the
sidebar's actor list) is computed once per frame object, not on every filter change. Entries are
keyed by the identity of the frames and dropped when one of them is garbage-collected.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence

_CACHE: dict[tuple, tuple[list, object]] = {}


def cached(objects: Sequence[object], name: str, build: Callable[[], object]):
    """`build()`, computed once for this `name` and these exact `objects` (None allowed)."""
    key = (name, *(id(o) for o in objects))
    hit = _CACHE.get(key)
    if hit is not None and all((r is None and o is None) or (r is not None and r() is o)
                               for r, o in zip(hit[0], objects)):
        return hit[1]
    value = build()
    refs = []
    for o in objects:
        if o is None:
            refs.append(None)
            continue
        refs.append(weakref.ref(o, lambda _ref, key=key: _CACHE.pop(key, None)))
    _CACHE[key] = (refs, value)
    return value
