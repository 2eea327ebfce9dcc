"""Reading a flow definition (YAML or JSON) and checking that it can run.

Errors are sentences an admin can act on ("step 'ask_email': unknown next step 'x'"), all of
them at once, so that one round of editing fixes a file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import yaml
from pydantic import ValidationError

from firstline.core.language import SUPPORTED_LANGUAGES
from firstline.flows.definitions import (
    CUSTOMER,
    KINDS,
    PLACEHOLDER,
    ActionStep,
    AskStep,
    BranchStep,
    Continuing,
    Flow,
    FlowInvalid,
    HandoverStep,
    MessageStep,
    ResolveStep,
    Text,
    VerifyStep,
)
from firstline.flows.fields import FieldType

# -- loading ---------------------------------------------------------------------------------


def parse_flow(data: Any, *, strict: bool = False) -> Flow:
    """A checked Flow from decoded YAML or JSON; FlowInvalid lists every problem.

    `strict` (the built-in flows) requires every text and the triggers in every supported
    language.
    """
    if not isinstance(data, dict):
        raise FlowInvalid(["the flow must be a mapping (YAML) or an object (JSON)"])
    try:
        flow = Flow.model_validate(data)
    except ValidationError as exc:
        raise FlowInvalid(_schema_errors(exc, data)) from None
    errors = check_flow(flow, strict=strict)
    if errors:
        raise FlowInvalid(errors)
    return flow


def read_flow_text(text: str | bytes, *, json_only: bool = False) -> Any:
    """Decoded YAML or JSON text (JSON is read as JSON, for its clearer errors)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise FlowInvalid(["the text is not UTF-8"]) from None
    if json_only or text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise FlowInvalid([f"not valid JSON: line {exc.lineno}: {exc.msg}"]) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FlowInvalid([f"not valid YAML: {where}{problem}"]) from None


def load_flow_text(text: str | bytes, *, strict: bool = False) -> Flow:
    """A checked flow from YAML or JSON text."""
    return parse_flow(read_flow_text(text), strict=strict)


def _schema_errors(exc: ValidationError, data: dict[str, Any]) -> list[str]:
    out: list[str] = []
    steps = data.get("steps")
    for err in exc.errors():
        loc = list(err["loc"])
        prefix = "flow"
        if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
            raw = steps[loc[1]] if isinstance(steps, list) and loc[1] < len(steps) else None
            sid = raw.get("id") if isinstance(raw, dict) else None
            prefix = f"step '{sid}'" if isinstance(sid, str) else f"step #{loc[1] + 1}"
            loc = loc[2:]
            if loc and loc[0] in KINDS:
                loc = loc[1:]
        # Drop the names pydantic gives the members of a union ("dict[str,str]", "str").
        path = ".".join(str(p) for p in loc if not re.search(r"[\[\]]|^(str|list)$", str(p)))
        line = f"{prefix}: {_sentence(err, path or 'value')}"
        if line not in out:
            out.append(line)
    return out


def _sentence(err: Any, path: str) -> str:
    kind = err["type"]
    given = err.get("input")
    if kind == "missing":
        return f"{path} is required"
    if kind == "extra_forbidden":
        return f"{path} is not a known field"
    if kind == "union_tag_invalid":
        return f"unknown kind {given.get('kind')!r} (use one of {', '.join(KINDS)})"
    if kind == "union_tag_not_found":
        return f"kind is required (one of {', '.join(KINDS)})"
    if kind == "string_pattern_mismatch":
        return f"{path} {given!r} must be lower-case letters, digits and _, starting with a letter"
    if kind == "value_error":
        return f"{path}: {err.get('ctx', {}).get('error', err['msg'])}"
    if kind == "enum":
        return f"{path} must be one of {err.get('ctx', {}).get('expected')}; got {given!r}"
    return f"{path}: {err['msg']}"


# -- checks ----------------------------------------------------------------------------------


def _targets(step: Any) -> Iterator[tuple[str, str]]:
    if isinstance(step, BranchStep):
        for n, case in enumerate(step.cases, start=1):
            yield f"case {n} next", case.next
        yield "else", step.else_
        return
    if getattr(step, "next", None):
        yield "next", step.next
    for attr in ("on_error", "on_fail"):
        if getattr(step, attr, None):
            yield attr, getattr(step, attr)


def successors(flow: Flow, step: Any) -> list[str]:
    out = [target for _, target in _targets(step)]
    if isinstance(step, Continuing) and step.next is None:
        following = flow.next_of(step)
        if following:
            out.append(following)
    return out


def texts_of(flow: Flow) -> Iterator[tuple[str, Text]]:
    """Every customer-facing text, with where it is (for error messages and checks)."""
    yield "flow: title", flow.title
    for s in flow.steps:
        where = f"step '{s.id}'"
        if isinstance(s, MessageStep | HandoverStep | ResolveStep | VerifyStep):
            if s.text is not None:
                yield f"{where}: text", s.text
        elif isinstance(s, AskStep):
            yield f"{where}: prompt", s.prompt
            if s.error is not None:
                yield f"{where}: error", s.error
            for option in s.choice or ():
                if isinstance(option.label, dict):
                    yield f"{where}: option '{option.value}' label", option.label
            if s.options_from is not None and isinstance(s.options_from.label, dict):
                yield f"{where}: options_from label", s.options_from.label


def check_flow(flow: Flow, *, strict: bool = False) -> list[str]:
    """Every reason the flow cannot run as written (an empty list when it can)."""
    errors: list[str] = []
    seen: set[str] = set()
    for s in flow.steps:
        if s.id in seen:
            errors.append(f"step '{s.id}': the id is used by another step")
        seen.add(s.id)
    if flow.step(flow.start_id) is None:
        errors.append(f"flow: unknown start step '{flow.start_id}'")
    for s in flow.steps:
        errors += [
            f"step '{s.id}': unknown {label} step '{target}'"
            for label, target in _targets(s)
            if flow.step(target) is None
        ]
        if isinstance(s, Continuing) and flow.next_of(s) is None:
            errors.append(
                f"step '{s.id}': nothing follows it; add `next`, or end the flow with a "
                "resolve or handover step"
            )
    errors += _check_asks(flow)
    errors += _check_texts(flow, strict=strict)
    errors += _check_names(flow)
    if not errors:  # the graph checks assume every target exists
        errors += _check_graph(flow)
    return errors


def _check_asks(flow: Flow) -> list[str]:
    errors = []
    for s in flow.steps:
        if not isinstance(s, AskStep):
            continue
        if s.choice is not None and s.options_from is not None:
            errors.append(f"step '{s.id}': use either choice or options_from, not both")
        if s.options_from is not None and s.field is not None:
            errors.append(f"step '{s.id}': options_from cannot be combined with a field")
        if s.networks is not None and s.field != FieldType.network:
            errors.append(f"step '{s.id}': networks is only for field: network")
        if s.field == FieldType.network and s.choice is not None:
            errors.append(f"step '{s.id}': a network field lists its options in networks")
        values = [o.value for o in s.choice or ()]
        if len(set(values)) != len(values):
            errors.append(f"step '{s.id}': two options have the same value")
    return errors


def _check_texts(flow: Flow, *, strict: bool) -> list[str]:
    errors = []
    languages = set(SUPPORTED_LANGUAGES)
    for where, text in texts_of(flow):
        unknown = sorted(set(text) - languages)
        if unknown:
            errors.append(
                f"{where}: unknown language {', '.join(map(repr, unknown))} "
                f"(use {', '.join(SUPPORTED_LANGUAGES)})"
            )
        if "en" not in text:
            errors.append(f"{where}: missing English text (en)")
        elif strict and (missing := [lang for lang in SUPPORTED_LANGUAGES if lang not in text]):
            errors.append(f"{where}: missing {', '.join(missing)}")
        errors += [f"{where} ({lang}): empty text" for lang, t in text.items() if not t.strip()]
    unknown = sorted(set(flow.triggers) - languages)
    if unknown:
        errors.append(f"flow: triggers: unknown language {', '.join(map(repr, unknown))}")
    if strict:
        missing = [lang for lang in SUPPORTED_LANGUAGES if not flow.triggers.get(lang)]
        if missing:
            errors.append(f"flow: triggers: missing {', '.join(missing)}")
    return errors


def collected_names(flow: Flow) -> set[str]:
    """The top-level names a flow can read: the customer and what its steps store."""
    names = {CUSTOMER}
    for s in flow.steps:
        if isinstance(s, AskStep):
            names.add(s.store or s.id)
            if s.options_from is not None and s.options_from.item:
                names.add(s.options_from.item)
        elif isinstance(s, ActionStep):
            names.add(s.store or s.id)
    return names


def _check_names(flow: Flow) -> list[str]:
    errors = []
    known = collected_names(flow)
    for s in flow.steps:
        stores = []
        if isinstance(s, AskStep | ActionStep):
            stores.append(s.store or s.id)
        if isinstance(s, AskStep) and s.options_from is not None and s.options_from.item:
            stores.append(s.options_from.item)
        if CUSTOMER in stores:
            errors.append(f"step '{s.id}': '{CUSTOMER}' is reserved; store under another name")
        used: list[str] = []
        if isinstance(s, ActionStep):
            for value in s.args.values():
                used += PLACEHOLDER.findall(value)
        elif isinstance(s, BranchStep):
            used += [case.field for case in s.cases]
        elif isinstance(s, AskStep) and s.options_from is not None:
            used.append(s.options_from.source)
        for where, text in texts_of(flow):
            if where.startswith(f"step '{s.id}':") and "options_from" not in where:
                for t in text.values():
                    used += PLACEHOLDER.findall(t)
        for name in dict.fromkeys(used):
            if name.split(".")[0] not in known:
                errors.append(f"step '{s.id}': {{{name}}} names nothing the flow collects")
    return errors


def _check_graph(flow: Flow) -> list[str]:
    errors = []
    reached = {flow.start_id}
    todo = [flow.start_id]
    while todo:
        for target in successors(flow, flow.step(todo.pop())):
            if target not in reached:
                reached.add(target)
                todo.append(target)
    errors += [
        f"step '{s.id}' is unreachable from the start step '{flow.start_id}'"
        for s in flow.steps
        if s.id not in reached
    ]
    # A loop that never waits for the customer would spin forever within one turn.
    reported: set[frozenset[str]] = set()
    for s in flow.steps:
        if isinstance(s, AskStep):
            continue
        cycle = _loop_from(flow, s.id)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            path = " -> ".join(f"'{c}'" for c in cycle)
            errors.append(
                f"steps {path} loop without an ask: the flow would never wait for the customer"
            )
    return errors


def _loop_from(flow: Flow, origin: str) -> list[str] | None:
    """A path of non-ask steps from `origin` back to itself, if there is one."""
    stack = [(origin, [origin])]
    visited: set[str] = set()
    while stack:
        current, path = stack.pop()
        for target in successors(flow, flow.step(current)):
            if target == origin:
                return [*path, origin]
            if target not in visited and not isinstance(flow.step(target), AskStep):
                visited.add(target)
                stack.append((target, [*path, target]))
    return None
