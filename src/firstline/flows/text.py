"""Flow text: {placeholders} filled with what a flow collected, and a customer's answer
matched to the options they were offered."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from firstline.flows.definitions import PLACEHOLDER, Option
from firstline.search.text import tokens


def lookup(names: Mapping[str, Any], path: str) -> Any:
    current: Any = names
    for part in path.split("."):
        if isinstance(current, Mapping):
            current = current.get(part)
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return None
    return current


def render(value: Any) -> str:
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list):
        return ", ".join(render(v) for v in value)
    return str(value)


def fill(template: str, names: Mapping[str, Any]) -> str:
    return PLACEHOLDER.sub(lambda m: render(lookup(names, m.group(1))), template)


def argument(template: str, names: Mapping[str, Any]) -> Any:
    """An action argument: "{name}" alone passes the value as collected (a number stays a
    number), anything else is filled in as text."""
    whole = PLACEHOLDER.fullmatch(template)
    return lookup(names, whole.group(1)) if whole else fill(template, names)


def normal(text: str) -> str:
    return " ".join(tokens(text))


def choose(
    text: str, options: list[tuple[str, str, Any]], *, numbers: bool
) -> tuple[str, Any] | None:
    """The option a customer meant: its value, its label in any language, its number, or the
    start of exactly one label ("yes" for "Yes, restart it")."""
    if not text:
        return None
    number = re.fullmatch(r"#?\s*(\d{1,2})\s*[.)]?", text)
    if numbers and number and 1 <= int(number.group(1)) <= len(options):
        value, _, item = options[int(number.group(1)) - 1]
        return value, item
    typed = normal(text)
    prefixed = []
    for value, label, item in options:
        labels = [label]
        if isinstance(item, Option) and isinstance(item.label, dict):
            labels += list(item.label.values())
        normal_labels = [normal(x) for x in labels]
        if text.casefold() == value.casefold() or (typed and typed in normal_labels):
            return value, (None if isinstance(item, Option) else item)
        if typed and any(n.startswith(typed + " ") for n in normal_labels):
            prefixed.append((value, None if isinstance(item, Option) else item))
    if numbers and len(prefixed) == 1:
        return prefixed[0]
    return None
