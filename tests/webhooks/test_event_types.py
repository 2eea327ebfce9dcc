"""Every event the product emits can be subscribed to: the list in webhooks/rules.py is kept by
hand, and an event added to a domain without it would silently never reach an integration."""

from __future__ import annotations

import importlib
import pkgutil

import firstline
from firstline.core.events import Event
from firstline.webhooks.rules import EVENT_TYPES


def _subclasses(cls: type[Event]) -> set[type[Event]]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_event_type_is_subscribable() -> None:
    for module in pkgutil.walk_packages(firstline.__path__, "firstline."):
        if ".migrations." in module.name or module.name.endswith("__main__"):
            continue
        importlib.import_module(module.name)
    emitted = {cls.type for cls in _subclasses(Event)}
    assert emitted, "no event classes found"
    assert emitted - set(EVENT_TYPES) == set()
